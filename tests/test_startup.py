"""Start-up (issue #12): what `trace` of a few texts must not load, and the exactness of what replaced it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings as hyp_settings, strategies as st
from rapidfuzz.distance import Levenshtein

from provenance.archive.fingerprint import fingerprint
from provenance.edits.style import levenshtein_similarity
from provenance.inputs.documents import make_document

REPO = Path(__file__).resolve().parent.parent

words = st.text(alphabet="abcdeéßxyz'", max_size=30)


@hyp_settings(max_examples=300, deadline=None)
@given(words, words)
def test_levenshtein_similarity_is_rapidfuzz_value(a, b):
    assert levenshtein_similarity(a, b) == Levenshtein.normalized_similarity(a, b)


def test_levenshtein_similarity_small_cases():
    assert levenshtein_similarity("", "") == 1.0
    assert levenshtein_similarity("colour", "color") == 1 - 1 / 6
    assert levenshtein_similarity("abc", "xyz") == 0.0
    long_a, long_b = "a" * 100 + "b", "a" * 100 + "c"  # the long-token path
    assert levenshtein_similarity(long_a, long_b) == Levenshtein.normalized_similarity(long_a, long_b)


def test_fingerprint_hash_unchanged():
    """The builtin BLAKE2 gives hashlib's digests: a pinned shingle hash."""
    from hashlib import blake2b

    doc = make_document("d", "one two three four five six")
    got = fingerprint(doc, k=5, sample=1)
    want = {int.from_bytes(blake2b(g.encode(), digest_size=8).digest(), "little", signed=True)
            for g in ("one\x1ftwo\x1fthree\x1ffour\x1ffive", "two\x1fthree\x1ffour\x1ffive\x1fsix")}
    assert set(got) == want


def test_trace_of_three_texts_loads_no_unused_module(tmp_path):
    """A summary trace (three texts, no diffs) needs neither OpenSSL's hashlib, rapidfuzz (the
    aligner's exact fallback, long-word similarity) nor the side-by-side row model."""
    base = ("The minister said on Tuesday that the colour of the new flag would be chosen by a "
            "committee of twelve members before the end of the year, officials said. ")
    texts = [base * 3, base * 3 + "A spokesman declined to comment.", "LONDON (AFP) - " + base.replace("colour", "color") * 3]
    paths = []
    for k, t in enumerate(texts):
        p = tmp_path / f"t{k}.txt"
        p.write_text(t, encoding="utf-8")
        paths.append(str(p))
    code = ("import sys, runpy; sys.argv = ['provenance', 'trace', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('provenance', run_name='__main__')\nexcept SystemExit as e:\n"
            "    assert not e.code, e.code\n"
            "print('LOADED:' + ' '.join(m for m in ('_hashlib', 'rapidfuzz', 'provenance.render.rows') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Story 1" in out.stdout or "story" in out.stdout.lower()
    assert out.stdout.rstrip("\n").splitlines()[-1] == "LOADED:"
