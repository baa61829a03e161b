"""The reuse and direction features pinned to the values they had before the speed work of issue #12.

The reuse model was fitted on these features: an optimisation of how they are computed must not
change any of them. ``tests/data/reuse_features_pinned.json`` holds every feature of every ordered
pair of the texts below, as computed by the unoptimised code (commit 79d4d65, regenerated there
with the article-body measure of issue #14 and the aligner's tie-break of issue #13 applied);
each must match to 1e-9. The texts: the four seed articles, texts of this file's own in Urdu
(harakat, Arabic/Farsi letter variants, tatweel, zero-width joiners, Urdu digits) and in several
scripts, and a pair of long documents (over 200 sentences each, so the bounded candidate-sentence
path is taken). With ``../shared/data`` present, 20 COUNTER pairs (real Urdu agency and newspaper
text) are pinned too.

Hypothesis tests check the faster forms (translation tables, one-pass word folding, the run-3
cover) against their definitions on any text.

Regenerate the file only when a feature's definition changes on purpose (then the model must be
refitted): ``python tests/test_reuse_pinned.py``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from provenance.inputs.formats import load_document
from provenance.lineage.reuse import DIRECTION_FEATURES, FEATURES, direction_features, reuse_features

REPO = Path(__file__).resolve().parent.parent
PINNED = REPO / "tests" / "data" / "reuse_features_pinned.json"
SEEDS = ["afp_wire_putin_strikes.txt", "moscow_times_reprint.txt", "london_daily_reprint.txt", "lavrov_unrelated.txt"]
COUNTER = REPO.parent / "shared" / "data" / "counter-urdu-news-text-reuse-dev" / "COUNTER"

_URDU_WIRE = (
    "اسلام آباد (اے پی پی) وزیرِ اعظم نے پیر کے روز کہا کہ حکومت بجلی کے نرخوں میں کمی کا فیصلہ "
    "جلد کرے گی۔ انہوں نے کہا کہ ۲۰۲۲ میں گردشی قرضہ ۲٫۵ کھرب روپے تک پہنچ گیا تھا۔ وزیرِ خزانہ نے "
    "اجلاس کو بتایا کہ عالمی مالیاتی ادارے سے بات چیت جاری ہے۔ اجلاس میں صوبائی وزرائے اعلیٰ نے بھی شرکت کی۔\n"
)
# the same story as a newspaper prints it: Arabic yeh and kaf, heh for heh goal, harakat, tatweel,
# zero-width joiners, its own credit, a sentence cut and one added
_URDU_PAPER = (
    "اسلام آباد (وقت نیوز) وزيرِ اعظم نے پير کے روز کہا کہ حكومت بجلی کے نرخوں ميں کمی کا فيصلہ "
    "جلد کرے گی۔ انہوں نے کہا کہ 2022 ميں گردشی قرضہ 2.5 کھرب روپے تک پہنچ گيا تھا۔ "
    "اجلاس ميں صوبائی وزرائے اعلیٰ نے بھی شرکت کی۔ اپوزيشن نے اس اعلان کو ناکافی قرار ديا۔\n"
).replace("اجلاس", "اجـلاس").replace("بجلی", "بج\u200cلی").replace("روز", "رَوز")
_MIXED = (
    "MOSCOW, Dec 1 - TASS. Глава МИД заявил, что переговоры продолжатся в Женеве. "
    "新华社北京12月1日电 外交部发言人表示，谈判将在日内瓦继续。 "
    "The ministry said talks would continue in Geneva (Staff Reporter). Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ １２３.\n"
)


def _long_pair() -> tuple[str, str]:
    """Two documents of 220 sentences drawn from one pool of generated sentences (seeded)."""
    rng = random.Random(12)
    vocab = [f"w{k}" for k in range(400)] + "the a of to in said on Monday officials agency".split()
    pool = [" ".join(rng.choice(vocab) for _ in range(rng.randint(6, 14))).capitalize() + "." for _ in range(300)]
    a = rng.sample(pool, 220)
    b = [s if rng.random() < 0.6 else rng.choice(pool) for s in a]
    return " ".join(a) + "\n", " ".join(b) + "\n"


def _texts() -> dict[str, str]:
    texts = {name: (REPO / "examples" / name).read_text(encoding="utf-8") for name in SEEDS}
    long_a, long_b = _long_pair()
    texts.update({"urdu_wire": _URDU_WIRE, "urdu_paper": _URDU_PAPER, "mixed": _MIXED,
                  "long_a": long_a, "long_b": long_b})
    return texts


def _doc(name: str, text: str):
    (doc,) = load_document(name, text.encode("utf-8")).documents
    return doc


def _counter_docs():
    import xml.etree.ElementTree as ET

    out = []
    sources = [p for p in sorted(COUNTER.glob("[0-9][0-9][0-9][0-9].xml")) if (COUNTER / f"{p.stem}p.xml").exists()]
    for src in sources[:20]:
        pair = []
        for path in (src, COUNTER / f"{src.stem}p.xml"):
            root = ET.parse(path).getroot()
            pair.append(_doc(path.name, f"{root.findtext('headline') or ''}\n\n{root.findtext('body') or ''}"))
        out.append(tuple(pair))
    return out


def _features_of_pairs(pairs) -> dict[str, dict]:
    out = {}
    for a, b in pairs:
        out[f"{a.id} -> {b.id}"] = {"reuse": reuse_features(a, b), "direction": direction_features(a, b)}
    return out


def _own_pairs():
    docs = [_doc(name, text) for name, text in _texts().items()]
    pairs = [(a, b) for a in docs for b in docs if a is not b and (a.id.startswith("long")) == (b.id.startswith("long"))]
    return pairs


def _counter_pairs():
    return [p for a, b in _counter_docs() for p in ((a, b), (b, a))]


def _assert_same(got: dict, want: dict) -> None:
    assert got.keys() == want.keys()
    for pair, values in want.items():
        for group, names in (("reuse", FEATURES), ("direction", DIRECTION_FEATURES)):
            assert list(got[pair][group]) == list(names), pair
            for k in names:
                assert got[pair][group][k] == pytest.approx(values[group][k], abs=1e-9, rel=0), (pair, k)


def test_reuse_and_direction_features_of_own_texts_are_pinned():
    _assert_same(_features_of_pairs(_own_pairs()), json.loads(PINNED.read_text(encoding="utf-8"))["own"])


def test_reuse_and_direction_features_of_counter_pairs_are_pinned():
    if not COUNTER.is_dir():
        pytest.skip(f"COUNTER dev data not found at {COUNTER} (optional shared data)")
    _assert_same(_features_of_pairs(_counter_pairs()), json.loads(PINNED.read_text(encoding="utf-8"))["counter"])


def test_a_changed_feature_fails_the_pin():
    """The comparison itself can fail: one feature moved by 1e-6 is caught."""
    want = json.loads(PINNED.read_text(encoding="utf-8"))["own"]
    pair = next(iter(want))
    got = json.loads(json.dumps(want))
    got[pair]["reuse"]["char5_in_parent"] += 1e-6
    with pytest.raises(AssertionError):
        _assert_same(got, want)


if __name__ == "__main__":
    if not COUNTER.is_dir():
        sys.exit(f"{COUNTER} is needed to write the pinned values")
    PINNED.parent.mkdir(parents=True, exist_ok=True)
    data = {"own": _features_of_pairs(_own_pairs()), "counter": _features_of_pairs(_counter_pairs())}
    PINNED.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {PINNED}: {len(data['own'])} + {len(data['counter'])} pairs")


# --- the faster forms equal their definitions, on any text -------------------------------------------

_ANY = st.text(st.sampled_from(list("يیكکهہۃةىئآأاـًٌَّٰ\u200c\u200d ۔،abcAÉéＡ１٣۳ सत्यİıßſK\x00.-'")) | st.characters(),
               max_size=60)


@hyp_settings(max_examples=300, deadline=None)
@given(_ANY)
def test_translation_tables_give_the_per_character_definitions(text):
    import unicodedata

    from provenance.lineage import reuse

    folded = text.lower() if text.isascii() else "".join(reuse._fold_char(c) for c in text)
    assert reuse.comparison_form(text) == folded
    assert reuse._letters(text) == "".join(c for c in folded if unicodedata.category(c)[0] in "LMN")


@hyp_settings(max_examples=200, deadline=None)
@given(st.lists(_ANY, max_size=8))
def test_words_folded_in_one_pass_equal_folded_one_by_one(norms):
    from provenance.lineage import reuse

    assert reuse._fold_words(norms) == [reuse.comparison_form(n) for n in norms]


@hyp_settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("a b c d".split()), max_size=30), st.lists(st.sampled_from("a b c d".split()), max_size=30))
def test_run3_cover_equals_its_loop(xs, ys):
    from provenance.lineage import reuse

    x = _doc("x", " ".join(xs) + " .") if xs else None
    y = _doc("y", " ".join(ys) + " .") if ys else None
    if x is None or y is None:
        return
    vx, vy = reuse._view(x), reuse._view(y)
    want = [False] * len(vx.words)
    for i in range(len(vx.words) - 2):
        if tuple(vx.words[i : i + 3]) in vy.grams[2]:
            want[i] = want[i + 1] = want[i + 2] = True
    assert reuse._run3_cover(vx, vy) == want
