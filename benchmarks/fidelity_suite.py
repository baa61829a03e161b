"""The tamper suite of issue #13: real news bodies, each reprinted with one change of meaning or
faithfully in house style.

Articles are drawn (seeded) from the human-made article bodies of
``../shared/data/article-extraction-benchmark-html/ground-truth.json`` (real news from many sites),
keeping English news with quotations, a speech verb, a date and a number. Every edit is a generic
transformation of the text (nothing is written for one article):

substantive (expected ``fail`` unless noted)
    ``entity_name`` a two-word name outside quotes replaced by a name from a *different* article;
    ``entity_nationality`` a nationality adjective replaced by another; ``speaker_swap`` two names
    around a speech verb in one sentence swapped; ``speaker_replaced`` the speaker of a quote replaced
    by another person of the same story; ``date`` a weekday, month or year replaced; ``polarity`` a
    word replaced by its opposite from ``provenance/data/polarity.txt``; ``number_digits`` a number's
    leading digit changed; ``number_words`` a quantity in words changed; ``agency_credit`` the agency
    of a wire dateline replaced by another agency; ``quote_invented`` an invented paragraph with a
    quotation; ``name_respelled`` (``warn``) a surname respelled by one letter throughout;
    ``quote_marks_removed`` (``warn``) the marks around a short quotation removed;
    ``claim_invented`` (``warn``) an invented paragraph without a quotation.
faithful (expected ``pass``; ``warn`` where noted)
    ``style_spelling`` American spellings made British throughout (inside quotes too, as outlets
    do; pairs from ``breame``); ``style_abbreviation`` United States/U.S./US, months abbreviated AP
    style; ``style_title`` "Mr" before later mentions of a surname; ``style_name_expansion`` a later
    surname mention expanded to the full name; ``style_punctuation`` curly quotes straightened, dashes
    and serial commas changed; ``furniture`` a headline (from the URL slug) and page furniture added;
    ``dateline_dropped`` (``warn``) the wire dateline dropped, the agency credited in a byline instead; ``tail_cut`` (``warn``) the last
    paragraph(s) cut, at most a quarter of the words; ``paragraph_moved`` a paragraph moved.

A case that does not apply to an article (no nationality adjective in it, say) is skipped; the
suite reports how many articles each kind covers. Run ``python benchmarks/fidelity_suite.py
[--out DIR]`` to list the cases, or write each as ``<kind>/<article>.source.txt`` / ``.reprint.txt``
(under a new temporary directory when DIR is not given).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark-html" / "ground-truth.json"

SUBSTANTIVE = {"entity_name": "fail", "entity_nationality": "fail", "speaker_swap": "fail",
               "speaker_replaced": "fail", "date": "fail", "polarity": "fail", "number_digits": "fail",
               "number_words": "fail", "agency_credit": "fail", "quote_invented": "fail",
               "name_respelled": "warn", "quote_marks_removed": "warn", "claim_invented": "warn"}
FAITHFUL = {"style_spelling": "pass", "style_abbreviation": "pass", "style_title": "pass",
            "style_name_expansion": "pass", "style_punctuation": "pass", "furniture": "pass",
            "dateline_dropped": "warn", "tail_cut": "warn", "paragraph_moved": "pass"}
EXPECTED = SUBSTANTIVE | FAITHFUL
#: the meaning kind (provenance.edits.meaning) each substantive case should be reported as
#: (a name replaced next to a speech verb is reported as a speaker change: either kind is right)
MEANING_KIND = {"entity_name": ("entity", "attribution"), "entity_nationality": "entity", "speaker_swap": "attribution",
                "speaker_replaced": "attribution", "date": "date", "polarity": "polarity",
                "number_digits": "number", "number_words": "number", "agency_credit": "attribution",
                "quote_invented": "quote", "name_respelled": "entity", "quote_marks_removed": "quote"}
STRICTNESS = {"pass": 0, "warn": 1, "fail": 2}


@dataclass(frozen=True)
class Case:
    """One reprint of one article: ``expected`` is the verdict a fact-checker wants (``pass``,
    ``warn`` = pass with a warning, ``fail``)."""

    article: str
    kind: str
    expected: str
    source: str
    reprint: str


# --------------------------------------------------------------------------------- text helpers

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = ("January February March April May June July August September October November "
          "December").split()
NATIONALITIES = ("American British Chinese Russian Ukrainian German French Indian Japanese Iranian "
                 "Israeli Palestinian Syrian Turkish Mexican Canadian Australian Italian Spanish "
                 "Korean Afghan Pakistani Saudi Brazilian Egyptian Iraqi Polish Swedish Dutch "
                 "Vietnamese Nigerian Kenyan European Asian African Arab Bolivian Chilean Argentine "
                 "Armenian Qatari Austrian Irish Scottish Greek").split()
SPEECH = r"(?:said|says|told|tells|added|asked|warned|explained|wrote|noted)"
STOP = set("The A An In On At For But And Or If When While After Before As This That These Those It "
           "He She They We I You His Her Their Our Its There Here What Who Why How Some Many Most "
           "More Also Then Now So Yet Still Even Just Only Mr Mrs Ms Dr Sen Rep Gov Gen President "
           "Chancellor Minister Prime Secretary Governor Senator Judge Officials Police Last Next "
           "According Meanwhile However Earlier Later".split())
STOP |= set(WEEKDAYS) | set(MONTHS) | set(NATIONALITIES)
AGENCIES = ["AFP", "Reuters", "AP", "DPA", "Xinhua", "ANSA", "EFE"]
CITIES = ["WASHINGTON", "LONDON", "NEW YORK", "PARIS", "BRUSSELS", "GENEVA", "TOKYO"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
                "twenty", "dozens", "hundreds", "thousands", "half", "a third", "a dozen", "twice"]
POLARITY = ROOT / "provenance" / "data" / "polarity.txt"
QUOTE_TEMPLATES = [
    '{name} later told reporters: "We never agreed to any of this, and we will not accept it now."',
    '"This was a mistake from the very beginning," {name} said in a statement on the same day.',
    'Speaking afterwards, {name} added: "Nobody here believes the official figures anymore."',
    '{name} was more blunt in private, telling colleagues that the plan was "dead on arrival."',
]
CLAIM_TEMPLATES = [
    "Officials said {name} had privately agreed to the plan weeks before it was announced.",
    "People familiar with the matter said {name} had been warned about the problem last year.",
    "According to internal documents, {name} approved the decision despite objections from staff.",
    "Several sources said {name} is expected to step down before the end of the year.",
]
FURNITURE_HEAD = ["Advertisement", "Share this article", "Published {date}"]
FURNITURE_TAIL = ["Sign up for our daily newsletter to get the latest headlines.",
                  "© 2019 The Daily Record. All rights reserved.", "Related: More stories from our newsroom"]


def _quote_mask(text: str) -> list[bool]:
    """``mask[i]``: character ``i`` lies inside a quotation (marks included); straight double quotes
    toggle, curly ones open and close; a paragraph break ends any open quote."""
    mask, inside = [False] * len(text), False
    for i, ch in enumerate(text):
        if ch == "\n":
            inside = False
        if ch == "“":
            inside = True
        mask[i] = inside or ch in "\"”"
        if ch == '"':
            inside = not inside
        elif ch == "”":
            inside = False
    return mask


def _outside(text: str, pattern: str | re.Pattern, flags=0):
    mask = _quote_mask(text)
    rx = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
    return [m for m in rx.finditer(text) if not any(mask[m.start():m.end()])]


def _sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \"“'‘")
    return not before or before[-1] in ".!?\n:"


NAME_RE = re.compile(r"(?<![\w.'’-])([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})(?![\w'’-])")


def person_names(text: str) -> list[tuple[str, str]]:
    """Two-word capitalised runs outside quotes that look like a person's name (first, last)."""
    out = []
    for m in _outside(text, NAME_RE):
        first, last = m.group(1), m.group(2)
        if first in STOP or last in STOP or _sentence_start(text, m.start()) and first in STOP:
            continue
        # a person's surname recurs alone in a news story, and a person speaks
        if re.search(rf"(?<![\w.]){last}(?![\w])", text[m.end():]) and re.search(
                rf"(?<![\w]){last},? {SPEECH}\b|\b{SPEECH},? (?:[A-Z][a-z]+ )?{last}(?![\w])", text):
            out.append((first, last))
    return list(dict.fromkeys(out))


def _replace_at(text: str, m: re.Match, new: str, group: int = 0) -> str:
    return text[: m.start(group)] + new + text[m.end(group):]


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _join(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def _polarity_pairs() -> list[tuple[str, str]]:
    pairs = []
    for line in POLARITY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b = (p.strip() for p in line.split("|"))
            pairs += [(a, b), (b, a)]
    return pairs


# --------------------------------------------------------------------------------- the edits

def entity_name(text, rng, ctx):
    names = person_names(text)
    others = [n for n in ctx["other_names"] if n[1] not in text and n[0] not in text]
    if not names or not others:
        return None
    first, last = rng.choice(names)
    nf, nl = rng.choice(others)
    m = _outside(text, rf"(?<![\w]){first} {last}(?![\w])")[0]
    return _replace_at(text, m, f"{nf} {nl}")


def entity_nationality(text, rng, ctx):
    found = _outside(text, r"(?<![\w-])(" + "|".join(NATIONALITIES) + r")(?![\w-])")
    if not found:
        return None
    m = rng.choice(found)
    new = rng.choice([n for n in NATIONALITIES if n != m.group(1) and n not in text])
    return _replace_at(text, m, new)


def speaker_swap(text, rng, ctx):
    names = person_names(text)
    surnames = {last for _, last in names}
    for sent in re.finditer(r"[^.!?\n]*\b" + SPEECH + r"\b[^.!?\n]*[.!?]", text):
        s = sent.group(0)
        verb = re.search(rf"\b{SPEECH}\b", s).start()
        hits = [m for m in re.finditer(r"(?<![\w])([A-Z][a-z]{2,})(?![\w])", s) if m.group(1) in surnames]
        before = [h.group(1) for h in hits if h.start() < verb]
        after = [h.group(1) for h in hits if h.start() > verb and h.group(1) not in before]
        if before and after:
            a, b = before[-1], after[0]
            swapped = re.sub(rf"(?<![\w])({a}|{b})(?![\w])", lambda m: b if m.group(1) == a else a, s)
            if swapped != s:
                return text[: sent.start()] + swapped + text[sent.end():]
    return None


def speaker_replaced(text, rng, ctx):
    names = person_names(text)
    if len({last for _, last in names}) < 2:
        return None
    surnames = [last for _, last in names]
    rx = re.compile(r"[”\"],? (?P<name>[A-Z][a-z]{2,}) " + SPEECH + r"|(?<![\w])(?P<name2>[A-Z][a-z]{2,}) "
                    + SPEECH + r"[,:]? [“\"]")
    for m in rx.finditer(text):
        g = "name" if m.group("name") else "name2"
        who = m.group(g)
        if who in surnames:
            other = rng.choice([s for s in surnames if s != who])
            return _replace_at(text, m, other, g)
    return None


def date(text, rng, ctx):
    found = _outside(text, r"(?<![\w])(" + "|".join(WEEKDAYS + MONTHS) + r"|(?:19[5-9]\d|20[0-2]\d))(?![\w,.]\d|\w)")
    found = [m for m in found if m.group(1) != "May" or re.match(r"May \d", text[m.start():])]
    if not found:
        return None
    m = rng.choice(found)
    w = m.group(1)
    if w in WEEKDAYS:
        new = WEEKDAYS[(WEEKDAYS.index(w) + rng.randint(1, 6)) % 7]
    elif w in MONTHS:
        new = rng.choice([x for x in MONTHS if x != w and x != "May"])
    else:
        new = str(int(w) + rng.choice([-2, -1, 1]))
    return _replace_at(text, m, new, 1)


def polarity(text, rng, ctx):
    options = []
    for a, b in ctx["polarity"]:
        for m in _outside(text, rf"(?<![\w'’-]){re.escape(a)}(?![\w'’-])"):
            options.append((m, b))
    if not options:
        return None
    m, b = rng.choice(options)
    return _replace_at(text, m, b)


def number_digits(text, rng, ctx):
    found = [m for m in _outside(text, r"(?<![\w.,])(\d[\d,.]*\d|\d)(?![\w]|[.,]\d)")
             if not re.fullmatch(r"(19|20)\d\d", m.group(1))]
    if not found:
        return None
    m = rng.choice(found)
    s = m.group(1)
    d = int(s[0])
    new_first = str(rng.choice([x for x in range(1, 10) if x != d]))
    return _replace_at(text, m, new_first + s[1:], 1)


def number_words(text, rng, ctx):
    rx = r"(?<![\w-])(" + "|".join(re.escape(w) for w in NUMBER_WORDS) + r")(?![\w-])"
    found = _outside(text, rx)
    if not found:
        return None
    m = rng.choice(found)
    return _replace_at(text, m, rng.choice([w for w in NUMBER_WORDS if w != m.group(1)]), 1)


def agency_credit(text, rng, ctx):
    agency = ctx["agency"]
    other = rng.choice([a for a in AGENCIES if a != agency])
    return text.replace(f"({agency})", f"({other})", 1)


def quote_invented(text, rng, ctx):
    return _insert_paragraph(text, rng, ctx, QUOTE_TEMPLATES)


def claim_invented(text, rng, ctx):
    return _insert_paragraph(text, rng, ctx, CLAIM_TEMPLATES)


def _insert_paragraph(text, rng, ctx, templates):
    names = person_names(text)
    name = " ".join(rng.choice(names)) if names else "the spokesman"
    paras = _paragraphs(text)
    k = rng.randint(1, max(1, len(paras) - 1))
    return _join(paras[:k] + [rng.choice(templates).format(name=name)] + paras[k:])


VOWELS = "aeiou"


def name_respelled(text, rng, ctx):
    names = [n for n in person_names(text) if len(n[1]) >= 5]
    if not names:
        return None
    _, last = rng.choice(names)
    inner = [i for i in range(1, len(last) - 1) if last[i] in VOWELS]
    if not inner:
        return None
    i = rng.choice(inner)
    new = last[:i] + rng.choice([v for v in VOWELS if v != last[i]]) + last[i + 1:]
    return re.sub(rf"(?<![\w]){last}(?![\w])", new, text)


def quote_marks_removed(text, rng, ctx):
    found = [m for m in re.finditer(r"[“\"]([^“”\"\n]{3,80})[”\"]", text) if len(m.group(1).split()) <= 10]
    if not found:
        return None
    m = rng.choice(found)
    return _replace_at(text, m, m.group(1))


def style_spelling(text, rng, ctx):
    us_to_gb = ctx["us_to_gb"]
    out, n = [], 0
    for tok in re.split(r"(\w+)", text):
        gb = us_to_gb.get(tok.lower())
        if gb and tok.isalpha() and tok.islower():  # not inside proper names (Kennedy Space Center)
            n += 1
            tok = gb.capitalize() if tok[0].isupper() else gb
        out.append(tok)
    return "".join(out) if n else None


def style_abbreviation(text, rng, ctx):
    new = text
    new = re.sub(r"\bU\.S\.(?= [a-z])", "US", new)
    new = re.sub(r"\bthe United States\b", "the U.S.", new)
    new = re.sub(r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)[a-z]* (\d{1,2})\b", lambda m: f"{m.group(1)}. {m.group(2)}", new)
    new = re.sub(r"\bDoctor (?=[A-Z])", "Dr ", new)
    return new if new != text else None


def style_title(text, rng, ctx):
    names = person_names(text)
    if not names:
        return None
    first, last = rng.choice(names)
    full = text.find(f"{first} {last}")
    head, tail = text[: full + len(first) + len(last) + 1], text[full + len(first) + len(last) + 1:]
    hits = [m for m in _outside(tail, rf"(?<![\w])({last})(?![\w'’-])") if not re.search(r"[A-Z][\w.]* $", tail[: m.start()])]
    for m in reversed(hits):
        tail = _replace_at(tail, m, f"Mr {last}", 1)
    return head + tail if hits else None


def style_name_expansion(text, rng, ctx):
    names = person_names(text)
    if not names:
        return None
    first, last = rng.choice(names)
    full = text.find(f"{first} {last}") + len(first) + len(last) + 1
    m = re.compile(rf"(?<![\w])(?<!{first} )({last})(?![\w])").search(text, full)
    if not m:
        return None
    return _replace_at(text, m, f"{first} {last}", 1)


def style_punctuation(text, rng, ctx):
    new = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    new = re.sub(r"\s?—\s?", " - ", new)
    new = re.sub(r"(\w), and ", r"\1 and ", new)
    return new if new != text else None


def furniture(text, rng, ctx):
    head = ctx["headline"]
    top = [head, rng.choice(FURNITURE_HEAD).format(date="Nov. 19, 2019")]
    return "\n\n".join(top) + "\n\n" + text.rstrip("\n") + "\n\n" + "\n".join(rng.sample(FURNITURE_TAIL, 2)) + "\n"


def dateline_dropped(text, rng, ctx):
    # the agency keeps its credit in a byline line, as reprints that drop the dateline do
    return f"By {ctx['agency']}\n\n" + ctx["body"]


def tail_cut(text, rng, ctx):
    paras = _paragraphs(text)
    total = len(text.split())
    keep = len(paras)
    while keep > 3 and len(" ".join(paras[keep - 1:]).split()) <= total // 4:
        keep -= 1
    if keep == len(paras):
        keep -= 1 if len(paras[-1].split()) <= total // 4 else 0
    return _join(paras[:keep]) if keep < len(paras) else None


def paragraph_moved(text, rng, ctx):
    paras = _paragraphs(text)
    if len(paras) < 4:
        return None
    i = rng.randint(1, len(paras) - 2)
    p = paras.pop(i)
    j = rng.choice([k for k in range(1, len(paras) + 1) if k != i])
    return _join(paras[:j] + [p] + paras[j:])


EDITS = {name: globals()[name] for name in EXPECTED}
WIRE_KINDS = ("agency_credit", "dateline_dropped")


# --------------------------------------------------------------------------------- the suite

def _is_candidate(body: str, url: str) -> bool:
    words = body.split()
    if not 200 <= len(words) <= 1100 or body.count("\n\n") < 5:
        return False
    lower = [w.lower() for w in words]
    english = sum(w in ("the", "and", "of", "to", "said", "in") for w in lower) / len(words)
    return (english > 0.06 and len(re.findall(r"[“\"]", body)) >= 4 and re.search(rf"\b{SPEECH}\b", body)
            and re.search(r"\b(" + "|".join(WEEKDAYS + MONTHS) + r")\b", body) and re.search(r"\d", body)
            and len(person_names(body)) >= 2)


def _headline(url: str) -> str:
    slug = [s for s in url.rstrip("/").split("/") if re.search(r"[a-z]-[a-z]", s)]
    words = re.sub(r"\.\w+$", "", slug[-1] if slug else "news").split("-")
    words = [w for w in words if w.isalpha()][:10]
    return " ".join(w.capitalize() for w in words)


def load_articles(path: Path = DEFAULT_DATA, n: int = 16, seed: int = 13) -> list[tuple[str, str, str]]:
    """``n`` (article id, url, body) drawn with ``seed`` from the candidates in ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pool = sorted((k, v["url"], v["articleBody"].strip() + "\n") for k, v in data.items()
                  if _is_candidate(v["articleBody"], v["url"]))
    rng = random.Random(seed)
    return sorted(rng.sample(pool, min(n, len(pool))))


def build_cases(path: Path = DEFAULT_DATA, n: int = 16, seed: int = 13) -> list[Case]:
    """Every applicable case of every kind for ``n`` articles; deterministic for a given seed."""
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

    articles = load_articles(path, n, seed)
    all_names = {aid: person_names(body) for aid, _, body in articles}
    pairs = _polarity_pairs()
    cases = []
    for aid, url, body in articles:
        rng = random.Random(f"{seed}:{aid}")
        agency = rng.choice(AGENCIES)
        wire = f"{rng.choice(CITIES)} ({agency}) - " + body
        ctx = {"other_names": [nm for other, names in all_names.items() if other != aid for nm in names],
               "polarity": pairs, "us_to_gb": {k.lower(): v.lower() for k, v in AMERICAN_ENGLISH_SPELLINGS.items()},
               "agency": agency, "headline": _headline(url), "body": body}
        for kind, edit in EDITS.items():
            source = wire if kind in WIRE_KINDS else body
            reprint = edit(source, random.Random(f"{seed}:{aid}:{kind}"), ctx)
            if reprint is not None and reprint != source:
                cases.append(Case(aid[:12], kind, EXPECTED[kind], source, reprint))
    return cases


def write_cases(cases: list[Case], out: Path) -> None:
    for c in cases:
        d = out / c.kind
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{c.article}.source.txt").write_text(c.source, encoding="utf-8")
        (d / f"{c.article}.reprint.txt").write_text(c.reprint, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=16, help="articles (16)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, nargs="?", const=Path(""), default=None,
                    help="write the cases as files under OUT (a new temporary directory if OUT is empty)")
    args = ap.parse_args()
    if not args.data.is_file():
        raise SystemExit(f"data not found: {args.data}")
    cases = build_cases(args.data, args.n, args.seed)
    arts = sorted({c.article for c in cases})
    print(f"{len(cases)} cases over {len(arts)} articles (seed {args.seed})")
    for kind in EXPECTED:
        k = [c for c in cases if c.kind == kind]
        print(f"  {kind:22} expected {EXPECTED[kind]:4}  {len(k):3} articles")
    if args.out is not None:
        out = args.out if str(args.out) not in ("", ".") else Path(tempfile.mkdtemp(prefix="fidelity-suite-"))
        write_cases(cases, out)
        print(f"written under {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
