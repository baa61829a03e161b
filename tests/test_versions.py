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
    assert looks_like_revisions(star) < 0.5  # below "no evidence" (0.45 on surface shingles, 0.39 on words)
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


@pytest.mark.xfail(strict=True, reason="seed 1: the root n0 is found now, but n3 (a copy of n2) hangs under n1, its "
                   "grandparent; bench_copy_chains: 73% parents right on held-out seeds (issue #15 target 98%)")
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


# -- the two regimes in trace (issue #15) -----------------------------------------------------------

from click.testing import CliRunner  # noqa: E402

from provenance import trace_documents  # noqa: E402
from provenance.cli import cli  # noqa: E402
from provenance.lineage.versions import inherited_share, revision_regime  # noqa: E402


def _star(seed: int = 1):
    rng = random.Random(seed)
    wire = [_paragraph(rng) for _ in range(8)]
    return [make_document("wire", "\n\n".join(wire))] + [
        make_document(f"copy{k}", "\n\n".join([f"Page of outlet {k}: {_paragraph(rng, 6)}"] + wire[:k] + wire[k + 1 :]))
        for k in range(1, 6)
    ]


def test_additions_kept_later_are_runs_of_the_order_in_a_chain_not_in_a_star():
    chain = [make_document(f"v{k}", t) for k, t in enumerate(_chain(2, 6))]
    assert inherited_share(chain) == 1.0
    assert inherited_share(_star()) < 0.6
    assert inherited_share(chain[:2]) is None  # two documents: nothing to compare


def test_regime_rule_needs_four_documents_inherited_additions_and_little_furniture():
    chain = [make_document(f"v{k}", t) for k, t in enumerate(_chain(2, 6))]
    assert revision_regime(chain, furniture_share=0.0)
    assert not revision_regime(chain, furniture_share=0.5)  # copies carrying mastheads: syndication
    assert not revision_regime(chain[:3], furniture_share=0.0)  # three cannot tell a chain from a star
    assert not revision_regime(_star(), furniture_share=0.0)


def _shuffled_chain(seed: int, n: int):
    texts = _chain(seed, n)
    rng = random.Random(seed)
    ids = [f"d{k}" for k in range(n)]
    rng.shuffle(ids)
    docs = [make_document(ids[k], texts[k]) for k in range(n)]
    rng.shuffle(docs)
    return docs, ids  # ids[k] is version k


@pytest.mark.parametrize("versions", [True, None])
def test_trace_reads_a_growing_chain_as_versions(versions):
    docs, ids = _shuffled_chain(5, 5)
    story, = trace_documents(docs, versions=versions).stories
    assert story.regime == "revision"
    assert story.versions == tuple(ids) and story.source == ids[0]
    assert [(e.parent, e.child) for e in story.tree] == list(zip(ids, ids[1:]))
    # each step of a growing chain adds one paragraph and cuts nothing
    assert all([e.kind for e in edge.edits] == ["inserted"] for edge in story.tree)
    js = story.to_json()
    assert js["regime"] == "revision" and js["versions"] == list(ids)


def test_copies_flag_keeps_the_syndication_reading():
    docs, ids = _shuffled_chain(5, 5)
    story, = trace_documents(docs, versions=False).stories
    assert story.regime == "syndication" and story.versions == ()
    assert "regime" not in story.to_json()


def test_two_versions_without_dates_stay_undecided_with_dates_are_ordered():
    a, b = _chain(7, 2)
    story, = trace_documents([make_document("b", b), make_document("a", a)], versions=True).stories
    assert story.regime == "revision" and story.source is None and story.versions == ()
    dated = [make_document("b", b, meta={"date": "2020-01-01"}), make_document("a", a, meta={"date": "2021-01-01"})]
    story, = trace_documents(dated, versions=True).stories
    assert story.versions == ("b", "a") and story.source == "b"  # the dates win over the sizes


def test_dated_versions_are_ordered_by_the_moment_with_its_offset_not_the_calendar_day():
    # 2020-03-02T01:00+05:00 is 20:00 UTC on 1 March: before 2020-03-01T23:00Z, a later calendar day
    a, b = _chain(7, 2)
    docs = [make_document("old", a, meta={"date": "2020-03-02T01:00:00+05:00"}),
            make_document("new", b, meta={"date": "2020-03-01T23:00:00Z"})]
    story, = trace_documents(docs, versions=True).stories
    assert story.versions == ("old", "new") and story.confidence == 1.0
    # two times of one day are two moments; a day alone and a time of that day cannot be told apart
    same_day = [make_document("x", a, meta={"date": "2020-03-01T08:00"}), make_document("y", b, meta={"date": "2020-03-01T09:30"})]
    assert trace_documents(same_day, versions=True).stories[0].versions == ("x", "y")
    vague = [make_document("x", a, meta={"date": "2020-03-01"}), make_document("y", b, meta={"date": "2020-03-01T09:30"})]
    story, = trace_documents(vague, versions=True).stories
    assert story.versions == () and "dates that do not say which came first" in story.evidence[0]
    assert "no dates" not in story.evidence[0]


def test_versions_dated_in_part_say_so_and_where_the_text_order_goes_against_the_dates():
    texts = _chain(3, 4)
    # the oldest text dated after the newest: the text order is kept, and the evidence names the conflict
    docs = [make_document(f"v{k}", t, meta={"date": "2016-01-01"} if k == 0 else
                          ({"date": "2010-01-01"} if k == 3 else {})) for k, t in enumerate(texts)]
    story, = trace_documents(docs, versions=True).stories
    line = next(x for x in story.evidence if x.startswith("dates given for 2 of 4 versions"))
    assert story.versions.index("v0") < story.versions.index("v3")  # a growing chain: v0 is the oldest text
    assert line.endswith("it puts v0 (2016-01-01) before v3 (2010-01-01), against their dates")
    agreeing = [make_document(d.id, d.text, meta={"date": "2009-01-01"} if d.id == "v0" else d.meta) for d in docs]
    story, = trace_documents(agreeing, versions=True).stories
    assert "dates given for 2 of 4 versions: the order is read from the text, and agrees with them" in story.evidence


def _chain_files(tmp_path, monkeypatch, seed: int = 11, n: int = 4) -> tuple[list[str], list[str]]:
    """A shuffled chain of ``n`` versions written as ``<id>.txt`` into ``tmp_path`` (the working
    directory now): the file names sorted, and the names oldest first."""
    docs, ids = _shuffled_chain(seed, n)
    for d in docs:
        (tmp_path / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return sorted(f"{d.id}.txt" for d in docs), [f"{i}.txt" for i in ids]


def test_kinds_filter_leaves_the_version_steps_whole(tmp_path, monkeypatch):
    files, names = _chain_files(tmp_path, monkeypatch)
    whole = CliRunner().invoke(cli, ["trace", "--versions", "--no-diff", "--width", "200", *files])
    only = CliRunner().invoke(cli, ["trace", "--versions", "--no-diff", "--width", "200", "--kinds", "spelling", *files])
    step = next(line for line in whole.output.splitlines() if line.strip().startswith(f"{names[0]} → {names[1]}:"))
    assert "added 1 passage" in step and step in only.output.splitlines()


def test_seeds_stay_a_syndication_star(examples_dir):
    docs = [make_document(p.name, p.read_text(encoding="utf-8-sig")) for p in sorted(examples_dir.glob("*.txt"))]
    trace = trace_documents(docs)
    story = next(s for s in trace.stories if "afp_wire_putin_strikes.txt" in s.documents)
    assert story.regime == "syndication" and story.source == "afp_wire_putin_strikes.txt"
    assert "lavrov_unrelated.txt" in trace.unrelated


def test_cli_versions_prints_the_order_and_each_step(tmp_path, monkeypatch):
    files, names = _chain_files(tmp_path, monkeypatch)
    res = CliRunner().invoke(cli, ["trace", "--versions", "--no-diff", "--width", "200", *files])
    assert res.exit_code == 0, res.output
    assert "versions, oldest first: " + " → ".join(names) in res.output
    assert f"{names[0]} → {names[1]}: added 1 passage" in res.output
    assert "[oldest version, confidence" in res.output
    res = CliRunner().invoke(cli, ["trace", "--copies", "--no-diff", *files])
    assert res.exit_code == 0 and "versions, oldest first" not in res.output
    res = CliRunner().invoke(cli, ["trace", "--versions", "-f", "dot", *files])
    assert res.exit_code == 0 and "versions " + " -> ".join(names) in res.output
    res = CliRunner().invoke(cli, ["trace", "--versions", "-f", "html", *files])
    assert res.exit_code == 0 and 'class="versions"' in res.output


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 5), st.randoms(use_true_random=False))
def test_trace_versions_reads_any_input_order_the_same(seed, n, shuffle):
    texts = _chain(seed, n)
    names = [f"x{k}" for k in range(n)]
    shuffle.shuffle(names)  # ids say nothing about the rank
    docs = [make_document(names[k], texts[k]) for k in range(n)]
    shuffle.shuffle(docs)
    story, = trace_documents(docs, versions=True).stories
    assert story.regime == "revision" and story.versions == tuple(names) and story.source == names[0]
    assert [e.child for e in story.tree] == names[1:]


# -- the oldest: root scores with the reversal signal -----------------------------------------------

from provenance import DEFAULT_SETTINGS  # noqa: E402
from provenance.lineage.versions import root_scores  # noqa: E402


def _chain_with_rewrites(seed: int, versions: int) -> list[str]:
    """Each version adds a paragraph and rewrites one word of an older paragraph in place."""
    rng = random.Random(seed)
    paras = [_paragraph(rng) for _ in range(3)]
    out = ["\n\n".join(paras)]
    for k in range(versions - 1):
        paras.insert(rng.randint(0, len(paras)), _paragraph(rng))
        p = rng.randrange(len(paras))
        words = paras[p].split()
        words[rng.randrange(1, len(words))] = f"revised{k}"
        paras[p] = " ".join(words)
        out.append("\n\n".join(paras))
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 7), st.randoms(use_true_random=False))
def test_growing_versions_edited_in_place_are_ordered_back(seed, n, shuffle):
    texts = _chain_with_rewrites(seed, n)
    ids = [f"x{k}" for k in range(n)]
    shuffle.shuffle(ids)
    docs = [make_document(ids[k], texts[k]) for k in range(n)]
    shuffle.shuffle(docs)
    order = order_versions(docs, describe=False)
    assert order.order == tuple(ids)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6))
def test_root_weights_are_a_distribution_whose_top_is_the_confidence(seed, n):
    docs = [make_document(f"v{k}", t) for k, t in enumerate(_chain_with_rewrites(seed, n))]
    order = order_versions(docs, describe=False)
    assert set(order.root_weights) == {d.id for d in docs}
    assert sum(order.root_weights.values()) == pytest.approx(1.0)
    assert order.root_weights[order.oldest] == pytest.approx(order.confidence)
    assert order.confidence == max(order.root_weights.values())
    assert set(order.end_costs) == set(order.start_costs) == {d.id for d in docs}


def test_a_version_that_ends_a_cheap_order_well_loses_a_near_tie_for_the_oldest():
    # version 0 starts the cheapest order, but only just; it also ends an order cheaply (the
    # reading the other way round), version 1 does not: with the reversal signal 1 is the oldest
    starting, ending = [1.0, 1.05], [1.0, 2.0]
    off = DEFAULT_SETTINGS.with_options(version_reversal_weight=0.0)
    on = DEFAULT_SETTINGS.with_options(version_reversal_weight=0.2)
    assert root_scores(starting, ending, off) == pytest.approx([0.0, 0.05])
    assert root_scores(starting, ending, on) == pytest.approx([0.0, 0.05 - 0.2])
    # a clear lead in the starting cost is not overturned
    assert min(range(2), key=root_scores([1.0, 2.0], [1.0, 1.5], on).__getitem__) == 0


# -- issue #15 targets on real revision histories (strict xfail while not met) -----------------------

import hashlib  # noqa: E402
import json  # noqa: E402


def _oldest_named(histories) -> tuple[float, float]:
    """(share of histories whose oldest text is named first, mean Kendall tau-b of the order against
    the true rank), both modulo identical texts (an identical pair cannot be ordered)."""
    right, taus = 0, []
    for texts in histories:
        rng = random.Random(len(texts))
        ranks = list(range(len(texts)))
        rng.shuffle(ranks)
        docs = [make_document(f"w{k}", texts[r]) for k, r in enumerate(ranks)]
        cls = {t: k for k, t in enumerate(dict.fromkeys(texts))}  # class of each text, by first rank
        order = order_versions(docs, describe=False).order
        got = [cls[next(d.text for d in docs if d.id == x)] for x in order]
        right += got[0] == 0
        conc = sum((got[j] > got[i]) - (got[j] < got[i]) for i in range(len(got)) for j in range(i + 1, len(got)))
        pairs = sum(got[i] != got[j] for i in range(len(got)) for j in range(i + 1, len(got)))
        taus.append(conc / pairs if pairs else 0.0)  # tau-a over untied pairs: close to tau-b here
    return right / len(histories), sum(taus) / len(taus)


def _wikipedia_half_b(shared_data):
    root = shared_data / "wikipedia-versions-dev" / "version_documents"
    if not root.is_dir():
        pytest.skip(f"Wikipedia versions not found at {root}")
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if int(hashlib.sha256(folder.name.encode()).hexdigest(), 16) % 2 == 1:  # half B (held out)
            files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem))
            out.append([f.read_text(encoding="utf-8") for f in files])
    return out


@pytest.mark.xfail(strict=True, reason="issue #15 target not met: on held-out half B the oldest text is named in "
                   "87% (bench_versions.py: 95/109), mean tau 0.77; the misses are mostly a version that "
                   "shrank (blanking, archiving, a split) read as the start, or a near-identical pair whose "
                   "later edit was reverted")
def test_wikipedia_half_b_oldest_named_in_90_percent_tau_08(shared_data):
    share, tau = _oldest_named(_wikipedia_half_b(shared_data))
    assert share >= 0.9 and tau >= 0.8


@pytest.mark.xfail(strict=True, reason="issue #15 target not met: Darwin's editions neither grow (1872 longer than "
                   "1859 in 17 of 42 paragraphs) nor carry another direction the version order reads, so 1859 "
                   "comes first in about a third of paragraphs")
def test_darwin_1859_named_first_in_80_percent(shared_data):
    path = shared_data / "collatex-darwin-origin-of-species" / "darwin_ch1_paragraphs.normalized.json"
    if not path.is_file():
        pytest.skip(f"Darwin data not found at {path}")
    histories = []
    for texts in json.loads(path.read_text(encoding="utf-8")).values():
        distinct = list(dict.fromkeys(texts[y] for y in sorted(texts)))
        if len(texts) >= 3 and len(distinct) >= 2:
            histories.append(distinct)
    share, _ = _oldest_named(histories)
    assert share >= 0.8


def test_a_history_that_retitles_its_page_is_still_read_as_versions(examples_dir):
    """Six versions, each adding a paragraph, the headline rewritten at the fourth and the sixth: the
    rewritten headlines counted as page furniture, so plain trace read the history as copies, newest
    first, at 0.91 (hostile review). A headline rewritten is what revisions do; furniture added or
    dropped is what marks a copy."""
    import random as _random

    from provenance import trace_documents

    paras = [p for p in (examples_dir / "afp_wire_putin_strikes.txt").read_text().split("\n") if p.strip()]
    heads = ["Putin says strikes inevitable"] * 3 + ["Putin: strikes on Ukraine were inevitable"] * 2 + ["Kremlin rejects Biden's terms"]
    versions = [make_document(f"v{k + 1}", heads[k] + "\n\n" + "\n\n".join(paras[: 6 + 2 * k])) for k in range(6)]
    shuffled = versions[:]
    _random.Random(3).shuffle(shuffled)
    story = trace_documents(shuffled).stories[0]
    assert story.regime == "revision"
    assert story.versions == tuple(f"v{k + 1}" for k in range(6))


def test_the_version_summary_counts_an_added_quotation_as_added_text(examples_dir):
    """A version that adds a paragraph of quotations: its edit is a `quote` (quotation inserted), and
    the summary said "added 0 passages ... changed 1" (hostile review)."""
    from provenance import trace_documents
    from provenance.render.text import version_lines

    paras = [p for p in (examples_dir / "afp_wire_putin_strikes.txt").read_text().split("\n") if p.strip()]
    quote = '"We will not stop until the job is done," the minister told reporters on Saturday.'
    v1 = make_document("v1", "\n\n".join(paras[:6]))
    v2 = make_document("v2", "\n\n".join(paras[:6] + [quote]))
    v3 = make_document("v3", "\n\n".join(paras[:6] + [quote] + paras[6:9]))
    story = trace_documents([v3, v1, v2], versions=True).stories[0]
    assert story.versions == ("v1", "v2", "v3")
    line = " ".join(version_lines(story, 200))
    assert "v1 → v2: added 1 passage" in line and "changed 0" in line


@pytest.mark.parametrize("order", [0, 1, 2])
def test_copies_that_only_cut_the_tail_are_syndication_not_versions(examples_dir, order):
    """A wire and three reprints keeping its first 85%, 65% and 45% of paragraphs are nested like
    growing versions; read as a history, the shortest reprint was "the oldest version" (0.92) and the
    wire's own paragraphs invented quotes. Texts that differ only by where their tails were cut are
    copies (lineage.tree.only_tail_cuts)."""
    from provenance import trace_documents

    paras = [p for p in (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8").splitlines() if p.strip()]
    texts = {"wire": paras} | {f"r{k}": paras[: max(2, round(len(paras) * share))]
                               for k, share in enumerate((0.85, 0.65, 0.45))}
    ids = sorted(texts)
    random.Random(order).shuffle(ids)
    trace = trace_documents([make_document(i, "\n\n".join(texts[i])) for i in ids])
    (story,) = trace.stories
    assert story.source == "wire" and story.regime == "syndication"


def test_reversions_count_what_an_order_cuts_and_restores():
    from provenance.lineage.versions import reversions

    a, b, c = frozenset("ab"), frozenset("abc"), frozenset("abcd")
    assert reversions([a, b, c], [0, 1, 2]) == 0.0  # each version keeps what the last one had
    stub = frozenset("d")
    # the stub read as the oldest: its one shingle is lost at a and found again at c
    assert reversions([a, b, c, stub], [3, 0, 1, 2]) == 1.0
    assert reversions([a, b, c, stub], [0, 1, 2, 3]) == 0.0


def test_a_history_ending_in_a_stub_starts_at_its_oldest_version(shared_data):
    # stop 26: "Transport in India" ends in a 71-word stub of its latest text, which was read as the
    # oldest version (the others grow from it more cheaply than it is cut from them); the best order
    # from the stub loses the stub's text at once and restores it in later versions
    folder = shared_data / "wikipedia-versions-dev" / "version_documents" / "Transport in India"
    if not folder.is_dir():
        pytest.skip(f"Wikipedia versions not found at {folder}")
    files = sorted(folder.glob("*.txt"), key=lambda p: int(p.stem))
    docs = [make_document(f.name, f.read_text(encoding="utf-8")) for f in reversed(files)]
    assert order_versions(docs, describe=False).oldest == "0.txt"


def test_cli_date_takes_a_time_and_orders_versions_of_one_day(tmp_path, monkeypatch):
    a, b = _chain(5, 2)
    (tmp_path / "x.txt").write_text(a, encoding="utf-8")
    (tmp_path / "y.txt").write_text(b, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["trace", "--versions", "-f", "json", "--date", "y.txt=2021-05-04T09:00:00+02:00",
                                   "--date", "x.txt=2021-05-04T08:30:00Z", "y.txt", "x.txt"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["stories"][0]["versions"] == ["y.txt", "x.txt"]  # 07:00 UTC before 08:30 UTC
    res = CliRunner().invoke(cli, ["trace", "--date", "x.txt=yesterday", "x.txt", "y.txt"])
    assert res.exit_code == 2 and "is not FILE=YYYY-MM-DD (or FILE=an ISO date-time)" in res.output


def test_identical_versions_are_in_the_listed_order():
    # a revert makes a byte-identical revision: it was missing from `versions` (traced once, it
    # hangs from its twin as an identical edge), in the order by dates too
    a, b, c = _chain(9, 3)
    undated = [make_document("v0", a), make_document("v1", b), make_document("v1bis", b), make_document("v2", c)]
    story, = trace_documents(undated, versions=True).stories
    assert set(story.versions) == {"v0", "v1", "v1bis", "v2"}
    assert story.versions.index("v1bis") == story.versions.index("v1") + 1
    dates = {"v0": "2010-01-01", "v1": "2011-01-01", "v2": "2012-01-01", "v1bis": "2013-01-01"}
    dated = [make_document(d.id, d.text, meta={"date": dates[d.id]}) for d in undated]
    story, = trace_documents(dated, versions=True).stories
    assert story.versions == ("v0", "v1", "v2", "v1bis")


def test_versions_asked_of_identical_texts_are_a_revision_story():
    a = _chain(4, 1)[0]
    same = [make_document("x", a), make_document("y", a), make_document("z", a)]
    story, = trace_documents(same, versions=True).stories
    assert story.regime == "revision" and story.versions == ()  # nothing tells their order
    dated = [make_document(d.id, d.text, meta={"date": f"202{k}-01-01"}) for k, d in zip((2, 0, 1), same)]
    story, = trace_documents(dated, versions=True).stories
    assert story.regime == "revision" and story.versions == ("y", "z", "x") and story.source == "y"
    assert trace_documents(same).stories[0].regime == "syndication"


def test_copies_dated_on_one_day_are_ordered_by_their_times():
    # the syndication reading's date evidence reads times too (it compared calendar days only)
    from provenance.lineage.evidence import pair_evidence
    from provenance.settings import DEFAULT_SETTINGS

    a, b = _chain(6, 2)
    u = make_document("wire", a, meta={"date": "2024-05-01T08:00:00Z"})
    v = make_document("paper", b, meta={"date": "2024-05-01T14:00:00+02:00"})
    reasons = pair_evidence(u, v, DEFAULT_SETTINGS, frozenset()).reasons
    assert "wire is dated 2024-05-01T08:00:00Z, before paper (2024-05-01T14:00:00+02:00)" in reasons
    day = make_document("paper", b, meta={"date": "2024-05-01"})
    assert not any("is dated" in r for r in pair_evidence(u, day, DEFAULT_SETTINGS, frozenset()).reasons)


def test_a_revision_story_is_worded_as_versions_not_wire_copy(tmp_path, monkeypatch):
    files, names = _chain_files(tmp_path, monkeypatch)
    text = CliRunner().invoke(cli, ["trace", "--versions", "--no-diff", *files]).output
    assert "Story 1: 4 documents are versions of one text" in text and "share wire text" not in text
    page = CliRunner().invoke(cli, ["trace", "--versions", "-f", "html", *files]).output
    assert f"<title>{names[0]} (oldest version)</title>" in page and "(reprint)</title>" not in page
    copies = CliRunner().invoke(cli, ["trace", "--copies", "--no-diff", *files]).output
    assert "share wire text" in copies


def test_the_version_summary_gives_the_words_of_changed_passages(examples_dir):
    """A passage rewritten around a figure can replace a whole sentence ("and 2012. She holds the
    title of international master ..." -> "2012, 2013 and 2014", a `number` edit): the summary said
    "cut 0 (0 words), changed 6" over 34 words gone (hostile review). Changed passages now give
    their words on both sides, so the summary accounts for every word of the step."""
    from provenance import trace_documents
    from provenance.render.text import version_lines

    paras = [p for p in (examples_dir / "afp_wire_putin_strikes.txt").read_text().split("\n") if p.strip()]
    v1 = make_document("v1", "\n\n".join(paras[:5] + ["She won the title in 2011 and 2012. She holds the rank of "
                                                       "master and two of the three results needed for the title."]))
    v2 = make_document("v2", "\n\n".join(paras[:5] + ["She won the title in 2011, 2012, 2013 and 2014."]))
    v3 = make_document("v3", "\n\n".join(paras[:5] + ["She won the title in 2011, 2012, 2013 and 2014."] + paras[5:8]))
    story = trace_documents([v3, v1, v2], versions=True).stories[0]
    assert story.versions, story.evidence
    line = " ".join(version_lines(story, 300))
    checked = 0
    for edge in story.tree:
        changed = [x for x in edge.edits if x.parent_text and x.child_text]
        if changed:
            gone = sum(len(x.parent_text.split()) for x in changed)
            new = sum(len(x.child_text.split()) for x in changed)
            assert f"{edge.parent} → {edge.child}:" in line and f"changed {len(changed)} ({gone} -> {new} words)" in line, line
            checked += 1
    assert checked, line
