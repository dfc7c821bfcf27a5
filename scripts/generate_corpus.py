#!/usr/bin/env python3
"""Write a deterministic corpus of generated wire-style articles (JSON lines) for load tests.

    .venv/bin/python scripts/generate_corpus.py --articles 1000 --out /tmp/corpus.jsonl
    .venv/bin/tally etl /tmp/corpus.jsonl --db /tmp/corpus.duckdb

Each article is a few sentences composed from templates: several metrics (killed,
injured, trapped, displaced, evacuated, captured, aid, strikes), sources that disagree
(Kyiv counts Russian losses high, Moscow low), every qualifier (exact, ranges, at least,
more than, up to, about, vague quantities), rates and totals, places and weekdays. Figures
follow a slow trend with noise, so time series, bands and disagreements all have data.
With `--copies F`, a share F of the articles are republished copies of an earlier one (other
boilerplate, title, URL, publisher, a day later), as the assembly stage must count once.
With `--prose N`, each figure comes with about N sentences that report none (background, quotes,
reactions), as in real wire copy, where most sentences carry no count: the extraction benchmark's
realistic load. The same seed always gives the same corpus. Fictional: for benchmarks and demos only.
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

START = date(2022, 3, 1)
DAYS = 240
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PLACES = ("Sievierodonetsk", "Lysychansk", "Mariupol", "Kharkiv", "Kherson", "Bakhmut", "Izium", "Mykolaiv")
PUBLISHERS = ("Reuters", "Associated Press", "Agence France-Presse", "Example Wire")
OFFICIALS = ("the regional governor", "the mayor", "local officials", "the United Nations")
BOILERPLATE = (
    "Sign up for our morning newsletter to get the latest news about the war delivered to your inbox.",
    "This story has been republished from a wire service; our editors did not change its content.",
    "Follow our live page for maps, explainers and the latest updates from the front line.",
)

# Sentences without a figure, in the register of wire copy (written for this generator). Some name
# places, days, years or sides, so the extractor cannot tell them apart by their words alone.
PROSE = (
    "Air raid sirens sounded across {place} for much of the night, residents said.",
    "The claims could not be independently verified.",
    "Ukraine's general staff said its forces had repelled attacks near {place} on {weekday}.",
    "Moscow denies targeting civilians and says it strikes only military infrastructure.",
    "{official} urged residents to stay in shelters and to follow instructions from the authorities.",
    "Russia calls its actions in Ukraine a special military operation; Kyiv and the West call them an "
    "unprovoked war of aggression.",
    "Fighting has raged around {place} for weeks, with both sides reporting heavy losses.",
    "The Kremlin did not immediately respond to a request for comment.",
    "Western officials said the offensive had stalled, citing intelligence assessments.",
    "Electricity and water supplies were cut in parts of {place} after the strikes, {official} said.",
    "Since 2014, the region has been partly controlled by Russian-backed separatists.",
    "President Volodymyr Zelenskiy said in his nightly video address that the coming days would be decisive.",
    "Humanitarian groups have called for safe corridors so that civilians can leave the city.",
    "The situation on the front line remains difficult, a military spokesman told reporters on {weekday}.",
    "Reuters journalists in {place} saw damaged apartment blocks and burnt-out cars.",
    "Talks between the two sides have been frozen since the spring.",
    "Several villages around {place} changed hands during the fighting, according to local reports.",
    "Prices of grain and fuel have risen sharply since the start of the war.",
    "The International Committee of the Red Cross said it was ready to help evacuate the wounded.",
    "Officials in {place} said schools would remain closed until further notice.",
)


def prose(rng: random.Random) -> str:
    """A sentence that reports no figure."""
    return rng.choice(PROSE).format(place=rng.choice(PLACES), weekday=rng.choice(WEEKDAYS),
                                    official=rng.choice(OFFICIALS).capitalize())


def figure(rng: random.Random, value: float) -> str:
    """`value` in one of the wordings of the value conventions (SPEC.md)."""
    n = max(2, int(value))
    style = rng.choice(("exact", "range", "at least", "more than", "up to", "about", "nearly", "vague"))
    if style == "exact":
        return f"{n:,}"
    if style == "range":
        low = max(1, int(n * rng.uniform(0.6, 0.9)))
        return f"between {low:,} and {int(n * rng.uniform(1.1, 1.5)):,}"
    if style == "vague":
        return "dozens of" if n < 100 else "hundreds of" if n < 1000 else "thousands of"
    return f"{style} {n:,}"


def sentences(rng: random.Random, day: int) -> list[str]:
    """The figures of one article, `day` days after START."""
    trend = 1 + day / 60
    place = rng.choice(PLACES)
    weekday = rng.choice(WEEKDAYS)
    official = rng.choice(OFFICIALS)
    pool = [
        f"Kyiv said {figure(rng, 60 * trend * rng.uniform(0.8, 1.2))} Russian soldiers were killed "
        f"in {place} on {weekday}.",
        f"Moscow said {figure(rng, 8 * trend * rng.uniform(0.7, 1.3))} Russian soldiers were killed "
        f"in {place} on {weekday}.",
        f"Kyiv said {figure(rng, 150 * rng.uniform(0.7, 1.3))} of its soldiers are killed every day.",
        f"Russian shelling killed {figure(rng, 12 * trend * rng.uniform(0.5, 1.5))} civilians in {place} "
        f"on {weekday}, {official} said.",
        f"The governor said {figure(rng, 30 * trend * rng.uniform(0.5, 1.5))} people were injured "
        f"in {place} on {weekday}.",
        f"More than {int(400 * rng.uniform(0.5, 2)):,} civilians are trapped in {place}, {official} said.",
        f"Some {int(2000 * trend * rng.uniform(0.5, 1.5)):,} people were evacuated from {place} on "
        f"{weekday}, {official} said.",
        f"About {int(9000 * trend * rng.uniform(0.8, 1.2)):,} people have fled {place}, "
        "the U.N. refugee agency said.",
        f"Moscow said {figure(rng, 300 * trend * rng.uniform(0.5, 1.5))} Ukrainian soldiers were captured "
        f"near {place}.",
        f"The United States pledged ${rng.choice((150, 300, 450, 800))} million in military aid "
        "to Ukraine, Washington said.",
        f"The European Union pledged {rng.choice((50, 100, 500))} million euros in humanitarian aid, "
        "Brussels said.",
        f"The Ukrainian military said Russian forces carried out {figure(rng, 20 * rng.uniform(0.5, 1.5))} "
        f"air strikes on {place} on {weekday}.",
    ]
    return rng.sample(pool, rng.randint(2, 5))


def republished(rng: random.Random, original: dict[str, str], i: int, seed: int) -> dict[str, str]:
    """A copy of `original` as another outlet republishes it: other boilerplate, title, URL,
    publisher, published a day later."""
    published = date.fromisoformat(original["published"]) + timedelta(days=1)
    return {
        "id": f"gen-{seed}-{i:05d}",
        "url": f"https://example.net/republished/{seed}/{i:05d}",
        "title": f"Republished: {original['title']}",
        "publisher": "Example Daily",
        "published": published.isoformat(),
        "text": f"{original['text']}\n\n{rng.choice(BOILERPLATE)}",
    }


def generate(articles: int, seed: int, copies: float = 0.0, prose_per_figure: int = 0) -> list[dict[str, str]]:
    """`articles` articles as dicts with the JSONL article fields (SPEC.md "Article inputs"); a
    share `copies` of them republished copies of earlier ones; about `prose_per_figure` sentences
    without a figure beside each one with a figure."""
    rng = random.Random(seed)
    corpus: list[dict[str, str]] = []
    copy_rng = random.Random(seed + 1)  # a separate stream: copies=0 gives the corpus it always gave
    prose_rng = random.Random(seed + 2)  # and prose=0 too
    for i in range(articles):
        if copies and corpus and copy_rng.random() < copies:
            corpus.append(republished(copy_rng, copy_rng.choice(corpus), i, seed))
            continue
        day = rng.randrange(DAYS)
        published = START + timedelta(days=day)
        body = "\n\n".join(_with_prose(prose_rng, sentences(rng, day), prose_per_figure))
        corpus.append({
            "id": f"gen-{seed}-{i:05d}",
            "url": f"https://example.org/generated/{seed}/{i:05d}",
            "title": f"Generated report {i + 1}: fighting in the east",
            "publisher": rng.choice(PUBLISHERS),
            "published": published.isoformat(),
            "text": body,
        })
    return corpus


def _with_prose(rng: random.Random, figures: list[str], per_figure: int) -> list[str]:
    """Paragraphs: each figure sentence followed by 0 to 2 * `per_figure` prose sentences, some of
    them in its paragraph, the rest in paragraphs of their own."""
    if not per_figure:
        return figures
    paragraphs = []
    for sentence in figures:
        others = [prose(rng) for _ in range(rng.randint(0, 2 * per_figure))]
        split = rng.randint(0, len(others))
        paragraphs.append(" ".join([sentence, *others[:split]]))
        paragraphs.extend(" ".join(others[k:k + 2]) for k in range(split, len(others), 2))
    return paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--copies", type=float, default=0.0,
                        help="share of articles that are republished copies of earlier ones (default 0)")
    parser.add_argument("--prose", type=int, default=0,
                        help="about this many sentences without a figure beside each figure (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="JSON lines file to write")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for article in generate(args.articles, args.seed, args.copies, args.prose):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
