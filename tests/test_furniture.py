"""Page furniture by shape and position (issue #13 item 3): every pattern of
provenance/data/boilerplate.txt with a positive and a negative case, and the positional rules."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from provenance import align_documents, make_document
from provenance.edits.classify import classify_edits
from provenance.text.lexicon import load_lexicon

BODY = (
    "The council voted on Tuesday to extend the programme for another year, officials said.\n\n"
    "The decision follows months of debate over the cost, which critics put at 40 million euros.\n\n"
    "A final report is due in the spring, according to the council's spokesman.\n"
)


def kinds(parent: str, child: str) -> Counter:
    al = align_documents(make_document("p", parent), make_document("c", child))
    return Counter(e.kind for e in classify_edits(al))


# (pattern index in boilerplate.txt, a furniture line it matches, an article sentence it must not)
PATTERNS = [
    (0, "Sign up for our daily newsletter", "The ministry signed the agreement on Monday."),
    (1, "Please support independent journalism", "Poland refused to support the plan."),
    (2, "Support The Daily Planet!", "Support for the measure grew among voters in the north."),
    (3, "Related Articles", "The articles were related to the case, the court said."),
    (4, "Share this story", "The company shares fell 4 percent."),
    (5, "© 2024 The Daily Planet. All rights reserved.", "The rights group said the law was unfair."),
    (6, "Advertisement", "The advertising market shrank last year."),
    (7, "Back to top", "The team is back at the top of the league."),
    (8, "Sunday, Feb 01, 2026", "On Sunday, Feb 01, 2026 the polls open at eight."),
    # a copyright line without the sign or "all rights reserved" (a reprint's own footer read as an
    # inserted paragraph, and its outlet number as an invented figure)
    (9, "Copyright 2019 The Daily Planet.", "The copyright of the photographs stays with the agency."),
    # a body paragraph that starts with the word is no notice (a review of the first pattern: a copy
    # that cut such a last paragraph was named the source, its "furniture" dropped)
    (9, "Copyright 2004-2024 Example Media Inc.", "Copyright holders have long argued that the directive "
                                               "would protect artists, the commission said."),
    (9, "copyright (c) 2021 Example News", "Copyright law in the EU was overhauled in 2019, and royalties "
                                          "rose 38 percent the next year, the report said."),
    # the notice's other forms (a review of the mend), and no figure beside the year
    (9, "Copyright: 2019 AFP", "Copyright 2019 figures show 31,000 Afghans were displaced."),
    (9, "Copyright Al Jazeera 2019", "Copyright 2019 Al Jazeera. At least 31 soldiers were killed, officials said."),
    (9, "(c) Copyright 2019 Nexstar Media Inc.", "The label said the copyright dispute was settled."),
    # a long notice with an address: its rights language
    (10, "Copyright 2019 AFP. Reproduction of this article is prohibited without the prior written consent "
         "of AFP, 11-15 place de la Bourse, 75002 Paris.", "The museum said reproductions of the painting sold well."),
    (10, "Copyright 2019 Nexstar Media Inc. This material may not be published, broadcast, rewritten, or "
         "redistributed. Nexstar Media Inc., 545 E. John Carpenter Freeway, Irving, TX 75062.",
     "The report may not be published before Monday, officials said."),
    (10, "Copyright 2019 Tribune Content Agency, LLC. Distributed by Tribune Content Agency, LLC, 435 N. Michigan Ave.",
     "The aid was distributed by volunteers in 12 villages."),
]


def test_every_pattern_is_listed():
    assert len(load_lexicon().boilerplate) == len({k for k, _, _ in PATTERNS})


@pytest.mark.parametrize("k,furniture,content", PATTERNS)
def test_pattern_positive_and_negative(k, furniture, content):
    pattern = load_lexicon().boilerplate[k]
    assert pattern.search(furniture)
    assert not any(p.search(content) for p in load_lexicon().boilerplate), content


@pytest.mark.parametrize("k,furniture,content", PATTERNS)
def test_pattern_lines_after_the_article_are_boilerplate(k, furniture, content):
    assert kinds(BODY, BODY + "\n" + furniture + "\n") == Counter(boilerplate=1)


def test_body_paragraph_mentioning_a_newsletter_or_donation_is_content():
    paras = BODY.split("\n\n")
    for text in ("Readers who sign up for the council's newsletter will receive the report when it is published.",
                 "The charity said a donation from a local family had paid for the new wing of the hospital."):
        child = "\n\n".join(paras[:1] + [text] + paras[1:])
        found = kinds(BODY, child)
        assert found["inserted"] == 1 and "boilerplate" not in found, (text, found)


def test_runs_of_short_lines_are_furniture_anywhere():
    paras = BODY.split("\n\n")
    links = "Council approves budget\n\nMayor visits flood zone\n\nSchool reopens after repairs"
    child = "\n\n".join(paras[:2] + [links] + paras[2:])
    assert set(kinds(BODY, child)) == {"boilerplate"}
    # one short line in the body is not a run
    child = "\n\n".join(paras[:2] + ["Council approves budget"] + paras[2:])
    assert set(kinds(BODY, child)) != {"boilerplate"}


@pytest.mark.parametrize("line", ["By Jane Doe", "By Jane Doe and John Roe", "Jane Doe / AFP", "Photo: John Roe"])
def test_bylines_and_credits_by_shape(line):
    paras = BODY.split("\n\n")
    assert kinds(BODY, "\n\n".join(paras[:1] + [line] + paras[1:])) == Counter(boilerplate=1)


def test_sentence_starting_with_by_is_not_a_byline():
    paras = BODY.split("\n\n")
    text = "By noon the council had adjourned without a vote on the second motion, officials said."
    assert kinds(BODY, "\n\n".join(paras[:1] + [text] + paras[1:])) == Counter(inserted=1)


def test_footer_after_the_first_furniture_paragraph_is_absorbed_but_not_before():
    claim = "Officials later admitted that the cost would be twice as high as the council had said."
    appeal = "We rely on readers like you. Every contribution, however small, keeps our reporting free for all."
    child = BODY + "\n" + claim + "\n\nSign up for our newsletter\n\n" + appeal + "\n"
    found = kinds(BODY, child)
    assert found["inserted"] == 1 and found["boilerplate"] >= 1 and set(found) == {"inserted", "boilerplate"}


def test_no_seed_page_phrases_left():
    text = "\n".join(p.pattern for p in load_lexicon().boilerplate)
    for phrase in ("remind me later", "not ready to support", "message from", "dear readers", "monthly", "mailbox"):
        assert not re.search(re.escape(phrase), text, re.I), phrase


def test_paragraph_ranges_are_built_once_per_side_and_cover_the_text():
    """in_edge_furniture asks for a side's paragraphs once per edit; rebuilding them each time made
    classifying a 100k-word pair quadratic (bench_classify: 100k/10k x23). They are memoised on the
    context, tile the tokens, and each edit finds its paragraph by bisection."""
    from provenance.edits.context import EditContext
    from provenance.edits.furniture import in_edge_furniture, paragraph_ranges

    parent = make_document("p", "Headline here\n\nFirst paragraph of the story.\n\nSecond one.\n\n© 2024 Example News")
    child = make_document("c", "First paragraph of the story.\n\nSecond one, changed.\n\n© 2025 Other Daily")
    ctx = EditContext(align_documents(parent, child), load_lexicon(), frozenset())
    for side, doc in (("parent", parent), ("child", child)):
        paras = paragraph_ranges(ctx, side)
        assert paras is paragraph_ranges(ctx, side)
        assert paras[0][0] == 0 and paras[-1][1] == len(doc.tokens)
        assert all(a < b == c for (a, b), (c, _) in zip(paras, paras[1:]))
    last = paragraph_ranges(ctx, "child")[-1]
    assert in_edge_furniture(ctx, "child", last[0], last[1])  # the copyright footer, found by bisection
    assert not in_edge_furniture(ctx, "child", 0, 3)  # the body's first words
