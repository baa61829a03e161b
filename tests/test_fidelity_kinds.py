"""Issue #13: what changes a story's meaning is caught, house style is not; structured edits (#12 item 2).

Small texts of their own for each rule (wire style, several beats), the classifier property test
(Hypothesis over realistic edits of real paragraphs) and the tamper suite of
benchmarks/fidelity_suite.py (skipped without ../shared/data).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from provenance import align_documents, make_document
from provenance.check.fidelity import check_reprint
from provenance.check.policy import DEFAULT_POLICY, load_policy
from provenance.edits.classify import classify_edits
from provenance.model import CUT_KINDS, DIRECTIONS, EDIT_KINDS, FURNITURE_KINDS, MOVE_KINDS, STYLE_KINDS
from provenance.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parent.parent

WIRE = (
    "GENEVA (Reuters) - The World Health Organization said on Tuesday that 1,200 new cases were reported "
    "in the province, close to half of them in children.\n\n"
    '"We are deeply concerned by the speed of the outbreak," Maria Keller, the agency\'s regional director, '
    "told Reuters in an interview.\n\n"
    "The ministry refused to comment on the figures, and the government rejected calls for a lockdown, "
    "officials said.\n\n"
    "Keller told Ahmed Salah that the programme would be expanded to three more districts by March 2025, "
    "according to a statement from the agency.\n\n"
    "Swiss and French teams have joined the response, which the United States has helped to fund.\n"
)


def edits(parent: str, child: str):
    return classify_edits(align_documents(make_document("p", parent), make_document("c", child)))


def findings(child: str, parent: str = WIRE):
    r = check_reprint(make_document("source", parent), make_document("reprint", child))
    return r, [(f.rule, f.action, f.edit.change if f.edit else "") for f in r.findings]


def changed(old: str, new: str, text: str = WIRE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# ------------------------------------------------------------------ substantive kinds, default actions

@pytest.mark.parametrize("old,new,rule,action,change", [
    ("Maria Keller, the", "Sophie Laurent, the", "attribution", "fail", "speaker"),      # a quote's speaker
    ("Keller told Ahmed Salah", "Ahmed Salah told Keller", "attribution", "fail", "speaker_swapped"),
    ("told Reuters in", "told AFP in", "attribution", "fail", "agency_replaced"),
    ("the United States has helped", "the European Union has helped", "entity", "fail", "replaced"),
    ("The World Health Organization said", "The Red Cross said", "attribution", "fail", "speaker"),
    ("Swiss and French teams", "Swiss and German teams", "entity", "fail", "replaced"),
    ("on Tuesday", "on Wednesday", "date", "fail", "replaced"),
    ("March 2025", "March 2026", "date", "fail", "replaced"),
    ("refused to comment", "agreed to comment", "polarity", "fail", "replaced"),
    ("1,200 new cases", "2,100 new cases", "number", "fail", "replaced"),
    ("close to half", "close to a third", "number", "fail", "replaced"),
    ("to three more districts", "to five more districts", "number", "fail", "replaced"),
    ("Maria Keller", "Maria Kellar", "entity", "warn", "respelled"),
])
def test_meaning_changes_have_their_kind_and_action(old, new, rule, action, change):
    r, found = findings(changed(old, new))
    assert (rule, action, change) in found, found
    assert r.passed == (action != "fail")


def test_invented_quote_fails_and_invented_claim_warns_with_its_first_words():
    paras = WIRE.split("\n\n")
    quote = 'Keller later told reporters: "The province will be sealed off by Friday."'
    r, found = findings("\n\n".join(paras[:2] + [quote] + paras[2:]))
    assert found == [("quote", "fail", "inserted")] and not r.passed
    claim = "Officials said privately that the director had agreed to close every school in the province."
    r, found = findings("\n\n".join(paras[:2] + [claim] + paras[2:]))
    assert found == [("inserted", "warn", "")] and r.passed
    assert "Officials said privately that the" in r.findings[0].message


def test_inserted_sentence_with_a_quote_inside_a_paragraph_fails():
    child = changed("officials said.", 'officials said. "There is no outbreak," a minister added.')
    r, found = findings(child)
    assert not r.passed and any(rule == "quote" for rule, _, _ in found), found


def test_quotation_marks_removed_warns():
    r, found = findings(changed('"We are deeply concerned by the speed of the outbreak,"',
                                "We are deeply concerned by the speed of the outbreak,"))
    assert ("quote", "warn", "marks_removed") in found and r.passed


def test_deleted_quote_fails_but_a_cut_tail_is_truncated():
    paras = WIRE.split("\n\n")
    r, found = findings("\n\n".join(paras[:1] + paras[2:]))
    assert ("quote", "fail", "deleted") in found
    tail = WIRE + '\n"We will not stop until the last case is found," Keller said in a final statement.\n'
    r, found = findings(WIRE, parent=tail)
    assert [rule for rule, _, _ in found] == ["truncated"] and r.passed


def test_whole_numbers_in_other_scripts():
    ru = ("Президент заявил в пятницу, что с февраля погибли 13 000 военнослужащих, сообщили журналистам "
          "в Москве официальные лица.\nПереговоры продолжатся на следующей неделе в столице страны.\n")
    e = [x for x in edits(ru, ru.replace("13 000", "31 000")) if x.kind == "number"]
    assert e and e[0].removed == ("13000",) and e[0].added == ("31000",)
    assert {x.kind for x in edits(ru, ru.replace("13 000", "13000"))} == {"number_format"}
    zh = "新华社北京11月25日电 总统表示，自二月以来已有13000名士兵死亡。官员们表示，谈判将于下周继续进行，双方都希望达成协议。\n"
    e = [x for x in edits(zh, zh.replace("13000", "31000")) if x.kind == "number"]
    assert e and e[0].removed == ("13000",) and e[0].added == ("31000",)
    assert {x.kind for x in edits(zh, zh.replace("13000", "一万三千"))} == {"number_format"}


# ------------------------------------------------------------------ house style is never a failure

@pytest.mark.parametrize("old,new", [
    ("the United States has", "the US has"),
    ("the United States has", "the U.S. has"),
    ("the programme would", "the program would"),
    ("deeply concerned by the speed", "deeply concerned by the speed"),
    ("Maria Keller, the", "Dr Maria Keller, the"),
    ("Keller told Ahmed Salah", "Maria Keller told Ahmed Salah"),
    ("by March 2025", "by Mar. 2025"),
    ("1,200 new cases", "1200 new cases"),
    ("close to half of them", "close to half of them"),
])
def test_house_style_passes(old, new):
    r, found = findings(changed(old, new))
    assert r.passed and not [f for f in found if f[1] == "fail"], found


def test_house_style_inside_a_quotation_passes():
    text = WIRE.replace("the speed of the outbreak", "the organisation of the programme")
    child = text.replace("the organisation of the programme", "the organization of the program")
    r, found = findings(child, parent=text)
    assert r.passed and found == [], found


def test_abbreviation_beside_a_speech_verb_is_not_attribution():
    parent = ('"We will respond," the United States told the council on Friday, officials said in a '
              "statement about the talks in New York.\n")
    r, found = findings(parent.replace("the United States told", "the U.S. told"), parent=parent)
    assert r.passed and not any(rule == "attribution" for rule, _, _ in found), found


# ------------------------------------------------------------------ structured edits

def test_structured_fields_and_json():
    e = {x.kind: x for x in edits(WIRE, changed("1,200 new cases", "2,100 new cases"))}
    assert e["number"].removed == ("1200",) and e["number"].added == ("2100",) and e["number"].change == "replaced"
    j = e["number"].to_json()
    assert j["removed"] == ["1200"] and j["added"] == ["2100"] and j["change"] == "replaced" and j["direction"] == ""
    (x,) = edits(WIRE, changed("Keller told Ahmed", "Maria Keller told Ahmed"))
    assert (x.kind, x.direction, x.added) == ("name_expansion", "added", ("Maria",))
    (x,) = edits(changed("Keller told Ahmed", "Maria Keller told Ahmed"), WIRE)
    assert (x.kind, x.direction, x.removed) == ("name_expansion", "removed", ("Maria",))
    (x,) = edits(WIRE, changed("the United States has", "the US has"))
    assert (x.kind, x.direction) == ("abbreviation", "removed")
    (x,) = edits(changed("the United States has", "the US has"), WIRE)
    assert (x.kind, x.direction) == ("abbreviation", "added")
    (x,) = edits(WIRE, changed("told Reuters in", "told AFP in"))
    assert (x.change, x.removed, x.added) == ("agency_replaced", ("Reuters",), ("AFP",))


def test_kind_groups_are_kinds():
    for group in (FURNITURE_KINDS, MOVE_KINDS, CUT_KINDS, STYLE_KINDS):
        assert set(group) <= set(EDIT_KINDS)
    assert {"entity", "date", "polarity"} <= {k for k, s in EDIT_KINDS.items() if s == "substantive"}
    from provenance.lineage.measures import FURNITURE_KINDS as reexported
    assert reexported is FURNITURE_KINDS


def test_no_decision_reads_a_note():
    """Notes are for people: outside the renderers no condition reads ``.note`` (passing it on into a
    finding's message is presentation)."""
    decides = re.compile(r"\b(if|elif|while)\b.*\.note\b|\.note\s*(==|!=|\.startswith|\.endswith|\[)|\bin\s+\w+\.note\b")
    offenders = []
    for path in (ROOT / "provenance").rglob("*.py"):
        rel = path.relative_to(ROOT / "provenance").as_posix()
        if rel.startswith("render/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if decides.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, offenders


def test_policy_file_can_make_soft_changes_fail():
    child = changed("Maria Keller", "Maria Kellar")
    assert check_reprint(make_document("s", WIRE), make_document("r", child)).passed
    strict = load_policy('[rules]\nentity = "fail"\n')
    assert not check_reprint(make_document("s", WIRE), make_document("r", child), strict).passed
    assert DEFAULT_POLICY.action("entity", "replaced") == "fail" and DEFAULT_POLICY.action("entity", "respelled") == "warn"


def test_classify_takes_settings():
    parent = "The talks ended on Friday without a deal, officials said in a statement.\n"
    child = "Breaking News Now\n" + parent
    al = align_documents(make_document("p", parent), make_document("c", child))
    assert [e.kind for e in classify_edits(al)] == ["boilerplate"]
    tight = DEFAULT_SETTINGS.with_options(masthead_max_words=2)
    assert [e.kind for e in classify_edits(al, settings=tight)] == ["inserted"]


# ------------------------------------------------------------------ the classifier property test

_PARAS = [p for p in WIRE.split("\n\n") if p.strip()]
_EDITS = [
    lambda p, r: p.replace(p.split()[r % len(p.split())], p.split()[r % len(p.split())].upper(), 1),
    lambda p, r: p.replace(",", "", 1),
    lambda p, r: " ".join(w for k, w in enumerate(p.split()) if k != r % len(p.split())),
    lambda p, r: p.replace("said", "says", 1),
    lambda p, r: p + " Officials gave no further details.",
    lambda p, r: p.replace('"', "", 2),
    lambda p, r: re.sub(r"\d", lambda m: str((int(m.group(0)) + 1 + r) % 10), p, count=1),
    lambda p, r: "",
    lambda p, r: "Read more\n\n" + p,
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_EDITS) - 1), st.integers(0, 50)), min_size=len(_PARAS),
                max_size=len(_PARAS)), st.permutations(range(len(_PARAS))))
def test_classifier_invariants(ops, order):
    paras = [_EDITS[k](p, r) for p, (k, r) in zip(_PARAS, ops)]
    if order[0] != 0:  # sometimes move a paragraph
        paras = [paras[i] for i in order]
    assume(any(paras))  # every paragraph emptied: no child text (make_document refuses it)
    child = "\n\n".join(p for p in paras if p) + "\n"
    al = align_documents(make_document("p", WIRE), make_document("c", child))
    found = classify_edits(al)
    for e in found:
        assert EDIT_KINDS[e.kind] == e.severity and e.note
        assert al.parent.text[e.parent_span[0]:e.parent_span[1]] == e.parent_text
        assert al.child.text[e.child_span[0]:e.child_span[1]] == e.child_text
        assert e.direction in DIRECTIONS
    covered = {b for e in found for b in e.blocks}
    for n, b in enumerate(al.blocks):
        if b.tag != "equal" and not (b.move == "duplicated" and b.tag == "delete"):
            assert n in covered, (n, b)


# ------------------------------------------------------------------ the tamper suite

@pytest.fixture(scope="module")
def suite_verdicts(tamper_suite_data):
    data, suite, _ = tamper_suite_data
    FAITHFUL, build_cases = suite.FAITHFUL, suite.build_cases
    # a seed the detectors were not developed on (the benchmark's default is 13)
    cases = build_cases(data, n=12, seed=5)
    out = []
    for c in cases:
        r = check_reprint(make_document("s", c.source), make_document("r", c.reprint))
        v = "fail" if not r.passed else ("warn" if r.warnings else "pass")
        out.append((c, v, {f.rule for f in r.findings}))
    return out, FAITHFUL


def test_tamper_suite_invented_quotes_and_faithful_reprints(suite_verdicts):
    out, faithful = suite_verdicts
    assert len({c.article for c, _, _ in out}) >= 12
    invented = [(c.article, v) for c, v, _ in out if c.kind == "quote_invented"]
    assert invented and all(v == "fail" for _, v in invented), invented
    claims = [(c.article, v) for c, v, _ in out if c.kind == "claim_invented"]
    assert claims and all(v != "pass" for _, v in claims), claims
    wrongly = [(c.kind, c.article) for c, v, _ in out if c.kind in faithful and v == "fail"]
    assert len(wrongly) <= 0.02 * sum(c.kind in faithful for c, _, _ in out), wrongly


def test_tamper_suite_substantive_kinds_caught(suite_verdicts):
    out, faithful = suite_verdicts
    strict = {"pass": 0, "warn": 1, "fail": 2}
    by_kind: dict[str, list[bool]] = {}
    for c, v, _ in out:
        if c.kind not in faithful:
            by_kind.setdefault(c.kind, []).append(strict[v] >= strict[c.expected])
    low = {k: sum(x) / len(x) for k, x in by_kind.items() if sum(x) / len(x) < 0.95}
    assert not low, low


# --- the wire's dated dateline, kept without its date, in any script ------------------------------

_DATED_BODY = ("Germany said on Friday it would send more air defence systems to Ukraine after the strikes.\n\n"
               "The minister said the systems would arrive within weeks.\n")


@pytest.mark.parametrize("wire, paper", [
    ("LONDON, Feb 24 (Reuters) - ", "LONDON (Reuters) - "),
    ("ہیمبرگ۔23نومبر (اے پی پی) ", "ہیمبرگ (اے پی پی ) "),
    ("اسلام آباد ۔ 24 جولائی (اے پی پی) ", "اسلام آباد (اے پی پی) "),
    ("МОСКВА, 1 декабря (РИА Новости) - ", "МОСКВА (РИА Новости) - "),
])
def test_a_date_dropped_from_the_dateline_is_a_dateline_warning(wire, paper):
    result = check_reprint(make_document("s", f"A headline\n\n{wire}{_DATED_BODY}"),
                           make_document("r", f"A headline\n\n{paper}{_DATED_BODY}"))
    dated = [f for f in result.findings if f.rule == "dateline"]
    assert dated and all(f.action == "warn" for f in dated), result.findings
    assert not [f for f in result.findings if f.rule in ("date", "number")], result.findings


@pytest.mark.parametrize("wire, paper, rule", [
    ("LONDON, Feb 24 (Reuters) - ", "LONDON, Feb 25 (Reuters) - ", "date"),  # changed, not dropped
    ("اسلام آباد ۔ 24 جولائی (اے پی پی) ", "اسلام آباد ۔ 24 اگست (اے پی پی) ", "date"),
])
def test_a_date_changed_in_the_dateline_still_fails(wire, paper, rule):
    result = check_reprint(make_document("s", f"A headline\n\n{wire}{_DATED_BODY}"),
                           make_document("r", f"A headline\n\n{paper}{_DATED_BODY}"))
    assert not result.passed and any(f.rule == rule and f.action == "fail" for f in result.findings)


@pytest.mark.parametrize("opening, change, added", [
    # the reprint's own headline or photo credit where the dateline stood: removed, not rewritten,
    # and the paragraph in its place is an edit of its own (a headline added was only named in the
    # dateline's note, so a reprint that swapped its dateline for a headline "added no headline")
    ("Putin Defends Strikes On Ukraine\n\n", "removed", "headline"),
    ("Photo: Kay Nietfeld / dpa\n\n", "removed", "boilerplate"),
    ("Agence France-Presse, Moscow. ", "rewritten", None),  # the dateline in the reprint's own words
])
def test_a_paragraph_in_the_datelines_place_is_not_the_dateline_rewritten(examples_dir, opening, change, added):
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    assert afp.startswith("Moscow (AFP) - ")
    found = edits(afp, opening + afp.removeprefix("Moscow (AFP) - "))
    (dateline,) = [e for e in found if e.kind == "dateline"]
    assert dateline.change == change, dateline
    if change == "removed":
        assert dateline.direction == "removed" and dateline.child_text == "", dateline
        assert [e.kind for e in found if e.child_text.strip() == opening.strip()] == [added], found


def test_a_date_dropped_outside_a_dateline_is_not_one():
    """A date in a bracketed aside deep in the article is not a dateline: dropping it is judged as usual."""
    filler = "".join(f"Paragraph {k} of the story says nothing new.\n\n" for k in range(8))
    body = filler + "The talks, held on Feb 24 (Reuters) reported, ended without a deal.\n"
    result = check_reprint(make_document("s", body), make_document("r", body.replace(" on Feb 24", "")))
    assert not [f for f in result.findings if f.rule == "dateline"], result.findings


def test_a_number_spelled_out_before_a_bracket_on_an_opening_line_is_not_a_dateline():
    """A dateline's shape (a few words, then a bracketed credit) is not enough: without a month the
    changed words are a number, judged as one ("2" -> "two" is a number reformatted)."""
    text = "A headline\n\nShe said 2 (officials) agreed to the deal.\n\nMore text follows here today.\n"
    kinds = [e.kind for e in edits(text, text.replace("said 2 (", "said two ("))]
    assert "dateline" not in kinds and "number_format" in kinds, kinds


def test_a_dated_dateline_paragraph_moved_is_a_move_not_a_dropped_date():
    """Old newspapers open each dispatch with a dated dateline ("Berne, 25 octobre. — (S)"); a
    dispatch moved up the page keeps its date: the edit is the move."""
    paras = ["GENÈVE, 31 janvier (AFP) — Le conseil a siégé hier toute la journée sans conclure.",
             "Les députés reprendront le débat la semaine prochaine, selon le président.",
             "Le budget sera présenté au printemps avec plusieurs nouvelles dépenses.",
             "Berne, 25 octobre. — (S) Suivant les dernières nouvelles, le tunnel sera ouvert en mai."]
    parent = "\n\n".join(paras) + "\n"
    child = "\n\n".join([paras[0], paras[3], paras[1], paras[2]]) + "\n"
    kinds = [e.kind for e in edits(parent, child)]
    assert "dateline" not in kinds and "moved" in kinds, kinds


def test_a_cut_sentence_is_a_deletion_not_a_changed_number():
    """A whole sentence cut from inside a paragraph takes its figures with it: a deletion (warned),
    not "number changed: ... -> (none)" (failed). An added sentence is still read for new figures."""
    para = ("The ministry published the figures on Monday. The toll rose to 1,200 by the evening, officials "
            "said. Teams from three countries have joined the response.\n")
    cut = para.replace("The toll rose to 1,200 by the evening, officials said. ", "")
    kinds = {e.kind for e in edits(para, cut)}
    assert "number" not in kinds and "deleted" in kinds
    r, found = findings(cut, para)
    assert r.passed and ("number", "fail", "replaced") not in found
    # so is a clause of four words or more; a figure cut on its own is still judged as a number
    clause = para.replace(" by the evening, officials said", ", officials said")
    para2 = para.replace(", officials said", ", including 300 children in the capital, officials said")
    assert "number" not in {e.kind for e in edits(para2, clause)}
    assert "number" in {e.kind for e in edits(para, para.replace("to 1,200 by", "by"))}
    # a changed figure and an added sentence with a figure still fail
    assert ("number", "fail", "replaced") in findings(para.replace("1,200", "2,100"), para)[1]
    added = para.replace("Teams from", "At least 40 people were injured. Teams from")
    assert not findings(added, para)[0].passed


@pytest.mark.parametrize("cut_at", ["of carrying", "carrying out", "Ukraine, stressing"])
def test_a_tail_cut_inside_a_paragraph_is_one_cut_tail(examples_dir, cut_at):
    """A reprint that ends in the middle of a paragraph, even in the middle of a word, cut the tail:
    the rest of that paragraph (here with a quotation in it) and the paragraphs after it are one
    ``truncated`` edit, warned, not a deleted quotation (failed) beside a stub "reworded"."""
    source = (examples_dir / "afp_wire_putin_strikes.txt").read_text()
    end = source.index(cut_at) + 1  # keep one character of the next word: a cut inside a word
    child = source[:end]
    kinds = [e.kind for e in edits(source, child)]
    assert kinds.count("truncated") == 1 and not {"quote", "rewrite", "deleted", "number"} & set(kinds)
    r, found = findings(child, source)
    assert all(rule not in ("quote", "number") for rule, _, _ in found)
    assert [rule for rule, action, _ in found if action == "warn"] == ["truncated"]


_SEEDS = ("afp_wire_putin_strikes.txt", "london_daily_reprint.txt", "moscow_times_reprint.txt", "lavrov_unrelated.txt")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_SEEDS), st.floats(0.25, 1.0))
def test_any_cut_tail_is_only_a_cut(examples_dir, name, where):
    """A reprint that is its source cut anywhere past its first quarter (between paragraphs, inside a
    sentence, inside a word) shows only the cut: ``truncated`` (and ``cut`` past the policy's share,
    ``attribution`` when the credit was in the part cut), never a quotation, number, negation or
    rewording failure."""
    source = (examples_dir / name).read_text()
    child = source[: max(1, int(len(source) * where))]
    r = check_reprint(make_document("source", source), make_document("reprint", child))
    assert {f.rule for f in r.findings} <= {"truncated", "cut", "attribution"}, [(f.rule, f.message) for f in r.findings]


def test_a_tail_cut_followed_by_a_footer_is_still_one_cut_tail(examples_dir):
    """A copy cut inside a sentence that then prints its own footer of two furniture paragraphs:
    the rest of the cut paragraph and the paragraphs after it are one ``truncated`` edit, not a
    deleted quotation and a stub "reworded" (the footer is the child's own furniture), and the
    footer's last line stays a whole paragraph though its full stop aligns with the source's last one."""
    source = (examples_dir / "afp_wire_putin_strikes.txt").read_text()
    child = source[: source.index("of carrying") + 5] + (
        "\n\nSubscribe to our newsletter for the latest news.\n\nFollow us on Twitter and Facebook.\n")
    kinds = [e.kind for e in edits(source, child)]
    assert kinds.count("truncated") == 1 and not {"quote", "deleted", "rewrite", "number"} & set(kinds), kinds
    # a copyright line with its year, ending the copy with a full stop as the source ends: furniture
    child = child + "\n(c) 2022 Daily Planet. All rights reserved.\n"
    assert not {"quote", "deleted", "rewrite", "number"} & {e.kind for e in edits(source, child)}


@pytest.mark.parametrize("headline, rule", [
    ("Putin Says 31,000 Ukrainian Troops Killed", "number"),  # a figure replaced
    ("Putin Says 13,000 Ukrainian Troops Killed on Dec. 3", None),  # a date only added: rewording
    ("Thousands of Ukrainian Troops Killed, Putin Says", None),  # a figure in words: the desk's wording
    ("Putin: 13k Ukrainian Troops Killed", None),  # the same figure, written otherwise
    ("Putin Says Ukrainian Troops Killed", None),  # a figure only dropped
])
def test_a_headlines_figures_are_facts(examples_dir, headline, rule):
    """A headline is the desk's wording, but a figure it states on both sides must stay the figure
    (before: every change in a headline was an allowed ``headline`` edit). So must a Thai lead
    paragraph, which reads as a headline (no full stops, clause-long words)."""
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    source = make_document("s", "Putin Says 13,000 Ukrainian Troops Killed\n\n" + afp)
    result = check_reprint(source, make_document("r", headline + "\n\n" + afp))
    failed = [f.rule for f in result.findings if f.action == "fail"]
    assert failed == ([rule] if rule else []), result.findings


def test_a_figure_changed_in_a_thai_lead_fails():
    lead = ("กรุงเทพฯ (รอยเตอร์) - นายกรัฐมนตรีกล่าวเมื่อวันศุกร์ว่ารัฐบาลจะใช้งบประมาณ 5,000 ล้านบาทเพื่อช่วยเหลือเกษตรกร\n\n"
            "\"เราจะไม่ทิ้งใคร\" นายกรัฐมนตรีกล่าวกับผู้สื่อข่าวที่ทำเนียบรัฐบาล\n")
    result = check_reprint(make_document("s", lead), make_document("r", lead.replace("5,000", "6,000")))
    assert [(f.rule, f.action) for f in result.findings] == [("number", "fail")]


@pytest.mark.parametrize("headline, fails", [
    ("Putin Says 31,000 Ukrainian Troops Killed", True),  # the story says 13,000
    ("Putin Says 13,000 Ukrainian Troops Killed", False),
    ("Putin Defends Strikes In 2022", False),  # a year is a date, not a figure
    ("Putin Defends Strikes After Nine Months Of War", False),  # no figure in digits
])
def test_an_added_headline_states_the_storys_figures(examples_dir, headline, fails):
    """A headline the reprint adds summarises the story: a figure in digits that the source states
    nowhere (in digits or in words) is a changed or invented fact (before: an allowed ``headline``)."""
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    result = check_reprint(make_document("s", afp), make_document("r", headline + "\n" + afp))
    assert [f.rule for f in result.findings if f.action == "fail"] == (["number"] if fails else []), result.findings
    if fails:
        (finding,) = result.findings
        assert finding.edit.added == ("31000",) and "the source does not state" in finding.message


@pytest.mark.parametrize("old, new, rule", [
    ("since mid-September", "since mid-October", "date"),  # a month inside a hyphenated word
    ("$60 a barrel", "60 euros a barrel", "number"),  # the same figure in another currency
    ("$60 a barrel", "€60 a barrel", "number"),
    ("$60 a barrel", "60 dollars a barrel", None),  # the same currency, written out
    ("$60 a barrel", "60 a barrel", None),  # the currency only dropped
    ("$60 a barrel", "$60 a tonne", "number"),  # a price per barrel is not one per tonne (a review of stop 31)
])
def test_months_in_compounds_and_currencies_are_facts(examples_dir, old, new, rule):
    """Two meaning changes that check passed silently: a month inside "mid-September" was no date,
    and "$60" -> "60 euros" was a reformatted number (the currency signs were dropped)."""
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    assert old in afp
    result = check_reprint(make_document("s", afp), make_document("r", afp.replace(old, new, 1)))
    assert [f.rule for f in result.findings if f.action == "fail"] == ([rule] if rule else []), result.findings


@pytest.mark.parametrize("old, new, kind", [
    ("President", "Prime Minister", "entity"),  # one office for another: a fact about the person
    ("General", "Admiral", "entity"),
    ("Gen", "General", "title"),  # the same office abbreviated (no full stop, British style)
    ("Lt Gen", "Lieutenant General", None),
    ("Mr", "General", "title"),  # a courtesy title for an office: house style
    ("President", "Mr", "title"),
])
def test_an_office_title_replaced_is_a_changed_fact(old, new, kind):
    base = ("The army said on Monday that {} Mark Milley met officials in Kyiv to discuss air defence. "
            "He said the talks were useful and would continue next week.")
    kinds = [e.kind for e in edits(base.format(old), base.format(new))]
    if kind is None:
        assert "entity" not in kinds, kinds
    else:
        assert kinds == [kind], kinds


@pytest.mark.parametrize("old, new, fails", [
    ("60 km", "60 miles", True),  # the unit alone replaced beside the figure
    ("60 km", "60 kilometres", False),
    ("60 km", "60", False),
    ("$40 million", "40 million euros", True),
])
def test_a_unit_replaced_beside_its_figure_is_a_changed_number(old, new, fails):
    base = ("Officials said on Monday the new road would be 60 km long and would cost $40 million. "
            "Work on the project starts next year, the ministry said in a statement.")
    result = check_reprint(make_document("s", base), make_document("r", base.replace(old, new)))
    assert [f.rule for f in result.findings if f.action == "fail"] == (["number"] if fails else []), result.findings


@pytest.mark.parametrize("old, new, fails", [
    ("as many as 13,000", "more than 13,000", True),  # bounded from above, then from below
    ("as many as 13,000", "at least 13,000", True),
    ("as many as 13,000", "up to 13,000", False),  # the same side in other words
    ("as many as 13,000", "about 13,000", False),  # "about" bounds nothing
    ("as many as 13,000", "13,000", False),  # the bound only dropped
])
def test_a_figure_bounded_from_the_other_side_is_a_changed_number(examples_dir, old, new, fails):
    afp = (examples_dir / "afp_wire_putin_strikes.txt").read_text(encoding="utf-8")
    assert old in afp
    result = check_reprint(make_document("s", afp), make_document("r", afp.replace(old, new, 1)))
    assert [f.rule for f in result.findings if f.action == "fail"] == (["number"] if fails else []), result.findings


_RU = ("МОСКВА, 2 декабря (РИА Новости) - Президент России Владимир Путин заявил в пятницу, что удары по "
       "инфраструктуре Украины были неизбежны. По его словам, Россия не откажется от переговоров.\n\n"
       "Кремль отверг условия США, заявил представитель администрации.\n")
_UR = ("اسلام آباد ۔ 24 جولائی (اے پی پی) وزیر اعظم نے جمعہ کو کہا ہے کہ حکومت 5 ارب روپے کسانوں کو دے گی۔ "
       "انہوں نے کہا کہ حکومت کسی کو نہیں چھوڑے گی۔\n\nاجلاس میں وفاقی وزراء نے شرکت کی۔\n")


@pytest.mark.parametrize("source, old, new, rule", [
    (_RU, "не откажется", "откажется", "negation"),
    (_RU, "в пятницу", "в четверг", "date"),
    (_UR, "نہیں چھوڑے گی", "چھوڑے گی", "negation"),
    (_UR, "جمعہ کو", "جمعرات کو", "date"),
])
def test_negations_and_weekdays_in_other_languages(source, old, new, rule):
    """Russian and Urdu negators and weekdays (``negators.txt``, the weekday table): a negation
    removed or a weekday replaced was a rewording (warn)."""
    result = check_reprint(make_document("s", source), make_document("r", source.replace(old, new, 1)))
    assert [(f.rule, f.action) for f in result.findings] == [(rule, "fail")], result.findings


def test_a_negator_in_a_passage_rewritten_wholesale_is_no_negation():
    """A newspaper's own paragraph in the place of the agency's: a "not" in one and none in the other
    says the opposite of nothing (COUNTER 0059p); a rewording (warn), not a negation (fail)."""
    source = ("The minister opened the new hospital on Monday. Officials said the building would not be ready "
              "for patients before the spring, because the equipment has yet to arrive from abroad.\n\n"
              "The project cost 40 million dollars.\n")
    reprint = ("The minister opened the new hospital on Monday. A large crowd of residents, doctors and local "
               "councillors gathered outside to watch the ribbon being cut in bright sunshine.\n\n"
               "The project cost 40 million dollars.\n")
    findings = check_reprint(make_document("s", source), make_document("r", reprint)).findings
    assert "negation" not in [f.rule for f in findings] and any(f.rule == "rewrite" for f in findings), findings


@pytest.mark.parametrize("name, ending", [
    ("london_daily_reprint.txt", "Fed Chair to Reorient U.S"),  # a stub of "U.S." (three tokens)
    ("moscow_times_reprint.txt", "the assault launched on Feb."),  # "Feb." whole, no longer "Feb. 24"
])
def test_a_cut_inside_an_abbreviation_is_only_a_cut(examples_dir, name, ending):
    """Cuts that Hypothesis found (test_any_cut_tail_is_only_a_cut): the child's last word tokenizes
    otherwise than the parent's ("U.S" is three tokens, "Feb." without a following day is no
    abbreviation), which left a stub "reworded" beside the cut tail."""
    source = (examples_dir / name).read_text()
    child = source[: source.index(ending) + len(ending)]
    r = check_reprint(make_document("source", source), make_document("reprint", child))
    assert [f.rule for f in r.findings] == ["truncated"], [(f.rule, f.message) for f in r.findings]


def test_a_changed_emoji_is_a_rewrite_not_punctuation():
    from provenance import classify_edits, align_documents, make_document

    src = make_document("s", "Residents gave the new bridge a 👍 in the survey, the council said on Monday.")
    rep = make_document("r", "Residents gave the new bridge a 👎 in the survey, the council said on Monday.")
    (edit,) = classify_edits(align_documents(src, rep))
    assert edit.kind == "rewrite" and "symbol changed" in edit.note


@pytest.mark.parametrize("source, reprint", [
    ("Les journaux de St-Péters-\nbourg annoncent que « la construc-\ntion du pont est achevée », dit-il.",
     "Les journaux de St-Pétersbourg annoncent que « la construction du pont est achevée », dit-il."),
    ("Les journaux de St-Pétersbourg annoncent que « la construction du pont est achevée », dit-il.",
     "Les journaux de St-Péters-\nbourg annoncent que « la construc-\ntion du pont est achevée », dit-il."),
], ids=["joined", "split"])
def test_words_hyphenated_at_a_line_break_are_the_same_words(source, reprint):
    """OCR and typeset text hyphenate words at line ends; a paper that reflows the text joins them.
    check failed that as a changed name and a changed quotation."""
    from provenance import check_reprint, make_document

    result = check_reprint(make_document("s", source), make_document("r", reprint))
    assert result.passed and all(f.action != "fail" for f in result.findings), result.findings
    changed = make_document("r", source.replace("construc-\ntion", "destruction").replace("construction", "destruction"))
    assert not check_reprint(make_document("s", source), changed).passed  # a real change still fails


def test_a_dateline_dropped_with_the_leads_first_words_is_a_dateline_edit():
    """The dateline removed and the lead's first words rewritten form one change; judged whole it was
    an `attribution` (substantive) and no `dateline` edit was listed (hostile review)."""
    from provenance import classify_edits, align_documents, make_document

    wire = make_document("w", "WASHINGTON (Reuters) - Scientists on Monday unveiled the first global map of Titan, "
                              "a moon of Saturn, NASA said.\n\nThe map was based on radar data from the Cassini probe.")
    copy = make_document("c", "Titan now has its first global map, a moon of Saturn, NASA said.\n\n"
                              "The map was based on radar data from the Cassini probe.")
    edits = classify_edits(align_documents(wire, copy))
    assert edits[0].kind == "dateline" and edits[0].parent_text == "WASHINGTON (Reuters) -"
    assert "attribution" not in {e.kind for e in edits}


# ------------------------------------------------------------------ stop 24: found by a hostile review of check

MONEY = (
    "NEW YORK (AP) - The company agreed to pay its founder almost $6 million for the trademark, and "
    "its investors put in $3 billion more last year, the filings show.\n\n"
    "The founder did not reveal the terms and said he would not return to the board.\n"
)


@pytest.mark.parametrize("old,new", [
    ("almost $6 million", "almost $6 billion"),
    ("$3 billion more", "$3 million more"),
    ("almost $6 million", "almost $6 thousand"),
])
def test_a_scale_word_replaced_beside_a_figure_is_a_changed_number(old, new):
    """Only the scale word is replaced, the digits are equal: the value changed a thousandfold."""
    r, found = findings(changed(old, new, MONEY), MONEY)
    assert ("number", "fail", "replaced") in found, found
    assert not r.passed


@pytest.mark.parametrize("old,new", [("$6 million", "$6m"), ("$3 billion", "$3bn"), ("$6 million", "$6,000,000")])
def test_a_scale_written_another_way_is_not_a_change(old, new):
    r, found = findings(changed(old, new, MONEY), MONEY)
    assert r.passed, found


@pytest.mark.parametrize("old,new", [
    ("did not reveal", "didn't reveal"),
    ("did not reveal", "didn\u2019t reveal"),
    ("would not return", "wouldn't return"),
    ("would not return", "won't return"),
    ("did not reveal the terms", "gave no terms"),
])
def test_a_contraction_or_another_negator_keeps_the_clause_negative(old, new):
    """One negator a side: the clause stays negative, whatever the house style writes (was a failed
    "negation added: didn't, not")."""
    r, found = findings(changed(old, new, MONEY), MONEY)
    assert not any(rule == "negation" for rule, _, _ in found), found
    assert r.passed


@pytest.mark.parametrize("old,new,direction", [
    ("did not reveal", "revealed", "removed"),
    ("said he would not return", "said he would return", "removed"),
    ("and said he would", "and said he would never", "added"),
])
def test_a_negator_added_or_removed_is_still_a_negation(old, new, direction):
    r, found = findings(changed(old, new, MONEY), MONEY)
    neg = [f for f in r.findings if f.rule == "negation"]
    assert neg and neg[0].action == "fail" and neg[0].edit.direction == direction, found


@pytest.mark.parametrize("old,new", [
    ("Shares rose 4 percent", "Shares fell 4 percent"),
    ("Shares rose 4 percent", "Shares declined 4 percent"),
    ("up 4 percent", "down 4 percent"),
    ("Shares rose 4 percent", "Shares slumped 4 percent"),
])
def test_the_direction_of_a_figure_reversed_is_the_opposite(old, new):
    text = "TOKYO (Reuters) - Shares rose 4 percent on Monday, up 4 percent for the week, traders said.\n"
    r, found = findings(changed(old, new, text), text)
    assert ("polarity", "fail", "replaced") in found, found


@pytest.mark.parametrize("old,new,passed", [
    ("18 years after", "18 months after", False),
    ("within 3 weeks", "within 3 months", False),
    ("18 years after", "18 yrs after", True),
    ("within 3 weeks", "within three weeks", True),
])
def test_a_span_of_time_in_another_unit_is_another_span(old, new, passed):
    text = ("KABUL (AP) - The talks resumed 18 years after the invasion, and officials expect a deal "
            "within 3 weeks, the ministry said.\n")
    r, found = findings(changed(old, new, text), text)
    assert r.passed == passed, found


@pytest.mark.parametrize("old,new,passed", [
    ("after the September 11, 2001 attacks", "after the 11 September 2001 attacks", True),
    ("after the September 11, 2001 attacks", "after the September 12, 2001 attacks", False),
    ("after the September 11, 2001 attacks", "after the 12 September 2001 attacks", False),
])
def test_a_figure_moved_within_its_sentence_is_not_a_changed_number(old, new, passed):
    """The British order of a date moves the day before the month: the diff sees "11" added in one
    place and removed in another, each alone a changed number (it failed)."""
    text = "WASHINGTON (AP) - Troops invaded the country after the September 11, 2001 attacks, officials said.\n"
    r, found = findings(changed(old, new, text), text)
    assert r.passed == passed, found


def test_a_lead_rewritten_around_the_same_figure_is_a_rewording_not_a_number_format():
    """Both sides say "Two": the figures agree, the sentence does not. It was typed a style edit
    ("number reformatted") and check passed it with no warning."""
    body = ("Federal prosecutors alleged that the two officers lingered in an office common area and "
            "appeared to sleep for two hours when they should have been conducting inmate checks.\n")
    src = ("WASHINGTON - Two federal prison officers were charged Tuesday with falsifying records, stating they "
           "had checked on the prisoner in the hours before he hanged himself in his cell.\n\n" + body)
    rep = ("Two guards who were supposed to be watching the prisoner the night he killed himself have been "
           "charged with lying about it, federal prosecutors said Tuesday.\n\n" + body)
    kinds = [e.kind for e in edits(src, rep)]
    assert "number_format" not in kinds and "rewrite" in kinds, kinds
    r, found = findings(rep, src)
    assert r.passed and any(action == "warn" for _, action, _ in found), found


@pytest.mark.parametrize("old,new", [("1,200 new cases", "1200 new cases"), ("to three more districts", "to 3 more districts")])
def test_a_figure_written_otherwise_is_still_a_number_format(old, new):
    r, found = findings(changed(old, new))
    assert r.passed, found


@pytest.mark.parametrize("old,new,passed", [
    ("response to Kyiv's attacks", "response to Kiev's attacks", True),
    ("response to Kyiv's attacks", "response to Moscow's attacks", False),
])
def test_a_possessive_keeps_a_house_spelling_of_the_name(old, new, passed):
    """"Kyiv" -> "Kiev" is house style (spelling table); with the possessive on both it failed as
    "a different name"."""
    text = "MOSCOW (AFP) - Officials described the strikes as a response to Kyiv's attacks on the region.\n"
    r, found = findings(changed(old, new, text), text)
    assert r.passed == passed, found


@pytest.mark.parametrize("credit_kept", [True, False])
def test_a_dateline_rewritten_in_the_reprints_own_form_is_one_edit(credit_kept):
    """"LONDON (Reuters) -" -> "LONDON:" (South Asian and British papers' form) was the agency credit
    removed (attribution, fail) beside the whole reprint's lost credit: two failures for one act
    (a review of stop 31). It is the dateline rewritten; a credit lost from the whole reprint still
    fails once."""
    body = ("Britain will cut its budget deficit by half over the next three years, the finance minister "
            "said on Monday.\n\nThe plan was welcomed by markets.")
    tail = " (Reuters)\n" if credit_kept else "\n"
    result = check_reprint(make_document("s", f"LONDON (Reuters) - {body}{tail}"),
                           make_document("r", f"LONDON: {body}{tail}"))
    datelines = [f for f in result.findings if f.rule == "dateline"]
    assert len(datelines) == 1 and datelines[0].edit.change == "rewritten" and "LONDON:" in datelines[0].message
    failures = [f for f in result.findings if f.action == "fail"]
    assert result.passed == credit_kept and len(failures) == (0 if credit_kept else 1), result.findings
