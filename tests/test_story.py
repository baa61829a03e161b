"""Source and copy-tree inference on the seed story, and the trace output contracts (JSON, DOT).

* The seed acceptance: the four seed articles under random neutral file names, in all 24 argument
  orders: AFP is the source, both reprints hang under it, the Lavrov story is unrelated.
* A reprint of a reprint (the Moscow Times text with its own edits) hangs under the Moscow Times.
* Two documents: the wire story is the source in either argument order.
* ``provenance trace --format json`` follows the trace-v1 schema and its spans index the texts;
  ``--format dot`` parses as a digraph with one node per document.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from itertools import permutations

import pytest
from click.testing import CliRunner

from provenance import EDIT_KINDS, make_document, trace_documents
from provenance.cli import cli

AFP = "afp_wire_putin_strikes.txt"
MT = "moscow_times_reprint.txt"
LD = "london_daily_reprint.txt"
LAVROV = "lavrov_unrelated.txt"
SEEDS = (AFP, MT, LD, LAVROV)
ORDERS = list(permutations(SEEDS))


def _text(examples_dir, name: str) -> str:
    return (examples_dir / name).read_bytes().decode("utf-8-sig")


def _parents(story) -> dict[str, str]:
    return {e.child: e.parent for e in story.tree}


def _ancestors(story, doc: str) -> list[str]:
    parent, out = _parents(story), []
    while doc in parent:
        doc = parent[doc]
        out.append(doc)
    return out


def _story_of(trace, doc: str):
    return next(s for s in trace.stories if doc in s.documents)


@pytest.mark.parametrize("order", range(len(ORDERS)), ids=lambda k: "-".join(n[:2] for n in ORDERS[k]))
def test_seed_story_any_order_and_names(examples_dir, tmp_path, order):
    """Neither argument order nor file names matter: names are random and say nothing."""
    rng = random.Random(order)
    alias = {name: tmp_path / f"{rng.getrandbits(48):012x}.txt" for name in SEEDS}
    for name, path in alias.items():
        path.write_bytes((examples_dir / name).read_bytes())
    ids = {name: str(path) for name, path in alias.items()}
    trace = trace_documents([make_document(ids[n], alias[n].read_bytes().decode("utf-8-sig")) for n in ORDERS[order]])

    assert trace.unrelated == (ids[LAVROV],)
    assert len(trace.stories) == 1
    story = trace.stories[0]
    assert story.source == ids[AFP], story.evidence
    assert set(story.documents) == {ids[AFP], ids[MT], ids[LD]}
    assert ids[AFP] in _ancestors(story, ids[MT])
    assert ids[AFP] in _ancestors(story, ids[LD])


# Each builds C from the Moscow Times text with C's own edits; C keeps the Moscow Times' own
# changes to the wire text ("that", "U.S.", "Feb.", "minimizing", "adviser", ...).
def _word_edits(mt: str) -> str:
    return (mt.replace("Kyiv", "Kiev").replace("humiliating", "embarrassing").replace("close to half", "nearly half")
            .replace("in the cold and dark", "without heat or light"))


def _own_furniture(mt: str) -> str:
    return (mt.replace("Support The Moscow Times!", "Republished with permission")
            .replace("Putin Says Strikes on Ukraine Infrastructure 'Inevitable'", "Kremlin Defends Strikes as Scholz Urges Talks")
            + "\nThis article first appeared in The Moscow Times.\n")


def _added_sentence(mt: str) -> str:
    return mt.replace("causing sweeping blackouts.", "causing sweeping blackouts. Temperatures in Kyiv fell below freezing this week.")


def _body_paragraphs_dropped(mt: str) -> str:
    paragraphs = mt.split("\n\n")
    drop = {k for k, p in enumerate(paragraphs) if p.startswith(("During the hour-long call", "Russia's strikes have destroyed"))}
    assert len(drop) == 2
    return "\n\n".join(p for k, p in enumerate(paragraphs) if k not in drop)


def _furniture_stripped(mt: str) -> str:
    """Only the article text: the Moscow Times' masthead, headline, photo credit and footer go."""
    paragraphs = mt.split("\n\n")
    start = next(k for k, p in enumerate(paragraphs) if p.startswith("President Vladimir Putin said"))
    end = next(k for k, p in enumerate(paragraphs) if p.startswith("Sign up for our free weekly newsletter"))
    return "\n\n".join(paragraphs[start:end]) + "\n"


REPRINTS = [
    pytest.param(_word_edits, id="word-edits"),
    pytest.param(_own_furniture, id="own-headline-and-credit"),
    pytest.param(_added_sentence, id="added-sentence"),
    pytest.param(_body_paragraphs_dropped, id="body-paragraphs-dropped"),
    pytest.param(_furniture_stripped, id="mt-furniture-stripped"),
]


@pytest.mark.parametrize("with_others", [True, False], ids=["all-seeds", "afp-mt-c"])
@pytest.mark.parametrize("make_c", REPRINTS)
def test_reprint_of_a_reprint_hangs_under_its_reprint(examples_dir, make_c, with_others):
    names = SEEDS if with_others else (AFP, MT)
    texts = {n: _text(examples_dir, n) for n in names}
    texts["C"] = make_c(texts[MT])
    assert texts["C"] != texts[MT]
    trace = trace_documents([make_document(n, t) for n, t in texts.items()])

    story = _story_of(trace, "C")
    parents = _parents(story)
    assert story.source == AFP, story.evidence
    assert parents.get("C") == MT, f"C hangs under {parents.get('C')}; tree {sorted(parents.items())}"
    assert parents.get(MT) == AFP


@pytest.mark.parametrize("reprint", [MT, LD])
@pytest.mark.parametrize("wire_first", [True, False], ids=["wire-first", "reprint-first"])
def test_two_documents_direction(examples_dir, reprint, wire_first):
    names = [AFP, reprint] if wire_first else [reprint, AFP]
    trace = trace_documents([make_document(n, _text(examples_dir, n)) for n in names])
    assert trace.unrelated == ()
    (story,) = trace.stories
    assert story.source == AFP, story.evidence
    assert [(e.parent, e.child) for e in story.tree] == [(AFP, reprint)]


@pytest.fixture
def run_cli(examples_dir, monkeypatch):
    monkeypatch.chdir(examples_dir)

    def invoke(*args):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_trace_json_schema(run_cli, examples_dir):
    result = run_cli("trace", AFP, MT, LD, LAVROV, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"schema", "documents", "stories", "unrelated"}
    assert data["schema"] == "provenance/trace-v1"
    texts = {d["id"]: _text(examples_dir, d["id"]) for d in data["documents"]}
    assert sorted(texts) == sorted(SEEDS)
    for d in data["documents"]:
        assert d["chars"] == len(texts[d["id"]]) and d["tokens"] > 0

    in_stories = [doc for s in data["stories"] for doc in s["documents"]]
    assert sorted(in_stories + data["unrelated"]) == sorted(SEEDS), "every document is in one story or unrelated"
    assert data["unrelated"] == [LAVROV]
    for story in data["stories"]:
        assert set(story) >= {"documents", "source", "confidence", "evidence", "tree"}
        assert story["source"] in story["documents"]
        assert 0.0 <= story["confidence"] <= 1.0
        assert story["evidence"] and all(isinstance(x, str) and x for x in story["evidence"])
        # the tree is an arborescence over the story's documents, rooted at the source
        assert len(story["tree"]) == len(story["documents"]) - 1
        assert sorted(e["child"] for e in story["tree"]) == sorted(set(story["documents"]) - {story["source"]})
        for edge in story["tree"]:
            assert set(edge) >= {"parent", "child", "shared_parent", "shared_child", "derived", "revision", "edits"}
            assert edge["parent"] in story["documents"] and edge["child"] in story["documents"]
            assert 0.0 <= edge["shared_parent"] <= 1.0 and 0.0 <= edge["shared_child"] <= 1.0
            assert edge["derived"] in ("wholly", "partially", "none")
            assert edge["revision"] in ("verbatim", "light", "heavy")
            assert edge["edits"], "the seed reprints all change something"
            parent_text, child_text = texts[edge["parent"]], texts[edge["child"]]
            for edit in edge["edits"]:
                assert set(edit) >= {"kind", "severity", "parent_span", "child_span", "parent_text", "child_text", "note"}
                assert edit["severity"] == EDIT_KINDS[edit["kind"]]
                assert isinstance(edit["note"], str) and edit["note"]
                (ps, pe), (cs, ce) = edit["parent_span"], edit["child_span"]
                assert 0 <= ps <= pe <= len(parent_text) and 0 <= cs <= ce <= len(child_text)
                assert parent_text[ps:pe] == edit["parent_text"]
                assert child_text[cs:ce] == edit["child_text"]
                assert edit["parent_text"] or edit["child_text"]


# A recursive-descent parser for the DOT language (graphviz.org/doc/info/lang.html), ports and
# HTML strings aside: enough to check that the output is a well-formed graph and to read it back.
_DOT_TOKEN = re.compile(r'\s*(?:(->|--|[{}\[\];,=:])|"((?:\\.|[^"\\])*)"|([A-Za-z_\x80-\uffff][\w\x80-\uffff]*|-?(?:\.\d+|\d+(?:\.\d*)?)))', re.S)
_KEYWORDS = {"strict", "graph", "digraph", "node", "edge", "subgraph"}


def _dot_tokens(text: str):
    text = re.sub(r"//[^\n]*|/\*.*?\*/|^#[^\n]*", "", text, flags=re.S | re.M)
    pos, out = 0, []
    while text[pos:].strip():
        m = _DOT_TOKEN.match(text, pos)
        assert m, f"DOT: cannot read {text[pos:pos + 40]!r}"
        op, quoted, word = m.groups()
        if op:
            out.append(("op", op))
        elif quoted is not None:
            out.append(("id", re.sub(r'\\(["\\])', r"\1", quoted)))
        else:
            out.append(("kw", word.lower()) if word.lower() in _KEYWORDS else ("id", word))
        pos = m.end()
    return out


class _DotGraph:
    def __init__(self, text: str):
        self.tokens, self.pos = _dot_tokens(text), 0
        self.node_stmts: Counter = Counter()
        self.nodes: set[str] = set()
        self.edges: list[tuple[str, str]] = []
        if self.peek() == ("kw", "strict"):
            self.pos += 1
        kind = self.take("kw")
        assert kind in ("graph", "digraph"), kind
        self.directed = kind == "digraph"
        if self.peek()[0] == "id":
            self.pos += 1
        self.block()
        assert self.pos == len(self.tokens), f"DOT: trailing tokens {self.tokens[self.pos:]}"

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self, kind, value=None):
        tok = self.peek()
        assert tok[0] == kind and (value is None or tok[1] == value), f"DOT: expected {value or kind}, got {tok}"
        self.pos += 1
        return tok[1]

    def block(self) -> set[str]:
        """``{ stmt_list }``; returns the nodes mentioned in it."""
        self.take("op", "{")
        mentioned: set[str] = set()
        while self.peek() != ("op", "}"):
            mentioned |= self.statement()
            if self.peek() == ("op", ";"):
                self.pos += 1
        self.take("op", "}")
        return mentioned

    def attr_lists(self):
        while self.peek() == ("op", "["):
            self.pos += 1
            while self.peek() != ("op", "]"):
                self.take("id")
                self.take("op", "=")
                self.take("id")
                if self.peek() in (("op", ","), ("op", ";")):
                    self.pos += 1
            self.take("op", "]")

    def operand(self) -> set[str]:
        if self.peek() in (("kw", "subgraph"), ("op", "{")):
            if self.peek() == ("kw", "subgraph"):
                self.pos += 1
                if self.peek()[0] == "id":
                    self.pos += 1
            return self.block()
        name = self.take("id")
        if self.peek() == ("op", ":"):  # port
            self.pos += 1
            self.take("id")
        self.nodes.add(name)
        return {name}

    def statement(self) -> set[str]:
        tok = self.peek()
        if tok[0] == "kw" and tok[1] in ("graph", "node", "edge"):
            self.pos += 1
            self.attr_lists()
            return set()
        if tok[0] == "id" and self.tokens[self.pos + 1] == ("op", "="):
            self.pos += 3  # graph attribute: ID = ID
            return set()
        left = self.operand()
        is_node = tok[0] == "id"
        arrow = "->" if self.directed else "--"
        mentioned = set(left)
        while self.peek() in (("op", "->"), ("op", "--")):
            assert self.take("op") == arrow, "DOT: edge operator does not match the graph kind"
            right = self.operand()
            self.edges += [(a, b) for a in left for b in right]
            mentioned |= right
            left, is_node = right, False
        self.attr_lists()
        if is_node:
            self.node_stmts[tok[1]] += 1
        return mentioned


def test_dot_parser_rejects_malformed():
    with pytest.raises(AssertionError):
        _DotGraph('digraph g { "a" -> ; }')
    with pytest.raises(AssertionError):
        _DotGraph('digraph g { "a" -> "b" ')
    g = _DotGraph('digraph g { rankdir=TB; subgraph cluster_0 { "a\\"x" [label="q"]; "a\\"x" -> b; } }')
    assert g.directed and g.nodes == {'a"x', "b"} and g.edges == [('a"x', "b")]


def test_trace_dot_is_a_digraph_with_one_node_per_document(run_cli):
    result = run_cli("trace", AFP, MT, LD, LAVROV, "--format", "dot")
    assert result.exit_code == 0, result.output
    graph = _DotGraph(result.output)
    assert graph.directed
    assert graph.nodes == set(SEEDS)
    assert graph.node_stmts == Counter(SEEDS), "each document is declared exactly once"
    data = json.loads(run_cli("trace", AFP, MT, LD, LAVROV, "--format", "json").output)
    assert sorted(graph.edges) == sorted((e["parent"], e["child"]) for s in data["stories"] for e in s["tree"])


def _ld_copy(ld: str) -> str:
    """A copy of the London Daily reprint: keeps all its edits (name expansions, titles, the
    duplicated lede), drops its masthead and related-articles furniture for its own, changes one word."""
    lines = ld.split("\n")
    body = lines[lines.index(next(x for x in lines if x.startswith("Moscow \"had long"))) - 2 : lines.index("Newsletter")]
    text = "\n".join(["Harbour Gazette", "", "World news, every morning.", ""] + body)
    assert "humiliating" in text or "close to half" in text or "cold and dark" in text
    for a, b in (("humiliating", "embarrassing"), ("close to half", "nearly half"), ("in the cold and dark", "without heat or light")):
        if a in text:
            return text.replace(a, b, 1) + "\nHarbour Gazette. All rights reserved.\n"
    raise AssertionError("no word to change")


def test_chain_of_five_each_copy_under_its_reprint(examples_dir):
    """AFP, its two reprints and a copy of each that keeps its parent's edits (issue #15)."""
    texts = {n: _text(examples_dir, n) for n in (AFP, MT, LD)}
    texts["mt-copy"] = _word_edits(_own_furniture(texts[MT]))
    texts["ld-copy"] = _ld_copy(texts[LD])
    trace = trace_documents([make_document(n, t) for n, t in texts.items()])
    (story,) = trace.stories
    assert story.source == AFP, story.evidence
    assert _parents(story) == {MT: AFP, LD: AFP, "mt-copy": MT, "ld-copy": LD}, sorted(_parents(story).items())


@pytest.mark.xfail(strict=True, reason="issue #15 target not met: generated copy chains of the AFP text (seed 1) have "
                   "fewer than 98% of parents right (these three chains: 11/12; bench_copy_chains --seed 1, all "
                   "originals: 134/149 = 89.9%, seeds 0-3: 548/641 = 85.5%)")
def test_generated_copy_chains_parents_right_target(examples_dir):
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from gen_copy_chains import make_copy_chain

    afp = _text(examples_dir, AFP)
    right = total = 0
    for c in range(3):
        chain = make_copy_chain(afp, random.Random(f"1:{AFP}:{c}"), [])
        trace = trace_documents([make_document(k, t) for k, t in chain.texts.items()])
        story = max(trace.stories, key=lambda s: len(s.documents))
        parents = _parents(story)
        right += sum(parents.get(ch) == p for ch, p in chain.parents.items())
        total += len(chain.parents)
    assert right >= 0.98 * total, f"{right}/{total} parents right"


def _furnished(head: str, body: str, foot: str) -> str:
    return f"{head}\n\n{body}\n{foot}\n"


@pytest.mark.parametrize("own", [1, 2])
def test_copy_that_drops_its_parents_furniture_hangs_under_that_parent(examples_dir, own):
    """A reprint drops the wire's dateline, sets its masthead and footer and changes a word; a copy
    of the reprint keeps that word, drops the masthead and footer, and changes ``own`` words of its
    own. Dropping a parent's furniture is not restoring the original's reading (issue #15): the copy
    hangs under the reprint, not beside it under the wire (before: under the wire, both cases)."""
    afp = _text(examples_dir, AFP)
    assert afp.startswith("Moscow (AFP) - ")
    undated = afp.removeprefix("Moscow (AFP) - ")
    reprint_body = undated.replace("urged Berlin", "pressed Berlin")
    copy_body = reprint_body
    for a, b in (("slammed what", "attacked what"), ("the fighting", "the war"))[:own]:
        assert a in copy_body
        copy_body = copy_body.replace(a, b)
    docs = {
        "wire": afp,
        "reprint": _furnished("The Harbour Gazette | World", reprint_body, "Copyright The Harbour Gazette. All rights reserved."),
        "copy": copy_body,
        "other": _furnished("DAILY LEDGER", undated.replace("strikes were a response", "attacks were a response"),
                            "Read more stories like this on our website."),
    }
    trace = trace_documents([make_document(k, t) for k, t in docs.items()])
    (story,) = trace.stories
    assert story.source == "wire", story.evidence
    assert _parents(story) == {"reprint": "wire", "copy": "reprint", "other": "wire"}, story.evidence


def test_edge_direction_is_one_margin_per_pair():
    """Each direction's score comes from its own alignment, so both can say "I came first"; the
    copy tree reads their difference (issue #15), so an edge and its reverse are never both free."""
    from provenance.lineage.evidence import PairEvidence
    from provenance.lineage.tree import _cost

    def ev(direction):
        return PairEvidence(alignment=None, edits=(), change_cost=4.0, direction=direction, reasons=())

    pairs = {(0, 1): ev(2.0), (1, 0): ev(0.5)}  # both positive, 0 -> 1 the better supported
    assert _cost(pairs, 0, 1) == 4.0
    assert _cost(pairs, 1, 0) > 4.0 * 1.4  # margin -0.75: exp(0.375)
    pairs = {(0, 1): ev(1.0), (1, 0): ev(1.0)}  # no margin: neither direction penalised
    assert _cost(pairs, 0, 1) == _cost(pairs, 1, 0) == 4.0
    assert _cost({(0, 1): ev(-2.0)}, 0, 1) == 4.0 * math.exp(1.0)  # one direction aligned only


def test_a_masthead_and_headline_over_a_short_story_point_downstream():
    """The text a copy does not take from its parent cost 10 per unit share, its own masthead and
    headline included: over a two-paragraph story they are a quarter of the copy, and the copy was
    named the source. Its page head is now costed as the editorial acts it is, not as text written."""
    from provenance import make_document, trace_documents

    wire = make_document("wire", "東京（ＡＦＰ）－日本銀行は３１日、長期金利の上限を事実上１％に引き上げ、政策を柔軟化すると発表した。\n\n"
                                 "植田和男総裁は記者会見で、物価目標の達成はまだ見通せないと述べた。")
    copy = make_document("copy", "毎日新聞デジタル｜経済ニュース\n\n日銀、長期金利の上限を柔軟化\n\n" + wire.text)
    for order in ([wire, copy], [copy, wire]):
        story = trace_documents(order).stories[0]
        assert story.source == "wire" and story.confidence > 0.9
    english_wire = make_document("w", "PARIS (AFP) - The French parliament passed the pension bill on Monday.\n\n"
                                      "Unions called a national strike for Thursday, the eleventh this year.")
    english_copy = make_document("c", "The Evening Gazette\n\nPension bill passes parliament\n\n" + english_wire.text)
    assert trace_documents([english_copy, english_wire]).stories[0].source == "w"


_DAMAGE_TEXT = (
    "Средняя суточная калорийность диеты составляет около 1700 ккал. Эта диета пришла к нам с запада "
    "и в своей основе предполагает резкое ограничение углеводов.\n\n"
    "Врачи советуют начинать её только после консультации с врачом, а систему питания удерживать "
    "не дольше двух недель. Ограничение сахара в крови помогает снизить вес.\n"
)


@pytest.mark.parametrize("damaged_first", [True, False])
def test_the_copy_with_encoding_damage_is_not_the_source(damaged_first):
    # three characters cut in half by a bad conversion (U+FFFD where the bytes were): the damaged
    # text was named the source of the clean one (0.52) before damage counted as evidence
    damaged = _DAMAGE_TEXT.replace("Эта", "\ufffdта").replace("запада", "за\ufffdада").replace("вес", "ве\ufffd")
    docs = [make_document("clean.txt", _DAMAGE_TEXT), make_document("damaged.txt", damaged)]
    story = trace_documents(docs[::-1] if damaged_first else docs).stories[0]
    assert story.source == "clean.txt"
    assert any("U+FFFD" in line for line in story.evidence)


def test_encoding_damage_yields_to_a_cut(examples_dir):
    # a full text with one damaged character against a clean copy missing its last three paragraphs:
    # the cut copy was named the source (0.65, 0.95 with ten damaged characters) while damage
    # outweighed everything else; it decides only between texts otherwise alike
    wire = _text(examples_dir, "afp_wire_putin_strikes.txt")
    damaged = wire.replace("Putin", "Put\ufffdn", 1)
    lines = wire.rstrip("\n").split("\n")
    cut = "\n".join(lines[:-3]) + "\n"
    story = trace_documents([make_document("damaged.txt", damaged), make_document("cut.txt", cut)]).stories[0]
    assert story.source != "cut.txt" or story.confidence < 0.6, (story.source, story.confidence)


def test_a_wire_sign_off_cut_by_a_copy_does_not_make_the_copy_the_source(examples_dir):
    # "(Reporting by ...; Editing by ...)" and "© Reuters" are the wire's furniture: read as furniture
    # the wire "added", the copy that cut them was named the source (0.69)
    wire = _text(examples_dir, "afp_wire_putin_strikes.txt").rstrip("\n")
    signed = wire + "\n\n(Reporting by Will Dunham; Editing by Tom Brown)\n\n© Reuters\n"
    story = trace_documents([make_document("wire.txt", signed), make_document("copy.txt", wire + "\n")]).stories[0]
    assert story.source == "wire.txt", (story.source, story.confidence)


@pytest.mark.parametrize("credit", [
    "This article originally appeared on SpaceNews.com. Read the original article.",
    "This story was originally published by ProPublica and is republished here with permission.",
    "The Associated Press contributed to this report.",
    "Cet article a d'abord été publié dans Le Temps.",
])
@pytest.mark.parametrize("copy_first", [True, False])
def test_a_republication_credit_marks_the_copy(examples_dir, credit, copy_first):
    # a hostile review: a copy that adds one such line at its end was named the source of its
    # original (60 of 60 real articles, confidence 0.72-0.87): the line read as the original's tail,
    # cut by its "copy". The text that says it came from elsewhere is the later one.
    wire = _text(examples_dir, "afp_wire_putin_strikes.txt").rstrip("\n")
    docs = [make_document("original.txt", wire + "\n"), make_document("republished.txt", wire + "\n\n" + credit + "\n")]
    story = trace_documents(docs[::-1] if copy_first else docs).stories[0]
    assert story.source == "original.txt" and story.confidence > 0.9, (story.source, story.confidence)
    assert any("credits another outlet as the text's origin" in line for line in story.evidence)


def test_a_wire_crediting_its_own_writers_is_still_the_source(examples_dir):
    # "Associated Press writer X contributed" names the wire's staff, and a body sentence about
    # another work ("first published in Nature") is no credit of this text: a copy cutting either
    # is still the copy
    wire = _text(examples_dir, "afp_wire_putin_strikes.txt").rstrip("\n")
    own = wire + "\n\nThe study was first published in Nature.\n\nAssociated Press writer Jim Heintz in Kyiv contributed to this report.\n"
    story = trace_documents([make_document("wire.txt", own), make_document("copy.txt", wire + "\n")]).stories[0]
    assert story.source == "wire.txt", (story.source, story.confidence)
    assert not any("origin" in line for line in story.evidence)


@pytest.mark.parametrize("line", [
    "First published in 1949, the novel imagined a state that watches everyone, and it still sells well.",
    "This story was originally published on Nov. 19 and has been updated.",
])
def test_a_body_sentence_or_an_update_note_is_no_republication_credit(examples_dir, line):
    # the second review: such lines made the wire that carried them read as the copy of a reprint
    # that cut them
    wire = _text(examples_dir, "afp_wire_putin_strikes.txt").rstrip("\n")
    docs = [make_document("wire.txt", wire + "\n\n" + line + "\n"), make_document("copy.txt", wire + "\n")]
    story = trace_documents(docs).stories[0]
    assert not any("origin" in e for e in story.evidence), story.evidence


def _counter_text(path) -> str:
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    return f"{(root.findtext('headline') or '').strip()}\n\n{(root.findtext('body') or '').strip()}\n"


@pytest.mark.parametrize("number, label", [("0504", "ND"), ("0286", "ND"), ("0006", "PD"), ("0008", "PD")])
def test_a_story_edge_read_as_not_derived_unlinks_its_pair(shared_data, number, label):
    # a hostile review: COUNTER's same-event stories written independently were one story ("share
    # wire text", a source named at confidence 1.00) whose only edge said "none" (P(derived) 0.18
    # read agency -> paper; grouping had read the other way). Such an edge unlinks its pair now;
    # partially derived pairs stay one story
    folder = shared_data / "counter-urdu-news-text-reuse-dev" / "COUNTER"
    if not (folder / f"{number}p.xml").is_file():
        pytest.skip(f"COUNTER pair {number} not found in {folder}")
    assert f'classification="{label}"' in (folder / f"{number}p.xml").read_text(encoding="utf-8")
    docs = [make_document(f"{number}.txt", _counter_text(folder / f"{number}.xml")),
            make_document(f"{number}p.txt", _counter_text(folder / f"{number}p.xml"))]
    trace = trace_documents(docs)
    if label == "ND":
        assert not trace.stories and set(trace.unrelated) == {d.id for d in docs}
    else:
        (story,) = trace.stories
        assert story.tree[0].p_derived >= 0.4


def test_french_typographic_spaces_are_no_direction_cue():
    # stop 26's review: a copy that set AFP's « Oui » as "Oui" was named the source at 0.9975, the
    # wire's narrow spaces read as six fixes a later copy made
    from provenance import make_document, trace_documents

    wire = ("PARIS, 5 déc 2024 (AFP) - « Ce n'est pas un moment facile », a déclaré M. Barnier. Le président "
            "doit parler vendredi ; il compte nommer un ministre « dans les prochains jours ».\n\n"
            "La présidente du groupe a estimé que la censure était « la seule façon de protéger les Français ».\n")
    copy = wire.replace("\u00a0", "").replace("« ", '"').replace(" »", '"').replace(" ;", ";")
    wire = wire.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    for order in ((wire, copy), (copy, wire)):
        trace = trace_documents([make_document(f"d{k}.txt", t) for k, t in enumerate(order)])
        (story,) = trace.stories
        edits = [e for e in story.tree[0].edits if e.kind == "whitespace"]
        assert edits and all(e.change == "typography" for e in edits)
        assert story.source is None or story.confidence < 0.6, (story.source, story.confidence)
    fix = make_document("f.txt", "Officials said the fact?He left.Then the talks ended on Monday in Paris.\n")
    fixed = make_document("g.txt", "Officials said the fact? He left. Then the talks ended on Monday in Paris.\n")
    (story,) = trace_documents([fixed, fix]).stories
    assert story.source == "f.txt"  # a missing space fixed still flows downstream


def test_dates_that_contradict_the_text_are_named_in_the_evidence(examples_dir):
    # stop 26's review: a reprint dated a day before its wire became the source at 1.00 with no word
    # that the text said otherwise, and when the text won, the dates were not mentioned at all
    from provenance import make_document, trace_documents

    wire = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    early, late = {"date": "2022-12-01"}, {"date": "2022-12-02"}
    credit_dropped = wire.replace("Moscow (AFP) - ", "Moscow - ", 1)
    (story,) = trace_documents([make_document("w.txt", wire, late), make_document("c.txt", credit_dropped, early)]).stories
    # the credit dropped from the dateline (about as strong as the dates, 5.1 against 5 since stop 31
    # reads it as the dateline rewritten both ways): whichever side wins, the contradiction is named
    # and the confidence is weak
    assert story.confidence < 0.65, story.confidence
    if story.source == "c.txt":  # the dates decide
        assert any(r.startswith("the dates contradict the text: its evidence alone says w.txt came first")
                   for r in story.evidence), story.evidence
    else:
        assert any(r.startswith("c.txt is dated 2022-12-01, before w.txt (2022-12-02), but the text evidence says w.txt")
                   for r in story.evidence), story.evidence
    reprint = (examples_dir / "london_daily_reprint.txt").read_text(encoding="utf-8")
    (story,) = trace_documents([make_document("w.txt", wire, late), make_document("r.txt", reprint, early)]).stories
    assert story.source == "w.txt"  # the text outweighs them
    assert any(r.startswith("r.txt is dated 2022-12-01, before w.txt (2022-12-02), but the text evidence says w.txt")
               for r in story.evidence), story.evidence
    (story,) = trace_documents([make_document("w.txt", wire, early), make_document("r.txt", reprint, late)]).stories
    assert not any("contradict" in r or "but the text" in r for r in story.evidence)


@pytest.mark.parametrize("dateline", ["VIENNA —", "BUFFALO, N.Y. —", "DUBAI, United Arab Emirates —"])
@pytest.mark.parametrize("headline", [True, False])
def test_a_dateline_without_a_credit_marks_the_original(shared_data, dateline, headline):
    """A reprint that drops the reporter's "VIENNA —" (for its own headline, or for nothing) was
    named the source at 0.96 (11 of 11 real articles in a review of stop 31): the plain dateline
    was no dateline, and the wire read as adding a kicker."""
    import json as _json

    bodies = _json.loads((shared_data / "article-extraction-benchmark-html" / "ground-truth.json").read_text(encoding="utf-8"))
    body = next(v["articleBody"] for k, v in sorted(bodies.items()) if v["articleBody"].startswith("VIENNA —"))
    text = body.removeprefix("VIENNA —").strip()
    wire = make_document("wire", f"{dateline} {text}")
    copy = make_document("copy", ("House where Hitler was born will become police station\n\n" if headline else "") + text)
    for order in ([wire, copy], [copy, wire]):
        story = trace_documents(order).stories[0]
        assert story.source == "wire", story.evidence


def test_an_undecided_story_names_the_two_documents_that_tie(examples_dir):
    """Of three documents, the wire and a twin one word apart tie as the source: the note said "no
    evidence says which document came first" above evidence lines favouring both over the third
    (a review of stop 31). It names the two."""
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8-sig")
    wire = make_document("wire", afp)
    twin = make_document("twin", afp.replace("inevitable", "unavoidable", 1))
    copy = make_document("copy", "The Valley Post\n\nPutin says strikes inevitable\n\n" + "\n".join(afp.split("\n")[1:]))
    story = trace_documents([wire, twin, copy]).stories[0]
    assert story.source is None and len(story.documents) == 3, story.evidence
    assert story.evidence[0].startswith("undecided: no evidence says whether wire or twin came first"), story.evidence


@pytest.mark.parametrize("kicker", ["HEALTH —", "TOP STORY —", "EDITOR'S NOTE —", "SCIENCE —"])
def test_a_copy_adding_a_section_label_in_capitals_is_not_the_source(shared_data, kicker):
    """A desk's label before the lead has a plain dateline's shape ("VIENNA —"): read as the
    original's dateline (+3), a copy adding "HEALTH —" was named the source (a review of stop 32).
    Labels are desk rubrics, and a plain dateline weighs as added furniture does."""
    import json as _json

    bodies = _json.loads((shared_data / "article-extraction-benchmark-html" / "ground-truth.json").read_text(encoding="utf-8"))
    body = next(v["articleBody"] for k, v in sorted(bodies.items()) if v["articleBody"].startswith("VIENNA —"))
    text = body.removeprefix("VIENNA —").strip()
    wire, copy = make_document("wire", text), make_document("copy", f"{kicker} {text}")
    for order in ([wire, copy], [copy, wire]):
        story = trace_documents(order).stories[0]
        assert story.source != "copy", story.evidence


#: paragraphs an outlet slots into a wire story: notes of its own and another story's paragraph
_OWN_PARAGRAPHS = (
    "The Riverside Gazette has contacted the embassy for further comment and will update this article when it replies.",
    "Readers with information about this story can write to our newsroom; letters are published every Saturday.",
    "In other news, the county library announced that its summer reading programme would open registration next Tuesday.",
    # another story's paragraph with a quotation: classified a quotation added, still a paragraph
    "\u201cWe will not tolerate more delays,\u201d the county transport commissioner told reporters at the opening of the new bypass.",
)


@pytest.mark.parametrize("own", _OWN_PARAGRAPHS)
def test_a_copy_inserting_a_paragraph_foreign_to_the_story_is_not_the_source(examples_dir, own):
    """A copy that keeps the wire whole and slots in one paragraph of its own (a note, another
    story's paragraph) was named the source (12 of 12 real articles in a review of stop 32): text
    the wire lacks read as text the wire cut. A passage that shares almost none of the story's
    content words is no evidence of who came first, as page furniture is none; before, the copy was
    the source in each case."""
    afp = _text(examples_dir, AFP)
    lines = afp.split("\n")
    copy = "\n".join(lines[:3] + [own] + lines[3:])
    headline = "Putin says strikes on Ukraine inevitable\n" + afp.removeprefix("Moscow (AFP) - ")
    docs = [make_document("wire", afp), make_document("copy", copy), make_document("headline", headline)]
    for order in (docs, docs[::-1], [docs[1], docs[0], docs[2]]):
        (story,) = trace_documents(order).stories
        assert story.source == "wire", story.evidence
        assert _parents(story) == {"copy": "wire", "headline": "wire"}, story.evidence


def test_foreign_passages_are_the_one_sided_passages_off_the_story(examples_dir):
    """Of a pair's one-sided passages, those sharing under ``foreign_max_cohesion`` of their content
    words with the shared text: another story's paragraph is one, a wire paragraph a copy cut is
    not (it repeats the story's names), and a pair sharing under half its text has none."""
    from provenance import align_documents, classify_edits
    from provenance.lineage.measures import foreign_passages

    afp = _text(examples_dir, AFP)
    lines = afp.split("\n")
    copy = "\n".join(lines[:3] + [_OWN_PARAGRAPHS[2]] + lines[3:7] + lines[8:])
    al = align_documents(make_document("wire", afp), make_document("copy", copy))
    cut, added = foreign_passages(al, classify_edits(al))
    assert cut == () and [e.child_text.strip() for e in added] == [_OWN_PARAGRAPHS[2]]
    back = align_documents(make_document("copy", copy), make_document("wire", afp))
    cut, added = foreign_passages(back, classify_edits(back))
    assert [e.parent_text.strip() for e in cut] == [_OWN_PARAGRAPHS[2]] and added == ()
    lavrov = _text(examples_dir, LAVROV)
    far = align_documents(make_document("wire", afp), make_document("lavrov", lavrov))
    assert foreign_passages(far, classify_edits(far)) == ((), ())


@pytest.mark.parametrize("position", ["end", "middle"])
def test_an_urdu_copy_adding_a_note_of_its_own_is_not_the_source(shared_data, position):
    """A newspaper that keeps an APP story whole and adds a sentence of its own (a note to readers)
    was named the source (confidence 0.98 with the note at the end, 0.88 in the middle, with the
    code before the foreign-passage rule; at the end still with its first form, where the agency
    read as having cut its tail, a cut priced flat and an insertion by its length, and the note's
    words were too short for a four-letter content-word test). Content words now come from the
    learned frequent-word table, any script, and a foreign passage costs the same added or cut."""
    agency = _counter_text(shared_data / "counter-urdu-news-text-reuse-dev" / "COUNTER" / "0005.xml")
    note = "قارئین اپنی رائے ہمیں ای میل کے ذریعے بھیج سکتے ہیں اور ہم ان کی تجاویز شائع کریں گے۔"
    sentences = agency.rstrip().split("۔ ")
    copy = (agency.rstrip() + "\n\n" + note if position == "end"
            else "۔ ".join(sentences[:2]) + "۔\n\n" + note + "\n\n" + "۔ ".join(sentences[2:]))
    docs = [make_document("agency", agency), make_document("copy", copy)]
    for order in (docs, docs[::-1]):
        (story,) = trace_documents(order).stories
        assert story.source == "agency", story.evidence


def test_a_copy_cutting_one_off_topic_wire_paragraph_leaves_the_wire_the_source(examples_dir):
    """The foreign-passage rule's first bar (0.2) read the AFP wire's concert paragraph ("...
    musicians played a classical music concert ...", few of the story's words) as foreign: a copy
    that only cut it was named the source, alone and beside the two example reprints (a review of
    the rule: 16 of 31 such cuts wrong, 3 before the rule). It names Kyiv, as the story does: a
    passage naming the story's names is the story's, however few of its other words recur."""
    afp = _text(examples_dir, AFP)
    copy = "\n".join(line for line in afp.split("\n") if not line.startswith("In an attempt to boost the mood"))
    assert copy != afp
    docs = [make_document("wire", afp), make_document("cutter", copy)]
    for order in (docs, docs[::-1]):
        (story,) = trace_documents(order).stories
        assert story.source == "wire", story.evidence
    four = docs + [make_document(n, _text(examples_dir, n)) for n in (MT, LD)]
    for order in (four, four[::-1]):
        (story,) = trace_documents(order).stories
        assert story.source == "wire" and _parents(story)["cutter"] == "wire", story.evidence


def test_passage_names_are_capitalised_words_the_text_writes_inside_a_sentence():
    """A name at a sentence's start counts when the text also writes it inside a sentence; a
    capitalised first word ("Meanwhile", "The") does not; a possessive is the name; a script
    without letter case has none."""
    from provenance.lineage.measures import passage_names

    doc = make_document("d", "Putin met Scholz on Friday. Meanwhile, the Kremlin said talks with Putin's team went on.\n"
                             "The talks continue. \"We are ready,\" Scholz said.")
    assert passage_names(doc, 0, len(doc.tokens)) == {"putin", "scholz", "friday", "kremlin"}
    urdu = make_document("u", "وزیر اعظم نے کہا کہ مذاکرات جاری رہیں گے۔ انہوں نے اسلام آباد میں بات کی۔")
    assert passage_names(urdu, 0, len(urdu.tokens)) == set()
