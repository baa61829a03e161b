"""The meaning detectors (provenance.edits.meaning): positive and negative cases on small texts of their
own (wire style, sports, markets, courts, several languages' digits), and per-kind recall on the
tamper suite of benchmarks/fidelity_suite.py (skipped without ../shared/data)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from provenance.edits.meaning import (
    attribution_change, contains_quotation, date_change, detect_meaning_changes, entity_change,
    is_house_style, number_change, parse_number_values, polarity_change, quotation_marks_removed, stem,
    time_change,
)
from provenance import align_documents, make_document
from provenance.edits.classify import classify_edits


def _edits(parent: str, child: str):
    """The classified edits of ``child`` against ``parent``."""
    return classify_edits(align_documents(make_document("p", parent), make_document("c", child)))



@pytest.mark.parametrize("text,value", [
    ("13,000", 13000), ("13 000", 13000), ("13.000", 13000), ("13\u202f000", 13000), ("١٣٬٠٠٠", 13000),
    ("۱۳۰۰۰", 13000), ("१३०००", 13000), ("１３０００", 13000), ("一万三千", 13000), ("一三〇〇〇", 13000),
    ("1.3万", 13000), ("1,3 million", 1_300_000), ("$2bn", 2e9), ("3.5", 3.5), ("thirteen thousand", 13000),
    ("two hundred and fifty", 250), ("close to half", 0.5), ("a third", 1 / 3), ("dozens of", 12),
    ("thousands of fans", 1000), ("twice as many", 2), ("24.5%", 24.5), ("十五", 15),
    # the other languages of provenance/data/number_words.txt, declined forms and scales included
    ("погибли три человека", 3), ("двадцать три", 23), ("сто двадцать", 120), ("трёх тысяч", 3000),
    ("5 тысяч", 5000), ("deux mille", 2000), ("vingt-trois", 23), ("drei Millionen", 3e6),
    ("cuatro millones de personas", 4e6), ("پانچ ہزار", 5000), ("5 ہزار", 5000), ("لاکھوں افراد", 1e5),
    ("5 ملین", 5e6), ("1.8 ملین پاؤنڈ", 1.8e6), ("2 بلین ڈالر", 2e9),  # Urdu papers write the English scales too
])
def test_parse_number_values_whole_values(text, value):
    assert parse_number_values(text) == [pytest.approx(value)]


def test_parse_number_values_nothing_in_plain_words():
    assert parse_number_values("the minister said so") == []
    # words left out of the other languages' table because they are common words or English
    assert parse_number_values("Sept. six per cent, très bien, la famille: семью, انہیں دو") == [6]
    # an ordinal is its rank (stop 25: "the fourth month" -> "the third" is a changed figure), not "a third"
    assert parse_number_values("the third reading of the bill") == [3]


@pytest.mark.parametrize("parent,child", [
    ("13000人", "31000人"), ("13 000 человек", "31 000 человек"), ("close to half", "close to a third"),
    ("dozens of people", "hundreds of people"), ("won 6-3", "won 6-4"), ("$2bn deal", "$3bn deal"),
    ("продолжались три часа", "продолжались четыре часа"), ("تین افراد ہلاک", "چار افراد ہلاک"),
])
def test_number_change_fires(parent, child):
    change = number_change(parent, child)
    assert change and change.kind == "number" and change.action == "fail"


@pytest.mark.parametrize("parent,child", [
    ("13,000", "13 000"), ("thirteen", "13"), ("on Friday", "on Thursday"), ("in 2019", "in 2018"),
    ("3 people", "three people"),
])
def test_number_change_silent_on_format_and_dates(parent, child):
    assert number_change(parent, child) is None


@pytest.mark.parametrize("parent,child", [
    ("on Friday", "on Thursday"), ("in 2019", "in 2018"), ("Nov. 19", "Nov. 18"),
    ("in March", "in April"), ("le vendredi", "le jeudi"), ("2019-11-19", "2019-11-18"),
    ("24 جولائی کو", "24 اگست کو"), ("مئی میں", "جون میں"), ("1 декабря", "1 ноября"), ("في يناير", "في فبراير"),
    ("5 फ़रवरी को", "5 मार्च को"), ("सितम्बर में", "अक्टूबर में"),
])
def test_date_change_fires(parent, child):
    change = date_change(parent, child)
    assert change and change.kind == "date"


@pytest.mark.parametrize("parent,child", [
    ("Feb. 24", "February 24"), ("on Friday", "on Friday,"), ("Tuesday", "Nov. 19"), ("may be", "might be"),
    ("24 جولائی کو", "24 جولائی کو ہوا"), ("مئی", "مئی"),  # the hamza of مئی folds alike on both sides
])
def test_date_change_silent_on_style(parent, child):
    assert date_change(parent, child) is None


@pytest.mark.parametrize("parent,child", [
    ("Poland refused to back", "Poland agreed to back"), ("shares rose 2%", "shares fell 2%"),
    ("the Lakers won", "the Lakers lost"), ("the court approved the merger", "the court rejected the merger"),
    ("an increase in costs", "a decrease in costs"), ("he was acquitted", "he was convicted"),
    ("as many as 13,000 troops", "as few as 13,000 troops"), ("for the first time since", "for the last time since"),
    ("temperatures above zero", "temperatures below zero"),
])
def test_polarity_change_fires(parent, child):
    change = polarity_change(parent, child)
    assert change and change.kind == "polarity"


@pytest.mark.parametrize("parent,child", [
    ("shares rose", "shares climbed"), ("Poland refused to back", "Poland declined to back"),
    ("prices increased", "prices have increased"),
])
def test_polarity_change_silent_on_synonyms(parent, child):
    assert polarity_change(parent, child) is None


def test_stem_folds_inflections():
    assert stem("refused") == stem("refuses") == stem("refusing") == stem("refuse")
    assert stem("stopped") == stem("stops")
    # -i- before -ed/-es is -y, -ss keeps its s, irregular pasts read as the base form
    assert stem("denied") == stem("denies") == stem("denying") == stem("deny")
    assert stem("dismissed") == stem("dismisses") == stem("dismiss")
    assert stem("enemies") == stem("enemy") and stem("rallied") == stem("rally")
    assert stem("fell") == stem("falls") and stem("dying") == stem("died") == stem("die")


@pytest.mark.parametrize("parent, child", [
    ("Assange has denied both allegations", "Assange has admitted both allegations"),
    ("the company denies the report", "the company confirms the report"),
    ("shares rallied on Monday", "shares fell on Monday"),
    ("the minister appointed him", "the minister dismissed him"),
    ("its allies in the region", "its enemies in the region"),
    ("the only surviving witness", "the only dying witness"),
])
def test_opposites_are_found_in_every_inflection(parent, child):
    """"denied" -> "admitted" passed as a rewording: "denied" stemmed to "deni", the lexicon's "deny"
    to "deny" (27 of 27 such changes passed in a hostile review)."""
    assert polarity_change(parent, child) is not None


@pytest.mark.parametrize("parent,child,action", [
    ("German Chancellor Olaf Scholz", "French President Emmanuel Macron", "fail"),
    ("Ukrainian troops", "Russian troops", "fail"),
    ("coach Bruce Boudreau", "coach Mike Babcock", "fail"),
    ("Mikolaenko", "Mikolayenko", "warn"), ("Zelensky", "Zelenskyy", "warn"),
])
def test_entity_change_fires(parent, child, action):
    change = entity_change(parent, child)
    assert change and change.kind == "entity" and change.action == action


@pytest.mark.parametrize("parent,child", [
    ("Putin", "Vladimir Putin"), ("U.S.", "US"), ("United States", "U.S."), ("Dr Smith", "Doctor Smith"),
    ("Mr Putin", "President Putin"), ("Scholz", "Mr Scholz"), ("Officials said", "Authorities said"),
    ("the team", "the squad"),
])
def test_entity_change_silent_on_style(parent, child):
    assert entity_change(parent, child) is None


def test_attribution_speaker_swap_and_agency():
    swap = attribution_change("Putin told Scholz", "Scholz told Putin")
    assert swap and swap.change == "speaker_swapped"
    agency = attribution_change("he told AFP", "he told Reuters")
    assert agency and agency.change == "agency_replaced" and agency.added == ("Reuters",)
    assert attribution_change("(AFP)", "(Agence France-Presse)") is None  # the same agency
    assert attribution_change("Putin told Scholz", "Putin told Scholz on Friday") is None


def test_attribution_speaker_replaced_needs_a_speech_verb():
    pctx = '"We will win," Boudreau said after the game.'
    cctx = '"We will win," Parise said after the game.'
    change = attribution_change("Boudreau", "Parise", pctx, cctx)
    assert change and change.change == "speaker_replaced"
    assert attribution_change("Boudreau", "Parise", "Boudreau played well.", "Parise played well.") is None


@pytest.mark.parametrize("parent,child", [
    ("the program", "the programme"), ("U.S. officials said", "US officials said"),
    ('"We are organizing," she said', "“We are organising,” she said"), ("Putin", "Vladimir Putin"),
    ("Sept. 3", "September 3"),
])
def test_house_style(parent, child):
    assert is_house_style(parent, child)
    assert detect_meaning_changes(parent, child) == ()


def test_not_house_style():
    assert not is_house_style("Putin told Scholz", "Scholz told Putin")
    assert not is_house_style("on Friday", "on Thursday")


def test_quotations():
    assert contains_quotation('Scholz later told reporters: "Germany understands."')
    assert contains_quotation("« Nous ne céderons pas », a-t-il dit.")
    assert contains_quotation('"\n\nHe later said: "We never agreed to this.')  # cut open by the alignment
    assert not contains_quotation("Officials said Scholz privately agreed that the strikes were justified.")
    assert not contains_quotation("the team's coach didn't say")
    removed = quotation_marks_removed('the strikes were "inevitable", he said', "the strikes were inevitable, he said")
    assert removed and removed.kind == "quote" and removed.action == "warn"
    assert quotation_marks_removed('were "inevitable"', "were “inevitable”") is None


def test_detect_inserted_quote_fails_and_claim_does_not():
    (change,) = detect_meaning_changes("", 'Scholz later told reporters: "Germany understands why."')
    assert change.kind == "quote" and change.action == "fail" and change.change == "inserted"
    assert detect_meaning_changes("", "Officials said Scholz privately agreed to the plan.") == ()


def test_tamper_suite_recall(tamper_suite_data):
    """The detectors on the suite's word-level difflib spans: every substantive kind found in at
    least 90% of its cases (printed per kind), and no faithful house-style reprint failed."""
    data, suite, bench = tamper_suite_data
    meaning_findings, MEANING_KIND, build_cases = bench.meaning_findings, suite.MEANING_KIND, suite.build_cases
    cases = build_cases(data, n=12, seed=13)
    assert len({c.article for c in cases}) >= 12
    recall = {}
    for kind, expected in MEANING_KIND.items():
        expected = (expected,) if isinstance(expected, str) else expected
        ks = [c for c in cases if c.kind == kind]
        if ks:
            recall[kind] = sum(any(f.kind in expected for f in meaning_findings(c.source, c.reprint)) for c in ks) / len(ks)
    print("meaning detectors, per-kind recall:", {k: round(v, 2) for k, v in recall.items()})
    low = {k: v for k, v in recall.items() if v < 0.9}
    assert not low, low
    style = [c for c in cases if c.kind.startswith("style_") or c.kind == "furniture"]
    failed = [(c.kind, c.article) for c in style
              if any(f.action == "fail" for f in meaning_findings(c.source, c.reprint))]
    assert not failed


# ------------------------------------------------------------- speakers at a sentence end (issue #13 item 4)

@pytest.mark.parametrize("para_p,para_c,span_p,span_c", [
    ('"It was a hard season for the club," Lindqvist said.', '"It was a hard season for the club," Aalto said.',
     "Lindqvist", "Aalto"),
    ("“We will rebuild the bridge by spring,” Okafor told.", "“We will rebuild the bridge by spring,” Mensah told.",
     "Okafor", "Mensah"),
])
def test_speaker_replaced_before_the_final_stop(para_p, para_c, span_p, span_c):
    change = attribution_change(span_p, span_c, para_p, para_c)
    assert change is not None and change.change == "speaker_replaced", change


def test_name_replaced_away_from_speech_is_not_a_speaker_change():
    p = "The bridge built by Lindqvist opened in 1998, long before the council said anything."
    c = p.replace("Lindqvist", "Aalto")
    assert attribution_change("Lindqvist", "Aalto", p, c) is None


def test_swap_changes_how_often_each_name_recurs():
    p = "Harlan said Quist had warned him, a claim Quist denied later."
    c = "Quist said Harlan had warned him, a claim Harlan denied later."
    change = attribution_change(p, c)
    assert change is not None and change.change == "speaker_swapped"


def test_dropping_a_repeated_mention_is_not_a_swap():
    p = "Harlan said Quist had warned him, Harlan added."
    c = "Harlan said Quist had warned him."
    change = attribution_change(p, c)
    assert change is None or change.change != "speaker_swapped"


def test_every_failing_kind_is_priced_like_a_change_of_meaning():
    from provenance.check.policy import DEFAULT_RULES
    from provenance.lineage.evidence import KIND_COST

    failing = {k for k, action in DEFAULT_RULES.items() if action == "fail"}
    assert failing, DEFAULT_RULES
    missing = {k for k in failing if k not in KIND_COST}
    assert not missing, missing
    assert all(KIND_COST[k] > KIND_COST["rewrite"] for k in failing)


# --- thresholds from the settings given (issue #12) -----------------------------------------------


def test_meaning_thresholds_come_from_the_settings():
    from provenance.edits.meaning import contains_quotation, respelled
    from provenance.settings import DEFAULT_SETTINGS as S

    assert respelled("Zelensky", "Zelenskyy")
    assert not respelled("Zelensky", "Zelenskyy", S.with_options(respelling_max_edits=0))
    assert not respelled("Zelensky", "Zelenskyy", S.with_options(respelling_min_kept=0.95))
    fragment = 'the talks, he said, "would go on'  # an opening mark, no closing one: a cut quotation
    assert contains_quotation(fragment)
    assert not contains_quotation(fragment, S.with_options(quote_fragment_min_words=10))
    # the speaker sits 4 words from the verb here: outside the default window of 3, inside one of 4
    pctx = "Boudreau, the coach, later said the team would win."
    cctx = "Parise, the coach, later said the team would win."
    assert attribution_change("Boudreau", "Parise", pctx, cctx) is None
    wide = attribution_change("Boudreau", "Parise", pctx, cctx, S.with_options(meaning_speech_window=4))
    assert wide and wide.change == "speaker_replaced"


# --- a factor is not a count (issue #13: "the two giants" -> "the twice giants" compared equal) ------

def test_a_factor_in_words_is_a_different_quantity_from_a_count_of_the_same_value():
    from provenance.edits.meaning import number_change, parse_number_values, parse_quantities

    assert parse_quantities("the two firms doubled sales") == [(2.0, "count"), (2.0, "multiple")]
    assert parse_number_values("the two firms doubled sales") == [2.0, 2.0]
    change = number_change("as the two tech giants coordinate", "as the twice tech giants coordinate")
    assert change is not None and change.removed == ("2",) and change.added == ("x2",)
    assert number_change("profits tripled", "profits doubled").added == ("x2",)
    assert number_change("the two giants", "the 2 giants") is None


def test_check_fails_a_count_turned_into_a_factor_and_passes_it_in_digits():
    from provenance import make_document
    from provenance.check.fidelity import check_reprint

    src = "Both firms will share a customer base as the two tech giants coordinate their efforts.\n"
    twice = check_reprint(make_document("s", src), make_document("r", src.replace("the two", "the twice")))
    assert [(f.edit.kind, f.action) for f in twice.findings] == [("number", "fail")]
    digits = check_reprint(make_document("s", src), make_document("r", src.replace("two", "2")))
    assert not any(f.action == "fail" for f in digits.findings)


def test_words_keep_their_combining_marks():
    """Devanagari vowel signs and Arabic harakat are not ``\\w`` in Python's re; a word keeps them
    (else "जनवरी" falls apart and no detector can read it)."""
    from provenance.edits.meaning import date_atoms

    assert date_atoms("नई दिल्ली में 5 जनवरी को") == [("month", 1), ("day", 5)]
    assert date_atoms("दिसम्बर") == [("month", 12)]


@pytest.mark.parametrize("parent,child", [
    ("продолжались три часа", "продолжались 3 часа"), ("جو ان کے بقول تین", "جو 3"),
    ("пять тысяч человек", "5000 человек"), ("deux mille personnes", "2 000 personnes"),
])
def test_a_number_in_words_written_in_digits_is_not_a_change(parent, child):
    assert number_change(parent, child) is None


def test_a_day_written_against_its_month_is_a_date():
    """COUNTER's wire datelines write the day against the month ("ہیمبرگ۔23نومبر"): a reader parts
    them, and so does date_atoms, so a changed dateline date is a changed date, not a changed number."""
    from provenance.edits.meaning import date_atoms

    assert date_atoms("ہیمبرگ۔23نومبر (اے پی پی)") == [("month", 11), ("day", 23)]
    assert date_atoms("on 5December") == [("month", 12), ("day", 5)]
    assert date_atoms("COVID19 and 5m people") == []
    change = date_change("ہیمبرگ۔23نومبر (اے پی پی)", "ہیمبرگ۔24نومبر (اے پی پی)")
    assert change and change.removed == ("day:23",) and change.added == ("day:24",)


@pytest.mark.parametrize("parent, child", [
    ("au moins 30 morts", "au plus 30 morts"),                # French
    ("al menos 30 muertos", "como máximo 30 muertos"),        # Spanish
    ("mindestens 30 Tote", "höchstens 30 Tote"),              # German
    ("почти 30 погибших", "более 30 погибших"),               # Russian
    ("30 سے زیادہ افراد ہلاک", "30 سے کم افراد ہلاک"),          # Urdu: the bound after the figure
    ("۳۰ افراد سے زیادہ ہلاک", "۳۰ افراد سے کم ہلاک"),          # Urdu digits, a noun between
    ("कम से कम 30 लोग", "अधिकतम 30 लोग"),                     # Hindi
])
def test_a_bound_turned_the_other_way_in_other_languages(parent, child):
    from provenance.edits.meaning import bound_change

    change = bound_change(parent, child)
    assert change is not None and change.action == "fail"
    assert bound_change(parent, parent) is None


def test_one_word_of_a_bound_replaced_fails_check():
    from provenance import check_reprint, make_document

    source = make_document("s", "اسلام آباد ۔ حکام کے مطابق سیلاب سے 30 سے زیادہ افراد ہلاک ہو گئے۔ امدادی کارروائیاں جاری ہیں۔")
    reprint = make_document("r", "اسلام آباد ۔ حکام کے مطابق سیلاب سے 30 سے کم افراد ہلاک ہو گئے۔ امدادی کارروائیاں جاری ہیں۔")
    result = check_reprint(source, reprint)
    assert not result.passed and any("bound changed" in f.message for f in result.findings)


# --- ranks and spans of time without figures (stop 25: check warned on them as rewordings) -----

_SENTENCE = "Car sales fell for the {rank} consecutive month in {span}, and dealers said the slump began {when}."


def _sentence_edits(source: dict, reprint: dict):
    """The edits of :data:`_SENTENCE` filled with ``source``, then with ``reprint`` over it."""
    return _edits(_SENTENCE.format(**source), _SENTENCE.format(**{**source, **reprint}))


@pytest.mark.parametrize("source, reprint", [
    ({"rank": "fourth", "span": "October", "when": "last week"}, {"rank": "third"}),
    ({"rank": "first", "span": "October", "when": "last week"}, {"rank": "second"}),
    ({"rank": "fourth", "span": "October", "when": "last week"}, {"when": "last month"}),
    ({"rank": "fourth", "span": "this month", "when": "last week"}, {"span": "last month"}),
    ({"rank": "fourth", "span": "October", "when": "hours after the vote"}, {"when": "days after the vote"}),
    ({"rank": "fourth", "span": "October", "when": "a day after the vote"}, {"when": "a week after the vote"}),
    ({"rank": "fourth", "span": "October", "when": "next year"}, {"when": "this year"}),
])
def test_a_changed_rank_or_span_of_time_fails(source, reprint):
    edits = _sentence_edits(source, reprint)
    assert [(e.kind, e.severity) for e in edits] in ([("number", "substantive")], [("date", "substantive")]), edits


@pytest.mark.parametrize("source, reprint", [
    ({"rank": "fourth", "span": "October", "when": "in the past week"}, {"when": "in the last week"}),
    ({"rank": "fourth", "span": "October", "when": "last week"}, {"rank": "4th"}),
    ({"rank": "fourth", "span": "October", "when": "days ago"}, {"when": "a few days ago"}),
    # stop 25's review: these failed as "date changed" when the rule read a relative word on one side
    ({"rank": "fourth", "span": "October", "when": "in the coming days"}, {"when": "in the days ahead"}),
    ({"rank": "fourth", "span": "October", "when": "later this month"}, {"when": "later in the month"}),
    ({"rank": "fourth", "span": "October", "when": "a day later"}, {"when": "the next day"}),
    ({"rank": "fourth", "span": "October", "when": "before the New Year"}, {"when": "on New Year's Day"}),
    ({"rank": "fourth", "span": "October", "when": "within 24 hours"}, {"when": "within a day"}),
])
def test_a_rank_or_span_said_otherwise_is_no_change_of_fact(source, reprint):
    edits = _sentence_edits(source, reprint)
    assert not any(e.severity == "substantive" for e in edits), edits


def test_second_as_a_unit_of_time_is_not_a_rank():
    assert parse_number_values("for a second") == [] and parse_number_values("30 seconds") == [30.0]
    assert parse_number_values("for the second time") == [2.0]
    assert time_change("paused for a second before", "paused for a minute before") is not None


_SOLD = "Dealers sold 30,154 new vehicles in Houston in the first ten months of the year, data showed.\n"


@pytest.mark.parametrize("shown, kind", [
    ("more than 30,000", "rewrite"), ("about 30,000", "rewrite"), ("30,000", "rewrite"),
    ("nearly 31,000", "rewrite"),  # rounded up under an upper bound
    ("nearly 30,000", "number"),  # 30,154 is not "nearly" 30,000: the bound says the other side
    ("31,000", "number"), ("over 31,000", "number"), ("30,100", "number"),
])
def test_a_rounded_figure_is_a_rewording_and_a_wrong_rounding_a_changed_figure(shown, kind):
    edits = _edits(_SOLD, _SOLD.replace("30,154", shown))
    assert [e.kind for e in edits] == [kind], edits


def test_a_headline_may_round_the_story_s_figure():
    from provenance.edits.meaning import rounded_figure

    assert rounded_figure(30154, 30000) and rounded_figure(1_534_000, 1_500_000) and not rounded_figure(30154, 31000)
    child = "Houston dealers sell 30K vehicles\n\n" + _SOLD
    edits = _edits(_SOLD, child)
    assert [e.kind for e in edits] == ["headline"], edits
    invented = "Houston dealers sell 45K vehicles\n\n" + _SOLD
    edits = _edits(_SOLD, invented)
    assert [e.kind for e in edits] == ["number"], edits


def test_an_urdu_number_word_that_is_also_a_common_word_counts_before_its_unit():
    # "دو" is "two" in "دو دن" (two days) and "give" alone; "سو" is a hundred after a number
    assert parse_number_values("تین دن بعد") == [3] and parse_number_values("دو دن بعد") == [2]
    assert parse_number_values("انہیں دو") == [] and parse_number_values("تین نو منتخب ارکان") == [3]
    assert parse_number_values("دو ہزار") == [2000] and parse_number_values("پانچ سو روپے") == [500]
    parent = "وزیر اعظم نے کہا کہ امدادی سامان تین دن میں متاثرین تک پہنچا دیا جائے گا۔\n"
    edits = _edits(parent, parent.replace("تین دن", "دو دن"))
    assert [(e.kind, e.severity) for e in edits] == [("number", "substantive")], edits


@pytest.mark.parametrize("child, kinds", [
    ("2 افراد", [("number_format", "style")]),  # the figure written in digits
    ("تین افراد", [("number", "substantive")]), ("3 افراد", [("number", "substantive")]),  # another count
])
def test_an_urdu_count_before_a_noun_is_read_against_the_other_side_s_figure(child, kinds):
    # stop 25's review: "دو" counts only before a unit (it is also "give"), so "دو افراد" (two people)
    # -> "2 افراد" failed as a figure added; the other side's figure at its place says it is a count
    parent = "پولیس کے مطابق دھماکے میں دو افراد ہلاک اور متعدد زخمی ہو گئے۔\n"
    edits = _edits(parent, parent.replace("دو افراد", child))
    assert [(e.kind, e.severity) for e in edits] == kinds, edits
    give = "انہوں نے کہا کہ انہیں دو۔ اجلاس میں 2 قراردادیں منظور ہوئیں۔\n"  # "give them": no figure across
    assert all(e.kind != "number" for e in _edits(give, give.replace("انہیں دو", "انہیں دے دو")))


@pytest.mark.parametrize("parent, child", [
    ("30,154 homes were destroyed", "more than 30,000 people were killed"),  # what was counted changed
    ("killed 30,154 people", "injured more than 30,000 people"),
    ("30,154 Ukrainians", "more than 30,000 Russians"),
    ("$1.53 billion", "€1.5 billion"),  # another currency
    ("less than 1,250 tonnes", "over 1,200 tonnes"),  # the bound turned the other way
])
def test_a_rounding_hides_nothing_said_around_it(parent, child):
    # stop 25's review: the rounding rule took in the neighbouring words and passed them all
    text = "Officials said on Monday that {} in the region over the past year, according to the report.\n"
    edits = _edits(text.format(parent), text.format(child))
    assert any(e.severity == "substantive" for e in edits), edits


def test_a_percentage_rounded_to_two_significant_digits_is_a_rewording():
    text = "Inflation reached {} in October, the statistics office said.\n"
    edits = _edits(text.format("7.46%"), text.format("about 7.5%"))
    assert [e.kind for e in edits] == ["rewrite"], edits


def test_a_range_of_years_changed_is_not_the_same_span():
    # only texts whose every figure counts a unit of time compare as spans: "3-5 years" -> "7-5 years"
    # kept "5 years" on both sides and passed as "the same span in other units"
    text = "Patients face a heart attack in the following {} years, according to guidance from the agency.\n"
    edits = _edits(text.format("3-5"), text.format("7-5"))
    assert [e.kind for e in edits] == ["number"], edits


def test_an_urdu_number_word_changed_before_a_scale_word_fails():
    # the review: "دو ہزار" -> "نو ہزار" (2,000 -> 9,000) passed: the changed word alone reads as no number
    parent = "حکومت نے سیلاب زدگان کے لیے دو ہزار مکانات تعمیر کرنے کا اعلان کیا ہے۔\n"
    edits = _edits(parent, parent.replace("دو ہزار", "نو ہزار"))
    assert [(e.kind, e.severity) for e in edits] == [("number", "substantive")], edits


def test_a_thin_space_groups_thousands():
    assert parse_number_values("13\u2009000 troops") == [13000]  # "&#8201;" in a CMS export


def test_a_third_before_a_word_is_a_rank_and_before_of_a_fraction():
    # the review: "the third year in a row" -> "a third consecutive year" failed as 3 -> 1/3
    assert parse_number_values("for a third consecutive year") == [3]
    assert parse_number_values("a third of the votes") == [pytest.approx(1 / 3)]
    assert parse_number_values("cut by a third.") == [pytest.approx(1 / 3)]
    text = "Sales fell for {} in a row, the industry group said.\n"
    edits = _edits(text.format("the third year"), text.format("a third consecutive year"))
    assert not any(e.severity == "substantive" for e in edits), edits


@pytest.mark.parametrize("parent, child, substantive", [
    ("will vote tomorrow", "will vote today", True),  # the day named relative to the story's
    ("met yesterday", "met today", True),
    ("talked for half an hour", "talked for 30 minutes", False),  # the same span
])
def test_relative_days_and_half_an_hour(parent, child, substantive):
    text = "The committee {} in the capital, officials said.\n"
    edits = _edits(text.format(parent), text.format(child))
    assert any(e.severity == "substantive" for e in edits) == substantive, edits


@pytest.mark.parametrize("shown, kind", [
    ("about 7 percent", "rewrite"), ("roughly 7 percent", "rewrite"), ("some 7 percent", "rewrite"),
    ("7 percent", "number"),  # no approximator: a precise figure, and another one
    ("about 8 percent", "number"),  # not the nearest
    ("about 10 percent", "number"),  # the nearest at one digit, but 34% off
])
def test_an_approximate_figure_may_round_to_one_significant_digit(shown, kind):
    # stop 25's review: "7.46 percent" -> "about 7 percent" failed as a changed number; "about"
    # says the figure is rounded, and 7 is 7.46 to its one significant digit
    text = "The central bank said inflation rose to 7.46 percent in March, the highest in a decade.\n"
    edits = _edits(text, text.replace("7.46 percent", shown))
    assert [e.kind for e in edits] == [kind], edits


def test_other_languages_month_abbreviations_and_portuguese_weekdays_are_dates():
    # stop 26's review: "décembre" was no date to the cheap test (accents), "5 déc" in a dateline
    # spelled out was read as the date dropped, and Lusa's "terça-feira" -> "quarta-feira" passed
    from provenance.edits.meaning import date_atoms, date_change, may_hold_date

    assert may_hold_date("décembre") and may_hold_date("sábado") and may_hold_date("5 déc")
    assert date_atoms("Okt.") == [("month", 10)] and ("month", 12) in date_atoms("5. Dez. 2024")
    assert not may_hold_date("out of the box") and not may_hold_date("set the table")
    assert date_atoms("na terça-feira") == [("weekday", 2)] and date_atoms("a quarta parte") == []
    assert date_change("na terça-feira", "na quarta-feira") is not None
    lusa = "Lisboa, 05 dez 2024 (Lusa) - O acordo foi assinado na terça-feira com a UGT e a CGTP em Lisboa.\n"
    edits = _edits(lusa, lusa.replace("terça-feira", "quarta-feira"))
    assert [(e.kind, e.severity) for e in edits] == [("date", "substantive")], edits
    afp = "PARIS, 5 déc 2024 (AFP) - Le Premier ministre a présenté jeudi la démission de son gouvernement.\n"
    edits = _edits(afp, afp.replace("déc", "décembre")) + _edits(afp.replace("déc", "décembre"), afp)
    assert all(e.kind != "dateline" for e in edits), edits  # the month spelled out or shortened: no date dropped


@pytest.mark.parametrize("parent, child, kinds", [
    ("O Governo não prevê aumentar os impostos no próximo ano.", "O Governo prevê aumentar os impostos no próximo ano.",
     ["negation"]),
    ("O acordo foi assinado em Conselho de Ministros, disse não ao aumento.",
     "O acordo foi assinado no Conselho de Ministros, disse não ao aumento.", ["rewrite"]),  # "no": in the
    ("El Gobierno tampoco aprobó el plan de ayudas para la región.", "El Gobierno aprobó el plan de ayudas para la región.",
     ["negation"]),
    ("Die Regierung hat nichts beschlossen, sagte ein Sprecher am Montag.",
     "Die Regierung hat beschlossen, sagte ein Sprecher am Montag.", ["negation"]),
    ("Le gouvernement n'a rien obtenu des socialistes lors des négociations.",
     "Le gouvernement n'a obtenu des socialistes lors des négociations.", ["negation"]),
])
def test_negators_of_the_agencies_other_languages(parent, child, kinds):
    # stop 26's review: Portuguese "não", Spanish "tampoco", German "nichts", French "rien" dropped
    # passed; Portuguese "no" ("in the") added failed as a negation
    edits = _edits(parent + "\n", child + "\n")
    assert [e.kind for e in edits] == kinds, edits


@pytest.mark.parametrize("text, value", [
    ("2,3 mil millones de euros", 2.3e9), ("2.300 millones de euros", 2.3e9), ("1,2 mil milhões", 1.2e9),
    ("1,2 bilhão", 1.2e9), ("488,6 Mio. Euro", 488.6e6), ("3,5 Mrd. Euro", 3.5e9), ("60 Mds EUR", 60e9),
    ("1,5 milhões de pessoas", 1.5e6), ("3 millón", 3e6),
])
def test_scale_words_of_the_agencies_other_languages(text, value):
    # stop 26's review: "2,3 mil millones" (2.3 billion) was read as 2,300, so "-> 2,3 mil" passed and
    # "2.300 millones -> 2,3 mil millones" failed; Portuguese milhões/bilhão and dpa's Mio./Mrd. were
    # no scale words
    (got,) = parse_number_values(text)
    assert got == pytest.approx(value)


@pytest.mark.parametrize("parent, child, kinds", [
    ("O Governo assinou o acordo com quatro confederações sindicais em Lisboa.",
     "O Governo assinou o acordo com cinco confederações sindicais em Lisboa.", [("number", "substantive")]),
    ("O Governo assinou o acordo com quatro confederações sindicais em Lisboa.",
     "O Governo assinou o acordo com 4 confederações sindicais em Lisboa.", [("number_format", "style")]),
    ("El Consejo de Ministros aprobó dos reales decretos sobre la vivienda este martes.",
     "El Consejo de Ministros aprobó tres reales decretos sobre la vivienda este martes.", [("number", "substantive")]),
    ("El Consejo de Ministros aprobó dos reales decretos sobre la vivienda este martes.",
     "El Consejo de Ministros aprobó 2 reales decretos sobre la vivienda este martes.", [("number_format", "style")]),
])
def test_portuguese_number_words_and_spanish_dos_across_a_number(parent, child, kinds):
    # stop 26's review: Portuguese had no number words ("quatro" -> "cinco" passed, "-> 4" failed as
    # a figure added) and Spanish "dos" -> "tres" passed ("dos", "tres" are left out as common words
    # of other languages; they now count before a unit, or across from a number at their place)
    edits = _edits(parent + "\n", child + "\n")
    assert [(e.kind, e.severity) for e in edits] == kinds, edits
    assert parse_number_values("c'est très bien") == [] and parse_number_values("dos decretos") == []


@pytest.mark.parametrize("parent, child, kind", [
    ("Le Premier ministre ne peut plus être renversé avant l'été, selon le gouvernement.",
     "Le Premier ministre peut être renversé avant l'été, selon le gouvernement.", "negation"),
    ("Le gouvernement n'a ni budget ni majorité pour gouverner cet hiver, selon l'opposition.",
     "Le gouvernement a un budget et une majorité pour gouverner cet hiver, selon l'opposition.", "negation"),
    ("Le gouvernement n'a pas encore présenté son budget, selon l'opposition.",
     "Le gouvernement n’a jamais présenté son budget, selon l'opposition.", "rewrite"),  # still negative
])
def test_french_ne_and_its_elided_form_count_as_negators(parent, child, kind):
    # stop 26's review: "ne ... plus" and "ni ... ni" dropped passed (only "pas" and "jamais" counted)
    assert [e.kind for e in _edits(parent + "\n", child + "\n")] == [kind]


def test_other_languages_negators_are_no_negators_in_english():
    text = ("Rebels advanced on N'Djamena from the NE of the country on Monday, officials said, and the "
            "army said it would hold the capital, SEM analysts said.\n")
    edits = _edits(text, text.replace("N'Djamena", "Ndjamena").replace("the NE of", "the north of")
                   .replace("SEM analysts", "marketing analysts"))
    assert all(e.kind != "negation" for e in edits), edits


def test_a_french_courtesy_title_replaced_by_the_given_name_is_one_person():
    # stop 26's review: AFP's "M. Macron" -> "Emmanuel Macron" failed as a changed name ("M." read as one)
    text = "Selon l'Élysée, M. Macron n'a pas l'intention de démissionner et compte nommer un Premier ministre.\n"
    edits = _edits(text, text.replace("M. Macron", "Emmanuel Macron"))
    assert [(e.kind, e.severity) for e in edits] == [("rewrite", "editorial")], edits
    changed = _edits(text, text.replace("M. Macron", "M. Bayrou"))
    assert [e.kind for e in changed] == ["entity"], changed  # another person still fails


@pytest.mark.parametrize("parent, child", [
    ("El Gobierno aprobó el plan sin el apoyo de la oposición, según fuentes oficiales.",
     "El Gobierno aprobó el plan con el apoyo de la oposición, según fuentes oficiales."),
    ("Le gouvernement n'a ni budget ni majorité, selon l'opposition cet hiver.",
     "Le gouvernement a un budget et une majorité, selon l'opposition cet hiver."),
])
def test_without_and_nor_in_spanish_and_french_are_negators(parent, child):
    assert "negation" in [e.kind for e in _edits(parent + "\n", child + "\n")]


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٠٣۵५５²𝟗，．,. aéß-") | st.characters(), max_size=30))
def test_ascii_digits_maps_every_decimal_digit_and_only_them(text):
    # the translate table is filled lazily; it must equal the per-character definition
    import unicodedata

    from provenance.edits.meaning import _ascii_digits

    want = "".join(
        str(unicodedata.decimal(ch)) if ch.isdigit() and not ch.isascii() and unicodedata.decimal(ch, None) is not None
        else {"，": ",", "．": "."}.get(ch, ch) for ch in text)
    assert _ascii_digits(text) == want


@hsettings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n.,'\"“”„«»「」『』‘’‚-—(x")), max_size=40))
def test_the_quotation_test_answers_as_its_patterns_do(text):
    # the mark prefilter and the cache change no answer of the patterns themselves
    from provenance.edits.meaning import _contains_quotation, contains_quotation
    from provenance.settings import DEFAULT_SETTINGS

    assert contains_quotation(text) == _contains_quotation.__wrapped__(text, DEFAULT_SETTINGS.edits.quote_fragment_min_words)


_CONVERSIONS = [("mph", "kph", 1.609344), ("miles", "km", 1.609344), ("inches", "millimeters", 25.4),
                ("feet", "meters", 0.3048), ("pounds", "kilograms", 0.45359237), ("acres", "hectares", 0.40468564),
                ("gallons", "liters", 3.785411784), ("km", "miles", 1 / 1.609344)]


@given(st.sampled_from(_CONVERSIONS), st.integers(min_value=2, max_value=20000), st.sampled_from([0, 1]))
def test_a_conversion_rounded_as_written_is_one_and_a_figure_a_fifth_off_is_not(conversion, value, decimals):
    """is_unit_conversion: the exact conversion, rounded to the digits written, restates the figure;
    a fifth off it (or the same unit) does not."""
    from provenance.edits.meaning import is_unit_conversion

    a, b, factor = conversion
    converted = round(value * factor, decimals)
    off = round(value * factor * 1.2, decimals)
    if abs(off - value * factor) <= 0.5 * 10 ** -decimals:
        return  # a fifth off, rounded to the digits written, is still a rounding of the exact figure (8 lb: 4 kg)
    written = f"{converted:,.{decimals}f}"
    assert is_unit_conversion(f"winds of {value:,} {a}", f"({written} {b})")
    assert not is_unit_conversion(f"winds of {value:,} {a}", f"({off:,.{decimals}f} {b})")
    assert not is_unit_conversion(f"winds of {value:,} {a}", f"({written} {a})")


@pytest.mark.parametrize("parent, child", [
    ("Perhaps the two sides will meet again next week.", "Maybe the two sides will meet again next week."),
    ("Meanwhile the two sides will meet again next week.", "Still, the two sides will meet again next week."),
])
def test_sentence_adverbs_are_no_names_whatever_the_context(parent, child):
    """"Meanwhile" -> "Still," failed as "a different name" in a text that never wrote them in lower
    case; a name at a sentence's start still counts ("Putin said" -> "Scholz said")."""
    context = "The talks collapsed on Monday."
    assert entity_change(parent, child, context + " " + parent, context + " " + child) is None
    assert entity_change("Putin said the talks would resume.", "Scholz said the talks would resume.",
                         context, context) is not None
