"""The fingerprint and the SQLite index: incremental adds, candidates, crash safety."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from provenance.inputs.documents import make_document
from provenance.archive.fingerprint import fingerprint
from provenance.archive.index import (
    AddReport,
    DocumentNotFound,
    Index,
    IndexFileError,
    SCHEMA_VERSION,
    prepare_entry,
)

REPO = Path(__file__).resolve().parent.parent
AFP = "afp_wire_putin_strikes.txt"
REPRINTS = ("moscow_times_reprint.txt", "london_daily_reprint.txt")
UNRELATED = "lavrov_unrelated.txt"


@pytest.fixture(scope="module")
def seed_docs(examples_dir):
    return {
        p.name: make_document(p.name, p.read_text(encoding="utf-8"), {"outlet": p.stem.split("_")[0]})
        for p in sorted(examples_dir.glob("*.txt"))
    }


@pytest.fixture
def db(tmp_path):
    return tmp_path / "archive.db"


def contents(path: Path) -> tuple[list, list]:
    """Everything an index holds that must not depend on how the adds were run."""
    conn = sqlite3.connect(path)
    try:
        docs = conn.execute("SELECT id, digest, text, meta FROM documents ORDER BY id").fetchall()
        postings = conn.execute(
            "SELECT d.id, s.hash FROM shingles AS s JOIN documents AS d ON d.key = s.doc"
            " UNION ALL SELECT d.id, p.hash FROM pending_shingles AS p JOIN documents AS d ON d.key = p.doc"
            " ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()
    return docs, postings


# ----------------------------------------------------------------------------- fingerprint


def test_fingerprint_ignores_case_punctuation_and_quote_style():
    a = make_document("a", "The minister said: “We will not retreat, ever,” on Friday in Kyiv.")
    b = make_document("b", 'the MINISTER said we will not retreat ever -- "on" friday in kyiv')
    assert fingerprint(a, sample=1) == fingerprint(b, sample=1)
    assert len(fingerprint(a, sample=1)) == 12 - 5 + 1


def test_fingerprint_sample_and_range(seed_docs):
    doc = seed_docs[AFP]
    every = fingerprint(doc, sample=1)
    sampled = fingerprint(doc)
    assert len(set(sampled)) == len(sampled)
    assert all(h % 8 == 0 and -(2**63) <= h < 2**63 for h in sampled)
    assert set(sampled) == {h for h in every if h % 8 == 0}
    assert 0.08 < len(sampled) / len(every) < 0.2
    assert fingerprint(make_document("short", "only four words here")) == ()
    with pytest.raises(ValueError):
        fingerprint(doc, k=0)


def test_fingerprint_is_the_same_in_another_process(seed_docs, examples_dir):
    code = (
        "import sys; from provenance.inputs.documents import make_document; from provenance.archive.fingerprint import fingerprint;"
        f"print(list(fingerprint(make_document('x', open(sys.argv[1], encoding='utf-8').read()))))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(examples_dir / AFP)], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == list(fingerprint(seed_docs[AFP]))


# ----------------------------------------------------------------------------- the index


def test_seed_candidates(db, seed_docs):
    with Index.open(db) as index:
        assert index.add_documents(seed_docs.values()) == AddReport(added=4)
        found = index.candidates_for(seed_docs[AFP])
        ids = [c.doc_id for c in found]
        assert set(ids[:2]) == set(REPRINTS)
        assert all(c.shared >= 40 for c in found[:2])
        assert UNRELATED not in ids
        # Lavrov's story shares no sampled shingle at all with the wire story.
        assert UNRELATED not in [c.doc_id for c in index.candidates_for(seed_docs[AFP], min_shared=1)]
        assert index.candidates_for(seed_docs[UNRELATED]) == []
        # A query document that is not indexed: its own text ranks first, then the wire story.
        fresh = index.candidates_for(make_document("query.txt", seed_docs[REPRINTS[0]].text))
        assert [c.doc_id for c in fresh] == [REPRINTS[0], AFP, REPRINTS[1]]
        assert fresh[0].shared == len(fingerprint(seed_docs[REPRINTS[0]]))

        pairs = {(a, b): s for a, b, s in index.candidate_pairs()}
        assert set(map(frozenset, pairs)) == {frozenset((AFP, REPRINTS[0])), frozenset((AFP, REPRINTS[1])),
                                              frozenset(REPRINTS)}
        # candidate_pairs and candidates_for agree on every count.
        for (a, b), shared in pairs.items():
            assert (b, shared) in index.candidates_for(index.get_document(a))


def test_posting_cap_ignores_common_shingles(db, seed_docs):
    with Index.open(db) as index:
        index.add_documents(seed_docs.values())
        full = dict(index.candidates_for(seed_docs[AFP]))
        assert full
        # With a cap of 2, shingles shared by all three story documents are common: a document
        # sharing few rare shingles is found only when its shared shingles are a large share.
        never = dict(index.candidates_for(seed_docs[AFP], posting_cap=2, common_min_share=1.01))
        assert never.keys() < full.keys()
        assert dict(index.candidates_for(seed_docs[AFP], posting_cap=2, common_min_share=0.0)) == full


def test_incremental_add(db, seed_docs):
    afp = seed_docs[AFP]
    with Index.open(db) as index:
        assert index.add_documents([afp, seed_docs[UNRELATED]]) == AddReport(added=2)
        before = index.stats()
        assert index.add_documents(seed_docs.values(), batch_size=2) == AddReport(added=2, unchanged=2)
        assert index.add_documents(seed_docs.values()) == AddReport(unchanged=4)

        # Same id, other text: the row and its shingles are replaced.
        edited = make_document(AFP, seed_docs[UNRELATED].text + "\nA new closing line.", afp.meta)
        assert index.add_documents([edited]) == AddReport(replaced=1)
        assert index.get_document(AFP).text == edited.text
        assert AFP not in [c.doc_id for c in index.candidates_for(seed_docs[REPRINTS[0]])]
        assert AFP in [c.doc_id for c in index.candidates_for(seed_docs[UNRELATED])]
        # Same text, other metadata: the row is updated, shingles stay.
        shingles = index.stats().shingles
        retitled = make_document(AFP, edited.text, {"outlet": "AFP", "date": "2022-12-02"})
        assert index.add_documents([retitled]) == AddReport(replaced=1)
        assert index.get_document(AFP).meta == {"outlet": "AFP", "date": "2022-12-02"}
        assert index.stats().shingles == shingles
        # Back to the original: same contents as if it had never changed.
        index.add_documents([afp])
        assert len(index) == 4 and before.documents == 2
    fresh = db.with_name("fresh.db")
    with Index.open(fresh) as index:
        index.add_documents([seed_docs[k] for k in (AFP, UNRELATED, *sorted(set(seed_docs) - {AFP, UNRELATED}))])
    assert contents(db) == contents(fresh)


def test_duplicate_ids_in_one_add_last_wins(db, seed_docs):
    first = make_document("x", seed_docs[AFP].text)
    second = make_document("x", seed_docs[UNRELATED].text)
    with Index.open(db) as index:
        assert index.add_documents([first, second]) == AddReport(added=1, replaced=1)
        assert index.get_digest("x") == prepare_entry(second).digest
        assert index.candidates_for(seed_docs[UNRELATED])[0].doc_id == "x"


def test_get_document_stats_and_ids(db, seed_docs):
    docs = list(seed_docs.values())
    docs[0] = make_document(docs[0].id, docs[0].text, {"outlet": "AFP", "date": "2022-12-02", "title": "T", "n": 3})
    with Index.open(db) as index:
        index.add_documents(docs)
        got = index.get_document(docs[0].id)
        assert got.text == docs[0].text and got.tokens == docs[0].tokens
        assert got.meta == {"outlet": "AFP", "date": "2022-12-02", "title": "T", "n": 3}
        with pytest.raises(DocumentNotFound):
            index.get_document("missing")
        assert list(index.iter_ids()) == [d.id for d in docs]
        assert docs[1].id in index and "missing" not in index
        stats = index.stats()
    assert stats.documents == 4
    assert stats.shingles == sum(len(fingerprint(d)) for d in docs)
    assert stats.pending_shingles == 0
    assert stats.outlets == 4
    assert stats.first_date == stats.last_date == "2022-12-02"
    assert stats.journal_mode == "wal" and stats.schema_version == SCHEMA_VERSION and (stats.k, stats.sample) == (5, 8)
    assert stats.bytes_on_disk >= db.stat().st_size > 0


def test_file_is_wal_with_schema_version_and_foreign_keys(db, seed_docs):
    with Index.open(db) as index:
        index.add_documents(seed_docs.values())
        assert index._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert index._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # while writing
    conn = sqlite3.connect(db)
    try:
        # at rest, rollback-journal mode: a read-only reader then needs no -wal/-shm files
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"documents", "shingles", "schema_version", "index_info"} <= tables
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO shingles VALUES (8, 999999)")
    finally:
        conn.close()


def test_open_refuses_other_files(tmp_path, db, seed_docs):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database at all, " * 100)
    with pytest.raises(IndexFileError):
        Index.open(text_file)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(IndexFileError, match="not a provenance index"):
        Index.open(other)
    Index.open(db, k=4, sample=4).close()
    with pytest.raises(IndexFileError, match="k=4"):
        Index.open(db, k=5)
    with Index.open(db) as index:
        assert (index.k, index.sample) == (4, 4)
        with pytest.raises(ValueError):
            index.add_entries([prepare_entry(seed_docs[AFP])])  # made with k=5, sample=8
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(IndexFileError, match="newer"):
        Index.open(db)


# ----------------------------------------------------------------------------- interruptions


def generated_docs(n: int, seed: int = 7) -> list:
    """``n`` short distinct documents built from the seed articles' sentences (fast to tokenize)."""
    sentences = []
    for path in sorted((REPO / "examples").glob("*.txt")):
        sentences += [s for s in path.read_text(encoding="utf-8").replace("\n", " ").split(". ") if len(s) > 40]
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        picked = rng.sample(sentences, 3)
        docs.append((f"gen-{i:05d}", f"Report {i} from desk {rng.randrange(1000)}. " + ". ".join(picked) + "."))
    return docs


def test_keyboard_interrupt_keeps_committed_batches(db):
    docs = [make_document(i, t) for i, t in generated_docs(230)]

    def interrupted():
        for n, doc in enumerate(docs):
            if n == 170:
                raise KeyboardInterrupt
            yield doc

    seen = []
    with Index.open(db) as index:
        with pytest.raises(KeyboardInterrupt):
            index.add_documents(interrupted(), batch_size=50, progress=seen.append)
        assert seen == [50, 100, 150]
        assert list(index.iter_ids()) == [d.id for d in docs[:150]]
        # The interrupted add left its committed postings pending; a query merges them.
        assert index.stats().pending_shingles > 0
        assert docs[0].id not in [c.doc_id for c in index.candidates_for(docs[0])]
        assert index.stats().pending_shingles == 0
        assert index.add_documents(docs, batch_size=50) == AddReport(added=80, unchanged=150)
    clean = db.with_name("clean.db")
    with Index.open(clean) as index:
        index.add_documents(docs, batch_size=50)
    assert contents(db) == contents(clean)


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, sys.argv[1])
    sys.path.insert(0, sys.argv[2])
    import provenance.archive.index as ix
    from provenance.inputs.documents import make_document
    from test_index import generated_docs

    stop_at = int(sys.argv[4])
    packed = [0]
    real_pack = ix._pack

    def pack(hashes):
        # Called inside the batch's transaction, twice per new document (word and char
        # fingerprints): stop there to be killed.
        packed[0] += 1
        if packed[0] == stop_at:
            print("inside", flush=True)
            time.sleep(60)
        return real_pack(hashes)

    ix._pack = pack
    with ix.Index.open(sys.argv[3]) as index:
        index.add_documents((make_document(i, t) for i, t in generated_docs(int(sys.argv[5]))),
                            batch_size=250, progress=lambda n: print("committed", n, flush=True))
    """
)


def test_kill_9_mid_batch_then_resume(db, tmp_path):
    n, stop_at = 2000, 2 * 1130  # killed inside the fifth batch (documents 1001-1250)
    script = tmp_path / "add.py"
    script.write_text(KILL_SCRIPT)
    child = subprocess.Popen(
        [sys.executable, str(script), str(REPO), str(REPO / "tests"), str(db), str(stop_at), str(n)],
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = []
    try:
        for line in child.stdout:
            lines.append(line.split())
            if line.startswith("inside"):
                child.send_signal(signal.SIGKILL)
                break
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert lines == [["committed", str(c)] for c in (250, 500, 750, 1000)] + [["inside"]]

    entries = [prepare_entry(make_document(i, t)) for i, t in generated_docs(n)]
    with Index.open(db) as index:
        assert index._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert list(index.iter_ids()) == [e.id for e in entries[:1000]]  # a prefix of committed batches
        assert index.add_entries(entries, batch_size=250) == AddReport(added=1000, unchanged=1000)
    clean = tmp_path / "clean.db"
    with Index.open(clean) as index:
        index.add_entries(entries, batch_size=250)
    assert contents(db) == contents(clean)


# ----------------------------------------------------------------------------- generated archive


@pytest.fixture(scope="module")
def small_archive(shared_data, tmp_path_factory):
    spec = importlib.util.spec_from_file_location("gen_corpus", REPO / "benchmarks" / "gen_corpus.py")
    gen_corpus = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_corpus", gen_corpus)  # dataclasses look their module up there
    spec.loader.exec_module(gen_corpus)
    out = tmp_path_factory.mktemp("archive")
    with open(out / "a.jsonl", "w", encoding="utf-8") as archive, open(out / "t.jsonl", "w", encoding="utf-8") as truth:
        gen_corpus.generate(300, 3, archive, truth, data=shared_data, cluster_share=0.6)
    records = [json.loads(line) for line in open(out / "a.jsonl", encoding="utf-8")]
    planted = [json.loads(line) for line in open(out / "t.jsonl", encoding="utf-8")]
    return records, planted


def test_candidate_pairs_find_planted_reprints(db, small_archive):
    records, planted = small_archive
    assert len(records) == 300 and len({r["id"] for r in records}) == 300
    outlet = {r["id"]: r["outlet"] for r in records}
    docs = (make_document(r["id"], r["text"], {"outlet": r["outlet"], "date": r["date"]}) for r in records)
    with Index.open(db) as index:
        index.add_documents(docs, batch_size=100)
        found = {frozenset((a, b)) for a, b, _ in index.candidate_pairs()}
        # Scaled to a 300-article archive: ignore what more than 20 articles share.
        scaled = {frozenset((a, b)): n for a, b, n in index.candidate_pairs(posting_cap=20)}
        assert index.stats().outlets > 10
    truth = {frozenset((p["a"], p["b"])) for p in planted}
    copies = {frozenset((p["a"], p["b"])) for p in planted if p["relation"] == "copy"}
    assert len(copies) > 50
    assert len(copies & found) / len(copies) >= 0.98
    assert len(truth & found) / len(truth) >= 0.95
    # In an archive this small, newsletter and copyright lines (the same templates at many
    # outlets) are in fewer than 100 articles, so they still count and pair unrelated articles.
    # A posting cap scaled to the archive ignores the templates and keeps the planted pairs; what
    # is left is an outlet's own boilerplate, shared by few articles, with low counts, and the links
    # of a template's holders to its first few holders (Settings.index_representatives each).
    assert len(copies & scaled.keys()) / len(copies) >= 0.98
    accidental = {p: n for p, n in scaled.items() if p not in truth}
    assert sum(len({outlet[d] for d in p}) == 2 for p in accidental) <= 0.06 * len(scaled)
    assert all(n <= 6 for n in accidental.values())
    assert len(accidental) < len(found - truth)
    assert scaled.keys() <= found


def _sql(db, statement: str, *params):
    """One statement on the index file, committed: its rows."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(statement, params).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


def test_an_index_with_other_character_hashes_is_refused(tmp_path):
    from click.testing import CliRunner

    from provenance.cli import cli

    db = tmp_path / "chars.db"
    with Index.open(db) as index:
        index.add_documents([make_document("a", "Some wire text about the council vote on Tuesday.")])
    assert _sql(db, "SELECT value FROM index_info WHERE key = 'char_fingerprint_version'") == [("3",)]
    _sql(db, "UPDATE index_info SET value = '99' WHERE key = 'char_fingerprint_version'")
    with pytest.raises(IndexFileError, match=r"character fingerprint version 99, newer than this program's \(3\)"):
        Index.open(db, readonly=True)
    # a value that is no number is a damaged index (it was a ValueError traceback), for every key read
    for key in ("char_fingerprint_version", "fingerprint_version", "k"):
        (saved,), = _sql(db, "SELECT value FROM index_info WHERE key = ?", key)
        _sql(db, "UPDATE index_info SET value = 'two' WHERE key = ?", key)
        with pytest.raises(IndexFileError, match=f"damaged index: {key} is 'two', not a number"):
            Index.open(db, readonly=True)
        result = CliRunner().invoke(cli, ["index", "stats", str(db)])
        assert result.exit_code == 2 and "damaged index" in result.output and "Traceback" not in result.output
        _sql(db, "UPDATE index_info SET value = ? WHERE key = ?", saved, key)
    _sql(db, "UPDATE index_info SET value = '2' WHERE key = 'char_fingerprint_version'")
    with pytest.raises(IndexFileError, match="version 2, this program uses 3; rebuild"):
        Index.open(db, readonly=True)
    # an index made before the key existed holds version-1 (BLAKE2b) hashes: refused too, with what to do
    _sql(db, "DELETE FROM index_info WHERE key = 'char_fingerprint_version'")
    with pytest.raises(IndexFileError, match=r"version 1, this program uses 3; rebuild the index with `provenance index add`"):
        Index.open(db, readonly=True)
