#!/usr/bin/env python3
"""Sanity checks for a gold set (reads only the data files, not its builder).

    .venv/bin/python tests/gold/check_gold.py                 # the development set (dev.*)
    .venv/bin/python tests/gold/check_gold.py real_style      # the real-style set (real_style.*)
    .venv/bin/python tests/gold/check_gold.py uk              # the Ukrainian set (uk.*); ru for the Russian one

Checks: articles are well formed; the inferred-date file lists exactly the undated articles and
its dates follow the SPEC rule; every gold line names an existing article, carries the required
keys, uses the SPEC vocabularies, and has values consistent with its qualifier (SPEC "Value
conventions"); dates are valid and not after publication; rate figures are dated at
publication; each note is a verbatim span of its article; and every number in every text
(digits or number words; in Ukrainian and Russian every inflected form of a numeral, found with
pymorphy3's dictionaries) lies inside a gold note or a listed negative, so no figure is silently
left without a gold line. Prints counts of claims, articles and covered phenomena.
Exit status 1 on any error.
"""
import collections
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
METRICS = {"killed", "injured", "casualties", "trapped", "displaced", "evacuated", "captured",
           "missing", "aid", "strikes", "population"}
QUALIFIERS = {"exact", "range", "at_least", "more_than", "at_most", "approximate", "vague"}
RATES = {None, "per_day", "per_week", "per_month"}
PEOPLE_CATS = {"military", "civilian", "mixed", "unspecified"}
AID_CATS = {"military", "humanitarian", "financial", "unspecified"}
VAGUE = {(24, 99), (36, 108), (200, 999), (300, 900), (2000, 9999), (3000, 9000),
         (20000, 99999), (200000, 999999), (2000000, 9999999)}
SCOPES = {"incident", "period", "cumulative", "stock", "rate", "unknown"}
REQUIRED = ["article", "metric", "value_low", "value_best", "value_high", "unit", "qualifier",
            "rate", "scope", "period_end", "as_of", "source", "note"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
                r"sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|"
                r"billion|dozen|dozens|tens|several|no one|nobody|none")
NUM_RE = re.compile(r"\d+(?:[,.]\d+)*|\b(?:%s)\b" % NUMBER_WORDS, re.I)

errors = []
SET = sys.argv[1] if len(sys.argv) > 1 else "dev"
# the development set is tidy wire prose; the real-style set has one-line headlines and event notes and
# longer run-on bulletins; the Ukrainian and Russian sets are short posts and wire items
SENTENCES = {"dev": (3, 8), "real_style": (1, 12), "uk": (1, 8), "ru": (1, 8)}[SET]
INFLECTED = SET in ("uk", "ru")
# Ukrainian and Russian numerals inflect ("двох", "трьох", "тисяч"): a word is a number word when one of
# pymorphy3's parses is a numeral or its lemma is one of these (nouns and pronouns that count)
COUNTING_LEMMAS = {
    "uk": {"один", "сто", "тисяча", "мільйон", "мільярд", "трильйон", "десяток", "десятка", "сотня", "дюжина",
           "кілька", "декілька", "кількадесят", "кількасот", "ніхто", "жоден", "пів", "тис", "млн", "млрд"},
    "ru": {"один", "сто", "тысяча", "миллион", "миллиард", "триллион", "десяток", "десятка", "сотня", "дюжина",
           "несколько", "никто", "ни один", "пол", "тыс", "млн", "млрд"},
}
_CYRILLIC_WORD_RE = re.compile(r"[А-ЯЁЄІЇҐа-яёєіїґ]+(?:['’ʼ][А-ЯЁЄІЇҐа-яёєіїґ]+)*")


def number_spans(text):
    """(start, end, words) of every number in the text: digits, and number words of the set's language."""
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\d+(?:[,.]\d+)*", text)]
    if not INFLECTED:
        return [(m.start(), m.end(), m.group()) for m in NUM_RE.finditer(text)]
    import pymorphy3

    analyser = pymorphy3.MorphAnalyzer(lang=SET)
    for m in _CYRILLIC_WORD_RE.finditer(text):
        parses = analyser.parse(m.group().lower().replace("’", "'").replace("ʼ", "'"))
        if any(str(p.tag.POS) == "NUMR" or p.normal_form in COUNTING_LEMMAS[SET] for p in parses):
            spans.append((m.start(), m.end(), m.group()))
    return sorted(spans)


def err(msg):
    errors.append(msg)


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def as_list(v):
    return v if isinstance(v, list) else [v]


def date_or_none(s, where):
    if s is None:
        return None
    try:
        return dt.date.fromisoformat(s)
    except (TypeError, ValueError):
        err(f"{where}: bad date {s!r}")
        return None


def spec_inferred(text):
    dates = [dt.date(int(y), MONTHS.index(m) + 1, int(d))
             for m, d, y in re.findall(r"\b(%s) (\d{1,2}),? (\d{4})" % "|".join(MONTHS), text)]
    lead = text.split("\n\n")[0]
    found = sorted((lead.find(w), i) for i, w in enumerate(WEEKDAYS) if w in lead)
    if not dates or not found:
        return None
    d = max(dates)
    while d.weekday() != found[0][1]:
        d += dt.timedelta(days=1)
    return d


# Ukrainian and Russian wordings whose coverage is counted (notes / texts)
PHRASES = {
    "uk": ["щонайменше", "понад", "близько", "майже", "до ", "серед них", "зокрема", "у тому числі", "з них",
           "за добу", "за минулу добу", "вночі", "в ніч на", "вчора", "з 24 лютого", "від початку", "з початку",
           "зросла до", "перевищила", "випустив", "скинув", "влучили", "по всій області", "немає", "жінка",
           "чоловік", "подружжя", "мати", "млрд", "тисяч", "двоє", "троє"],
    "ru": ["не менее", "более", "свыше", "около", "почти", "до ", "среди них", "в том числе", "из них",
           "за сутки", "в ночь на", "вчера", "с начала", "выросло до", "превысило", "выпустил", "сбросил",
           "по всей области", "нет", "женщина", "мужчина", "супруги", "мать", "млрд", "тысяч", "двое", "трое"],
}


def check_values(g, where):
    q, lo, best, hi = g["qualifier"], g["value_low"], g["value_best"], g["value_high"]
    if best is None:
        return err(f"{where}: value_best is null")
    if q == "exact":
        ok = lo == best == hi
    elif q == "range":
        ok = lo is not None and hi is not None and lo < hi and close(best, (lo + hi) / 2)
    elif q in ("at_least", "more_than"):
        ok = close(lo, best) and hi is None
    elif q == "at_most":
        ok = lo is None and close(hi, best)
    elif q == "approximate":
        ok = close(lo, 0.9 * best) and (close(hi, 1.1 * best) or close(hi, best))
    elif q == "vague":
        ok = lo == best and (lo, hi) in VAGUE
    else:
        ok = False
    if not ok:
        err(f"{where}: values {lo}/{best}/{hi} inconsistent with qualifier {q}")


def main():
    arts = {}
    with open(os.path.join(HERE, f"{SET}.articles.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                a = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{SET}.articles.jsonl:{i}: not JSON ({e})")
                continue
            for k in ("url", "title", "publisher", "text"):
                if not a.get(k):
                    err(f"{SET}.articles.jsonl:{i}: missing {k}")
            if a["url"] in arts:
                err(f"{SET}.articles.jsonl:{i}: duplicate url {a['url']}")
            if "published" in a:
                date_or_none(a["published"], a["url"])
            body = re.sub(r"\b(?:U\.S|U\.N)\.", "", a["text"])  # abbreviations, not sentence ends
            body = re.sub(r"\b(?:a\.m|p\.m|Feb|Jan|Aug|Sept|Oct|Nov|Dec)\.(?=[ ,]+[a-z0-9])", "", body)
            n_sent = len(re.findall(r"[.!?][\"”']?(?=\s|$)", body))
            if not SENTENCES[0] <= n_sent <= SENTENCES[1] and not (SET != "dev" and n_sent == 0):
                err(f"{a['url']}: {n_sent} sentences (want {SENTENCES[0]}-{SENTENCES[1]})")
            arts[a["url"]] = a

    art_gold_path = os.path.join(HERE, f"{SET}.articles_gold.json")
    # a set whose articles are all dated needs no inferred-date file
    art_gold = json.load(open(art_gold_path, encoding="utf-8")) if os.path.exists(art_gold_path) else {}
    undated = {u for u, a in arts.items() if "published" not in a}
    if set(art_gold) != undated:
        err(f"articles_gold lists {sorted(set(art_gold) ^ undated)} wrongly")
    pub = {}
    for u, a in arts.items():
        if "published" in a:
            pub[u] = dt.date.fromisoformat(a["published"])
        elif u in art_gold:
            exp = art_gold[u]
            pub[u] = date_or_none(exp.get("published"), u)
            if exp.get("published_inferred") is not True:
                err(f"{u}: published_inferred should be true")
            if spec_inferred(a["text"]) != pub[u]:
                err(f"{u}: SPEC rule gives {spec_inferred(a['text'])}, file says {pub[u]}")

    golds = []
    with open(os.path.join(HERE, f"{SET}.gold.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if line.strip():
                golds.append((i, json.loads(line)))
    negs = [json.loads(l) for l in open(os.path.join(HERE, f"{SET}.negatives.jsonl"), encoding="utf-8") if l.strip()]

    covered = collections.defaultdict(list)  # url -> [(start, end)]
    for i, g in golds:
        where = f"{SET}.gold.jsonl:{i}"
        for k in REQUIRED:
            if k not in g:
                err(f"{where}: missing key {k}")
        if g.get("article") not in arts:
            err(f"{where}: unknown article {g.get('article')}")
            continue
        text, p = arts[g["article"]]["text"], pub[g["article"]]
        metrics = as_list(g["metric"])
        if not set(metrics) <= METRICS:
            err(f"{where}: metric {g['metric']}")
        if g["qualifier"] not in QUALIFIERS:
            err(f"{where}: qualifier {g['qualifier']}")
        if g["rate"] not in RATES:
            err(f"{where}: rate {g['rate']}")
        unit = g["unit"]
        if metrics[0] == "aid":
            if not re.fullmatch(r"[A-Z]{3}", unit or ""):
                err(f"{where}: aid unit {unit} is not an ISO 4217 code")
        elif metrics[0] == "strikes":
            if unit != "count":
                err(f"{where}: strikes unit {unit}")
        elif unit != "people":
            err(f"{where}: unit {unit}")
        if "category" in g:
            cats = AID_CATS if metrics[0] == "aid" else PEOPLE_CATS
            if "population" in metrics and len(metrics) > 1:
                cats = cats | {None}  # "population or trapped": a population figure has no category
            if not set(as_list(g["category"])) <= cats:
                err(f"{where}: category {g['category']}")
        elif metrics[0] not in ("strikes", "population"):
            err(f"{where}: people/aid figure without category")
        check_values(g, where)
        as_of = [date_or_none(d, where) for d in as_list(g["as_of"])]
        for d in as_of:
            if d and p and d > p:
                err(f"{where}: as_of {d} after publication {p}")
        if g["rate"] and as_of != [p]:
            err(f"{where}: rate figure must be dated at publication {p}, not {g['as_of']}")
        scopes = as_list(g.get("scope"))
        if not set(scopes) <= SCOPES:
            err(f"{where}: scope {g.get('scope')}")
        if bool(g["rate"]) != (scopes == ["rate"]):
            err(f"{where}: a rate figure has scope rate, and only a rate figure ({g['rate']}, {g.get('scope')})")
        ends = [date_or_none(d, where) for d in as_list(g.get("period_end"))]
        if "period" not in scopes and ends != [None]:
            err(f"{where}: period_end {g.get('period_end')} on a figure whose scope is not period")
        if "period" in scopes:
            starts_ = [date_or_none(d, where) for d in as_list(g.get("period_start"))]
            s0 = next((d for d in starts_ if d), None)
            e0 = next((d for d in ends if d), None)
            if s0 is None or e0 is None or s0 > e0 or (p and e0 > p):
                err(f"{where}: a period needs period_start <= period_end <= publication ({s0}, {e0})")
            if scopes == ["period"] and (None in starts_ or None in ends):
                err(f"{where}: a period-only figure must state both ends")
        if g.get("period_start") and not isinstance(g["period_start"], list):
            ps = date_or_none(g["period_start"], where)
            if ps and as_of and as_of[0] and ps > min(d for d in as_of if d):
                err(f"{where}: period_start after as_of")
        note = g["note"]
        starts = [m.start() for m in re.finditer(re.escape(note), text)]
        if not starts:
            err(f"{where}: note not found verbatim in text: {note!r}")
        covered[g["article"]] += [(s, s + len(note)) for s in starts]
    for n in negs:
        if n["article"] not in arts:
            err(f"negative for unknown article {n['article']}")
            continue
        text = arts[n["article"]]["text"]
        starts = [m.start() for m in re.finditer(re.escape(n["words"]), text)]
        if not starts:
            err(f"{n['article']}: negative {n['words']!r} not in text")
        covered[n["article"]] += [(s, s + len(n["words"])) for s in starts]

    # every number in every text belongs to a gold note or a deliberate negative
    for u, a in arts.items():
        for start, end, words in number_spans(a["text"]):
            if not any(s <= start and end <= e for s, e in covered[u]):
                ctx = a["text"][max(0, start - 40):end + 40].replace("\n", " ")
                err(f"{u}: uncovered number {words!r} in ...{ctx}...")

    # ------------------------------------------------------------ counts
    req = [g for _, g in golds if not g.get("optional")]
    opt = [g for _, g in golds if g.get("optional")]
    print(f"articles {len(arts)} (published inferred: {len(undated)}), required claims {len(req)}, "
          f"optional {len(opt)}, negatives {len(negs)}")
    allg = [g for _, g in golds]
    cnt = lambda f: collections.Counter(f(g) for g in allg)
    print("metrics:", dict(cnt(lambda g: "|".join(as_list(g["metric"])))))
    print("qualifiers:", dict(cnt(lambda g: g["qualifier"])))
    print("rates:", dict(cnt(lambda g: g["rate"])))
    print("scopes:", dict(cnt(lambda g: "|".join(as_list(g["scope"])))))
    print("units:", dict(cnt(lambda g: g["unit"])))
    print("vague kinds:", dict(collections.Counter((g["value_low"], g["value_high"]) for g in allg if g["qualifier"] == "vague")))
    notes = " || ".join(g["note"] for g in allg).lower()
    phrases = ["between", " to ", "-", "from ", "at least", "more than", "over ", "upwards of", "just over",
               "barely more than", "well over", "up to", "as many as", "no more than", "fewer than",
               "less than", "about", "around", "some ", "roughly", "approximately", "an estimated",
               "nearly", "almost", "close to", "just under", "a dozen", "twenty-five",
               "one hundred and thirty", "no one", "no casualties", "every day", "a day", "per day", "daily",
               "a week", "each month", "since february 24", "since the start of the war",
               "since the invasion began", "yesterday", "overnight", "over the weekend", "last week",
               "on june 3", "mid-may", "by thursday morning", "its soldiers", "from washington",
               "$", "€", "£", "bn", "kiev", "kharkov", "lisichansk", "nikolaev", "odessa", "zaporozhye",
               "artemovsk"]
    if INFLECTED:
        phrases = PHRASES[SET]
    texts = " || ".join(a["text"] for a in arts.values()).lower()
    print("phrase counts (notes / texts):")
    print("  " + ", ".join(f"{p.strip()!r}:{notes.count(p)}/{texts.count(p)}" for p in phrases))
    with_src = sum(1 for g in allg if "location" in g)
    print(f"claims with location {with_src}, with party {sum('party' in g for g in allg)}, "
          f"with period_start set {sum(bool(g.get('period_start')) for g in allg)}, "
          f"with as_of != publication {sum(as_list(g['as_of']) != [pub[g['article']].isoformat()] for g in allg)}")
    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
