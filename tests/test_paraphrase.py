"""Aligned views of paraphrase (lineage.paraphrase) and the article body of the reuse measures (lineage.body)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import align_documents, make_document
from provenance.lineage.body import article_bodies, body_aligned_shares
from provenance.lineage.paraphrase import PARAPHRASE_FEATURES, align_paraphrase, paraphrase_features
from provenance.lineage.reuse import load_reuse_model, reuse_features
from provenance.model import Document
from provenance.text.tokenize import tokenize

SOURCE = (
    "The city council approved the new budget on Monday after a long debate. "
    "Spending on public transport will rise by a tenth next year. "
    "The mayor said the plan would cut waiting times for buses across the northern districts. "
    "Opposition members warned that property taxes could go up as a result."
)
# sentences 1 and 3 rewritten, 2 dropped, 4 new; order kept
REWRITE = (
    "After a lengthy debate the city council on Monday approved its new budget. "
    "According to the mayor the plan will cut bus waiting times across the northern districts. "
    "Local shop owners were not consulted, a trade group complained."
)


def test_rewritten_sentences_pair_with_their_sources_in_order():
    al = align_paraphrase(make_document("s", SOURCE), make_document("r", REWRITE))
    assert [(p.child, p.parent) for p in al.pairs] == [(0, 0), (1, 2)]
    assert (al.parent_sentences, al.child_sentences) == (4, 3)
    first = al.pairs[0]
    doc = make_document("r", REWRITE)
    shared = {doc.tokens[c + k].norm for _, c, n in first.runs for k in range(n)}
    assert {"city", "council", "new", "budget"} <= shared  # the shared words are visible
    assert first.shared_words == sum(n for *_, n in first.runs)


def test_independent_sentence_finds_no_partner():
    al = align_paraphrase(make_document("s", SOURCE), make_document("r", REWRITE))
    assert 2 not in {p.child for p in al.pairs}


def test_pairs_are_one_to_one_and_json_round_trips():
    src = make_document("s", SOURCE)
    al = align_paraphrase(src, make_document("r", SOURCE + " " + SOURCE))
    assert len({p.parent for p in al.pairs}) == len(al.pairs) == 4
    data = json.loads(json.dumps(al.to_json()))
    assert data["parent"] == "s" and len(data["pairs"]) == 4
    assert all(0 <= p["similarity"] <= 1 for p in data["pairs"])


def test_features_tell_a_rewrite_from_an_unrelated_text():
    src = make_document("s", SOURCE)
    rew = paraphrase_features(src, make_document("r", REWRITE))
    other = paraphrase_features(src, make_document("o", "Rain is expected over the weekend. Temperatures will fall to near freezing."))
    assert rew["pp_sent_child"] > 0.5 and other["pp_sent_child"] == 0.0
    assert rew["pp_words_child"] > other["pp_words_child"]
    assert rew["pp_order"] == 1.0


def test_reversed_order_lowers_order_agreement():
    a = "One sentence about apples and pears here. Another sentence about boats and rivers now. A third one about stars and planets tonight."
    b = " ".join(reversed([s.strip() + "." for s in a.split(".") if s.strip()]))
    f = paraphrase_features(make_document("a", a), make_document("b", b))
    assert f["pp_sent_child"] == 1.0 and f["pp_order"] == 0.0


_words = st.sampled_from("the council budget mayor plan bus tax city road school . , ۔ کے میں اور".split())
_texts = st.lists(_words, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(_texts, _texts)
def test_paraphrase_features_are_shares_and_pairs_are_valid(a, b):
    pa, pb = Document("a", a, tokenize(a)), Document("b", b, tokenize(b))
    f = paraphrase_features(pa, pb)
    assert set(f) == set(PARAPHRASE_FEATURES) and all(0.0 <= v <= 1.0 for v in f.values())
    al = align_paraphrase(pa, pb)
    assert len({p.child for p in al.pairs}) == len({p.parent for p in al.pairs}) == len(al.pairs)
    for p in al.pairs:
        for i, j, n in p.runs:
            assert p.parent_tokens[0] <= i < p.parent_tokens[1] and p.child_tokens[0] <= j < p.child_tokens[1]
            assert pa.tokens[i].norm.lower() == pb.tokens[j].norm.lower() or n >= 1


# --- article body ----------------------------------------------------------------------------------

ARTICLE = "\n\n".join(
    [
        "The city council approved the new budget on Monday after a long debate.",
        "Spending on public transport will rise by a tenth next year, the council said.",
        "The mayor said the plan would cut waiting times for buses across the northern districts.",
    ]
)
RELATED = "\n".join(f"Related headline number {k} about something else entirely" for k in range(30))


def test_related_headlines_after_a_reprint_are_left_out_of_the_reuse_features():
    src = make_document("wire", ARTICLE + "\n")
    page = make_document("page", ARTICLE + "\n\nRelated Articles\n" + RELATED + "\n")
    al = align_documents(src, page)
    parent_body, child_body = article_bodies(al, 25, 5)
    assert parent_body is src and "Related headline" not in child_body.text and "approved" in child_body.text
    assert body_aligned_shares(al, 25, 5)[1] > 0.9 > al.shared_child()
    assert load_reuse_model().decide(reuse_features(src, page, al)).level == "wholly"


def test_short_lines_inside_the_article_or_too_few_stay():
    src = make_document("wire", ARTICLE + "\n")
    points = "\n".join(f"Point {k} of the plan" for k in range(6))
    inside = ARTICLE.replace("\n\nThe mayor", "\n\n" + points + "\n\nThe mayor")
    page = make_document("page", inside + "\n")
    assert article_bodies(align_documents(src, page), 25, 5)[1] is page  # between aligned text: content
    few = make_document("few", ARTICLE + "\n\nOne\nTwo\nThree\nFour\n")
    assert article_bodies(align_documents(src, few), 25, 5)[1] is few  # 4 < 5 lines


def test_nothing_aligned_keeps_the_document():
    src = make_document("wire", ARTICLE + "\n")
    other = make_document("o", RELATED + "\n")
    assert article_bodies(align_documents(src, other), 25, 5)[1] is other


def test_pairs_at_a_higher_bar_are_the_lower_bar_pairs_at_or_above_it(examples_dir):
    # refine_paraphrase reads the strict pairing off the loose one: the pairing is greedy by
    # descending similarity and one-to-one, so this must hold for any two bars
    import random

    from provenance import make_document
    from provenance.lineage.paraphrase import align_paraphrase

    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(examples_dir.glob("*.txt"))]
    rng = random.Random(5)
    docs = [make_document(f"d{k}", t) for k, t in enumerate(texts)]
    for k, t in enumerate(texts):  # shuffled, cut and reworded versions
        words = t.split()
        for n in range(0, len(words), 7):
            if rng.random() < 0.3:
                words[n] = rng.choice(("said", "stated", "the", "Moscow", "strikes"))
        sentences = " ".join(words).split(". ")
        rng.shuffle(sentences)
        docs.append(make_document(f"r{k}", ". ".join(sentences[: max(1, len(sentences) * 2 // 3)])))
    for a in docs:
        for b in docs:
            if a is b:
                continue
            for low, high in ((0.2, 0.35), (0.3, 0.5), (0.1, 0.9)):
                loose = align_paraphrase(a, b, low).pairs
                assert align_paraphrase(a, b, high).pairs == tuple(p for p in loose if p.similarity >= high)
