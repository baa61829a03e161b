"""The thin command line: one Settings builder for every command, ``index query`` as a library
call (:func:`provenance.archive.query.query_index`), the reader in :mod:`provenance.archive.ingest`."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from provenance.archive.index import Index
from provenance.archive.ingest import add_inputs
from provenance.archive.query import QueryHit, query_index
from provenance.cli import cli, settings_from
from provenance.inputs import InputError
from provenance.inputs.documents import make_document

_VOCAB = [a + b for a in ("ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "pi")
          for b in ("ran", "sel", "mot", "dun", "fik", "gol", "bar", "tes")]


def _paragraphs(seed: int, n: int, words: int = 60) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(_VOCAB) for _ in range(words)).capitalize() + "." for _ in range(n)]


@pytest.fixture
def story(tmp_path, monkeypatch):
    """An index (every shingle kept) of a source, its reprint and an unrelated text, and a query
    that says one of the source's eight paragraphs twenty times."""
    monkeypatch.chdir(tmp_path)
    source = _paragraphs(1, 8)
    files = {
        "source.txt": "\n\n".join(source),
        "reprint.txt": "\n\n".join(source[:6]),
        "other.txt": "\n\n".join(_paragraphs(2, 6)),
        "repeats.txt": "\n\n".join([source[2]] * 20),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = CliRunner().invoke(cli, ["index", "add", "--sample", "1", "--jobs", "1", "idx.db",
                                    "source.txt", "reprint.txt", "other.txt"])
    assert done.exit_code == 0, done.output
    return tmp_path


def test_settings_are_built_from_every_option():
    s = settings_from(max_size=3, min_share=0.4, min_shared=9)
    assert (s.input.max_bytes, s.archive.cluster_min_shared, s.archive.char_min_shared) == (3 * 2**20, 0.4, 9)
    assert settings_from() == settings_from(max_size=None)
    assert settings_from(max_size=0).input.max_bytes == 0


def test_query_index_ranks_reprints_and_leaves_out_unrelated_and_itself(story):
    with Index.open("idx.db", readonly=True) as idx:
        query = idx.get_document("source.txt")
        hits = query_index(idx, query, limit=20)
        assert [h.id for h in hits] == ["reprint.txt"]
        (hit,) = hits
        assert isinstance(hit, QueryHit) and hit.derived == "wholly"
        assert hit.shared_query == pytest.approx(0.75, abs=0.02) and hit.shared_document == pytest.approx(1.0, abs=0.01)
        assert query_index(idx, query, limit=0) == ()


def test_query_uses_the_reuse_gate_of_trace_both_ways(story):
    # read with the query as the parent, the repeats are deletions: 5% and 13% (source) or 17%
    # (reprint) shared, under the 20% gate; the other way the paragraph is in it twenty times
    # (as trace reads it); the unrelated text stays out
    done = CliRunner().invoke(cli, ["index", "query", "-f", "json", "idx.db", "repeats.txt"])
    assert done.exit_code == 0, done.output
    rows = json.loads(done.output)
    assert sorted(r["id"] for r in rows) == ["reprint.txt", "source.txt"]
    assert set(rows[0]) == {"id", "outlet", "date", "shared_query", "shared_document", "derived"}


def test_query_table_and_nothing_found(story):
    runner = CliRunner()
    table = runner.invoke(cli, ["index", "query", "idx.db", "source.txt"])
    assert table.exit_code == 0
    assert table.output.splitlines()[0].split() == ["document", "outlet", "date", "of", "query", "in", "it",
                                                    "of", "it", "from", "query", "derived"]
    assert "reprint.txt" in table.output and "other.txt" not in table.output
    (story / "lone.txt").write_text("\n\n".join(_paragraphs(3, 3)), encoding="utf-8")
    none = runner.invoke(cli, ["index", "query", "idx.db", "lone.txt"])
    assert (none.exit_code, none.output) == (0, "no indexed document shares wire text with lone.txt\n")


def test_query_honours_max_size(story):
    (story / "big.txt").write_text("\n\n".join(_paragraphs(4, 4000)), encoding="utf-8")  # ~2.3 MiB
    done = CliRunner().invoke(cli, ["index", "query", "--max-size", "1", "idx.db", "big.txt"])
    assert done.exit_code == 2
    assert "over the 1 MiB limit" in done.output and "Traceback" not in done.output


def test_query_of_an_archive_with_two_articles_is_one_line_error(story):
    lines = [json.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(_paragraphs(5, 2))]
    (story / "two.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["index", "query", "idx.db", "two.jsonl"])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == ["provenance: error: two.jsonl: holds 2 articles; the query must be one article"]


def test_check_reads_its_policy_within_max_size(story):
    (story / "policy.toml").write_text("# padding\n" * 150_000, encoding="utf-8")  # 1.5 MiB
    done = CliRunner().invoke(cli, ["check", "--max-size", "1", "--policy", "policy.toml", "source.txt", "reprint.txt"])
    assert done.exit_code == 2 and "policy.toml: file is 1.4 MiB, over the 1 MiB limit" in done.output


def test_add_inputs_reads_through_the_given_reader_and_skips_what_it_cannot(tmp_path):
    texts = {"a.txt": "\n\n".join(_paragraphs(6, 2)), "b.txt": "\n\n".join(_paragraphs(7, 2))}

    def read(name: str, limit: int) -> bytes:
        if name not in texts:
            raise InputError(f"{name}: no such file")
        return texts[name].encode()

    warnings: list[str] = []
    with Index.open(str(tmp_path / "i.db")) as idx:
        report, skipped = add_inputs(idx, ["a.txt", "gone.txt", "b.txt"], read, jobs=1, warn=warnings.append)
        assert (report.added, skipped) == (2, 1)
        assert warnings == ["gone.txt: no such file; skipped"]
        assert {c.doc_id for c in idx.candidates_for(make_document("q.txt", texts["b.txt"]))} == {"b.txt"}


def test_an_indexed_document_with_the_query_s_name_and_another_text_is_a_hit(story):
    """A newer file under an indexed file's name (the reprint saved as source.txt) must still find
    the indexed original: only the indexed copy of the query itself (its id and its text) is left out."""
    with Index.open("idx.db", readonly=True) as idx:
        reprint = idx.get_document("reprint.txt")
        query = make_document("source.txt", reprint.text)
        assert "source.txt" in [h.id for h in query_index(idx, query, limit=20)]
