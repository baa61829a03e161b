"""Fidelity policies for ``provenance check``: what each kind of edit does to a reprint's verdict.

**Default policy.** ``check`` fails a reprint on what changes the story's meaning:

* ``quote``: words inside quotation marks changed, or a passage containing a quotation inserted or
  deleted (an invented quote never passes; a cut tail is ``truncated``, not a deleted quote).
  *Quotation marks removed* around quoted words (``change = "marks_removed"``) only warns: the words
  are the source's, but no longer presented as someone's. Marks *added* around three words or more
  that the source does not quote fail (``marks_added``: a paraphrase made someone's words); around
  fewer they are scare quotes (``scare_quotes``, warn);
* ``number``: a value changed, compared as whole values in any digit script and grouping and in
  words (13,000 -> 31,000; "close to half" -> "close to a third"); 13,000 -> 13 000 is only
  ``number_format``;
* ``date``: a weekday, day, month or year changed ("on Friday" -> "on Thursday");
* ``negation`` ("will not export" -> "will export") and ``polarity`` (a word replaced by its opposite
  from ``provenance/data/polarity.txt``: refused/agreed, rose/fell);
* ``hedge``: a hedge removed ("are suspected of minimising" -> "are minimising", from
  ``provenance/data/hedges.txt``), the claim stated as fact; a hedge added only warns;
* ``entity``: a person, organisation, place or nationality replaced by another. A proper name
  respelled (``change = "respelled"``: Mikolaenko -> Mikolayenko) only warns: transliterations
  differ between outlets;
* ``attribution``: who said it changed (a quote's speaker replaced, two names swapped around a
  speech verb), the credit given to another agency ("told AFP" -> "told Reuters"), or the agency no
  longer credited anywhere in the reprint. A credit removed in one place while another survives
  ("told AFP" dropped, the dateline kept) only warns.

It warns on ``inserted`` (text the source does not have, outside page furniture: the note quotes its
first words), ``dateline`` (the "Moscow (AFP) -" line removed or rewritten), ``truncated`` (the tail
cut), ``deleted`` (a paragraph or sentence dropped) and ``rewrite`` (other rewording outside
quotes). It allows everything else: house style (``spelling``, ``abbreviation``, ``punctuation``,
``whitespace``, ``number_format``, ``function_word``, ``title``, ``name_expansion``, inside
quotations too), ``boilerplate``, ``headline``, ``moved`` and ``duplicated``. Two rules hold whatever
the policy: a reprint that shares no wire text with the source fails (``unrelated``), and so does one
that cuts more of the source than ``[cut] max_share`` allows (``cut``).

**Policy file** (``--policy FILE``), TOML; every section and key is optional::

    [rules]                  # edit kind = "fail" | "warn" | "allow"; kinds not listed keep the default
    quote = "fail"
    rewrite = "allow"
    spelling = "warn"

    [credit]
    agencies = ["AFP", "Agence France-Presse", "Agence France Presse"]

    [cut]
    max_share = 0.5          # a reprint may drop at most this share of the source's words (0 to 1)

``[rules]`` takes the edit kinds of ``provenance.model.EDIT_KINDS`` (the ``kind`` of each edit in
``provenance trace --format json``). ``[credit] agencies`` lists the names that count as crediting
the agency; the credit rule applies when the source names one of them and fails the reprint when
none of them appears anywhere in it (its text, or the byline of an HTML or JSON Lines input).
When the source names none of them (a Reuters-only policy against an AFP story), the rule is
not applied and each reprint gets a ``credit`` warning saying so. An
agency credit removed in one place while another survives ("told AFP" dropped, the dateline kept)
is only a warning. Without ``agencies``, the names are the agency of the source's dateline and its
other names in ``provenance/data/agencies.txt`` (or, with no dateline, every agency the source
names). ``[cut] max_share`` (default 0.5) counts the source words in ``deleted`` and ``truncated``
edits. Any other section, key, kind or action is an error: ``check`` prints one line and exits
with code 2.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from ..model import EDIT_KINDS

__all__ = ["Policy", "PolicyError", "DEFAULT_POLICY", "DEFAULT_RULES", "load_policy", "ACTIONS", "SOFT_CHANGES"]

ACTIONS = ("fail", "warn", "allow")
#: The default action of every edit kind (module docstring).
DEFAULT_RULES: Mapping[str, str] = MappingProxyType({kind: "allow" for kind in EDIT_KINDS} | {
    "quote": "fail", "number": "fail", "negation": "fail", "attribution": "fail",
    "entity": "fail", "date": "fail", "polarity": "fail", "hedge": "fail",
    "dateline": "warn", "truncated": "warn", "deleted": "warn", "rewrite": "warn", "inserted": "warn",
})
#: Changes of a failing kind that only warn under the default policy, by (kind, Edit.change): the
#: words are the source's but shown differently (quotation marks removed; a name transliterated).
#: A policy file that sets the kind explicitly applies its action to these as well.
SOFT_CHANGES: Mapping[tuple[str, str], str] = MappingProxyType({
    ("quote", "marks_removed"): "warn", ("quote", "scare_quotes"): "warn", ("entity", "respelled"): "warn",
    ("hedge", "added"): "warn",
})
_SECTIONS = {"rules": None, "credit": ("agencies",), "cut": ("max_share",)}


class PolicyError(ValueError):
    """A policy file that cannot be used; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class Policy:
    """What ``check`` does with each edit kind.

    ``rules`` maps every kind of ``EDIT_KINDS`` to ``fail``, ``warn`` or ``allow``; ``agencies``
    lists the names that count as an agency credit (empty: derived from the source, see the module
    docstring); ``max_cut`` is the largest share (0..1) of the source's words a reprint may cut.
    """

    # a read-only mapping, shared: no Policy can change another's rules
    rules: Mapping[str, str] = field(default_factory=lambda: DEFAULT_RULES)
    agencies: tuple[str, ...] = ()
    max_cut: float = 0.5
    #: kinds the policy file set explicitly: their action holds for every change of the kind
    explicit: frozenset[str] = frozenset()

    def action(self, kind: str, change: str = "") -> str:
        """The action for an edit kind (``allow`` for a kind the policy does not know), and for a
        change of it (:data:`SOFT_CHANGES`) unless the policy file set the kind itself."""
        action = self.rules.get(kind, "allow")
        if change and kind not in self.explicit and action == "fail":
            return SOFT_CHANGES.get((kind, change), action)
        return action


DEFAULT_POLICY = Policy()


def _unknown(name: str, where: str, what: str, key: str, known) -> PolicyError:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"
    return PolicyError(f"{name}: {where}unknown {what} {key!r}{hint}")


def load_policy(text: str, name: str = "policy") -> Policy:
    """Parse a TOML policy (module docstring) on top of the default policy.

    Raises :class:`PolicyError` with a one-line message on invalid TOML and on any unknown section,
    key, edit kind or action, or a value of the wrong type; :class:`TypeError` if ``text`` is not a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"load_policy: text must be a str (the TOML), not {type(text).__name__}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{name}: not valid TOML: {' '.join(str(exc).split())}") from None
    for section, value in data.items():
        if section not in _SECTIONS:
            raise _unknown(name, "", "section", section, list(_SECTIONS))
        if not isinstance(value, dict):
            raise PolicyError(f"{name}: {section} must be a table ([{section}])")
        for key in value:
            if _SECTIONS[section] is not None and key not in _SECTIONS[section]:
                raise _unknown(name, f"[{section}] ", "key", key, _SECTIONS[section])
    rules = dict(DEFAULT_RULES)
    for kind, action in data.get("rules", {}).items():
        if kind not in EDIT_KINDS:
            raise _unknown(name, "[rules] ", "edit kind", kind, list(EDIT_KINDS))
        if action not in ACTIONS:
            raise PolicyError(f"{name}: [rules] {kind} = {action!r}: the action must be one of {', '.join(ACTIONS)}")
        rules[kind] = action
    agencies = data.get("credit", {}).get("agencies", [])
    if not isinstance(agencies, list) or not all(isinstance(a, str) and a.strip() for a in agencies):
        raise PolicyError(f"{name}: [credit] agencies must be a list of names, e.g. [\"AFP\", \"Agence France-Presse\"]")
    max_cut = data.get("cut", {}).get("max_share", DEFAULT_POLICY.max_cut)
    # bool is an int in Python; `max_share = true` is a mistake, not 1
    if isinstance(max_cut, bool) or not isinstance(max_cut, (int, float)) or not 0 <= max_cut <= 1:
        raise PolicyError(f"{name}: [cut] max_share must be a number from 0 to 1, not {max_cut!r}")
    return Policy(MappingProxyType(rules), tuple(dict.fromkeys(a.strip() for a in agencies)), float(max_cut),
                  frozenset(data.get("rules", {})))
