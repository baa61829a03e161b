"""provenance.lineage.versions: version order on synthetic chains, the regime score, innovation trees."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import align_documents, classify_edits, make_document
from provenance.lineage.versions import looks_like_revisions, order_versions, tree_by_innovations

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from gen_copy_chains import make_copy_chain  # noqa: E402

_VOCAB = ("river harbour council budget winter school railway market station bridge farmer court "
          "election museum village doctor festival factory island mayor storm library").split()


def _paragraph(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(_VOCAB) for _ in range(n)).capitalize() + "."


def _chain(seed: int, versions: int) -> list[str]:
    """v1 ⊂ v2 ⊂ ...: each version keeps every paragraph of the previous one and adds one."""
    rng = random.Random(seed)
    paras = [_paragraph(rng) for _ in range(3)]
    out = ["\n\n".join(paras)]
    for _ in range(versions - 1):
        paras.insert(rng.randint(0, len(paras)), _paragraph(rng))
        out.append("\n\n".join(paras))
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 7), st.randoms(use_true_random=False))
def test_growing_chain_is_ordered_oldest_first_in_any_input_order(seed, n, shuffle):
    texts = _chain(seed, n)
    ids = [f"x{k}" for k in range(n)]
    shuffle.shuffle(ids)  # ids say nothing about the rank
    docs = [make_document(ids[k], texts[k]) for k in range(n)]
    shuffle.shuffle(docs)
    order = order_versions(docs, describe=False)
    assert order.order == tuple(ids)
    assert order.parent_of() == {ids[k]: ids[k - 1] for k in range(1, n)}


def test_steps_say_what_each_version_added():
    texts = _chain(3, 3)
    docs = [make_document(f"v{k}", t) for k, t in enumerate(texts)]
    order = order_versions(list(reversed(docs)))
    assert order.order == ("v0", "v1", "v2")
    for step in order.steps:
        assert [e.kind for e in step.added] == ["inserted"] and not step.cut


def test_order_does_not_depend_on_input_order():
    texts = _chain(5, 5)
    docs = [make_document(f"v{k}", t) for k, t in enumerate(texts)]
    first = order_versions(docs, describe=False)
    for seed in range(5):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        again = order_versions(shuffled, describe=False)
        assert again.order == first.order and again.confidence == pytest.approx(first.confidence)


def test_a_chain_looks_like_revisions_and_a_star_of_cutting_copies_does_not():
    rng = random.Random(1)
    wire = [_paragraph(rng) for _ in range(8)]
    # each copy cuts a different paragraph and adds furniture of its own: siblings share no additions
    star = [make_document("wire", "\n\n".join(wire))] + [
        make_document(f"copy{k}", "\n\n".join([f"Page of outlet {k}: {_paragraph(rng, 6)}"] + wire[:k] + wire[k + 1 :]))
        for k in range(1, 6)
    ]
    chain = [make_document(f"v{k}", t) for k, t in enumerate(_chain(2, 6))]
    assert looks_like_revisions(chain) > 0.6
    assert looks_like_revisions(star) < 0.4
    assert looks_like_revisions(chain[:2]) == 0.5  # two documents: no evidence either way


def _innovation_tree(texts: dict[str, str]):
    docs = [make_document(k, t) for k, t in texts.items()]
    alignments, edits = {}, {}
    for u in docs:
        for v in docs:
            if u is not v:
                alignments[(u.id, v.id)] = align_documents(u, v)
                edits[(u.id, v.id)] = classify_edits(alignments[(u.id, v.id)])
    return tree_by_innovations(docs, edits, alignments)


def test_copy_of_a_reprint_hangs_under_the_reprint(examples_dir):
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8-sig")
    ld = (examples_dir / "london_daily_reprint.txt").read_text(encoding="utf-8-sig")
    copy = ld.replace("Kyiv", "Kiev", 1) + "\nRepublished with permission of the London Daily.\n"
    tree = _innovation_tree({"afp": afp, "ld": ld, "copy": copy})
    assert tree.root == "afp"
    assert tree.parents == {"ld": "afp", "copy": "ld"}


@pytest.mark.xfail(strict=True, reason="seed 1: n1 differs from n0 by one changed word only (its name expansion found "
                   "no match), so the root edge is symmetric and n1 is chosen; bench_copy_chains: 59% parents right")
def test_generated_chain_of_three_levels_is_recovered(examples_dir):
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8-sig")
    chain = make_copy_chain(afp, random.Random(1), [])
    tree = _innovation_tree(chain.texts)
    assert tree.root == "n0"
    assert tree.parents == chain.parents


def test_chain_of_five_by_innovations(examples_dir):
    """AFP, two reprints and a copy of each keeping its parent's edits: every parent right."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_story import _ld_copy, _own_furniture, _word_edits

    read = lambda n: (examples_dir / n).read_text(encoding="utf-8-sig")  # noqa: E731
    afp, mt, ld = read("afp_wire_putin_strikes.txt"), read("moscow_times_reprint.txt"), read("london_daily_reprint.txt")
    tree = _innovation_tree({"afp": afp, "mt": mt, "ld": ld, "mt-copy": _word_edits(_own_furniture(mt)),
                             "ld-copy": _ld_copy(ld)})
    assert tree.root == "afp"
    assert tree.parents == {"mt": "afp", "ld": "afp", "mt-copy": "mt", "ld-copy": "ld"}
