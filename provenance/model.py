"""The one data model every output format consumes.

Records are frozen dataclasses. The chain is::

    Document  --tokenize-->  Token*          (character offsets into Document.text)
    (Document, Document)  --align-->  Alignment of Block*   (token ranges on both sides)
    Alignment  --classify-->  Edit*          (typed, with severity and a note)
    Edge(parent, child, Alignment, Edit*)  and  Story(documents, source, tree=Edge*)

Invariants (tested, including with Hypothesis):

* ``Token.start < Token.end`` and ``Document.text[t.start:t.end] == t.text``; tokens are sorted and do
  not overlap.
* An ``Alignment``'s blocks, in order, tile the child's token range ``[0, len(child.tokens))`` with
  no gap and no overlap (``j1`` of each block is ``j2`` of the previous).
* The blocks whose ``move`` is not ``"duplicated"``, sorted by ``i1``, tile the parent's token range.
  A duplicated block re-reads parent tokens that another block already covers.
* Character spans follow from token ranges: a token owns the whitespace that follows it and the first
  token also owns leading whitespace (see :meth:`Document.char_span`). Hence both texts can be rebuilt
  byte for byte from the blocks (:meth:`Alignment.rebuild_parent`, :meth:`Alignment.rebuild_child`).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Optional

Tag = Literal["equal", "replace", "delete", "insert"]
Move = Optional[Literal["moved", "duplicated"]]
Severity = Literal["style", "editorial", "substantive"]

#: Every edit kind, with its severity. The classifier emits only these.
EDIT_KINDS: dict[str, str] = {
    # style
    "spelling": "style",
    "abbreviation": "style",
    "punctuation": "style",
    "whitespace": "style",
    "number_format": "style",
    "function_word": "style",
    "name_expansion": "style",
    "title": "style",
    # editorial
    "boilerplate": "editorial",
    "headline": "editorial",
    "dateline": "editorial",
    "inserted": "editorial",
    "deleted": "editorial",
    "truncated": "editorial",
    "moved": "editorial",
    "duplicated": "editorial",
    "rewrite": "editorial",
    # substantive
    "quote": "substantive",
    "number": "substantive",
    "negation": "substantive",
    "attribution": "substantive",
    "entity": "substantive",
    "date": "substantive",
    "polarity": "substantive",
    "hedge": "substantive",
}
SEVERITIES = ("style", "editorial", "substantive")

#: Kind groups, one definition each (decisions test membership, never notes).
#: Text a page wraps around an article: it says nothing about who copied whom.
FURNITURE_KINDS = ("boilerplate", "headline", "dateline")
#: Article text found elsewhere in the other document.
MOVE_KINDS = ("moved", "duplicated")
#: Source text the reprint does not carry.
CUT_KINDS = ("deleted", "truncated")
#: House style: the same story, written another way.
STYLE_KINDS = tuple(k for k, sev in EDIT_KINDS.items() if sev == "style")
#: Kinds that change what the story says.
SUBSTANTIVE_KINDS = tuple(k for k, sev in EDIT_KINDS.items() if sev == "substantive")
#: Values of :attr:`Edit.direction`: the reprint has more (``added``) or less (``removed``) of it.
DIRECTIONS = ("added", "removed", "")

#: Token kinds that carry words (the rest are quotation marks and punctuation). Alignment, edit
#: rules, the fidelity check and fingerprints all count these.
WORD_KINDS = frozenset(("word", "number", "abbrev"))


class Token(NamedTuple):
    """One token: its surface form, its normalised form and its character span ``[start, end)``.

    ``kind`` is one of ``word``, ``number``, ``abbrev``, ``quote`` or ``punct``. Immutable; a named
    tuple rather than a dataclass because documents hold hundreds of thousands of them and a tuple
    is several times cheaper to build.
    """

    text: str
    norm: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Document:
    """A text with its tokens. ``id`` is the name the user gave it (a path, ``-`` or an index id).

    ``text`` is the text as read (after decoding); offsets everywhere refer to it. Newline styles
    (``\\r\\n``, ``\\r``) are normalised where they matter (paragraph breaks) rather than by
    rewriting the text, so offsets stay valid for the user's file. ``meta`` holds
    optional metadata (``title``, ``date``, ``outlet``, ``url``, ``byline``) from rich inputs.
    """

    id: str
    text: str
    tokens: tuple[Token, ...]
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    #: memo of derived views (paragraph starts, sentences, quote mask): pure functions of the
    #: immutable text and tokens, computed once per document however many pairs it is in. Not an
    #: argument: a copy (``dataclasses.replace``, ``copy``, pickling) starts with an empty memo,
    #: as a copy with another text must not read this one's views, and the memo may hold
    #: functions that cannot be pickled
    memo: dict = field(default_factory=dict, init=False, compare=False, hash=False, repr=False)

    def __reduce__(self):
        return (type(self), (self.id, self.text, self.tokens, self.meta))

    def derived(self, key, compute):
        """``compute(self)`` memoised under ``key`` (the result must not be mutated)."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = compute(self)
            return value

    def char_span(self, i1: int, i2: int) -> tuple[int, int]:
        """Character span of the token range ``[i1, i2)``, whitespace included (see module doc)."""
        n = len(self.tokens)
        if i1 >= i2:
            pos = self._boundary(i1)
            return pos, pos
        start = 0 if i1 == 0 else self.tokens[i1].start
        return start, self._boundary(i2)

    def _boundary(self, i: int) -> int:
        if i <= 0:
            return 0
        if i >= len(self.tokens):
            return len(self.text)
        return self.tokens[i].start

    def token_text(self, i1: int, i2: int) -> str:
        """The text of tokens ``[i1, i2)`` from the first token's start to the last token's end."""
        if i1 >= i2:
            return ""
        return self.text[self.tokens[i1].start : self.tokens[i2 - 1].end]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset. An offset past the text's last line break (the
        empty span where a cut tail was, at the end) is on the last line, not on one the file lacks."""
        line = self.text.count("\n", 0, offset) + 1
        if line > 1 and not self.text[offset:].strip() and not self.text[self.text.rfind("\n", 0, offset) + 1 : offset].strip():
            # nothing on this line up to the offset, nor after it: the last line with text
            return self.text.count("\n", 0, len(self.text.rstrip())) + 1
        return line


@dataclass(frozen=True, slots=True)
class Block:
    """One opcode over both token sequences, in the style of ``difflib`` (tag, i1, i2, j1, j2).

    ``i`` indexes the parent's tokens, ``j`` the child's. ``move`` is ``"moved"`` when the block's
    parent text appears elsewhere in the child's order, ``"duplicated"`` when it repeats parent text
    that another block already covers, else ``None``.
    """

    tag: Tag
    i1: int
    i2: int
    j1: int
    j2: int
    move: Move = None


@dataclass(frozen=True)
class Alignment:
    """The blocks aligning ``parent`` to ``child``, with the invariants of the module docstring.

    ``approximate`` is true when a word diff hit its time limit and a region was left as a plain
    replace; ``warnings`` says where. An alignment is never truncated silently.

    ``sentence_pairs`` holds, in child order, the token ranges ``(i1, i2, j1, j2)`` of the rewritten
    sentence pairs :func:`provenance.align.paraphrase_refine.refine_paraphrase` word-aligned (empty
    otherwise); every block lies inside one pair or outside all of them, and views give each pair a
    row of its own.
    """

    parent: Document
    child: Document
    blocks: tuple[Block, ...]
    approximate: bool = False
    warnings: tuple[str, ...] = ()
    sentence_pairs: tuple[tuple[int, int, int, int], ...] = ()

    def parent_span(self, b: Block) -> tuple[int, int]:
        return self.parent.char_span(b.i1, b.i2)

    def child_span(self, b: Block) -> tuple[int, int]:
        return self.child.char_span(b.j1, b.j2)

    def rebuild_parent(self) -> str:
        spans = sorted(
            (self.parent_span(b) for b in self.blocks if b.move != "duplicated" and b.i1 < b.i2)
        )
        text = self.parent.text
        return (text[: spans[0][0]] if spans else text) + "".join(text[s:e] for s, e in spans)

    def rebuild_child(self) -> str:
        text = self.child.text
        spans = [self.child_span(b) for b in self.blocks if b.j1 < b.j2]
        return (text[: spans[0][0]] if spans else text) + "".join(text[s:e] for s, e in spans)

    @property
    def matched_tokens(self) -> int:
        """Tokens of the child that are equal to parent tokens (moved and duplicated included)."""
        return sum(b.j2 - b.j1 for b in self.blocks if b.tag == "equal")

    def shared_parent(self) -> float:
        """Share of the parent's tokens that reappear in the child (0..1)."""
        n = len(self.parent.tokens)
        if not n:
            return 0.0
        covered = set()
        for b in self.blocks:
            if b.tag == "equal":
                covered.update(range(b.i1, b.i2))
        return len(covered) / n

    def shared_child(self) -> float:
        """Share of the child's tokens that come from the parent (0..1)."""
        n = len(self.child.tokens)
        return self.matched_tokens / n if n else 0.0

    def reversed(self) -> "Alignment":
        """The same correspondence read the other way: ``child`` as the parent of ``parent``.

        Inserts become deletes and the reverse; moved blocks stay moved. A duplicated block (the
        child repeats parent text) becomes a delete of that repeat, placed after the text it
        repeats. The result satisfies every invariant of the module docstring, so both texts still
        rebuild exactly; it costs one pass over the blocks, against a new alignment's diffs.
        """
        flipped = {"insert": "delete", "delete": "insert"}
        tiles: list[Block] = []  # blocks with text in the new child: they tile it, in order
        gaps: list[tuple[int, int, Block]] = []  # (position, order, block) of the others
        for seq, b in enumerate(self.blocks):
            if b.move == "duplicated":
                gaps.append((b.i2, seq, Block("delete", b.j1, b.j2, b.i2, b.i2)))
            elif b.i1 < b.i2:
                tiles.append(Block(flipped.get(b.tag, b.tag), b.j1, b.j2, b.i1, b.i2, b.move))
            else:
                gaps.append((b.i1, seq, Block("delete", b.j1, b.j2, b.i1, b.i1, b.move)))
        tiles.sort(key=lambda blk: blk.j1)
        ends = [blk.j2 for blk in tiles]
        slots: dict[int, list[Block]] = {}  # tile index -> empty blocks placed before it
        for pos, _, blk in sorted(gaps):
            # an empty block goes between tiles: the first tile boundary at or after its position
            k = bisect_left(ends, pos)
            k = k + 1 if k < len(ends) and tiles[k].j1 < pos else k
            at = tiles[k].j1 if k < len(tiles) else len(self.parent.tokens)
            slots.setdefault(k, []).append(Block(blk.tag, blk.i1, blk.i2, at, at, blk.move))
        ordered: list[Block] = []
        for k in range(len(tiles) + 1):
            ordered.extend(slots.get(k, ()))
            if k < len(tiles):
                ordered.append(tiles[k])
        pairs = tuple(sorted((j1, j2, i1, i2) for i1, i2, j1, j2 in self.sentence_pairs))
        return Alignment(self.child, self.parent, tuple(merge_blocks(ordered)), self.approximate, self.warnings,
                         pairs)


def merge_blocks(blocks) -> list[Block]:
    """Adjacent blocks of one tag and move that continue each other on both sides, joined."""
    out: list[Block] = []
    for blk in blocks:
        if out:
            last = out[-1]
            if last.tag == blk.tag and last.move == blk.move and last.i2 == blk.i1 and last.j2 == blk.j1:
                out[-1] = Block(blk.tag, last.i1, blk.i2, last.j1, blk.j2, blk.move)
                continue
        out.append(blk)
    return out


@dataclass(frozen=True, slots=True)
class Edit:
    """A typed change from parent to child.

    Spans are character offsets (``[start, end)``) into each document's text; an empty span marks
    the position of an insertion or deletion. ``blocks`` are the indexes of the alignment blocks
    this edit covers (several adjacent blocks may form one edit).

    ``note`` is for people only. Code decides on the structured fields:

    * ``direction`` (:data:`DIRECTIONS`): ``added`` when the reprint has more of the thing (a name
      expanded, a title or a space added, an abbreviation expanded, a negation added), ``removed``
      when it has less (abbreviated, shortened, dropped), ``""`` when neither applies;
    * ``change``: which rule of the kind fired, machine-readable (``credit`` / ``speaker`` /
      ``speaker_swapped`` / ``agency_replaced`` / ``source_dropped`` for ``attribution``; ``replaced`` / ``respelled``
      for ``entity``; ``inserted`` / ``deleted`` / ``changed`` / ``marks_removed`` / ``marks_added``
      / ``scare_quotes`` for ``quote``; ``replaced`` for ``date``, ``number``, ``polarity``;
      ``removed`` / ``added`` for ``hedge``; ``passage`` for ``moved`` when a whole
      passage was moved (:mod:`provenance.edits.moves`); ``typography`` for ``whitespace`` inside
      quotation marks or before high punctuation (French « Oui » ; !); ``""`` when the kind says it all);
    * ``removed`` / ``added``: the values only the source's span has and only the reprint's has
      (names, agencies, numbers as their plain value, date parts as ``part:value``, words).
    """

    kind: str
    severity: str
    parent_span: tuple[int, int]
    child_span: tuple[int, int]
    parent_text: str
    child_text: str
    note: str
    blocks: tuple[int, ...] = ()
    direction: str = ""
    change: str = ""
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """The edit as JSON data (the ``edits`` entries of ``trace -f json``)."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "parent_span": list(self.parent_span),
            "child_span": list(self.child_span),
            "parent_text": self.parent_text,
            "child_text": self.child_text,
            "note": self.note,
            "direction": self.direction,
            "change": self.change,
            "removed": list(self.removed),
            "added": list(self.added),
        }


@dataclass(frozen=True)
class Edge:
    """A copy-tree edge: ``child`` was derived from ``parent``.

    ``derived`` follows the METER corpus (``wholly``/``partially``/``none``); ``revision`` follows
    Clough and Stevenson (``verbatim``/``light``/``heavy``).
    """

    parent: str
    child: str
    shared_parent: float
    shared_child: float
    derived: str
    revision: str
    alignment: Alignment
    edits: tuple[Edit, ...]
    #: the child's text is character for character the parent's, as decoded (one text, several files,
    #: perhaps in other encodings or with a byte-order mark; no edits)
    identical: bool = False
    #: the reuse model's P(wholly or partially derived) for this edge, and the probability of the
    #: level ``derived`` names (None where no model reading was made)
    p_derived: float | None = None
    p_level: float | None = None

    def to_json(self) -> dict:
        """The edge as JSON data (a ``tree`` entry of ``trace -f json``), with its edits."""
        return {
            "parent": self.parent,
            "child": self.child,
            "identical": self.identical,
            "shared_parent": round(self.shared_parent, 4),
            "shared_child": round(self.shared_child, 4),
            "derived": self.derived,
            "p_derived": None if self.p_derived is None else round(self.p_derived, 4),
            "p_level": None if self.p_level is None else round(self.p_level, 4),
            "revision": self.revision,
            "edits": [e.to_json() for e in self.edits],
        }


@dataclass(frozen=True)
class Story:
    """Documents that share wire text, with the inferred source and copy tree.

    ``confidence`` is in [0, 1]; ``evidence`` lists human-readable reasons for the choice of source.
    ``source`` is ``None`` (JSON ``null``) when the evidence does not say which document came first (a tie, or
    identical texts with no dates): the story is then *undecided*, and ``tree`` still shows which
    documents share text, hung from :attr:`tree_root` (a canonical representative, not a source).
    A document whose text is identical to another's is an ``identical`` edge (zero edits) from that
    text's representative: identical copies form a star, never a chain.
    """

    documents: tuple[str, ...]
    source: str | None
    confidence: float
    evidence: tuple[str, ...]
    tree: tuple[Edge, ...]
    #: ``syndication`` (a copy tree: the wire at the hub) or ``revision`` (versions of one text:
    #: ``tree`` is the chain ``versions[0] -> versions[1] -> ...``, oldest first)
    regime: str = "syndication"
    #: the version order, oldest first, of a ``revision`` story (empty for syndication)
    versions: tuple[str, ...] = ()

    @property
    def undecided(self) -> bool:
        """True when no source is named (see the class docstring)."""
        return self.source is None

    @property
    def tree_root(self) -> str:
        """The document the tree hangs from: the source, or for an undecided story the one
        document that is no edge's child."""
        if self.source is not None:
            return self.source
        children = {e.child for e in self.tree}
        return next((e.parent for e in self.tree if e.parent not in children), self.documents[0])

    def to_json(self) -> dict:
        """The story as JSON data (a ``stories`` entry of ``trace -f json``)."""
        return {
            "documents": list(self.documents),
            "source": self.source,
            "confidence": round(self.confidence, 4),
            "evidence": list(self.evidence),
            "tree": [e.to_json() for e in self.tree],
            # only for a revision story, so that syndication output keeps its shape
            **({"regime": self.regime, "versions": list(self.versions)} if self.regime == "revision" else {}),
        }


@dataclass(frozen=True)
class Trace:
    """The result of tracing a set of documents: stories plus the documents that share no text."""

    documents: tuple[Document, ...]
    stories: tuple[Story, ...]
    unrelated: tuple[str, ...]
    best_overlap: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        """What ``trace -f json`` prints (schema ``provenance/trace-v1``): documents, stories and the
        unrelated documents; every value is JSON data (``json.dumps`` writes it as it is)."""
        return {
            "schema": "provenance/trace-v1",
            "documents": [
                {"id": d.id, "chars": len(d.text), "tokens": len(d.tokens), **_meta_json(d)}
                for d in self.documents
            ],
            "stories": [s.to_json() for s in self.stories],
            "unrelated": list(self.unrelated),
        }


def _meta_json(doc: Document) -> dict:
    return {k: v for k, v in doc.meta.items() if k in ("title", "date", "outlet", "url", "byline") and v}


def require(value, kind, what: str) -> None:
    """Raise :class:`TypeError` naming ``what`` unless ``value`` is a ``kind`` (a type or a tuple of
    types). The public functions check their main arguments with it, so that a wrong type fails at
    the call with its name, not deep inside a stage as an AttributeError."""
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        article = "an" if names[:1] in "AEIOU" else "a"
        raise TypeError(f"{what} must be {article} {names}, not {type(value).__name__}")


def require_edits(edits, what: str) -> tuple:
    """``edits`` (any iterable of :class:`Edit`, read once) as a tuple; anything else is a
    :class:`TypeError` naming ``what``."""
    if isinstance(edits, (str, bytes, bytearray, Edit)):
        raise TypeError(f"{what} must be an iterable of Edit, not one {type(edits).__name__}")
    try:
        out = tuple(edits)
    except TypeError:
        raise TypeError(f"{what} must be an iterable of Edit, not {type(edits).__name__}") from None
    for e in out:
        require(e, Edit, f"{what}: each edit")
    return out


def require_documents(docs, what: str, each: str) -> list:
    """``docs`` (any iterable, read once) as a list, each checked with :func:`require` (named
    ``each``); one document or a string given where many are meant is a :class:`TypeError` naming
    ``what``."""
    if isinstance(docs, (str, bytes, bytearray, Document)):
        raise TypeError(f"{what} must be an iterable of Document, not one {type(docs).__name__}")
    try:
        out = list(docs)
    except TypeError:  # not iterable (None, a number): named, not "'NoneType' object is not iterable"
        raise TypeError(f"{what} must be an iterable of Document, not {type(docs).__name__}") from None
    for d in out:
        require(d, Document, each)
    return out
