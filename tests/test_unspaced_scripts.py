"""Chinese and Japanese, written without spaces between words: each of their characters is a token
(provenance.text.tokenize), so a changed character is a small edit, not a replaced clause; the
reuse features still count a run of such characters as one word (provenance.lineage.reuse), so an
independent report of the same event stays unrelated; and agency names beside them are found
(provenance.text.lexicon), so ``check`` sees a dropped Xinhua credit."""

from __future__ import annotations

import json

import pytest

from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from provenance import align_documents, make_document
from provenance.cli import cli as main
from provenance.edits.classify import classify_edits
from provenance.lineage.reuse import comparison_words
from provenance.text.lexicon import load_lexicon
from provenance.text.tokenize import tokenize

WIRE = ("新华社北京12月5日电 国家主席习近平5日在人民大会堂会见来访的法国总统马克龙。习近平指出，中法两国是全面"
        "战略伙伴。双方应加强合作，推动两国关系发展。马克龙表示，法方愿同中方一道努力。\n\n"
        "会见前，习近平在人民大会堂北大厅为马克龙举行欢迎仪式。\n")
#: a reprint: the dateline (and with it the Xinhua credit) dropped, a headline and an editor line
#: added, "on the 5th" written "on Friday", one number changed
REPRINT = ("习近平会见法国总统\n\n" + WIRE.replace("新华社北京12月5日电 ", "").replace("5日在", "周五在")
           .replace("两国关系", "两国关系第3次") + "\n（责任编辑：王明）\n")
#: the same meeting written independently: the names and the place, none of the sentences
OTHER = ("马克龙访华 中法领导人举行会谈\n\n法国总统马克龙本周抵达北京，开始为期三天的国事访问。据法国媒体报道，两国"
         "元首周二下午在北京进行了长时间的会谈，讨论内容涉及乌克兰局势、气候变化以及双边贸易问题。\n\n一位随行的"
         "法国官员对记者说，巴黎希望在航空和农业领域扩大对华出口。分析人士认为，此次访问对缓和欧中关系具有重要意义。\n")


def test_each_unspaced_character_is_a_token_and_digits_against_them_are_numbers():
    got = [(t.text, t.kind) for t in tokenize("新华社北京12月5日电 iPhone用户で3.5%増加 서울 연합뉴스")]
    assert got[:10] == [("新", "word"), ("华", "word"), ("社", "word"), ("北", "word"), ("京", "word"),
                        ("12", "number"), ("月", "word"), ("5", "number"), ("日", "word"), ("电", "word")]
    assert ("iPhone", "word") in got and ("3.5%", "number") in got
    assert ("서울", "word") in got and ("연합뉴스", "word") in got  # Hangul is written with spaces


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("中文字日月电、。，12 aZ.%\n") + ["東京で", "서울", "’s"]), max_size=60).map("".join))
def test_tokens_cover_every_character_of_mixed_text(text):
    tokens = tokenize(text)
    pos = 0
    for t in tokens:
        assert t.text and text[t.start:t.end] == t.text and t.start >= pos
        assert not text[pos:t.start].strip()
        pos = t.end
    assert not text[pos:].strip()


def test_reuse_features_count_a_run_of_unspaced_characters_as_one_word():
    words = comparison_words(make_document("w", "国家主席习近平5日在人民大会堂。Putin said"))
    assert words == ("国家主席习近平", "5", "日在人民大会堂", "putin", "said")


def test_a_changed_character_is_a_small_edit():
    edits = classify_edits(align_documents(make_document("p", WIRE), make_document("c", REPRINT)))
    # "on the 5th" -> "on Friday": the day of the month replaced by a weekday, judged as English
    # "December 5" -> "Friday" is (a number changed); 周五 once read as the number 5, a reformatting
    assert any(e.kind == "number" and (e.parent_text, e.child_text) == ("5日", "周五") for e in edits)
    number = [e for e in edits if e.kind == "number" and e.added]
    assert number and number[0].added == ("3",) and len(number[0].child_text) <= 4


def test_the_chinese_wire_dateline_is_a_dateline():
    edits = classify_edits(align_documents(make_document("p", WIRE), make_document("c", REPRINT)))
    assert any(e.kind == "dateline" and e.parent_text == "新华社北京12月5日电" for e in edits)
    # the date before 电 is the mark: a sentence that merely opens the paragraph is not a dateline
    plain = WIRE.replace("新华社北京12月5日电 ", "")
    assert not any(e.kind == "dateline" for e in classify_edits(
        align_documents(make_document("p", plain), make_document("c", plain.replace("国家主席", "")))))


def test_agency_names_beside_unspaced_characters_are_found():
    pattern = load_lexicon().agency_pattern
    assert pattern.findall("新华社北京12月5日电") == ["新华社"]
    assert pattern.findall("据路透社报道") == ["路透社"]
    assert pattern.findall("据AFP报道") == ["AFP"]
    assert pattern.findall("APPLE and AP-style") == []  # spaced scripts keep whole words


def test_check_fails_a_chinese_reprint_that_drops_the_xinhua_credit(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    (tmp_path / "credited.txt").write_text(REPRINT.replace("（责任编辑：王明）", "（新华社）"), encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(tmp_path / "wire.txt"), str(tmp_path / "reprint.txt"), "-f", "json"])
    assert r.exit_code == 1, r.output
    rules = {(f["rule"], f["action"]) for f in json.loads(r.output)["results"][0]["findings"]}
    assert ("attribution", "fail") in rules and ("number", "fail") in rules
    r = CliRunner().invoke(main, ["check", str(tmp_path / "wire.txt"), str(tmp_path / "credited.txt"), "-f", "json"])
    result = json.loads(r.output)["results"][0]
    assert result["credited"] and not any(f["rule"] == "attribution" and f["action"] == "fail" for f in result["findings"])


def test_trace_names_the_wire_and_leaves_the_independent_report_unrelated(tmp_path):
    for name, text in (("wire.txt", WIRE), ("reprint.txt", REPRINT), ("other.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    for order in (("wire.txt", "reprint.txt", "other.txt"), ("other.txt", "reprint.txt", "wire.txt")):
        r = CliRunner().invoke(main, ["trace", *(str(tmp_path / n) for n in order), "-f", "json"])
        assert r.exit_code == 0, r.output
        out = json.loads(r.output)
        (story,) = out["stories"]
        assert story["source"].endswith("wire.txt") and sorted(story["documents"]) == sorted(
            str(tmp_path / n) for n in ("wire.txt", "reprint.txt"))
        assert [u.endswith("other.txt") for u in out["unrelated"]] == [True]


def test_table_columns_line_up_with_wide_characters(tmp_path):
    """The variant table (tabulate) measures a Chinese character as two columns (wcwidth), so the
    column after a Chinese reading starts at the same terminal column on every row."""
    from provenance.render.text import display_width

    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    r = CliRunner().invoke(main, ["trace", str(tmp_path / "wire.txt"), str(tmp_path / "reprint.txt"),
                                  "-f", "table", "--width", "200", "--color", "never"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    rule = next(line for line in lines if line.startswith("---"))
    last_column = rule.rindex(" ") + 1  # where the last column starts (the rule line is ASCII)
    rows = [line for line in lines if line[:3].strip().isdigit()]
    assert len(rows) >= 2 and any(display_width(row) != len(row) for row in rows)
    for row in rows:
        last = row.rsplit("  ", 1)[1]
        assert display_width(row[: len(row) - len(last)]) == last_column, rows


def test_thai_letters_are_tokens_with_their_signs():
    """Thai is written without spaces: a clause was one token, so a one-word change replaced it and
    a reprint read as the source. Each letter is now a token with its vowel and tone signs."""
    from provenance.text.tokenize import tokenize

    tokens = tokenize("ราคาน้ำมันเพิ่มขึ้น 5% วันนี้")
    assert [t.text for t in tokens][:6] == ["ร", "า", "ค", "า", "น้", "ำ"]
    assert ("5%", "number") in [(t.text, t.kind) for t in tokens]
    assert "".join(t.text for t in tokens) == "ราคาน้ำมันเพิ่มขึ้น5%วันนี้"


def test_thai_swapped_paragraphs_are_a_move():
    from provenance import classify_edits, align_documents, make_document

    paras = ["รัฐบาลไทยประกาศเมื่อวันพฤหัสบดีว่าจะแจกเงินดิจิทัลให้ประชาชน",
             "นักเศรษฐศาสตร์หลายคนวิจารณ์ว่าโครงการนี้ใช้งบประมาณสูงเกินไป",
             "นายกรัฐมนตรีกล่าวว่าโครงการจะเริ่มในเดือนหน้าตามกำหนดเดิม"]
    source = make_document("s", "\n\n".join(paras))
    swapped = make_document("c", "\n\n".join([paras[0], paras[2], paras[1]]))
    kinds = {e.kind for e in classify_edits(align_documents(source, swapped))}
    assert kinds == {"moved"}


def test_a_chinese_weekday_is_a_day_not_a_number():
    from provenance.edits.meaning import date_atoms, parse_quantities

    # 周五 is Friday: its numeral names the day, as "Friday" does (it read as the number 5, so an
    # inserted sentence "... 普京周五表示 ..." failed check as a number added)
    assert parse_quantities("俄罗斯总统普京周五表示，士兵多达13000人") == [(13000.0, "count")]
    assert ("weekday", 5) in date_atoms("普京周五表示") and ("weekday", 7) in date_atoms("星期日")
    body = "法新社莫斯科12月2日电 俄罗斯总统普京周五表示，俄罗斯对乌克兰基础设施的打击是不可避免的。\n"
    al = align_documents(make_document("p", body), make_document("c", body.replace("周五", "周六")))
    assert [(e.kind, e.severity) for e in classify_edits(al)] == [("date", "substantive")]


def test_a_count_per_week_is_not_a_weekday():
    from provenance.edits.meaning import date_atoms, parse_quantities

    # 每周三次 is "three times a week" (the review found 每周三次 -> 每周3次 failing as Wednesday)
    assert parse_quantities("每周三次") == [(3.0, "count")] and date_atoms("每周三次") == []
    assert parse_quantities("每周二十个") == [(20.0, "count")]
    assert ("weekday", 7) in date_atoms("周日上午")


@pytest.mark.parametrize("width", [40, 60, 100])
def test_check_text_fits_its_width_with_wide_characters(tmp_path, width):
    # the hostile review: check's notes and excerpts were cut by characters, so a Chinese pair's
    # lines ran to 140-180 columns at --width 100 (trace's side-by-side counted columns already)
    from wcwidth import wcswidth

    inserted = WIRE.replace("\n\n", "\n\n" + "据报道，双方还就经贸合作、人文交流以及全球治理等议题深入交换了意见并达成广泛共识。" * 3 + "\n\n", 1)
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    for name, text in (("reprint.txt", REPRINT), ("inserted.txt", inserted)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["check", str(tmp_path / "wire.txt"), str(tmp_path / name),
                                           "--width", str(width), "--color", "never"])
        assert result.exit_code in (0, 1), result.output
        lines = result.output.splitlines()
        assert any("│" in line for line in lines)  # the excerpts are there
        assert max(wcswidth(line) for line in lines) <= width, [line for line in lines if wcswidth(line) > width]


def test_notes_count_and_quote_chinese_by_the_tokenizer_s_words():
    # the hostile review: a cut tail of two Chinese paragraphs was "(2 words)", and an inserted
    # Chinese paragraph was quoted whole (a whitespace split sees one word per paragraph)
    from provenance.edits.notes import first_words, word_count

    tail = "会见前，习近平在人民大会堂北大厅为马克龙举行欢迎仪式。\n\n双方还签署了合作文件。\n"
    assert word_count(tail) == sum(1 for t in tokenize(tail) if t.kind in ("word", "number", "abbrev")) > 20
    assert first_words("据报道，双方还就经贸合作、人文交流以及全球治理等议题深入交换了意见。") == "据报道，双方还就经 …"
    assert first_words("See https://example.org/" + "x" * 5000 + " now").endswith("…")
    assert len(first_words("See https://example.org/" + "x" * 5000 + " now")) == 60
    assert first_words("one two three") == "one two three"
    wire = WIRE + "\n" + tail * 3
    edits = classify_edits(align_documents(make_document("w", wire), make_document("r", WIRE.split("\n\n")[0] + "\n")))
    (cut,) = [e for e in edits if e.kind == "truncated"]
    assert f"({word_count(cut.parent_text)} words)" in cut.note and word_count(cut.parent_text) > 100, cut.note


@pytest.mark.parametrize("opening, fails", [
    ("本报讯 据新华社报道，", False),  # the newspaper's credit phrase in the dateline's place
    ("新华社北京12月6日电 ", True),  # the date changed is still a date changed
])
def test_xinhua_dateline_rewritten_into_a_newspaper_credit(tmp_path, opening, fails):
    """"新华社北京12月5日电" -> "本报讯 据新华社报道，" failed check as a number changed ("北京12月5日电"
    -> "报道，", once the rewritten sentence was word-aligned): the dateline's date went with it."""
    body = "国家统计局5日发布数据显示，11月份全国居民消费价格指数同比上涨1.2%，涨幅比上月扩大0.3个百分点。\n\n其中，城市上涨1.1%，农村上涨1.4%。\n"
    (tmp_path / "w.txt").write_text("新华社北京12月5日电 " + body, encoding="utf-8")
    (tmp_path / "r.txt").write_text(opening + body, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-f", "json", str(tmp_path / "w.txt"), str(tmp_path / "r.txt")])
    findings = json.loads(result.output)["results"][0]["findings"]
    assert (result.exit_code == 1) == fails, findings
