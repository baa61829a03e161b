"""Content-word containment: the frequent-word table and the features read through it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from provenance import make_document
from provenance.lineage.reuse import frequent_words, parse_frequent_words, reuse_features

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def test_parse_frequent_words_reads_the_word_column_and_rejects_bad_lines():
    assert parse_frequent_words("# c\nLATIN\tthe\t0.9\nARABIC\tکے\t0.98\n") == {"the", "کے"}
    with pytest.raises(ValueError):
        parse_frequent_words("LATIN the 0.9\n")


def test_packaged_table_holds_function_words_of_both_development_scripts():
    table = frequent_words()
    assert {"the", "of", "کے", "میں"} <= table
    assert "inflation" not in table


def test_shared_function_words_are_not_content_overlap():
    parent = make_document("p", "The minister said that the talks in Geneva would continue on Monday.\n")
    child = make_document("c", "It was known that the weather of the coast is in a bad state for the fishermen.\n")
    f = reuse_features(parent, child)
    assert f["word1_in_parent"] >= 0.2  # the, that, in: unigram containment sees overlap
    assert f["content1_in_parent"] == 0.0


def test_copied_content_words_count_both_ways():
    parent = make_document("p", "Inflation in Argentina reached 211 percent, the statistics institute reported.\n")
    child = make_document("c", "Argentina inflation reached 211 percent.\n")
    f = reuse_features(parent, child)
    assert f["content1_in_parent"] == pytest.approx(1.0)
    assert 0.3 < f["content1_in_child"] < 1.0


def test_training_table_is_learned_per_script_with_a_document_minimum():
    # the training script fits models with numpy/scikit-learn (the `train` extra, not `test`)
    pytest.importorskip("numpy", reason="the training script needs the `train` extra (numpy)")
    import train_reuse_model as T

    latin = [make_document(f"l{i}", f"the report number {i} on topic{i}\n") for i in range(6)]
    arabic = [make_document(f"a{i}", f"کے خبر {i}\n") for i in range(2)]
    pairs = [T.Pair("x", str(i), a, b, "none") for i, (a, b) in enumerate(zip(latin, latin[1:] + arabic))]
    text = T.frequent_word_table(pairs, share=0.5, min_documents=3)
    words = parse_frequent_words(text)
    assert {"the", "report", "number", "on"} <= words
    assert not any(w.startswith("topic") for w in words)  # in 1 of 6 documents
    assert "کے" not in words  # its script has 2 documents, under the minimum
