"""Aligned views of paraphrase (issue #14 item 3): rewritten sentences word-aligned inside the
large replacements the aligner leaves (provenance.align.paraphrase_refine)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from click.testing import CliRunner
from hypothesis import given, settings as hsettings, strategies as st

from provenance.align.aligner import align_documents
from provenance.align.paraphrase_refine import changed_regions, refine_paraphrase
from provenance.cli import cli
from provenance.edits.classify import classify_edits
from provenance.inputs.documents import make_document
from provenance.render.rows import edge_rows
from provenance.settings import DEFAULT_SETTINGS

WIRE = """Council approves library budget

SPRINGFIELD, March 3 (Reuters) - The city council voted on Tuesday to approve a new budget of 4.2 million dollars for the public library system, ending months of debate over branch closures.

The plan keeps all nine branches open and restores weekend hours that were cut two years ago. Mayor Ellen Park said the vote showed that residents valued their libraries.

The budget takes effect in July, and the library board will publish a schedule of the new opening hours next month.
"""

PAPER = """Library budget passes

Springfield's council on Tuesday approved a 4.2 million dollar library budget, closing a months-long argument about whether branches would have to close.

The plan keeps all nine branches open and restores weekend hours that were cut two years ago. Mayor Ellen Park said the vote showed that residents valued their libraries.

Readers can send their views on the decision to our letters page.
"""

REWRITTEN = "Springfield's council on Tuesday approved a 4.2 million dollar library budget"


def _pair(a: str = WIRE, b: str = PAPER):
    parent, child = make_document("wire.txt", a), make_document("paper.txt", b)
    return align_documents(parent, child), parent, child


def _tiles(al) -> None:
    """The model's invariants: child tiled in order, parent tiled once sorted, texts rebuilt."""
    at = 0
    for b in al.blocks:
        assert b.j1 == at and b.j2 >= b.j1 and b.i2 >= b.i1
        at = b.j2
    assert at == len(al.child.tokens)
    spans = sorted((b.i1, b.i2) for b in al.blocks if b.move != "duplicated" and b.i1 < b.i2)
    at = 0
    for i1, i2 in spans:
        assert i1 == at
        at = i2
    assert at == len(al.parent.tokens)
    assert al.rebuild_parent() == al.parent.text and al.rebuild_child() == al.child.text
    for b in al.blocks:
        if b.tag == "equal":
            assert [t.norm for t in al.parent.tokens[b.i1:b.i2]] == [t.norm for t in al.child.tokens[b.j1:b.j2]]


def test_rewritten_sentence_shows_its_shared_words_as_equal_segments():
    al, parent, child = _pair()
    assert changed_regions(al, DEFAULT_SETTINGS.align.paraphrase_region_words)  # the aligner left one big replace
    start = PAPER.index(REWRITTEN)
    before = [b for b in al.blocks if b.tag == "equal" and child.char_span(b.j1, b.j2)[0] >= start
              and child.char_span(b.j1, b.j2)[1] <= start + len(REWRITTEN)]
    assert not before  # no shared word of the rewritten sentence was shown before the refinement
    ref = refine_paraphrase(al)
    _tiles(ref)
    shared = [child.token_text(b.j1, b.j2) for b in ref.blocks if b.tag == "equal"
              and start <= child.tokens[b.j1].start < start + len(REWRITTEN)]
    assert {"council", "on Tuesday", "4.2 million", "library"} <= set(shared)
    # the child's rewritten sentence is paired with the wire's first body sentence
    lede = child.text.index("Springfield")
    pair = next(p for p in ref.sentence_pairs if child.tokens[p[2]].start <= lede < child.tokens[p[3] - 1].end)
    assert parent.token_text(pair[0], pair[1]).startswith("SPRINGFIELD, March 3")
    kinds = {e.kind for e in classify_edits(ref) if e.child_span[0] >= lede and e.child_span[1] <= lede + 160}
    assert "rewrite" in kinds


def test_sentence_pair_is_one_row_with_equal_and_changed_segments():
    ref = refine_paraphrase(_pair()[0])
    rows = edge_rows(ref, classify_edits(ref))
    row = next(r for r in rows if any(s.text.startswith("Springfield") for s in r.right))
    styles = {s.style for s in row.right}
    assert {"equal", "inserted"} <= styles
    assert any("SPRINGFIELD" in s.text for s in row.left)
    assert sum(s.tokens[1] - s.tokens[0] for s in row.right) >= 25  # the whole sentence, not a fragment


def test_near_verbatim_reprint_is_returned_unchanged():
    text = WIRE.replace("ending months", "ending many months")
    al, _, _ = _pair(WIRE, text)
    assert refine_paraphrase(al) is al
    assert not changed_regions(al, DEFAULT_SETTINGS.align.paraphrase_region_words)


def test_region_without_similar_sentences_stays_one_block():
    other = "Weather\n\nHeavy snow closed schools across the valley, and forecasters expect more on Friday.\n"
    al, _, _ = _pair("Weather\n\nThe harbour authority opened a new ferry terminal with room for four ships.\n", other)
    assert refine_paraphrase(al).blocks == al.blocks


def test_threshold_from_settings_turns_it_off():
    al, _, _ = _pair()
    strict = DEFAULT_SETTINGS.with_options(paraphrase_min_similarity=1.01, paraphrase_gap_similarity=1.01)
    assert refine_paraphrase(al, strict) is al


_WORDS = ["council", "voted", "budget", "library", "the", "a", "new", "city", "on", "Tuesday", "said",
          "mayor", "branches", "open", "hours", "4.2", "million", "of", "and", "plan"]


@st.composite
def _texts(draw):
    def sentence():
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=14))
        return " ".join(words).capitalize() + draw(st.sampled_from([".", ".", "!", "?"]))

    base = [sentence() for _ in range(draw(st.integers(1, 6)))]
    child = []
    for s in base:
        op = draw(st.sampled_from(["keep", "rewrite", "drop", "add"]))
        if op == "keep":
            child.append(s)
        elif op == "rewrite":
            words = s[:-1].split()
            k = draw(st.integers(0, len(words) - 1))
            words[k:k + 2] = draw(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=4))
            child.append(" ".join(words or ["word"]) + ".")
        elif op == "add":
            child.extend([s, sentence()])
    child = child or [sentence()]
    sep = draw(st.sampled_from([" ", "\n\n"]))
    return sep.join(base) + "\n", sep.join(child) + "\n"


@hsettings(max_examples=60, deadline=None)
@given(_texts(), st.integers(2, 10))
def test_refined_blocks_tile_both_documents_in_order(pair, region_words):
    a, b = pair
    al = align_documents(make_document("a", a), make_document("b", b))
    s = DEFAULT_SETTINGS.with_options(paraphrase_region_words=region_words, paraphrase_gap_similarity=0.1)
    ref = refine_paraphrase(al, s)
    _tiles(ref)
    # outside refined regions the blocks are the aligner's; every block lies in at most one pair
    for b in ref.blocks:
        inside = [p for p in ref.sentence_pairs if p[2] <= b.j1 and b.j2 <= p[3] and p[0] <= b.i1 and b.i2 <= p[1]]
        assert len(inside) <= 1
    rows = edge_rows(ref, classify_edits(ref))
    assert [t for r in rows for s in r.right for t in range(*s.tokens)] == list(range(len(ref.child.tokens)))


def _run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_trace_json_and_check_show_the_rewrite(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE)
    (tmp_path / "paper.txt").write_text(PAPER)
    res = _run("trace", "--format", "json", str(tmp_path / "wire.txt"), str(tmp_path / "paper.txt"))
    assert res.exit_code == 0
    edge = json.loads(res.output)["stories"][0]["tree"][0]
    rewrites = [e for e in edge["edits"] if e["kind"] == "rewrite"]
    assert any(e["parent_text"] == "to approve" and e["child_text"] == "approved" for e in rewrites)
    res = _run("trace", "--width", "160", str(tmp_path / "wire.txt"), str(tmp_path / "paper.txt"))
    assert res.exit_code == 0
    assert "{+approved+}" in res.output and "[-to approve-]" in res.output
    res = _run("check", str(tmp_path / "wire.txt"), str(tmp_path / "paper.txt"))
    assert res.exit_code == 1  # the agency credit is gone: still a failure, as before the refinement


def _counter_doc(path):
    root = ET.parse(path).getroot()
    return f"{(root.findtext('headline') or '').strip()}\n\n{(root.findtext('body') or '').strip()}\n"


def test_counter_partially_derived_pair_is_cut_into_sentence_pairs(shared_data, tmp_path):
    folder = shared_data / "counter-urdu-news-text-reuse-dev" / "COUNTER"
    if not (folder / "0006p.xml").is_file():
        import pytest

        pytest.skip(f"COUNTER pair 0006 not found in {folder}")
    assert 'classification="PD"' in (folder / "0006p.xml").read_text(encoding="utf-8")
    src, dst = tmp_path / "0006.txt", tmp_path / "0006p.txt"
    src.write_text(_counter_doc(folder / "0006.xml"), encoding="utf-8")
    dst.write_text(_counter_doc(folder / "0006p.xml"), encoding="utf-8")
    al = align_documents(make_document(src.name, src.read_text(encoding="utf-8")),
                         make_document(dst.name, dst.read_text(encoding="utf-8")))
    ref = refine_paraphrase(al)
    _tiles(ref)
    assert len(ref.sentence_pairs) >= 3
    big = max(b.j2 - b.j1 for b in al.blocks if b.tag != "equal")
    assert sum(1 for b in ref.blocks if b.tag == "equal") > sum(1 for b in al.blocks if b.tag == "equal") + 5
    # the dateline sentence (agency credit) is paired with the paper's own-credit sentence
    lead = next(p for p in ref.sentence_pairs if "اے پی پی" in ref.parent.token_text(p[0], p[1]))
    assert "دنیا نیوز" in ref.child.token_text(lead[2], lead[3])
    res = _run("trace", "--format", "json", str(src), str(dst))
    assert res.exit_code == 0
    edits = json.loads(res.output)["stories"][0]["tree"][0]["edits"]
    assert sum(e["kind"] == "rewrite" for e in edits) >= 5
    assert max(len(e["child_text"].split()) for e in edits if e["kind"] == "rewrite") < big


def test_doubled_curly_single_marks_quote_in_either_direction():
    from provenance.edits.quotes import quote_mask

    for text, inside in [("ہمارے پاس ’’یواین اے ایم‘‘ کے امن فوجی دستوں", ["یواین", "اے", "ایم"]),
                         ("He said ‘‘yes sir’’ and left, didn’t he.", ["yes", "sir"])]:
        doc = make_document("q", text)
        assert [t.text for t, m in zip(doc.tokens, quote_mask(doc)) if m] == inside
