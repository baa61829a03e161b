"""`provenance check`: verdicts and exit codes on tampered reprints, policies, every report format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.check.policy import PolicyError, load_policy

AFP = "afp_wire_putin_strikes.txt"


@pytest.fixture
def afp_text(examples_dir):
    return (examples_dir / AFP).read_text(encoding="utf-8")


@pytest.fixture
def run(examples_dir, monkeypatch):
    monkeypatch.chdir(examples_dir)
    return lambda *args: CliRunner().invoke(cli, list(args), catch_exceptions=False)


def reprint(tmp_path, text, name="reprint.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def check_pair(run, tmp_path, source: str, reprint_text: str):
    """``provenance check`` of ``reprint_text`` against ``source`` (written as files) in JSON: the
    CliRunner result and the one reprint's result object."""
    result = run("check", reprint(tmp_path, source, "wire.txt"), reprint(tmp_path, reprint_text), "--format", "json")
    return result, json.loads(result.output)["results"][0]


def verdict(run, tmp_path, text):
    result = run("check", AFP, reprint(tmp_path, text), "--format", "json")
    data = json.loads(result.output)
    return result.exit_code, data["results"][0]


def test_real_reprints_pass_with_warnings(run):
    result = run("check", AFP, "moscow_times_reprint.txt", "london_daily_reprint.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    for r in json.loads(result.output)["results"]:
        assert r["verdict"] == "pass"
        assert {f["action"] for f in r["findings"]} == {"warn"}
        assert any(f["rule"] == "dateline" for f in r["findings"])


_URDU_BODY = ("وزیر اعظم نے کہا ہے کہ حکومت ملک میں توانائی کے بحران کے خاتمے کے لئے تمام وسائل بروئے کار لائے گی۔ "
              "انہوں نے یہ بات منگل کو یہاں ایک اجلاس کی صدارت کرتے ہوئے کہی۔ اجلاس میں وفاقی وزراء اور اعلیٰ حکام نے شرکت کی۔\n")


@pytest.mark.parametrize("wire, paper", [
    (AFP, "london_daily_reprint.txt"),
    ("اسلام آباد ۔ 24 جولائی (اے پی پی) " + _URDU_BODY, "اسلام آباد (وقت نیوز) " + _URDU_BODY),
])
def test_arguments_the_wrong_way_round_are_a_warning(run, tmp_path, wire, paper):
    """SOURCE and REPRINT swapped: a warning (rule ``order``) naming what was seen, never a failure;
    given the right way round, none, and ``p_source_first`` in the JSON says which way it read."""
    # an example's file name, or a text written to a file here
    wire = wire if " " not in wire else reprint(tmp_path, wire, "wire.txt")
    paper = paper if " " not in paper else reprint(tmp_path, paper, "paper.txt")
    right = json.loads(run("check", wire, paper, "--format", "json").output)["results"][0]
    assert right["p_source_first"] > 0.8
    assert not any(f["rule"] == "order" for f in right["findings"])
    result = run("check", paper, wire, "--format", "json")
    swapped = json.loads(result.output)["results"][0]
    assert swapped["p_source_first"] < 0.2
    (order,) = [f for f in swapped["findings"] if f["rule"] == "order"]
    assert order["action"] == "warn" and "right way round" in order["message"]
    assert "at the reprint's opening that the source lacks" in order["message"]
    assert "WARN [order]" in run("check", paper, wire, "--width", "200").output


def test_no_order_warning_without_a_cue(run, tmp_path, afp_text):
    """The same text, or a reprint that credits an agency at its opening too (the Moscow Times
    reprint's photo credit names TASS): no cue either way, P(source first) one half, no warning."""
    assert verdict(run, tmp_path, afp_text)[1]["p_source_first"] == 0.5
    swapped = json.loads(run("check", "moscow_times_reprint.txt", AFP, "--format", "json").output)["results"][0]
    assert swapped["p_source_first"] == 0.5 and not any(f["rule"] == "order" for f in swapped["findings"])


def test_changed_quote_word_fails(run, tmp_path, afp_text):
    code, r = verdict(run, tmp_path, afp_text.replace('"inevitable" as', '"unavoidable" as'))
    assert code == 1 and r["verdict"] == "fail" and any(f["rule"] == "quote" for f in r["findings"])


_INVENTED = 'Putin told aides on Thursday: "We have lost this war and must seek peace with Kyiv as soon as we can."'


@pytest.mark.parametrize("where", ["before the lead", "after a Read more line", "after a byline",
                                   "after a copyright line", "as a headline"])
def test_an_invented_quotation_fails_wherever_it_stands(run, tmp_path, afp_text, where):
    """Someone's words are never page furniture: a quotation the source does not contain fails before
    the lead (it was read as an added headline), after a footer line (everything after one was
    absorbed into the footer), and in an added headline (a headline's quotation whose words the
    source has nowhere)."""
    text = {
        "before the lead": _INVENTED + "\n\n" + afp_text,
        "after a Read more line": afp_text.rstrip() + "\n\nRead more: Ukraine war live updates\n\n" + _INVENTED + "\n",
        "after a byline": afp_text.rstrip() + "\n\nBy Anna Smith\n\n" + _INVENTED + "\n",
        "after a copyright line": afp_text.rstrip() + "\n\n© Agence France-Presse\n\n" + _INVENTED + "\n",
        "as a headline": 'Putin: "We will crush Ukraine"\n\n' + afp_text,
    }[where]
    code, r = verdict(run, tmp_path, text)
    assert code == 1 and r["verdict"] == "fail", r["findings"]
    assert [f["rule"] for f in r["findings"] if f["action"] == "fail"] == ["quote"]


@pytest.mark.parametrize("text", [
    'Kremlin: "A forced and inevitable response"\n\n{afp}',  # a headline quoting the story's quotation
    'Putin defends "strikes on Ukrainian infrastructure"\n\n{afp}',  # ... or its unquoted words
    'Putin says strikes "inevitable"\n\n{afp}',  # the desk's scare quotes
    '{afp}\n\nRead more: "We will never give up," says Zelensky\n\nRelated: Storm hits coast\n',  # related links
])
def test_quotations_of_the_story_and_related_links_pass(run, tmp_path, afp_text, text):
    """What the rule above must not catch: a headline quoting the story's words (quoted there or not),
    one-word scare quotes, and a related-headline link quoting another article after the footer."""
    code, r = verdict(run, tmp_path, text.format(afp=afp_text.rstrip()))
    assert code == 0 and r["verdict"] == "pass", r["findings"]
    assert not any(f["rule"] == "quote" for f in r["findings"])


def test_quote_with_moved_comma_passes(run, tmp_path, afp_text):
    code, r = verdict(run, tmp_path, afp_text.replace('Ukraine", Putin told', 'Ukraine," Putin told'))
    assert code == 0 and r["verdict"] == "pass" and r["findings"] == []


def test_changed_number_fails_and_reformatted_number_passes(run, tmp_path, afp_text):
    code, r = verdict(run, tmp_path, afp_text.replace("13,000 Ukrainian troops", "31,000 Ukrainian troops"))
    assert code == 1 and [f["rule"] for f in r["findings"]] == ["number"]
    code, r = verdict(run, tmp_path, afp_text.replace("13,000 Ukrainian troops", "13 000 Ukrainian troops"))
    assert code == 0 and r["findings"] == []


_SCORES = ("Nadal defeated Khachanov 6-3, 7-6 (7) to level the series 1-1, and the index rose from 3% to 5% "
           "while Spain won 2 of 3 matches.\n")


@pytest.mark.parametrize("changed, fails", [
    ("7-6 (7)", True),  # a set score read the other way: "7-6" -> "6-7"
    ("from 3% to 5%", True),  # a rise read as a fall
    ("to 5% from 3%", False),  # the same rise, reworded with its figures
    ("two of 3", False),  # a figure spelled out
])
def test_figures_swapped_around_the_same_words_fail(run, tmp_path, changed, fails):
    """The same figures in another order among the same words change who won or which way a figure
    went (they were read as a number reformatted and passed silently); moved with their words, or
    written out, they are the same facts."""
    edited = {"7-6 (7)": _SCORES.replace("7-6 (7)", "6-7 (7)"),
              "from 3% to 5%": _SCORES.replace("from 3% to 5%", "from 5% to 3%"),
              "to 5% from 3%": _SCORES.replace("from 3% to 5%", "to 5% from 3%"),
              "two of 3": _SCORES.replace("2 of 3", "two of 3")}[changed]
    result, r = check_pair(run, tmp_path, _SCORES, edited)
    assert (result.exit_code, r["verdict"]) == ((1, "fail") if fails else (0, "pass")), r["findings"]
    swapped = [f for f in r["findings"] if f["rule"] == "number"]
    assert bool(swapped) == fails
    if fails:
        assert swapped[0]["edit"]["change"] == "swapped" and swapped[0]["message"].startswith("numbers swapped")


_TITAN = ("Titan, with a diameter of 3,200 miles (5,150 km), is the second-biggest moon, and more than three "
          "million people live in the region, scientists said on Monday.\n")


@pytest.mark.parametrize("old, new, fails", [
    ("(5,150 km)", "(5,150 miles)", True),  # the window names miles too: read on the replaced word
    ("three million", "three billion", True),  # a scale word beside a figure in words
    ("(5,150 km)", "(5,150 kilometres)", False),  # the unit written out
])
def test_a_unit_or_scale_word_replaced_beside_a_figure(run, tmp_path, old, new, fails):
    """Units and scale words replaced alone beside a figure that stayed: they passed as a rewording
    when the sentence named the other unit too, or when the figure was in words."""
    edited = _TITAN.replace(old, new)
    assert edited != _TITAN
    result, r = check_pair(run, tmp_path, _TITAN, edited)
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "number" for f in r["findings"]) == fails


_RU_WIRE = ("Москва (АФП) - Президент России Владимир Путин заявил в пятницу, что удары по украинской "
            "инфраструктуре были неизбежны, а Кремль отверг условия для переговоров.\n\n"
            "Путин сказал это в телефонном разговоре с канцлером Германии Олафом Шольцем.\n")


def test_a_cyrillic_agency_dateline_dropped_is_read_as_english_ones_are(run, tmp_path):
    """"Москва (АФП) -" is a dateline (a city with a Cyrillic capital, AFP as Russian writes it): cut
    with the only credit, the reprint credits the agency nowhere (fail) and the dateline is reported
    dropped, as "Moscow (AFP) -" is; the agency's Russian abbreviation was not known before."""
    paper = _RU_WIRE.replace("Москва (АФП) - ", "")
    _, r = check_pair(run, tmp_path, _RU_WIRE, paper)
    assert r["verdict"] == "fail"
    rules = {(f["rule"], f["action"]) for f in r["findings"]}
    assert ("attribution", "fail") in rules and ("dateline", "warn") in rules, r["findings"]


@pytest.mark.parametrize("dateline", ["МОСКВА, 12 марта. /ТАСС/. ", "МОСКВА, 12 мар — РИА Новости. "])
def test_russian_wire_datelines_with_the_agency_between_slashes_or_after_a_dash(run, tmp_path, dateline):
    """TASS sets its name between slashes after the place and date, RIA Novosti after a dash: dropped
    with the only credit, the reprint fails as "Moscow (AFP) -" does, and the dateline is a
    ``dateline`` edit (it was "attribution: agency credit removed" and no direction evidence)."""
    wire = _RU_WIRE.replace("Москва (АФП) - ", dateline)
    paper = _RU_WIRE.replace("Москва (АФП) - ", "")
    _, r = check_pair(run, tmp_path, wire, paper)
    rules = {(f["rule"], f["action"]) for f in r["findings"]}
    assert r["verdict"] == "fail" and ("attribution", "fail") in rules and ("dateline", "warn") in rules, r["findings"]


_UR_BODY = "صدر نے کہا کہ حکومت نئے منصوبے پر کام کر رہی ہے اور اس سال مکمل ہو جائے گا۔\n"


@pytest.mark.parametrize("dateline", ["اسلام آباد ۔ 24 جولائی (اے پی پی) ", "ممبئی ۔ یکم دسمبر (اے پی پی) ",
                                      "لاہور ۔یکم جولائی(اے پی پی)"])
def test_urdu_agency_datelines_are_datelines(run, tmp_path, dateline):
    """APP's Urdu dateline sets the place apart with the Urdu full stop and puts no dash after the
    credit: match_dateline read none of COUNTER dev's 300 agency stories' datelines (266 of 600 bodies
    now), so a paper's own credit in its place was "agency credit removed" over lead rewrites it hid,
    and the direction cue of a dateline missing from the copy never spoke (trace named the agency
    story the source in 184 of COUNTER dev's 210 derived pairs instead of 178)."""
    from provenance.edits.datelines import dateline_agency, match_dateline

    m = match_dateline(dateline + _UR_BODY)
    assert m and dateline_agency(m) == "اے پی پی"
    _, r = check_pair(run, tmp_path, dateline + _UR_BODY, "اسلام آباد (نامہ نگار) " + _UR_BODY)
    assert any(f["rule"] == "dateline" for f in r["findings"]), r["findings"]


@pytest.mark.parametrize("line", ["Скорость 90 км/ч. /Примечание/. Текст", "Он сказал, что вернётся — РИА Новости."])
def test_slashes_and_dashes_without_a_listed_agency_or_place_are_no_dateline(line):
    from provenance.edits.datelines import match_dateline

    assert not match_dateline(line)


@pytest.mark.parametrize("source, reprint_text, fails", [
    ("Russia beat Croatia on Monday in the group stage in Madrid.\n",
     "Croatia beat Russia on Monday in the group stage in Madrid.\n", True),  # who beat whom
    ("Spain and Canada will meet on Sunday in Madrid, officials said.\n",
     "Canada and Spain will meet on Sunday in Madrid, officials said.\n", False),  # a symmetric join
    ("Putin and Scholz spoke by phone on Friday, the Kremlin said.\n",
     "Scholz and Putin spoke by phone on Friday, the Kremlin said.\n", False),  # ... beside a speech verb
    ("Granollers and Lopez defeated Khachanov and Rublev 6-4, 7-6 to seal the victory on Tuesday.\n",
     "Khachanov and Rublev defeated Granollers and Lopez 6-4, 7-6 to seal the victory on Tuesday.\n", True),  # pairs
])
def test_names_trading_places_fail_unless_joined_symmetrically(run, tmp_path, source, reprint_text, fails):
    """Two names trading places around the same words change who did what to whom (it passed as a
    rewording); joined by "and" they say the same (it failed as speakers swapped when a speech verb
    stood in the sentence)."""
    result, r = check_pair(run, tmp_path, source, reprint_text)
    assert (result.exit_code == 1) == fails, r["findings"]
    if fails:
        assert [f["edit"]["change"] for f in r["findings"] if f["action"] == "fail"] == ["swapped"]


_CLOCK = "The series ended close to 2 a.m. local time (0100 GMT) on Wednesday in Madrid, officials said.\n"


@pytest.mark.parametrize("new, fails", [("(01:00 GMT)", False), ("(01.00 GMT)", False), ("(1 a.m. GMT)", False),
                                       ("(02:00 GMT)", True), ("(0200 GMT)", True), ("(2 a.m. GMT)", True)])
def test_a_clock_time_written_otherwise_is_the_same_figure(run, tmp_path, new, fails):
    """"0100 GMT" -> "01:00 GMT" failed as a changed number (100 against 1 and 0), and so did "01.00 GMT"
    and "1 a.m. GMT"; a time changed still fails."""
    result, r = check_pair(run, tmp_path, _CLOCK, _CLOCK.replace("(0100 GMT)", new))
    assert (result.exit_code == 1) == fails and any(f["rule"] == "number" for f in r["findings"]) == fails, r["findings"]


def test_a_wires_end_rule_replaced_by_a_copyright_footer_is_furniture(run, tmp_path, afp_text):
    """AP ends a story with "___"; a copy that prints its copyright notice there failed as a number
    changed ("___" -> "Copyright 2019 ..."): it is page furniture replaced."""
    wire = afp_text.rstrip() + "\n\n___\n"
    copy = afp_text.rstrip() + ("\n\nCopyright 2019 The Associated Press. All rights reserved. This material may not "
                                "be published, broadcast, rewritten or redistributed.\n")
    result, r = check_pair(run, tmp_path, wire, copy)
    assert result.exit_code == 0 and not r["findings"], r["findings"]


_WINDS = "Winds gusting at times to 55 mph (88.5 kph) might fling branches into power lines, officials said on Monday.\n"


@pytest.mark.parametrize("source, copy, fails", [
    (_WINDS, _WINDS.replace(" (88.5 kph)", ""), False),  # US style drops the metric conversion
    (_WINDS.replace(" (88.5 kph)", ""), _WINDS, False),  # another desk adds it
    (_WINDS, _WINDS.replace("(88.5 kph)", "(100 kph)"), True),  # a wrong conversion is a changed figure
    (_WINDS.replace(" (88.5 kph)", ""), _WINDS.replace("(88.5 kph)", "(140 kph)"), True),  # ... and an invented one
    (_WINDS.replace(" (88.5 kph)", ""), _WINDS.replace("(88.5 kph)", "(55 kph)"), True),  # ... repeating the figure
    (_WINDS.replace("55 mph (88.5 kph)", "100 degrees Fahrenheit"),
     _WINDS.replace("55 mph (88.5 kph)", "100 degrees Fahrenheit (38 degrees Celsius)"), False),
    (_WINDS.replace("55 mph (88.5 kph)", "40C (104F)"), _WINDS.replace("55 mph (88.5 kph)", "40C"), False),
])
def test_a_unit_conversion_dropped_or_added_is_house_style(run, tmp_path, source, copy, fails):
    """A figure's conversion into another unit right after it ("55 mph (88.5 kph)") says nothing new:
    dropping it failed as a changed number (a hostile review: three such failures in one AP story
    reprinted by SFGate). A conversion that does not convert still fails."""
    result, r = check_pair(run, tmp_path, source, copy)
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "number" for f in r["findings"]) == fails


_TAGGED = ("Путин выступил в Кремле (ВИДЕО):\n\nПрезидент России Владимир Путин заявил в пятницу, что удары по "
           "инфраструктуре были неизбежны, сообщили в Кремле.\n")


@pytest.mark.parametrize("source, copy", [
    (_TAGGED, _TAGGED.replace(" (ВИДЕО):", ":")),  # a headline's tag is no agency dateline
    ("The fine was £50 ($65) for each offence, the council said on Monday in London.\n",
     "The fine was $65 (£50) for each offence, the council said on Monday in London.\n"),  # a conversion turned round
    ('Kremlin: "Strikes on Ukraine have become a forced and inevitable response"\n\n{afp}', None),
])
def test_found_by_the_second_review_these_pass(run, tmp_path, afp_text, source, copy):
    """The second review of this stop's rules: a Cyrillic headline's bracketed tag read as an agency
    dateline (dropped: "agency credited nowhere"), a currency conversion written the other way round
    read as figures swapped, a headline quotation that re-splits the source's quote failing."""
    if copy is None:  # a headline quoting the story's words with one word changed and one cut
        wire, copy = afp_text, source.format(afp=afp_text)
    else:
        wire = source
    result, r = check_pair(run, tmp_path, wire, copy)
    assert result.exit_code == 0, r["findings"]


@pytest.mark.parametrize("quote", ['"Spain [...] needed this win"', '"We lost 3 players in 10 minutes"'])
def test_a_headline_quotation_rewritten_as_desks_do_passes(run, tmp_path, quote):
    """A headline quotation cut with an ellipsis or a bracket, or with its figures in digits, is the
    source's quotation."""
    wire = ('LONDON (Reuters) - "Spain really needed this win," said Lopez, and the coach said: "We lost three players '
            'in ten minutes, and still we won the match on Sunday."\n')
    copy = f"Coach: {quote}\n\n" + wire
    result, r = check_pair(run, tmp_path, wire, copy)
    assert not any(f["rule"] == "quote" for f in r["findings"]), r["findings"]


@pytest.mark.parametrize("headline, fails", [
    ("‘But now such measures have become a forced...’", False),  # a pull quote cut short, the cut marked
    ("“But now such measures have become …”", False),
    ("‘But now such measures have become a deliberate...’", True),  # a word changed before the ellipsis
])
def test_a_pull_quote_cut_short_with_an_ellipsis_is_the_quotation(run, tmp_path, afp_text, headline, fails):
    """A headline quoting the first words of a body quotation and marking the rest with an ellipsis
    was aligned to the body quotation and failed as its words changed (the third review: 66 of 97
    real articles given such a headline failed)."""
    code, r = verdict(run, tmp_path, headline + "\n\n" + afp_text)
    assert (code == 1) == fails, r["findings"]


def test_a_figure_changed_beside_a_changed_weekday_is_a_number_change(run, tmp_path):
    """Two changes a few words apart ("Wednesday" -> "Thursday", "375,000" -> "357,000"): the figure's
    edit was labelled a date change, its window reaching the weekday, so `--kinds number` hid it."""
    wire = ("Pacific Gas & Electric Co. was set to begin shutting off power Wednesday to some 375,000 people "
            "in 18 counties, officials said.\n")
    copy = wire.replace("Wednesday", "Thursday").replace("375,000", "357,000")
    result, r = check_pair(run, tmp_path, wire, copy)
    kinds = sorted((f["rule"], f["edit"]["parent_text"]) for f in r["findings"])
    assert kinds == [("date", "Wednesday"), ("number", "375,000")], r["findings"]


def test_negation_removed_fails(run, tmp_path, afp_text):
    code, r = verdict(run, tmp_path, afp_text.replace("will not export oil", "will export oil"))
    assert code == 1 and [f["rule"] for f in r["findings"]] == ["negation"]


def test_credit_removed_everywhere_fails(run, tmp_path, afp_text):
    text = afp_text.replace("Moscow (AFP) - ", "").replace(", told AFP.", ", said.")
    code, r = verdict(run, tmp_path, text)
    assert code == 1
    assert any(f["rule"] == "attribution" and f["action"] == "fail" and "no longer credited" in f["message"]
               for f in r["findings"])


def test_credit_kept_elsewhere_is_a_warning(run, tmp_path, afp_text):
    code, r = verdict(run, tmp_path, afp_text.replace(", told AFP.", ", said."))
    assert code == 0 and any(f["rule"] == "attribution" and f["action"] == "warn" for f in r["findings"])


def test_house_style_passes(run, tmp_path, afp_text):
    text = (afp_text.replace("minimising", "minimizing").replace("February 24", "Feb. 24")
            .replace("organisers", "organizers").replace("US President", "U.S. President")
            .replace("with Putin, Scholz", "with Mr Putin, Mr Scholz"))
    code, r = verdict(run, tmp_path, text)
    assert code == 0 and r["findings"] == []


def test_unrelated_reprint_fails_plainly(run):
    result = run("check", AFP, "lavrov_unrelated.txt")
    assert result.exit_code == 1 and "shares no wire text" in result.output


def test_cut_threshold_from_policy(run, tmp_path, afp_text):
    half = "\n".join(afp_text.splitlines()[:8]) + "\n"
    path = reprint(tmp_path, half)
    assert run("check", AFP, path).exit_code == 1  # default: at most 50% cut
    policy = tmp_path / "p.toml"
    policy.write_text('[cut]\nmax_share = 0.9\n[rules]\ntruncated = "allow"\n')
    assert run("check", AFP, path, "--policy", str(policy)).exit_code == 0


def test_policy_can_fail_on_style(run, tmp_path, afp_text):
    policy = tmp_path / "p.toml"
    policy.write_text('[rules]\nspelling = "fail"\n')
    path = reprint(tmp_path, afp_text.replace("minimising", "minimizing"))
    assert run("check", AFP, path).exit_code == 0
    assert run("check", AFP, path, "--policy", str(policy)).exit_code == 1


def test_example_policy_loads(examples_dir):
    policy = load_policy((examples_dir / "policy.toml").read_text(), "policy.toml")
    assert policy.action("quote") == "fail" and policy.agencies == ("AFP", "Agence France-Presse")


@pytest.mark.parametrize("text, fragment", [
    ('[rules]\nquote = "maybe"\n', "must be one of fail, warn, allow"),
    ('[rules]\nquotes = "fail"\n', "unknown edit kind"),
    ("[nonsense]\n", "unknown section"),
    ("[cut]\nmax_share = 2\n", "from 0 to 1"),
    ("not toml = = =", "not valid TOML"),
])
def test_bad_policy_is_a_one_line_usage_error(run, tmp_path, text, fragment):
    with pytest.raises(PolicyError, match=fragment):
        load_policy(text)
    policy = tmp_path / "p.toml"
    policy.write_text(text)
    result = run("check", AFP, "moscow_times_reprint.txt", "--policy", str(policy))
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1 and fragment in result.output


def test_missing_inputs_exit_2(run):
    assert run("check", AFP, "missing.txt").exit_code == 2
    assert run("check", AFP).exit_code == 2


def test_text_report_shows_lines_side_by_side(run, tmp_path, afp_text):
    result = run("check", AFP, reprint(tmp_path, afp_text.replace("13,000", "31,000")), "--color", "never")
    assert result.exit_code == 1
    assert "FAIL" in result.output and "[number]" in result.output
    assert "13,000 Ukrainian troops" in result.output and "31,000 Ukrainian troops" in result.output and "│" in result.output


def test_junit_report_is_valid(run, tmp_path, afp_text):
    bad = reprint(tmp_path, afp_text.replace("13,000", "31,000"), "bad.txt")
    result = run("check", AFP, "moscow_times_reprint.txt", bad, "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.output.split("\n", 1)[1] if result.output.startswith("<?xml") else result.output)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    for attr in ("name", "tests", "failures", "errors", "skipped", "time"):
        assert attr in suite.attrib
    assert int(suite.get("tests")) == 2 and int(suite.get("failures")) == 1
    cases = suite.findall("testcase")
    assert all({"name", "classname", "time"} <= set(c.attrib) for c in cases)
    failures = [c.find("failure") for c in cases if c.find("failure") is not None]
    assert len(failures) == 1 and failures[0].get("type") and "number" in failures[0].get("message")
    # the failing case is the tampered reprint, the other the faithful one
    (failing,) = [c for c in cases if c.find("failure") is not None]
    assert "bad.txt" in failing.get("name") + failing.get("classname")
    (passing,) = [c for c in cases if c.find("failure") is None]
    assert "moscow_times_reprint" in passing.get("name") + passing.get("classname")


def test_github_annotations(run, tmp_path, afp_text):
    bad = reprint(tmp_path, afp_text.replace("13,000", "31,000"), "bad.txt")
    result = run("check", AFP, bad, "moscow_times_reprint.txt", "--format", "github")
    lines = result.output.splitlines()
    error = [ln for ln in lines if ln.startswith("::error ")]
    assert len(error) == 1 and f"file={bad}".replace(":", "%3A") in error[0]
    line_no = afp_text[: afp_text.index("13,000")].count("\n") + 1
    assert f",line={line_no}," in error[0]
    assert any(ln.startswith("::warning file=moscow_times_reprint.txt,line=") for ln in lines)


def test_github_annotation_escapes_newlines(tmp_path):
    from provenance.render.check_report import _gh_data

    # CR is a control character: safe() shows it as U+FFFD; LF is kept and escaped
    assert _gh_data("a%b\nc\r") == "a%25b%0Ac\ufffd"
    assert "\x1b" not in _gh_data("x\x1b[31my")


def test_json_and_output_file(run, tmp_path):
    target = tmp_path / "report.json"
    result = run("check", AFP, "moscow_times_reprint.txt", "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and result.output == ""
    data = json.loads(target.read_text())
    assert data["schema"] == "provenance/check-v1" and data["passed"] is True


def test_a_repeated_figure_dropped_is_not_a_changed_number(tmp_path):
    """A rewrite that states a figure once where the source repeated it has changed no figure: a
    warning for the rewording, not a number failure (COUNTER 0055p: "3 lakh 30 thousand tonnes"
    twice in a passage, once in the newspaper's). Changing or dropping the figure still fails."""
    from provenance import check_reprint, make_document

    source = make_document("s", "Saudi Arabia will buy wheat. The grain agency said it would import 330,000 tonnes, "
                                "a statement that put the total at 330,000 tonnes for March. Prices rose.\n")

    def findings(text):
        return check_reprint(source, make_document("r", text)).findings

    once = findings("Saudi Arabia will buy wheat. The kingdom imports 330,000 tonnes in March. Prices rose.\n")
    assert not any(f.rule == "number" for f in once), [f.message for f in once]
    assert [(f.rule, f.action) for f in once] == [("rewrite", "warn")]
    changed = findings("Saudi Arabia will buy wheat. The kingdom imports 340,000 tonnes in March. Prices rose.\n")
    assert any(f.rule == "number" and f.action == "fail" for f in changed)
    gone = findings("Saudi Arabia will buy wheat. The kingdom imports some in March. Prices rose.\n")
    assert any(f.rule == "number" and f.action == "fail" for f in gone)


def test_a_text_of_one_long_line_is_checked_in_linear_work(monkeypatch):
    """One 40k-word line with an edit every 60 words: each finding's excerpt and each edit's headline
    test read a bounded window, not the whole line (checking such a pair took 47 s at 300 KB). Counted,
    not timed: the characters flattened for excerpts stay within a constant per finding."""
    import random

    from provenance import check_reprint, make_document
    from provenance.render import check_report

    rng = random.Random(5)
    words = [rng.choice(["the", "minister", "said", "talks", "would", "resume", "in", "Geneva", "on", "Monday"])
             for _ in range(40_000)]
    source = make_document("src.txt", " ".join(words))
    words[::60] = ["Zurich"] * len(words[::60])
    reprint = make_document("rep.txt", " ".join(words))
    result = check_reprint(source, reprint)
    flattened = []
    real = check_report._flat
    monkeypatch.setattr(check_report, "_flat", lambda text: flattened.append(len(text)) or real(text))
    check_report.render_check_text([result], width=100)
    assert result.findings and max(flattened) <= 4 * 100 + 8


def test_a_cut_tail_points_at_the_reprint_s_last_line_not_past_it(examples_dir):
    # the hostile review: GitHub annotations put a tail cut at line=21 of a 20-line file
    from provenance import check_reprint, make_document
    from provenance.render.check_report import render_check_github

    wire = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    lines = wire.rstrip("\n").split("\n")
    reprint = make_document("cut.txt", "\n".join(lines[:-6]) + "\n")
    result = check_reprint(make_document("wire.txt", wire), reprint)
    (cut,) = [f for f in result.findings if f.rule == "truncated"]
    last = reprint.text.rstrip("\n").count("\n") + 1
    assert cut.reprint_line == last
    assert f"file=cut.txt,line={last}," in render_check_github([result])
    assert make_document("x", "a\nb\n").line_of(4) == 2 and make_document("x", "a\nb\n").line_of(2) == 2


_DPA = ("Berlin (dpa) - Bundeskanzler Olaf Scholz hat die Pläne verteidigt. {o}Wir stehen zu unseren Zusagen "
        "und werden sie einhalten{c}, sagte Scholz am Montag in Berlin. Die Wirtschaft wuchs um 0,2 Prozent.\n")


@pytest.mark.parametrize("o, c", [("„", "“"), ("»", "«"), ("«", "»"), ("“", "”")])
def test_german_and_french_quotation_marks_open_and_close_as_their_language_pairs_them(o, c):
    # stop 26's review: dpa's „…“ was read as a quotation never closed (a faithful edit after it
    # failed as a changed quote) and its »…« as the text between two quotations (a word changed
    # inside passed)
    from provenance import check_reprint, make_document

    src = make_document("dpa.txt", _DPA.format(o=o, c=c))
    faithful = make_document("r1.txt", _DPA.format(o=o, c=c).replace("sagte Scholz", "sagte Olaf Scholz")
                             .replace("0,2 Prozent", "0,2 %"))
    changed = make_document("r2.txt", _DPA.format(o=o, c=c).replace("einhalten", "brechen"))
    assert check_reprint(src, faithful).passed
    result = check_reprint(src, changed)
    assert not result.passed and [f.rule for f in result.failures] == ["quote"], result.findings


def test_a_straight_quotation_mark_closed_by_a_curly_one_closes():
    from provenance import make_document
    from provenance.edits.quotes import quote_mask

    doc = make_document("x", 'He said "we will go” and left the room.')
    assert [t.text for t, m in zip(doc.tokens, quote_mask(doc)) if m] == ["we", "will", "go"]


def test_lead_replaced_by_a_headline_like_line_fails(run, tmp_path, afp_text):
    # stop 27's review: the lead (with the quotation "inevitable") replaced by "JIMMY WAS HERE LOL"
    # was read as a headline rewritten and passed with a dateline warning
    first, rest = afp_text.split("\n", 1)
    code, result = verdict(run, tmp_path, "JIMMY WAS HERE LOL\n" + rest)
    assert code == 1 and result["failures"] >= 1
    # a headline added above the lead is still a headline, not a failure
    code, result = verdict(run, tmp_path, "PUTIN VOWS MORE STRIKES\n\n" + afp_text)
    assert code == 0, result


def test_a_long_tail_cut_after_a_list_is_a_cut_not_a_footer(run, tmp_path):
    # stop 27's review: a Wikipedia article cut after its first section, where the cut part opens
    # with a list ("age structure:", "0-14 years: 31%"), was read as a page footer dropped and
    # check reported 0% cut; a footer is shorter than the article it follows
    prose = ["The census counted the people of every district in the spring. " * 4,
             "Most of the growth came from the towns along the coast and the river. " * 4]
    lists = ["age structure:", "0-14 years: 31%", "15-64 years: 64%", "65 years and over: 5%"]
    tail = [f"Section {k} describes the languages, the religions and the schools of the region in detail. " * 5
            for k in range(8)]
    source = "\n\n".join(prose + lists + tail) + "\n"
    kept = "\n\n".join(prose) + "\n"
    src, rep = reprint(tmp_path, source, "source.txt"), reprint(tmp_path, kept, "kept.txt")
    data = json.loads(run("check", src, rep, "--format", "json").output)["results"][0]
    assert data["cut"] > 0.5 and data["verdict"] == "fail"
    # a real footer after the article (shorter than it) is still page furniture, not a cut
    footer = ["Share this article:", "Facebook", "Twitter", "Email",
              "Support our journalism with a donation today, every gift keeps this newsroom independent."]
    paper = reprint(tmp_path, "\n\n".join(prose + tail) + "\n", "paper.txt")
    with_footer = reprint(tmp_path, "\n\n".join(prose + tail + footer) + "\n", "footer.txt")
    data = json.loads(run("check", with_footer, paper, "--format", "json").output)["results"][0]
    assert data["cut"] == 0.0 and data["verdict"] == "pass"


_SAID = "Williams said the phone call was unusual and inappropriate, officials told reporters on Monday.\n"


@pytest.mark.parametrize("reprint_text, verdict, change", [
    # a paraphrase made someone's words: fail (it passed with no finding at all, 25 of 25 real articles)
    ('Williams said: "The phone call was unusual and inappropriate," officials told reporters on Monday.\n',
     "fail", "marks_added"),
    ("Williams said the phone call was “unusual and inappropriate”, officials told reporters on Monday.\n",
     "fail", "marks_added"),
    # scare quotes around a word or two: a warning
    ('Williams said the phone call was "unusual and" inappropriate, officials told reporters on Monday.\n',
     "pass", "scare_quotes"),
])
def test_quotation_marks_added_around_the_sources_words(run, tmp_path, reprint_text, verdict, change):
    _, r = check_pair(run, tmp_path, _SAID, reprint_text)
    assert r["verdict"] == verdict, r["findings"]
    assert [f["edit"]["change"] for f in r["findings"] if f["rule"] == "quote"] == [change], r["findings"]


@pytest.mark.parametrize("source, reprint_text", [
    ("“The call was unusual and inappropriate,” Williams said on Monday.\n",
     '"The call was unusual and inappropriate," Williams said on Monday.\n'),  # mark style
    ("'The call was unusual and inappropriate,' Williams said on Monday.\n",
     '"The call was unusual and inappropriate," Williams said on Monday.\n'),  # British single marks
    ("«The call was unusual and inappropriate», Williams said on Monday.\n",
     '"The call was unusual and inappropriate", Williams said on Monday.\n'),
])
def test_quotation_marks_exchanged_for_another_style_keep_the_quotation(run, tmp_path, source, reprint_text):
    result, r = check_pair(run, tmp_path, source, reprint_text)
    assert result.exit_code == 0 and not [f for f in r["findings"] if f["rule"] == "quote"], r["findings"]


_HEDGED = "Both Moscow and Kyiv are suspected of minimising their losses, and talks may resume in May.\n"


@pytest.mark.parametrize("reprint_text, verdict, change", [
    ("Both Moscow and Kyiv are minimising their losses, and talks may resume in May.\n", "fail", "removed"),
    ("Both Moscow and Kyiv are suspected of minimising their losses, and talks will resume in May.\n", "fail", "removed"),
    ("Both Moscow and Kyiv are allegedly suspected of minimising their losses, and talks may resume in May.\n",
     "pass", "added"),  # a hedge added weakens the claim: a warning
])
def test_a_hedge_removed_states_the_claim_as_fact(run, tmp_path, reprint_text, verdict, change):
    """"are suspected of minimising" -> "are minimising" passed as a rewording (25 of 25 real
    articles in a hostile review): the claim is now stated as fact."""
    _, r = check_pair(run, tmp_path, _HEDGED, reprint_text)
    assert r["verdict"] == verdict, r["findings"]
    assert [f["edit"]["change"] for f in r["findings"] if f["rule"] == "hedge"] == [change], r["findings"]


@pytest.mark.parametrize("reprint_text", [
    "Both Moscow and Kyiv are suspected of minimising their losses, and talks may resume in June.\n",  # the month
    "Both Moscow and Kyiv are suspected of minimising their losses; talks may resume in May.\n",
])
def test_the_month_may_and_kept_hedges_are_no_hedge_change(run, tmp_path, reprint_text):
    _, r = check_pair(run, tmp_path, _HEDGED, reprint_text)
    assert not [f for f in r["findings"] if f["rule"] == "hedge"], r["findings"]


def test_a_contracted_modal_keeps_its_hedge(run, tmp_path):
    source = "The president could not be brought to trial, his lawyers said on Monday.\n"
    result, _ = check_pair(run, tmp_path, source, source.replace("could not", "couldn't"))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("source, reprint_text", [
    ("No one has shown symptoms such as fever so far, the commission said on Tuesday. Tests go on.\n",
     "No one has shown symptoms such as fever so far. Tests go on.\n"),
    ("According to the World Health Organization, the outbreak has killed more than 200 people.\n",
     "The outbreak has killed more than 200 people.\n"),
    ("In the latest estimates from Kyiv, Mykhailo Podolyak, an adviser to Zelensky, said as many as 13,000 "
     "soldiers had been killed.\n", "As many as 13,000 soldiers had been killed.\n"),
])
def test_an_attribution_cut_from_a_kept_claim_fails(run, tmp_path, source, reprint_text):
    """Who said it, cut while the claim stays, makes the claim the reprint's own: it passed as a
    rewording (48 of 50 real articles in a hostile review)."""
    result, r = check_pair(run, tmp_path, source, reprint_text)
    assert result.exit_code == 1, r["findings"]
    assert [f["edit"]["change"] for f in r["findings"] if f["rule"] == "attribution"] == ["source_dropped"], r["findings"]


@pytest.mark.parametrize("source, reprint_text", [
    # a quotation keeps its marks: whose words they are is not turned into the reprint's claim
    ('"We will not give up," he said. "The work goes on."\n', '"We will not give up." "The work goes on."\n'),
    # "States" in a name is no speech verb
    ("Officials in the United States said the talks would resume next week in Geneva.\n",
     "Officials in the U.S. said the talks would resume next week in Geneva.\n"),
    # the whole sentence cut, attribution and claim together
    ("The talks between the two governments will resume next week in Geneva after a pause. The date was not "
     "set, officials said. Both sides welcomed the move.\n",
     "The talks between the two governments will resume next week in Geneva after a pause. Both sides welcomed "
     "the move.\n"),
])
def test_no_attribution_dropped_where_the_claim_went_too_or_was_a_quotation(run, tmp_path, source, reprint_text):
    _, r = check_pair(run, tmp_path, source, reprint_text)
    assert not [f for f in r["findings"] if f["edit"]["change"] == "source_dropped"], r["findings"]


_BODY = ("The ministry said on Monday that the new school year would start in September.\n\n"
         "Teachers' unions welcomed the decision, calling it long overdue.\n")


@pytest.mark.parametrize("added, fails", [
    ("Britain's defence ministry said Russia had lost more than 300 tanks since October.", True),  # a new figure
    ("Teachers have long asked for the change, the unions said.", False),  # no figure: a warning, as before
])
def test_an_inserted_paragraph_stating_a_figure_the_source_does_not_fails(run, tmp_path, added, fails):
    """An invented figure failed when appended to a paragraph and passed as its own paragraph (20 of 20
    in a hostile review): a figure the source states nowhere is judged wherever it is added, as in a
    headline."""
    reprint_text = _BODY.replace("\n\nTeachers'", f"\n\n{added}\n\nTeachers'")
    result, r = check_pair(run, tmp_path, _BODY, reprint_text)
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "number" and f["edit"]["change"] == "inserted" for f in r["findings"]) == fails


_LEAD = ("The streaming service had more than 10 million users on its first day, the company said. "
         "Analysts expect the number to grow.\n\nThe company declined to comment further.\n")


@pytest.mark.parametrize("added, fails, number", [
    # a figure the source states nowhere: invented, judged as in an added paragraph
    ("The firm employs 6257 people in five countries, a spokesperson said.", True, ("6257",)),
    # a figure the source states elsewhere is the story's: an inserted sentence, a warning
    ("The service counted more than 10 million users that day.", False, None),
    ("Its rivals were not asked for comment.", False, None),  # no figure
])
def test_a_sentence_inserted_in_a_paragraph_is_judged_whole(run, tmp_path, added, fails, number):
    """A sentence added inside a paragraph was read against the parent's neighbouring words: every
    figure in it had "changed" from nothing ("number changed: (none) -> <the whole sentence>"), and a
    figure the source states in another sentence failed as changed (15 of 16 inserted sentences with
    a figure, a hostile review)."""
    reprint_text = _LEAD.replace("Analysts expect", f"{added} Analysts expect")
    result, r = check_pair(run, tmp_path, _LEAD, reprint_text)
    assert (result.exit_code == 1) == fails, r["findings"]
    kinds = {(f["edit"]["kind"], f["edit"]["change"]) for f in r["findings"]}
    if number:
        assert ("number", "inserted") in kinds and not any(k == "number" and c != "inserted" for k, c in kinds), kinds
        found = next(f for f in r["findings"] if f["edit"]["kind"] == "number")
        assert tuple(found["edit"]["added"]) == number and "inserted passage" in found["message"]
    else:
        assert ("inserted", "") in kinds and not any(k == "number" for k, _ in kinds), kinds


@pytest.mark.parametrize("reprint_sentence, fails", [
    ("A rematch is not far off for the Thunder: these teams meet again in three days.", False),
    ("The Thunder will not wait long, as a rematch is not far off: these teams meet again in three days.", True),
    ("The Thunder will have to wait long for a rematch: these teams meet again in three days.", True),
])
def test_a_sentence_reworded_in_pieces_keeps_its_negation(run, tmp_path, reprint_sentence, fails):
    """"won't have to wait long" -> "is not far off", aligned around the shared "the Thunder", left a
    deleted piece with the "won't" and an inserted one with the "not": check failed it as a negation
    added (a review of stop 31). The sentence holds one negator a side; two against one still fails."""
    source = ("The Lakers won on Sunday. The Thunder won't have to wait long for a rematch: these teams meet again "
              "in three days.\n\nMore follows.\n")
    reprint_text = source.replace("The Thunder won't have to wait long for a rematch: these teams meet again in three days.",
                                  reprint_sentence)
    result, r = check_pair(run, tmp_path, source, reprint_text)
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "negation" for f in r["findings"]) == fails, r["findings"]


@pytest.mark.parametrize("before, after, fails", [
    ("a 9% funding increase", "a $9 funding increase", True),  # a share became money
    ("rose 1.85 points", "rose 1.85%", True),  # points are not per cent
    ("rose 0.5%", "rose 0.5 points", True),
    ("rose 5 percent", "rose 5 percentage points", True),
    ("closed at $185.25, up 0.35%", "closed at 185.25%, up $0.35", True),  # units traded between figures
    ("30% of the planes", "30 of the planes", True),  # a share is never implied
    ("gusts of 55 mph", "gusts of 55 knots", True),  # units the conversion table knew, now compared
    ("3 million barrels a day", "3 million tonnes a day", True),
    ("12 inches of snow", "12 feet of snow", True),
    ("a rise of 0.3 percent", "a rise of -0.3 percent", True),  # a minus sign on the figure
    ("a rise of 0.3 percent", "a rise of \u22120.3 percent", True),
    ("rose 5%", "rose 5 per cent", False),  # house style
    ("rose 5 percentage points", "rose 5 points", False),
    ("cost $60 each", "cost 60 dollars each", False),
    ("gusts of 55 mph", "gusts of 55 miles per hour", False),
    ("ages 10-12 attended", "ages 10 - 12 attended", False),  # a range's dash is no sign
])
def test_a_figures_unit_share_or_sign_is_part_of_it(run, tmp_path, before, after, fails):
    """The %, "points", a currency sign and a minus sign were dropped before figures were compared:
    "a 9% funding increase" -> "a $9 funding increase" and "0.3 percent" -> "-0.3 percent" passed
    with no finding, and mph -> knots, barrels -> tonnes, inches -> feet passed as rewordings (11,
    4 and 7 cases of a review of stop 31)."""
    source = f"Officials said on Monday that the report showed {before} over the year.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace(before, after))
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "number" and f["action"] == "fail" for f in r["findings"]) == fails, r["findings"]


@pytest.mark.parametrize("before, after, fails", [
    ("between $40-50 billion", "between $40 billion and $50 billion", False),  # the range's scale is shared
    ("between $40-50 billion", "between $40 billion and $60 billion", True),
    ("3 to 4 million people", "3 million to 4 million people", False),
    ("rose 1-1/2 points", "rose 1\u00bd points", False),  # a mixed number, slashed or one sign
    ("rose 1-1/2 points", "rose 2\u00bd points", True),
    ("rose 1 1/2 points", "rose 1.5 points", False),
])
def test_ranges_and_mixed_numbers_keep_their_value(run, tmp_path, before, after, fails):
    """"$40-50 billion" -> "$40 billion to $50 billion" and "1-1/2" -> "1\u00bd" failed as numbers
    changed (40 against 40 billion; 1, 1 and 2 against 1): a review of stop 31."""
    source = f"Officials said on Monday that the plan would cost {before} over the year.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace(before, after))
    assert (result.exit_code == 1) == fails, r["findings"]


@pytest.mark.parametrize("after, fails", [("World War Two", False), ("World War I", True)])
def test_a_names_number_as_numeral_word_or_digits(run, tmp_path, after, fails):
    """"World War II" -> "World War Two" failed as a different name (a review of stop 31)."""
    source = "The memorial honours soldiers who died in World War II, the mayor said on Monday.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace("World War II", after))
    assert (result.exit_code == 1) == fails, r["findings"]


@pytest.mark.parametrize("before, after, fails", [
    ("left at about 4:30 a.m. for", "left at about 4:30 p.m. for", True),  # the time of day
    ("left on Tuesday afternoon for", "left on Tuesday morning for", True),
    ("left at 4 pm for", "left at 4 p.m. for", False),
    ("the third 90-day extension", "the second 90-day extension", True),  # an ordinal beside a span
    ("the third 90-day extension", "the fourth 90-day extension", True),
    ("within 24 hours of", "within a day of", False),
])
def test_the_time_of_day_and_an_ordinal_beside_a_span(run, tmp_path, before, after, fails):
    """"4:30 a.m." -> "4:30 p.m.", "afternoon" -> "morning" and "the third 90-day extension" ->
    "the second ..." passed as rewordings (the last read as "the same span of time in other units":
    "second" taken for a unit); a review of stop 31."""
    source = f"The officials said they {before} the talks, a spokesman said.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace(before, after))
    assert (result.exit_code == 1) == fails, r["findings"]


@pytest.mark.parametrize("before, after, fails", [
    ("up to $12.9bn (£10bn) from", "up to $12.9bn from", False),  # the reader's conversion dropped
    ("at 176 Hong Kong dollars (£17.43) on", "at 176 Hong Kong dollars on", False),
    ("up to $12.9bn (£10bn) from", "up to $12.9bn (£19bn) from", True),
    ("up to $12.9bn ($10bn) from", "up to $12.9bn from", True),  # the same currency: no conversion
])
def test_a_currency_conversion_dropped_is_house_style(run, tmp_path, before, after, fails):
    """"$12.9bn (£10bn)" -> "$12.9bn" failed as a number changed: conversions were read for units of
    measure only (a review of stop 31). A currency's rate is not in the text: only dropping passes."""
    source = f"Alibaba said it raised {before} the share offer on Monday.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace(before, after))
    assert (result.exit_code == 1) == fails, r["findings"]


@pytest.mark.parametrize("before, after, fails", [
    ("U.S. crude CLc1 fell", "U.S. crude fell", False),  # a Reuters instrument code dropped
    ("the Nikkei (.N225) fell", "the Nikkei fell", False),
    ("the A380 jet fell", "the A350 jet fell", True),  # a code replaced is still a change
    ("the 380 jets fell", "the jets fell", True),  # a figure dropped is not a code
])
def test_an_instrument_code_dropped_is_no_figure(run, tmp_path, before, after, fails):
    """"U.S. crude CLc1 fell" -> "U.S. crude fell" failed as "number changed: CLc1 -> (none)" (a
    review of stop 31): a code's digits are part of its name."""
    source = f"Markets: {before} 2% on Monday, traders said.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace(before, after))
    assert (result.exit_code == 1) == fails, r["findings"]


_PRONOUN_STORY = (
    "U.S. Attorney James Kennedy said in a release that free speech does not protect threats.\n\n"
    "Prosecutors said the man made several calls to the office last year.\n\n"
    "Sonya Zoghlin, the man's attorney, told reporters that her client did not intend to cause harm.\n\n"
    "“He is passionate about his beliefs and his right to express them,” she said in an email.\n"
)


@pytest.mark.parametrize("speaker, fails", [("Kennedy", True), ("Zoghlin", False), ("Sonya Zoghlin", False)])
def test_a_pronoun_speaker_spelled_out_must_be_someone_named_just_before(run, tmp_path, speaker, fails):
    """'..., she said' -> '..., Kennedy said' moved a quotation to another person of the story and
    passed as a rewording (6 cases of a review of stop 31): a pronoun's speaker is named in the
    quotation's paragraph or the one before; a name from further back is someone else."""
    result, r = check_pair(run, tmp_path, _PRONOUN_STORY, _PRONOUN_STORY.replace("” she said", f"” {speaker} said"))
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "attribution" for f in r["findings"]) == fails, r["findings"]


@pytest.mark.parametrize("before, after, fails", [
    ("The bacterium is believed to have originated in China", "The bacterium originated in China", True),
    ("The bacterium is thought to have possibly spread from rats", "The bacterium spread from rats", True),
    ("The man who allegedly stole three cars was held", "The man was held", False),  # the claim went too
    ("The firm, which may sell some of its assets, was held", "The firm was held", False),
])
def test_a_long_hedge_cut_from_inside_a_clause_is_a_hedge_removed(run, tmp_path, before, after, fails):
    """"is believed to have originated" -> "originated" was read as a clause cut (warn): four words
    or more cut are a deletion, and the hedge rule never saw them (a review of stop 31). A hedge cut
    with its claim ("who allegedly stole three cars") is still a clause cut."""
    source = f"{before}, experts said on Monday.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace(before, after))
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "hedge" for f in r["findings"]) == fails, r["findings"]


@pytest.mark.parametrize("headline, fails", [
    ("Car Sales Plunge 12% In October", True),  # the story's 12 is a 12-month average, not a share
    ("Car Sales Plunge 10% In October", False),
    ("Car Sales Plunge 15% In October", False),  # the 15.2 percent average, rounded
])
def test_a_headline_percentage_must_be_a_percentage_of_the_story(run, tmp_path, headline, fails):
    """A headline's percentage matched any figure of the story: "12%" over "the prior 12-month
    average" passed (a review of stop 31)."""
    source = ("New vehicle sales in Houston fell 10 percent last month, dealers said.\n\nFleet sales were "
              "still below the prior 12-month average of 15.2 percent.\n")
    result, r = check_pair(run, tmp_path, source, f"{headline}\n\n{source}")
    assert (result.exit_code == 1) == fails, r["findings"]


_ROUNDUP = ("Storms hit the South on Monday, officials said.\n\nHere is the latest by state.\n\n"
            "GEORGIA — Two people were hurt when a tree fell on a house.\n\nALABAMA — Power was cut to 3,000 homes.\n")
_MENDS = [
    # capitals and a dash further down are a roundup's entries, not datelines: a changed one fails
    (_ROUNDUP, _ROUNDUP.replace("GEORGIA —", "TENNESSEE —"), True),
    # where the story was filed is a fact
    ("VIENNA — The house will become a police station, the minister said.\n\nMore follows.\n",
     "BERLIN — The house will become a police station, the minister said.\n\nMore follows.\n", True),
    ("SIOUX FALLS, S.D. (AP) — People across the nation are talking.\n\nMore follows.\n",
     "SIOUX CITY, Iowa (AP) — People across the nation are talking.\n\nMore follows.\n", True),
    # a negator moved to another verb is no rewording
    ("The senator has not signed the bill but will vote for it, aides said.\n\nMore follows.\n",
     "The senator has signed the bill but will not vote for it, aides said.\n\nMore follows.\n", True),
    # a last paragraph rewritten around its subject is judged as rewritten
    ("The house was sold in 2016.\n\nThe ministry said the conversion would cost about 1.5 million euros.\n",
     "The house was sold in 2016.\n\nOfficials put the price of the work at roughly two million euros, and "
     "they expect the overhaul of the building to be finished within two years.\n", True),
    # a count after "call" is the story's
    ("Prosecutors filed the case on Monday.\n\nMore follows.\n",
     "Prosecutors filed the case on Monday. They plan to call 300 to testify.\n\nMore follows.\n", True),
    # a change is no share of anything
    ("One in five adults skipped meals as food prices rose, the survey found.\n\nMore follows.\n",
     "Food Prices Rise 20%\n\nOne in five adults skipped meals as food prices rose, the survey found.\n\nMore follows.\n",
     True),
    # a range's figures share their unit; the Telegraph's "pc" is per cent
    ("Inflation will be between 5 and 6 percent, the bank said.\n\nMore follows.\n",
     "Inflation will be between 5% and 6%, the bank said.\n\nMore follows.\n", False),
    ("Inflation rose 5 percent, the bank said.\n\nMore follows.\n",
     "Inflation rose 5pc, the bank said.\n\nMore follows.\n", False),
    ("Inflation rose un 5 por ciento, the bank said.\n\nMore follows.\n",
     "Inflation rose un 5%, the bank said.\n\nMore follows.\n", False),
    # "2001 9/11" is a year and a name, not a mixed number
    ("Security has tightened since the 2001 9/11 attacks, officials said.\n\nMore follows.\n",
     "Security has tightened since the 9/11 attacks in 2001, officials said.\n\nMore follows.\n", False),
    # "second" after a count is the unit; evening and night are one part of the day
    ("The network aired a 60-second ad on Tuesday evening.\n\nMore follows.\n",
     "The network aired a one-minute ad on Tuesday night.\n\nMore follows.\n", False),
    # a Roman numeral written in digits; another numeral is another name
    ("Veterans of World War II marched, officials said.\n\nMore follows.\n",
     "Veterans of World War 2 marched, officials said.\n\nMore follows.\n", False),
    ("A portrait of Henry VIII was sold, officials said.\n\nMore follows.\n",
     "A portrait of Henry VII was sold, officials said.\n\nMore follows.\n", True),
]


_HOUSE = ("The house where Adolf Hitler was born will be turned into a police station, Austria's interior "
          "minister said on Tuesday, after years of debate.\n\nAustria will invite architects to submit plans "
          "for a redesign of the building, the ministry said in a statement.\n\n")
_MENDS += [  # the fourth review, of the mends
    ("El premio es por ciento cincuenta mil euros, dijo el lunes.\n\nMore follows.\n",
     "El premio es por 50.000 euros, dijo el lunes.\n\nMore follows.\n", True),  # "for 150,000": no percent
    ("Malcolm X spoke there, officials said.\n\nMore follows.\n",
     "Malcolm 10 spoke there, officials said.\n\nMore follows.\n", True),  # one letter is a name
    ("Prosecutors filed the case on Monday.\n\nMore follows.\n",
     "Prosecutors filed the case on Monday. The army will call 900 reservists.\n\nMore follows.\n", True),
    ("The mayor resigned on Monday.\n\nMore follows.\n",
     "The mayor resigned on Monday.\n\nMore follows.\n\nCall 111 for non-emergency medical advice.\n", False),
    ("More than one in five adults skipped meals as food prices rose, the survey found.\n\nMore follows.\n",
     "More Than 20% Of Adults Skip Meals As Food Prices Rise\n\nMore than one in five adults skipped meals as food "
     "prices rose, the survey found.\n\nMore follows.\n", False),  # "Than" bounds, it changes nothing
    ("HAYWARD, Calif. (AP) — A fire destroyed a warehouse, officials said.\n\nMore follows.\n",
     "HAYWARD, California (AP) — A fire destroyed a warehouse, officials said.\n\nMore follows.\n", False),
    (_HOUSE + "The ministry said the conversion would be overseen by officials in Vienna.\n",
     _HOUSE + "Local reaction was muted, with several residents telling the Gazette that officials had not "
     "consulted them.\n", False),  # one shared word: the reprint's own paragraph
]


@pytest.mark.parametrize("source, reprint_text, fails", _MENDS)
def test_the_review_of_stop_32s_rules(run, tmp_path, source, reprint_text, fails):
    """The third review of stop 32 attacked that session's new rules (plain datelines, negation read
    per sentence, the last paragraph replaced, short codes, ratios, units and shares, mixed numbers,
    ordinals beside spans, numerals in names): each of these was misread by the first cut."""
    result, r = check_pair(run, tmp_path, source, reprint_text)
    assert (result.exit_code == 1) == fails, r["findings"]


def test_a_clause_inserted_inside_a_sentence_is_still_read_with_it(run, tmp_path):
    """Only a whole sentence added is judged alone: "not proven to be" added inside a sentence negates it."""
    source = "Officials said the vaccine was safe for children, the report said.\n\nMore follows.\n"
    result, r = check_pair(run, tmp_path, source, source.replace("was safe", "was not proven to be safe"))
    assert result.exit_code == 1 and [f for f in r["findings"] if f["rule"] == "negation"], r["findings"]


@pytest.mark.parametrize("headline, fails", [
    ("50% Of Voters Back Plan", False),  # the story's "half", as a percentage
    ("Two-Thirds Of Members Agree, 67% Back Plan", False),
    ("60% Of Voters Back Plan", True),  # a figure the story states nowhere
    ("60 Held Over Plan", True),  # one long word shared: a short headline all the same, not a masthead
    ("50 Voters Back Plan", True),  # not a percentage: "half" states no count (a review of the mend)
    ("Growth Of 40% Backs Plan", True),  # "0.4 percent" in the story is no fraction in words
    ("66% Of Members Agree", False),  # two-thirds with its decimals cut
    ("65% Of Members Agree", True),
    ("20% Of Farmers Undecided", False),  # "one in five"
    ("75% Of Towns Join", False),  # "three out of four"
    ("25% Of Farmers Undecided", True),
    ("30% Of Farmers Undecided", True),
])
def test_a_headline_percentage_may_state_a_fraction_of_the_story(run, tmp_path, headline, fails):
    """A headline put where the dateline stood is judged as a headline (stop 31), and its figures
    must be the story's: "50%" over "about half of voters" failed as invented (a review), as did
    "66%" over "two-thirds" and "20%" over "one in five" (noted at stop 31)."""
    source = ("LONDON (Reuters) - About half of voters backed the plan, and two-thirds of party members agreed, "
              "the survey found.\n\nThe vote is due next week, after growth of 0.4 percent. One in five farmers "
              "had not decided, and three out of four towns joined. No arrests were made.\n")
    reprint_text = f"{headline}\n\n" + source.removeprefix("LONDON (Reuters) - ") + "\n(Reuters)\n"  # credit kept
    result, r = check_pair(run, tmp_path, source, reprint_text)
    assert (result.exit_code == 1) == fails, r["findings"]
    assert any(f["rule"] == "number" for f in r["findings"]) == fails, r["findings"]


@pytest.mark.parametrize("added", [
    "“We Will Not Surrender,” he said.",  # title case, but spoken
    "“No,” Omar said.",  # one word, spoken
    "He later added: “Enough Is Enough.”",  # a colon frames it as speech
    "“DEATH TO AMERICA,” the fighters chanted.",  # capitals are a shout, not a title
])
def test_short_or_title_cased_speech_added_is_still_an_invented_quotation(run, tmp_path, added):
    """Titles and scare quotes in added text are nobody's words, but a speech verb or a colon beside
    the quotation makes it someone's (a review of the mend: 11 of 17 such inventions passed)."""
    source = "The mayor resigned on Monday. She cited health reasons.\n"
    result, r = check_pair(run, tmp_path, source, source.replace("She cited", added + " She cited"))
    assert result.exit_code == 1 and any(f["rule"] == "quote" for f in r["findings"]), r["findings"]


@pytest.mark.parametrize("added", [
    "They renewed their call for 150000 more troops.",
    "The ring road project cost 4 500 000 dollars.",
    "In Tel Aviv, police said 200000 people marched.",
    "Phone outages hit 480 000 homes.",
    "The army will call 5000 reservists.",
    "They had to call 300 to 400 people.",
    "Voters will text 4000 messages a day.",
])
def test_a_figure_after_a_telephone_word_used_otherwise_is_still_invented(run, tmp_path, added):
    """Only a number to call is the page's ("call the Samaritans on 116 123"): a cue word used
    otherwise hid invented figures (6 of 10 in a review of the mend). The note quotes the text as
    written."""
    source = "The mayor resigned on Monday. She cited health reasons.\n"
    result, r = check_pair(run, tmp_path, source, source.replace("She cited", added + " She cited"))
    assert result.exit_code == 1, r["findings"]
    (found,) = [f for f in r["findings"] if f["rule"] == "number"]
    assert added[:20] in found["message"], found["message"]


@pytest.mark.parametrize("spelled", ["per cent", "pct"])
def test_per_cent_is_percent_inside_quotations_too(run, tmp_path, spelled):
    """"percent" -> "per cent" failed inside a quotation (words changed) and warned outside it."""
    source = 'The rate rose by 37 percent last year, he said. "It grew 5 percent in March," the minister said.\n'
    result, r = check_pair(run, tmp_path, source, source.replace("percent", spelled))
    assert result.exit_code == 0 and not [f for f in r["findings"] if f["action"] != "allow"], r["findings"]


@pytest.mark.parametrize("reprint_text, fails", [
    ("The firm has a net worth of $17m (or $12m or $6m) is unsubstantiated, he said.\n", False),
    ("The firm has a net worth of $17m (or $12m or $9m) is unsubstantiated, he said.\n", True),
    ("The firm has a net worth of $17 billion (or $12 million or $6 million) is unsubstantiated, he said.\n", True),
])
def test_figures_abbreviated_in_a_row_are_whole_figures(run, tmp_path, reprint_text, fails):
    """"$17 million (or $12 million or $6 million)" -> "$17m (or $12m or $6m)" failed twice as numbers
    changed: the context window cut "$12 million" after "$12" on one side only."""
    source = "The firm has a net worth of $17 million (or $12 million or $6 million) is unsubstantiated, he said.\n"
    result, _ = check_pair(run, tmp_path, source, reprint_text)
    assert (result.exit_code == 1) == fails, result.output


# The third review of stop 30 attacked the new hedge, attribution, quotation-mark and
# inserted-figure rules with faithful rewordings: each of these failed, and passes now.
@pytest.mark.parametrize("footer", [
    "If you or someone you know is struggling, call or text 988 to reach the Suicide and Crisis Lifeline.",
    "In an emergency, dial 112.",
    "Anyone with information should call 911 if they see him.",
    "For support, text 741741 for help at any hour.",
])
def test_a_short_code_to_call_is_the_pages(run, tmp_path, footer):
    """A crisis line or emergency number (988, 112, 911) added under the story is no invented figure
    of it: such numbers have three digits, and the telephone rule wanted six (a review of stop 31
    noted the footer failing)."""
    source = "The mayor resigned on Monday. She cited health reasons.\n"
    result, r = check_pair(run, tmp_path, source, source + "\n" + footer + "\n")
    assert result.exit_code == 0, r["findings"]


@pytest.mark.parametrize("source, reprint_text", [
    ("The talks collapsed on Monday. Perhaps the two sides will meet again next week.\n",
     "The talks collapsed on Monday. The two sides will meet again next week, perhaps.\n"),  # moved
    ("Police arrested a man on Monday. The man allegedly stole three cars from the lot.\n",
     "Police arrested a man on Monday. The man stole three cars from the lot, police allege.\n"),  # now attributed
    ("The talks collapsed on Monday. The two sides are not likely to meet again this year.\n",
     "The talks collapsed on Monday. The two sides are unlikely to meet again this year.\n"),
    ("The road reopened on Monday. Visitors may park on the street until noon.\n",
     "The road reopened on Monday. Visitors can park on the street until noon.\n"),  # permission
    ("The house caught fire on Monday. Rescuers pushed with all their might against the door.\n",
     "The house caught fire on Monday. Rescuers pushed with all their strength against the door.\n"),  # the noun
    ("Delhi is among the most polluted cities. But cities like it are not doomed to follow this curve, Prakash "
     "said. Beijing has managed to improve its air.\n",
     "Delhi is among the most polluted cities. But cities like it are not doomed to follow this curve, according "
     "to Prakash. Beijing has managed to improve its air.\n"),  # attribution reworded
    ("Delhi is among the most polluted cities. The wagon can go 300 miles on a single charge, Volkswagen says. "
     "It has a rear motor.\n",
     "Delhi is among the most polluted cities. Volkswagen says the wagon can go 300 miles on a single charge. "
     "It has a rear motor.\n"),  # attribution moved to the front
    ("The launch went according to plan, and the satellite reached orbit. Engineers cheered.\n",
     "The launch went to plan, and the satellite reached orbit. Engineers cheered.\n"),  # no source
    ("Congress acted in August. The Inflation Reduction Act passed in August.\n",
     "Congress acted in August. The “Inflation Reduction Act” passed in August.\n"),  # a title in quotation marks
    ("The mayor resigned on Monday. She cited health reasons.\n",
     "The mayor resigned on Monday. She cited health reasons.\n\nThis story was updated at 3:45 p.m.\n"),
    ("The mayor resigned on Monday. She cited health reasons.\n",
     "The mayor resigned on Monday. She cited health reasons.\n\nHave a news tip? Call 1-800-555-0199.\n"),
    # a title or a nickname set in quotation marks in an added sentence is nobody's words (a review of stop 31)
    ("The mayor resigned on Monday. She cited health reasons.\n",
     "The mayor resigned on Monday. Her plan was known as the “Green Deal.” She cited health reasons.\n"),
    # a British helpline's number, added as a paragraph and inside one (a review of stop 31)
    ("The mayor resigned on Monday. She cited health reasons.\n",
     "The mayor resigned on Monday. She cited health reasons.\n\nFor confidential support, call the "
     "Samaritans on 116 123 or visit a local branch.\n"),
    ("The mayor resigned on Monday. She cited health reasons.\n",
     "The mayor resigned on Monday. If you need help, phone 0800 068 4141. She cited health reasons.\n"),
])
def test_faithful_rewordings_pass_the_new_rules(run, tmp_path, source, reprint_text):
    result, _ = check_pair(run, tmp_path, source, reprint_text)
    assert result.exit_code == 0, json.loads(result.output)["results"][0]["findings"]


@pytest.mark.parametrize("source, reprint_text, rule", [
    # a single-quoted quotation opening after a colon: its changed word is a changed quotation
    ("The minister spoke on Monday. He said:'we will not bow to pressure' and left the room.\n",
     "The minister spoke on Monday. He said:'we will not yield to pressure' and left the room.\n", "quote"),
    # the attribution cut before the next sentence's quotation
    ('Sometimes employees do not follow the rules, he said. "But should they go to jail for it?"\n',
     'Sometimes employees do not follow the rules. "But should they go to jail for it?"\n', "attribution"),
])
def test_breaks_beside_the_new_guards_still_fail(run, tmp_path, source, reprint_text, rule):
    result, r = check_pair(run, tmp_path, source, reprint_text)
    assert result.exit_code == 1 and rule in {f["rule"] for f in r["findings"] if f["action"] == "fail"}, r["findings"]


def test_percent_to_sign_beside_a_cut_window_is_house_style(run, tmp_path):
    """"rose by 37 percent, from 0.90 percent to 1.23 percent" -> "rose by 37%, from 0.90% to 1.23%"
    failed as a number changed: the source's window began at "percent", its 37 cut off, while the
    reprint's "37%" is one token and stayed in."""
    source = ("In adults aged 26 or older, the number who said they had used cannabis in the past month rose by 23 "
              "percent when compared with states where recreational use isn't allowed. Problematic cannabis use "
              "rose by 37 percent, from 0.90 percent to 1.23 percent, after recreational marijuana legalization.\n")
    reprint_text = source.replace("37 percent, from 0.90 percent to 1.23 percent", "37%, from 0.90% to 1.23%")
    result, _ = check_pair(run, tmp_path, source, reprint_text)
    assert result.exit_code == 0, json.loads(result.output)["results"][0]["findings"]


# A fourth review of stop 30: words that hedge in some senses only, and names that are also
# sentence adverbs.
@pytest.mark.parametrize("source, reprint_text, verdict", [
    ("The plague killed an estimated 25 million people in Europe alone, historians say.",
     "The plague killed about 25 million people in Europe alone, historians say.", "pass"),
    ("The suspect, Michael Webb, was convicted and sentenced on Monday.",
     "The man, Michael Webb, was convicted and sentenced on Monday.", "pass"),
    ("It was apparent that the players were exhausted by the end.",
     "It was clear that the players were exhausted by the end.", "pass"),
    ("He became an unlikely hero of the revolution last year.",
     "He became a surprise hero of the revolution last year.", "pass"),
    ("Police arrested the alleged gunman on Monday near the school.",
     "Police arrested the suspect on Monday near the school.", "pass"),
    ("Indeed said job postings for nurses rose 12 percent in October.",
     "Glassdoor said job postings for nurses rose 12 percent in October.", "fail"),  # a firm, not an adverb
    ("Still, 34, was charged with murder on Monday in Leeds.",
     "Webb, 34, was charged with murder on Monday in Leeds.", "fail"),  # a surname
])
def test_words_that_hedge_or_name_in_some_senses_only(run, tmp_path, source, reprint_text, verdict):
    context = "The talks collapsed on Monday.\n\n"
    result, r = check_pair(run, tmp_path, context + source + "\n", context + reprint_text + "\n")
    assert r["verdict"] == verdict, r["findings"]
