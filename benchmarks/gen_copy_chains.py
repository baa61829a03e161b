"""Copies of copies (issue #15): trees of reprints to depth 3 from a real article, with known parents.

Independent of ``provenance`` (it only writes texts), so tests and benchmarks can both use it::

    chain = make_copy_chain(text, random.Random(seed), other_paragraphs)
    chain.texts    # {"n0": original, "n1": ..., ...}
    chain.parents  # {"n1": "n0", ...}: the true copy tree (n0 is the original)

Every copy keeps its parent's edits and adds its own, drawn from: name expansions (a capitalised
name gains a given name or a title), a spelling change (US -> UK endings), one changed word, an
added paragraph (real text from another article), the parent's page furniture dropped or replaced
by a masthead and footer of its own, and a tail cut (the last paragraph or two). The original is
the article body as given, without furniture. Ids are neutral (``n0``.. in breadth-first order);
callers shuffle them before tracing.

Two copies on different branches can make the same edit independently (the first "said" becomes
"stated" in both, both add the same paragraph at the same place): such a shared change looks
inherited, and no method can tell it from inheritance. ``distinct=True`` makes every copy's own
edits unique in its tree (a word or spelling change at a position no other copy changed, a name
no other copy expanded, a paragraph no other copy added), which measures what is identifiable.
"""

from __future__ import annotations

import random
import re
from functools import partial
from dataclasses import dataclass, field

__all__ = ["CopyChain", "make_copy_chain", "OUTLETS"]

OUTLETS = ("The Harbour Gazette", "Northern Courier", "Daily Ledger", "City Wire Review", "The Valley Post",
           "Morning Dispatch", "Coastal Times", "The Evening Record")
_GIVEN = ("John", "Maria", "Ahmed", "Elena", "Li", "Peter", "Anna", "Carlos")
_TITLES = ("Mr.", "Dr.", "President", "Minister", "Professor")
_SWAPS = (("said", "stated"), ("big", "large"), ("about", "around"), ("help", "assist"), ("show", "reveal"),
          ("start", "begin"), ("buy", "purchase"), ("need", "require"), ("also", "additionally"), ("very", "highly"))
_SPELLING = ((r"(\w{3,})ize\b", r"\1ise"), (r"(\w{3,})yze\b", r"\1yse"), (r"\bcolor", "colour"),
             (r"(\w{3,})ization\b", r"\1isation"), (r"\bcenter", "centre"), (r"(\w{2,})or\b", r"\1our"))


@dataclass(frozen=True)
class CopyChain:
    """Texts by id and the true parent of each copy (the original, ``n0``, has none)."""

    texts: dict = field(default_factory=dict)
    parents: dict = field(default_factory=dict)
    edits: dict = field(default_factory=dict)  # id -> the edit operations applied to its parent


@dataclass(frozen=True)
class _Node:
    masthead: tuple[str, ...]
    body: tuple[str, ...]
    footer: tuple[str, ...]

    def text(self) -> str:
        return "\n\n".join(self.masthead + self.body + self.footer) + "\n"


def _names(body: tuple[str, ...]) -> list[str]:
    """Capitalised words inside sentences (not sentence-initial): candidate names."""
    found = set()
    for para in body:
        for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b", para):
            found.add(m.group(1))
    return sorted(found)


def _expand_name(body, rng, exclude=()):
    names = [n for n in _names(body) if n not in exclude]
    if not names:
        return body, None
    name = rng.choice(names)
    prefix = rng.choice(_GIVEN + _TITLES)
    # every occurrence not already preceded by a capitalised word or a title ("Vladimir Putin",
    # "Mr. Putin"); the earlier lookbehind (?<![A-Za-z.] ) also refused any name after a lower-case
    # word ("said Putin"), so most expansions changed nothing
    pat = re.compile(rf"\b{name}\b")

    def expand(m: re.Match) -> str:
        before = m.string[: m.start()]
        prev = before.split()[-1] if before.endswith(" ") and before.split() else ""
        return m.group(0) if prev[:1].isupper() else f"{prefix} {name}"

    out = tuple(pat.sub(expand, p) for p in body)
    return out, (f"expand {name} -> {prefix} {name}" if out != body else None)


def _spelling(body, rng):
    order = list(_SPELLING)
    rng.shuffle(order)
    for pat, rep in order:
        if any(re.search(pat, p) for p in body):
            return tuple(re.sub(pat, rep, p, count=1) for p in body), f"spelling {pat}"
    return body, None


def _change_word(body, rng):
    options = [(a, b) for a, b in _SWAPS if any(re.search(rf"\b{a}\b", p) for p in body)]
    if options:
        a, b = rng.choice(options)
        k = rng.choice([i for i, p in enumerate(body) if re.search(rf"\b{a}\b", p)])
        return body[:k] + (re.sub(rf"\b{a}\b", b, body[k], count=1),) + body[k + 1 :], f"word {a} -> {b}"
    # no listed word: replace one long word by another long word of the text
    words = sorted({w for p in body for w in re.findall(r"\b[a-z]{7,}\b", p)})
    if len(words) < 2:
        return body, None
    a, b = rng.sample(words, 2)
    k = rng.choice([i for i, p in enumerate(body) if re.search(rf"\b{a}\b", p)])
    return body[:k] + (re.sub(rf"\b{a}\b", b, body[k], count=1),) + body[k + 1 :], f"word {a} -> {b}"


def _distinct_change(body, rng, used: set, options):
    """One change drawn from ``options`` (pattern, replacement, label) at a position not in ``used``."""
    # a position is its word and the 40 characters before it: the same occurrence on two branches
    found = [(k, m, rep, label) for pat, rep, label in options for k, para in enumerate(body)
             for m in re.finditer(pat, para) if _at(para, m) not in used]
    if not found:
        return body, None
    k, m, rep, label = rng.choice(found)
    used.add(_at(body[k], m))
    para = body[k]
    return body[:k] + (para[: m.start()] + m.expand(rep) + para[m.end():],) + body[k + 1 :], label


def _at(para: str, m: re.Match) -> tuple[str, str]:
    return ("at", para[max(0, m.start() - 40) : m.end()])


def _change_word_distinct(body, rng, used):
    options = [(rf"\b{a}\b", b, f"word {a} -> {b}") for a, b in _SWAPS]
    words = sorted({w for p in body for w in re.findall(r"\b[a-z]{7,}\b", p)})
    options += [(rf"\b{a}\b", b, f"word {a} -> {b}") for a, b in zip(words, words[1:] + words[:1]) if a != b]
    return _distinct_change(body, rng, used, options)


def _spelling_distinct(body, rng, used):
    return _distinct_change(body, rng, used, [(pat, rep, f"spelling {pat}") for pat, rep in _SPELLING])


def _expand_name_distinct(body, rng, used):
    exclude = {x[1] for x in used if x[0] == "name"}
    out, what = _expand_name(body, rng, exclude)
    if what:
        used.add(("name", what.split()[1]))
    return out, what


def _add_paragraph(body, rng, others, used=None):
    if not others:
        return body, None
    para = rng.choice(others)
    if used is not None:
        used.add(("paragraph", para))
    k = rng.randint(1, max(1, len(body) - 1))
    return body[:k] + (para,) + body[k:], "paragraph added"


def _add_paragraph_distinct(body, rng, others, used):
    return _add_paragraph(body, rng, [p for p in others if ("paragraph", p) not in used], used)


def _cut_tail(body, rng):
    if len(body) < 5:
        return body, None
    n = rng.choice((1, 2))
    return body[:-n], f"tail cut ({n} paragraphs)"


def _copy(parent: _Node, rng: random.Random, others, outlet: str, used: set | None = None) -> tuple[_Node, list[str]]:
    """``used``: positions, names and paragraphs other copies of the tree changed (``distinct``)."""
    body, done = parent.body, []
    if used is None:
        ops = [_expand_name, _spelling, _change_word, _cut_tail, _expand_name]
        add = _add_paragraph
    else:
        ops = [partial(f, used=used) for f in (_expand_name_distinct, _spelling_distinct, _change_word_distinct)]
        ops = [ops[0], ops[1], ops[2], _cut_tail, ops[0]]
        add = partial(_add_paragraph_distinct, used=used)
    rng.shuffle(ops)
    for op in ops[: rng.randint(2, 4)]:
        body, what = op(body, rng)
        if what:
            done.append(what)
    if rng.random() < 0.5:
        body, what = add(body, rng, others)
        if what:
            done.append(what)
    if not done:  # every copy changes something of its own
        body, what = add(body, rng, others) if others else (body + (f"Reporting by {outlet}.",), "credit")
        done.append(what or "credit")
    furniture = rng.random()
    if furniture < 0.2 and parent.masthead:
        masthead, footer = parent.masthead, parent.footer
        done.append("furniture kept")
    elif furniture < 0.35:
        masthead, footer = (), ()
        done.append("furniture dropped")
    else:
        masthead = (f"{outlet} | News",)
        footer = (f"Copyright {outlet}. All rights reserved. Subscribe to {outlet} for more.",)
        done.append(f"furniture replaced ({outlet})")
    return _Node(masthead, body, footer), done


def make_copy_chain(text: str, rng: random.Random, others: list[str] | tuple[str, ...] = (),
                    depth: int = 3, max_children: int = 2, distinct: bool = False) -> CopyChain:
    """A copy tree to ``depth`` levels below the original ``text`` (paragraphs split on blank lines).

    The original has one or two copies; each copy above the last level has 0 to ``max_children``
    copies, and at least one branch reaches ``depth``. ``others`` are paragraphs from other
    articles, used as added paragraphs. ``distinct``: each copy's own edits are unique in the tree
    (module docstring). Deterministic for a given ``rng`` state.
    """
    used = set() if distinct else None
    body = tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    nodes = {"n0": _Node((), body, ())}
    parents, edits = {}, {}
    outlets = list(OUTLETS)
    rng.shuffle(outlets)
    level, frontier, count = 0, ["n0"], 1
    while level < depth and frontier:
        nxt = []
        for k, pid in enumerate(frontier):
            lo = 1 if k == 0 else 0  # the first node of each level has a copy: the tree reaches ``depth``
            for _ in range(rng.randint(lo, 1 if level == 0 and rng.random() < 0.5 else max_children)):
                cid = f"n{count}"
                nodes[cid], edits[cid] = _copy(nodes[pid], rng, others, outlets[count % len(outlets)], used)
                parents[cid] = pid
                nxt.append(cid)
                count += 1
        frontier, level = nxt, level + 1
    return CopyChain({k: n.text() for k, n in nodes.items()}, parents, edits)
