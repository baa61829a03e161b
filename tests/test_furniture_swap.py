"""Issue #15: furniture replaced by furniture is furniture, and the copy-chain generator's name
expansions change the text they claim to change."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from provenance import align_documents, classify_edits, make_document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from gen_copy_chains import _expand_name, make_copy_chain  # noqa: E402

BODY = [
    "GENEVA - The health agency said on Monday that vaccination rates had fallen in twelve countries.",
    "Officials in Geneva warned that outbreaks of measles could follow within months if nothing changed.",
    "The report, compiled by regional offices, tracks routine immunisation of children under five.",
    "Funding for the programme was cut last year, the agency said, and staff numbers were reduced.",
]


def _page(outlet: str, body=BODY) -> str:
    return "\n\n".join([*body, f"Copyright {outlet}. All rights reserved. Subscribe to {outlet} for more."]) + "\n"


def _kinds(parent: str, child: str):
    return [(e.kind, e.parent_text, e.child_text)
            for e in classify_edits(align_documents(make_document("p", parent), make_document("c", child)))]


def test_footer_replaced_by_another_outlets_footer_is_furniture():
    kinds = _kinds(_page("The Harbour Gazette"), _page("Northern Courier"))
    assert kinds and all(k == "boilerplate" for k, _, _ in kinds), kinds
    assert not any(k == "entity" for k, _, _ in kinds)


def test_name_replaced_in_a_body_paragraph_that_mentions_copyright_is_not_furniture():
    body = BODY[:2] + ["Copyright lawyers for Geneva Holdings said the ruling was wrong."] + BODY[2:]
    changed = BODY[:2] + ["Copyright lawyers for Zurich Holdings said the ruling was wrong."] + BODY[2:]
    kinds = _kinds(_page("The Harbour Gazette", body), _page("The Harbour Gazette", changed))
    assert kinds and not any(k == "boilerplate" for k, _, _ in kinds), kinds


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["The Harbour Gazette", "Daily Ledger", "Coastal Times"]),
       st.sampled_from(["Northern Courier", "Morning Dispatch", "The Valley Post"]))
def test_footer_swap_is_furniture_either_way(a, b):
    for p, c in ((a, b), (b, a)):
        kinds = _kinds(_page(p), _page(c))
        assert all(k == "boilerplate" for k, _, _ in kinds), (p, c, kinds)


def test_generator_name_expansion_changes_every_bare_occurrence():
    body = ("Officials said Geneva would act.", "The agency in Geneva said so, and Mr. Geneva agreed.")
    for seed in range(20):
        out, what = _expand_name(body, random.Random(seed))
        if what is None:
            assert out == body
            continue
        assert out != body, what
        name = what.split()[1]
        prefix = what.split("-> ")[1].rsplit(" ", 1)[0]
        assert f"said {prefix} {name}" in out[0] or name not in out[0].split("said ")[1], (what, out)
        assert f"Mr. {name}" not in out[1] or f"Mr. {name} agreed" in out[1]


def test_generator_records_only_expansions_that_changed_the_text():
    text = "\n\n".join(BODY) + "\n"
    chain = make_copy_chain(text, random.Random(7), [])
    for cid, ops in chain.edits.items():
        parent = chain.texts[chain.parents[cid]]
        for op in ops:
            if op.startswith("expand "):
                full = op.split("-> ")[1]
                assert full in chain.texts[cid] and chain.texts[cid] != parent, (cid, op)
