"""Look-alike letters of another script (text.confusables): a copy that swaps Latin and Cyrillic
twins reads the same on screen, and is the same text for every comparison."""

from __future__ import annotations

from click.testing import CliRunner
from hypothesis import given, strategies as st

from provenance import align_documents, make_document
from provenance.archive.charshingles import char_fingerprint
from provenance.cli import cli as main
from provenance.lineage.measures import reuse_decision
from provenance.text.confusables import fold_confusable_words, fold_confusables

RU = ("Средняя суточная калорийность диеты составляет около 1700 ккал. Эта диета пришла к нам с запада "
      "и в своей основе предполагает резкое ограничение углеводов.\n\n"
      "Врачи советуют начинать её только после консультации с врачом, а систему питания удерживать "
      "не дольше двух недель. Ограничение сахара в крови помогает снизить вес.\n")
EN = ("President Vladimir Putin said on Friday that the strikes on Ukrainian infrastructure were "
      "inevitable, as the Kremlin rejected the terms set out for peace talks.\n\n"
      "Speaking with the German chancellor for the first time since September, he criticised what he "
      "called the destructive policies of the West.\n")
_LATIN_FOR_CYRILLIC = str.maketrans("асеорхуАСЕОРХ", "aceopxyACEOPX")
_CYRILLIC_FOR_LATIN = str.maketrans("aceopxy", "асеорху")


def test_a_mixed_word_is_read_in_its_own_script():
    assert fold_confusables("привeт") == "привет"  # a Latin e in a Russian word
    assert fold_confusables("Hеllo") == "Hello"  # a Cyrillic е in an English word
    assert fold_confusables("pаssword") == "password"
    for word in ("привет", "Putin", "iPhone", "мир", "COVID"):
        assert fold_confusables(word) is word  # one script: never touched


def test_a_text_is_read_in_its_main_script():
    disguised = RU.translate(_LATIN_FOR_CYRILLIC)
    assert disguised != RU and fold_confusable_words(disguised) == RU
    assert fold_confusable_words(EN.translate(_CYRILLIC_FOR_LATIN)) == EN
    # acronyms written in twin letters stay as written
    text = "Глава компании, CEO TASS, сказал об этом в пятницу."
    assert fold_confusable_words(text) == text


@given(st.text(alphabet="abcopxyйцукенгшщзхъфывапролджэячсмитьбюACEOPXАСЕОРХ .,\n", max_size=200))
def test_folding_keeps_offsets_and_is_idempotent(text):
    folded = fold_confusable_words(text)
    assert len(folded) == len(text)
    assert fold_confusable_words(folded) == folded


def test_a_homoglyph_copy_is_the_same_text_for_every_comparison():
    disguised = RU.translate(_LATIN_FOR_CYRILLIC)
    orig, copy = make_document("orig", RU), make_document("copy", disguised)
    assert [t.norm for t in orig.tokens] == [t.norm for t in copy.tokens]
    assert reuse_decision(align_documents(orig, copy)).level == "wholly"
    assert char_fingerprint(RU) == char_fingerprint(disguised)


def test_check_passes_and_trace_links_a_homoglyph_copy(tmp_path):
    # before: the disguised copy was "unrelated" to its source, and check failed it
    for text, table in ((RU, _LATIN_FOR_CYRILLIC), (EN, _CYRILLIC_FOR_LATIN)):
        src, rep = tmp_path / "src.txt", tmp_path / "rep.txt"
        src.write_text(text, encoding="utf-8")
        rep.write_text(text.translate(table), encoding="utf-8")
        result = CliRunner().invoke(main, ["check", str(src), str(rep), "--color", "never"])
        assert result.exit_code == 0, result.output
        traced = CliRunner().invoke(main, ["trace", str(src), str(rep), "-f", "json"])
        assert traced.exit_code == 0 and '"unrelated": []' in traced.output.replace("\n", "").replace("  ", ""), traced.output[-300:]


def test_a_look_alike_letter_does_not_hide_a_changed_day_or_figure():
    # the review: "Friday" -> "Thursdаy" (one Cyrillic а) and "four" -> "fivе" passed check
    from provenance.edits.classify import classify_edits

    text = "The minister said on Friday that four people were arrested after the protest in the capital.\n"
    for child in (text.replace("Friday", "Thursd\u0430y"), text.replace("four", "fiv\u0435")):
        edits = classify_edits(align_documents(make_document("p", text), make_document("c", child)))
        assert any(e.severity == "substantive" for e in edits), edits


def test_an_agency_credit_in_look_alike_letters_is_a_credit(tmp_path):
    # the review: "(АFР)" with a Cyrillic А and Р failed check as "the agency is no longer credited"
    text = "Moscow (AFP) - President Vladimir Putin said on Friday that the strikes were inevitable.\n"
    src, rep = tmp_path / "src.txt", tmp_path / "rep.txt"
    src.write_text(text, encoding="utf-8")
    rep.write_text(text.replace("(AFP)", "(\u0410F\u0420)"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(src), str(rep), "--color", "never"])
    assert result.exit_code == 0, result.output
