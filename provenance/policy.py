"""Fidelity policies for ``provenance check``: what each kind of edit does to the verdict.

A policy file is TOML::

    # examples/policy.toml
    [rules]                 # edit kind -> "fail" | "warn" | "allow" (kinds not listed keep the default)
    quote = "fail"
    number = "fail"
    negation = "fail"
    attribution = "fail"    # a speaker changed, or the agency credit gone from the whole reprint
    dateline = "warn"
    truncated = "warn"
    deleted = "warn"
    rewrite = "warn"

    [credit]
    agencies = ["AFP", "Agence France-Presse"]   # names that count as crediting the agency

    [cut]
    max_share = 0.5         # fail when a reprint drops more than this share of the source's text

Default: fail on ``quote``, ``number``, ``negation`` and ``attribution``; warn on ``dateline``,
``truncated``, ``deleted`` and ``rewrite``; allow everything else (style edits, boilerplate,
headlines, titles, name expansions, moves and duplicates). An agency credit removed in one place
is an ``attribution`` failure only when no listed agency is credited anywhere else in the reprint;
otherwise it is a warning. The agencies default to every name in ``provenance/data/agencies.txt``
that the source itself mentions.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .model import EDIT_KINDS

__all__ = ["Policy", "PolicyError", "DEFAULT_POLICY", "load_policy", "ACTIONS"]

ACTIONS = ("fail", "warn", "allow")
_DEFAULT_RULES = {kind: "allow" for kind in EDIT_KINDS} | {
    "quote": "fail", "number": "fail", "negation": "fail", "attribution": "fail",
    "dateline": "warn", "truncated": "warn", "deleted": "warn", "rewrite": "warn",
}


class PolicyError(ValueError):
    """A policy file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Policy:
    """Per-kind actions, the agency names that count as a credit (empty: those the source names),
    and the largest share of the source a reprint may cut (0..1)."""

    rules: Mapping[str, str] = field(default_factory=lambda: MappingProxyType(dict(_DEFAULT_RULES)))
    agencies: tuple[str, ...] = ()
    max_cut: float = 0.5

    def action(self, kind: str) -> str:
        return self.rules.get(kind, "allow")


DEFAULT_POLICY = Policy()


def load_policy(text: str, name: str = "policy") -> Policy:
    """Parse a TOML policy (module docstring). Raises :class:`PolicyError` on any unknown key or value."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{name}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"rules", "credit", "cut"})
    if unknown:
        raise PolicyError(f"{name}: unknown section [{unknown[0]}] (known: rules, credit, cut)")
    rules = dict(_DEFAULT_RULES)
    for kind, action in (data.get("rules") or {}).items():
        if kind not in EDIT_KINDS:
            raise PolicyError(f"{name}: [rules] unknown edit kind {kind!r}")
        if action not in ACTIONS:
            raise PolicyError(f"{name}: [rules] {kind} = {action!r}; use one of {', '.join(ACTIONS)}")
        rules[kind] = action
    credit = data.get("credit") or {}
    if set(credit) - {"agencies"}:
        raise PolicyError(f"{name}: [credit] takes only 'agencies'")
    agencies = credit.get("agencies", [])
    if not isinstance(agencies, list) or not all(isinstance(a, str) and a.strip() for a in agencies):
        raise PolicyError(f"{name}: [credit] agencies must be a list of names")
    cut = data.get("cut") or {}
    if set(cut) - {"max_share"}:
        raise PolicyError(f"{name}: [cut] takes only 'max_share'")
    max_cut = cut.get("max_share", DEFAULT_POLICY.max_cut)
    if not isinstance(max_cut, (int, float)) or not 0 <= max_cut <= 1:
        raise PolicyError(f"{name}: [cut] max_share must be a number from 0 to 1")
    return Policy(MappingProxyType(rules), tuple(a.strip() for a in agencies), float(max_cut))
