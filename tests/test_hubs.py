"""Hub grouping: each document attaches to its best source; formula links do not chain."""

from __future__ import annotations

import random

from provenance.archive.hubs import ScoredPair, component_clusters, hub_clusters


def _members(clusters):
    return sorted(c.members for c in clusters)


def test_weak_link_between_two_stories_does_not_merge_them():
    pairs = [ScoredPair("S", f"C{k}", 0.9) for k in range(3)] + [
        ScoredPair("X", "Y", 0.85), ScoredPair("C2", "X", 0.25)]
    assert _members(component_clusters(pairs)) == [("C0", "C1", "C2", "S", "X", "Y")]
    clusters = hub_clusters(pairs, order=["S", "X"])
    assert _members(clusters) == [("C0", "C1", "C2", "S"), ("X", "Y")]
    assert {c.members[0]: c.hub for c in clusters} == {"C0": "S", "X": "X"}


def test_formula_only_pairs_are_split_but_big_verbatim_stories_kept():
    pairs = [ScoredPair("A", "B", 0.9), ScoredPair("B", "C", 0.3, frequent_share=1.0),
             ScoredPair("P", "Q", 0.95, frequent_share=1.0)]
    assert _members(hub_clusters(pairs)) == [("A", "B"), ("P", "Q")]


def test_near_best_links_keep_copies_together():
    # two copies that each prefer the source, and each other nearly as much: one cluster
    pairs = [ScoredPair("S", "A", 0.9), ScoredPair("S", "B", 0.88), ScoredPair("A", "B", 0.86)]
    assert _members(hub_clusters(pairs)) == [("A", "B", "S")]


def test_input_order_and_duplicates_do_not_matter():
    rng = random.Random(3)
    pairs = [ScoredPair(f"d{a}", f"d{b}", rng.random()) for a in range(30) for b in range(a + 1, 30)
             if rng.random() < 0.1]
    expected = hub_clusters(pairs)
    for _ in range(5):
        shuffled = pairs + [ScoredPair(p.b, p.a, p.score / 2) for p in pairs[:5]]
        rng.shuffle(shuffled)
        assert hub_clusters(shuffled) == expected


def test_a_reprinted_partial_reprint_stays_with_its_source():
    from provenance.settings import DEFAULT_SETTINGS

    # S the wire, C its copy, P a partial reprint of S (weak link), R a copy of P (strong link)
    pairs = [ScoredPair("S", "C", 0.9), ScoredPair("S", "P", 0.4), ScoredPair("P", "R", 0.95)]
    order = ["S", "C", "P", "R"]
    assert _members(hub_clusters(pairs, order)) == [("C", "P", "R", "S")]
    without = DEFAULT_SETTINGS.with_options(hub_keep_source=False)
    assert _members(hub_clusters(pairs, order, without)) == [("C", "S"), ("P", "R")]
    # the source must come first: a weak link to a *later* text is not kept for it
    assert _members(hub_clusters(pairs, ["C", "P", "R", "S"])) == [("C", "S"), ("P", "R")]
