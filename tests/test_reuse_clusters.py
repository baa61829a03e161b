"""The archive pipeline of issue #16: char candidates, containment pre-filter, reuse-model
verification, per-archive hash sample, schema version 2 (texts of their own)."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from provenance.archive.charshingles import char_fingerprint
from provenance.archive.cluster import char_sample_for, reuse_candidates, reuse_clusters, sampled
from provenance.archive.index import Index, IndexFileError
from provenance.archive.verify import containment, verify_pair
from provenance.cli import cli
from provenance.inputs.documents import make_document
from provenance.settings import DEFAULT_SETTINGS

SOURCE = (
    "The regional council approved a budget of 48 million francs on Tuesday after a debate that lasted "
    "seven hours. The largest share goes to the new hospital wing in the northern district, which is due "
    "to open in 2027. Opposition members said the tax rise of two percent would hurt small businesses "
    "and voted against the plan. The council president, Maria Keller, said the hospital could not wait. "
    "Work on the wing begins in March and the contractor has promised to finish within thirty months. "
    "A referendum on the tax rise is possible if ten thousand signatures are collected by the summer."
)
# lead rewritten, one sentence dropped, the rest copied
PARTIAL = (
    "Councillors in the region voted for the spending plan late on Tuesday. "
    "The largest share goes to the new hospital wing in the northern district, which is due "
    "to open in 2027. Opposition members said the tax rise of two percent would hurt small businesses "
    "and voted against the plan. Work on the wing begins in March and the contractor has promised to "
    "finish within thirty months."
)
# the same event, written independently: names, numbers and a short quote only
SAME_EVENT = (
    "Maria Keller won her vote. By a clear majority the members backed spending 48 million francs, "
    "mostly on hospital beds, and Keller told reporters the hospital could not wait. Shopkeepers in "
    "the old town were unhappy about paying more and several said they would sign for a referendum. "
    "The building firm expects to need thirty months for the job, starting in March, with the "
    "doors opening in 2027 if all goes to plan."
)
OTHER = (
    "Heavy snow closed the mountain pass for the third day running and the railway put on extra trains. "
    "Avalanche warnings stay at level four across the western valleys until the weekend at least, "
    "and ski schools have cancelled their lessons while the wind keeps blowing from the north."
)


def docs():
    return {i: make_document(i, t, {"date": f"2026-01-0{k + 1}"})
            for k, (i, t) in enumerate((("source", SOURCE), ("partial", PARTIAL), ("event", SAME_EVENT), ("other", OTHER)))}


def test_sample_is_chosen_from_the_archive_text():
    assert char_sample_for([]) == 1
    assert char_sample_for([50, 80, 120]) == 1  # short passages keep every hash
    assert char_sample_for([2000, 2100, 1900]) == 5  # long articles a sample of about 400
    assert sampled((3, 5, 10, 15), 5) == (5, 10, 15) and sampled((3, 5), 1) == (3, 5)


def test_candidates_keep_a_partial_reprint_and_drop_an_unrelated_story():
    d = docs()
    cands = reuse_candidates([(i, char_fingerprint(doc.text)) for i, doc in d.items()])
    pairs = {(a, b) for a, b, *_ in cands.pairs}
    assert ("source", "partial") in pairs
    assert not any("other" in p for p in pairs)
    assert cands.order == ("source", "partial", "event", "other") and cands.sample == 1


def test_containment_is_over_the_smaller_fingerprint():
    assert containment(5, 10, 100) == 0.5 and containment(5, 0, 10) == 0.0 and containment(20, 10, 10) == 1.0


def test_reuse_model_verifies_the_partial_reprint_and_ranks_it_above_the_same_event_story():
    d = docs()
    assert verify_pair(d["source"], d["partial"]).verified
    # the model alone is not enough against a same-event story (it shares names, figures, a
    # quote): the pre-filter keeps that pair from verification, see the next test
    assert verify_pair(d["source"], d["partial"]).p_derived > verify_pair(d["source"], d["event"]).p_derived


def test_verification_reads_the_reuse_model_and_features_of_the_settings_given(tmp_path):
    import json
    from importlib import resources

    model = json.loads(resources.files("provenance").joinpath("data/reuse_model.json").read_text(encoding="utf-8"))
    model["derived"]["intercept"] = -50.0  # a model that never finds reuse
    path = tmp_path / "never.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    d = docs()
    assert verify_pair(d["source"], d["partial"]).verified
    never = DEFAULT_SETTINGS.with_options(reuse_model_file=str(path))
    assert not verify_pair(d["source"], d["partial"], never).verified


def test_text_shared_with_third_documents_does_not_make_a_candidate():
    # a short background line (under verify_story_containment of each story) repeated by four stories
    background = " The previous budget had been rejected twice by voters."
    bodies = (SOURCE, OTHER,
              "The football club sold its stadium to the city for a symbolic franc and will rent it back for "
              "ninety-nine years; supporters marched through the centre on Saturday to protest against the "
              "sale, which the board defended as the only way to pay the debts left by the former owners.",
              "A rare orchid flowered in the botanical garden for the first time in forty years, drawing long "
              "queues of visitors who waited up to an hour in the rain; the gardeners had kept the plant in a "
              "heated greenhouse since a storm destroyed the old glasshouse roof.")
    stories = {f"s{k}": body + background for k, body in enumerate(bodies)}
    cands = reuse_candidates([(i, char_fingerprint(t)) for i, t in stories.items()])
    assert cands.candidates >= 1 and cands.pairs == ()  # the background is in four documents: none alone
    copied = dict(stories, copy=stories["s0"])
    kept = reuse_candidates([(i, char_fingerprint(t)) for i, t in copied.items()])
    assert [(a, b) for a, b, *_ in kept.pairs] == [("s0", "copy")]  # a whole copy: containment 1
    # with the rare cap raised to the background's four holders it counts as the pairs' own text
    wide = reuse_candidates([(i, char_fingerprint(t)) for i, t in stories.items()],
                            settings=DEFAULT_SETTINGS.with_options(rare_max_df=4, verify_min_containment=0.0))
    assert len(wide.pairs) == 6


# SAME_EVENT shares a 23-letter quote and "48 million francs" with SOURCE: about 6.4 kept hashes
# expected (2/5 of 12 + 4 windows), at the candidate bar (char_min_shared 6), and the reuse model
# reads the pair as derived (P 0.92 and 0.87 both ways). It stayed out with the BLAKE2b window
# hashes of CHAR_FINGERPRINT_VERSION 1 because they drew 5 shared hashes; version 3 draws 6. On the
# measured sets the versions agree within the sampling's noise (COUNTER dev, and the 10k synthetic
# archive's 308 same-event pairs, none reported by either), so this is the model's known
# partial-vs-none confusion (issue #14), kept visible here rather than hidden by a lucky draw.
_SAME_EVENT_AT_THE_BAR = pytest.mark.xfail(
    strict=True, reason="a same-event story sharing a quote and a figure is at the candidate bar, and the "
                        "reuse model reads it as derived (P 0.92): issue #14's partial-vs-none confusion")


def _cluster_of(members, doc):
    return next((set(m) for m in members if doc in m), {doc})


def test_reuse_clusters_group_source_and_partial_reprint():
    d = docs()
    clusters, verified, _ = reuse_clusters([(i, char_fingerprint(doc.text)) for i, doc in d.items()], d.__getitem__)
    members = [c.members for c in clusters]
    assert {"partial", "source"} <= _cluster_of(members, "source") and "other" not in _cluster_of(members, "source")
    assert len(clusters) == 1 and clusters[0].hub in clusters[0].members and len(verified) >= 1


@_SAME_EVENT_AT_THE_BAR
def test_reuse_clusters_leave_the_same_event_story_out():
    d = docs()
    clusters, _, _ = reuse_clusters([(i, char_fingerprint(doc.text)) for i, doc in d.items()], d.__getitem__)
    assert [c.members for c in clusters] == [("partial", "source")]


def test_verification_does_not_depend_on_how_the_mapper_consumes_the_chunks():
    # the chunks are made while candidates are counted: a lazy mapper (map, a process pool) and one
    # that lists its items first (Dask) must give each pair its own P(derived). Here the same-event
    # story comes first (its pair is read in the first chunk) and misses the bar; the partial
    # reprint's pair, read in the second chunk, passes it.
    d = docs()
    fps = [(i, char_fingerprint(d[i].text)) for i in ("source", "event", "partial", "other")]
    every = DEFAULT_SETTINGS.with_options(verify_copy_containment=1.0, verify_min_containment=0.0,
                                          verify_min_exclusive=0.0, char_min_shared=2, verify_min_p_derived=0.99,
                                          paraphrase_max_documents=0)  # the character chunks alone
    seen = []

    def eager(func, items):
        items = list(items)
        seen.append(len(items))
        return [func(x) for x in items]

    for mapper in (map, eager):
        clusters, verified, cands = reuse_clusters(fps, d.__getitem__, every, mapper=mapper, chunk=1)
        assert [(a, b) for a, b, *_ in cands.pairs] == [("source", "event"), ("source", "partial")]
        assert [(p.a, p.b) for p in verified] == [("source", "partial")]
        assert [c.members for c in clusters] == [("partial", "source")]
    assert seen == [2]


def test_a_version_1_index_is_refused_with_a_rebuild_message(tmp_path):
    db = tmp_path / "old.db"
    with Index.open(db) as idx:
        idx.add_documents([make_document("a", SOURCE)])
    conn = sqlite3.connect(db)
    conn.execute("UPDATE schema_version SET version = 1")
    conn.commit()
    conn.close()
    with pytest.raises(IndexFileError, match="older than this program's"):
        Index.open(db, readonly=True)
    result = CliRunner().invoke(cli, ["index", "stats", str(db)])
    assert result.exit_code == 2 and "rebuild" in result.output and len(result.output.strip().splitlines()) == 1


def _cli_stories(tmp_path):
    import json

    articles = tmp_path / "articles"
    articles.mkdir()
    for i, doc in docs().items():
        (articles / f"{i}.txt").write_text(doc.text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["cluster", str(articles), "--quiet", "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    return [sorted(p.rsplit("/", 1)[-1] for p in json.loads(x)["documents"])
            for x in (tmp_path / "out.jsonl").read_text().splitlines()]


def test_cluster_cli_keeps_a_partial_reprint(tmp_path):
    (story,) = _cli_stories(tmp_path)
    assert {"partial.txt", "source.txt"} <= set(story) and "other.txt" not in story


@_SAME_EVENT_AT_THE_BAR
def test_cluster_cli_leaves_the_same_event_story_out(tmp_path):
    assert _cli_stories(tmp_path) == [["partial.txt", "source.txt"]]


# the agency's follow-up a day later: new lead and body, then two background sentences of SOURCE
FOLLOW_UP = (
    "Signatures for a referendum on the regional tax rise are being collected in eleven towns, the "
    "organisers said on Wednesday, and the first lists were handed in at the town hall of the capital. "
    "Shopkeepers' associations have promised volunteers for every market day until the end of June. "
    "The largest share goes to the new hospital wing in the northern district, which is due "
    "to open in 2027. Opposition members said the tax rise of two percent would hurt small businesses "
    "and voted against the plan."
)


def _follow_up_pairs(outlets):
    texts = {"source": SOURCE, "follow-up": FOLLOW_UP}
    cands = reuse_candidates([(i, char_fingerprint(t)) for i, t in texts.items()], outlets=outlets)
    return [(a, b) for a, b, *_ in cands.pairs]


def test_an_outlets_follow_up_sharing_its_background_is_not_a_candidate():
    assert _follow_up_pairs(None) == [("source", "follow-up")]  # shared text alone: a candidate
    assert _follow_up_pairs({"source": "APP", "follow-up": "Daily"}) == [("source", "follow-up")]
    assert _follow_up_pairs({"source": "APP", "follow-up": "APP"}) == []  # its own background
    assert _follow_up_pairs({"source": "APP", "follow-up": ""}) == [("source", "follow-up")]  # no outlet: no rule


def test_one_outlets_reissue_of_a_story_stays_a_candidate():
    reissue = SOURCE.replace("seven hours", "eight hours")
    cands = reuse_candidates([("source", char_fingerprint(SOURCE)), ("reissue", char_fingerprint(reissue))],
                             outlets={"source": "APP", "reissue": "APP"})
    assert [(a, b) for a, b, *_ in cands.pairs] == [("source", "reissue")]


def test_cluster_cli_reads_outlets_from_the_index(tmp_path):
    import json

    def clustered(follow_up_outlet):
        src = tmp_path / f"in-{follow_up_outlet}.jsonl"
        rows = [{"id": "source", "outlet": "APP", "date": "2026-01-01", "text": SOURCE},
                {"id": "follow-up", "outlet": follow_up_outlet, "date": "2026-01-02", "text": FOLLOW_UP}]
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out = tmp_path / f"out-{follow_up_outlet}.jsonl"
        result = CliRunner().invoke(cli, ["cluster", str(src), "--quiet", "-o", str(out)])
        assert result.exit_code == 0, result.output
        return [sorted(json.loads(x)["documents"]) for x in out.read_text().splitlines()]

    assert clustered("Daily") == [["follow-up", "source"]]
    assert clustered("APP") == []


def test_a_large_cluster_is_traced_over_each_members_strongest_links():
    from provenance.archive.cluster import reuse_cluster_records
    from provenance.settings import DEFAULT_SETTINGS

    # each copy changes one word of its own: closer to the wire than to any other copy
    edits = [("seven hours", "eight hours"), ("largest share", "biggest share"), ("small businesses", "small firms"),
             ("begins in March", "starts in March"), ("the summer", "the autumn")]
    texts = {"wire": SOURCE}
    texts.update({f"copy{k}": SOURCE.replace(old, new) for k, (old, new) in enumerate(edits)})
    d = {i: make_document(i, t, {"date": f"2026-01-0{k + 1}", "outlet": f"o{k}"}) for k, (i, t) in enumerate(texts.items())}
    fps = [(i, char_fingerprint(t)) for i, t in texts.items()]

    def traced(dense_members):
        s = DEFAULT_SETTINGS.with_options(trace_dense_members=dense_members)
        return [r.story for r in reuse_cluster_records(fps, d.__getitem__, s)]

    dense, sparse = traced(10), traced(4)
    assert [sorted(s["documents"]) for s in sparse] == [sorted(texts)] == [sorted(s["documents"]) for s in dense]
    assert len(sparse[0]["tree"]) == len(texts) - 1 and sparse[0]["source"] == dense[0]["source"] == "wire"
    assert any("large story" in e for e in sparse[0]["evidence"])  # the sparse reading, and it says so
    assert not any("large story" in e for e in dense[0]["evidence"])


# a rewrite of SOURCE: every sentence in other words, the rare words kept (names, figures, places);
# no 12-letter run of SOURCE survives, so the character shingles cannot pair the two
REWRITE = (
    "On Tuesday councillors backed Keller: francs, 48 million of them, after hours (seven) of debate. "
    "Hospital construction dominates; its wing rises in the district to the north, with 2027 as opening "
    "year. Businesses that are small fear the increase in taxes of two percent, the opposition said. In "
    "March builders begin; the contractor needs months, thirty. By summer, signatures numbering ten "
    "thousand would trigger a referendum."
)


def test_paraphrase_candidates_pair_a_rewrite_the_shingles_miss():
    """:mod:`provenance.archive.paraphrase`: each document's nearest neighbour by rare content words
    is proposed and verified at ``paraphrase_min_p_derived`` (the model reads this rewrite as derived,
    P about 0.99, and the unrelated story as not, about 0.03); off (``paraphrase_max_documents`` 0),
    the rewrite shares too little text to be a candidate at all. Lazy and eager mappers agree."""
    from provenance.archive.paraphrase import nearest_by_content

    d = docs()
    d["rewrite"] = make_document("rewrite", REWRITE)
    ids = ("source", "rewrite", "other")
    fps = [(i, char_fingerprint(d[i].text)) for i in ids]
    assert reuse_candidates(fps).pairs == ()
    on = DEFAULT_SETTINGS
    for mapper in (map, lambda f, xs: [f(x) for x in list(xs)]):
        clusters, verified, cands = reuse_clusters(fps, d.__getitem__, on, mapper=mapper)
        assert ("rewrite", "source") in cands.paraphrase
        assert [c.members for c in clusters] == [("rewrite", "source")]
    off = on.with_options(paraphrase_max_documents=0)
    clusters, verified, cands = reuse_clusters(fps, d.__getitem__, off)
    assert clusters == [] and cands.paraphrase == ()
    # the bar: a pair the model does not believe is proposed but not kept
    strict = on.with_options(paraphrase_min_p_derived=1.01)
    clusters, _, cands = reuse_clusters(fps, d.__getitem__, strict)
    assert clusters == [] and cands.paraphrase


def test_nearest_by_content_rules():
    from provenance.archive.paraphrase import nearest_by_content

    words = {"a": {"keller", "hospital", "francs", "the"}, "b": {"keller", "hospital", "the"},
             "c": {"francs", "orchid", "the"}, "d": {"orchid", "garden", "the"}, "e": {"the"}}
    # common words (held by more than max_df documents, or by all) count for nothing; "e" shares none
    assert nearest_by_content(words, max_df=2) == [("a", "b"), ("c", "d")]
    # same outlet: skipped, the next nearest taken; known pairs: not proposed again
    assert nearest_by_content(words, 2, outlets={"a": "X", "b": "X"}) == [("a", "c"), ("c", "d")]
    assert nearest_by_content(words, 2, exclude=[("b", "a")]) == [("c", "d")]
    # deterministic whatever the order of the mapping
    assert nearest_by_content(dict(reversed(list(words.items()))), 2) == [("a", "b"), ("c", "d")]


def test_a_pair_derived_only_against_the_traced_direction_is_no_cluster(shared_data, tmp_path):
    """COUNTER 0261 and 0261p are same-event stories written independently ("not derived"). One
    reading gives P(derived) over the verification bar, the trace's direction (the agency story
    first) 0.06: the pair was reported as a cluster whose one edge said "derived: none"."""
    import json
    import xml.etree.ElementTree as ET

    folder = shared_data / "counter-urdu-news-text-reuse-dev" / "COUNTER"
    if not (folder / "0261.xml").is_file():
        pytest.skip(f"{folder}/0261.xml not found (optional shared data)")
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("0261", "0261p"):
        root = ET.parse(folder / f"{name}.xml").getroot()
        text = f"{(root.findtext('headline') or '').strip()}\n\n{(root.findtext('body') or '').strip()}\n"
        (articles / f"{name}.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["cluster", str(articles), "--quiet", "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()] == []


def test_trace_takes_the_decisions_verification_read_and_they_are_the_ones_it_would_read():
    # the cluster pipeline hands each verified pair's forward decision (a as the parent of b, on
    # align_documents(a, b)) to the trace: the trace must report it for that edge, and it must be
    # exactly what the trace would have read itself
    from dataclasses import replace as dc_replace

    from provenance.lineage.story import trace_documents

    d = docs()
    verdict = verify_pair(d["source"], d["partial"])
    assert verdict.forward is not None
    pair = [d["source"], d["partial"]]
    plain = trace_documents(pair, links=[("source", "partial")])
    handed = trace_documents(pair, links=[("source", "partial")],
                             reuse_decisions={("source", "partial"): verdict.forward})
    assert handed.to_json() == plain.to_json()
    (edge,) = plain.stories[0].tree
    assert (edge.parent, edge.child) == ("source", "partial") and edge.p_derived == verdict.forward.p_derived
    marked = dc_replace(verdict.forward, p_derived=0.123)
    (edge,) = trace_documents(pair, links=[("source", "partial")],
                              reuse_decisions={("source", "partial"): marked}).stories[0].tree
    assert edge.p_derived == 0.123  # taken, not recomputed
    with pytest.raises(TypeError, match="reuse_decisions must be a mapping"):
        trace_documents(pair, reuse_decisions=[("source", "partial")])


def test_cluster_records_are_the_same_whether_the_trace_reads_the_model_or_takes_verification_s(monkeypatch):
    from provenance.archive import cluster as cluster_module
    from provenance.archive.cluster import reuse_cluster_records

    d = docs()
    fps = [(i, char_fingerprint(d[i].text)) for i in d]
    handed = [r.story for r in reuse_cluster_records(fps, d.__getitem__)]
    verify_chunk = cluster_module.verify_chunk
    used = []

    def without_forward(pairs, load, settings):
        out = verify_chunk(pairs, load, settings)
        used.extend(f for _, _, f in out if f is not None)
        return [(p, level, None) for p, level, _ in out]

    monkeypatch.setattr(cluster_module, "verify_chunk", without_forward)
    assert [r.story for r in reuse_cluster_records(fps, d.__getitem__)] == handed
    assert used  # the partial reprint's pair was read by the model, so there was a decision to hand over
