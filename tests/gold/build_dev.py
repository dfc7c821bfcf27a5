#!/usr/bin/env python3
"""Source of the development gold set (see README.md in this folder).

    cd /work/main && uv run python tests/gold/build_dev.py

writes dev.articles.jsonl, dev.gold.jsonl, dev.articles_gold.json and dev.negatives.jsonl
next to this file. The texts are fictional, written for testing; the claims are what an
analyst expects under /work/shared/SPEC.md. Edit here, not in the generated files.

Claim shorthand: c(metric, q, x, y=None, **attrs)
  q: ex exact | rng range X..Y | atl at_least | mt more_than | atm at_most |
     apx about/around/some (0.9X, X, 1.1X) | nr nearly/almost/close to/just under (0.9X, X, X) |
     vg vague (x = the vague phrase, e.g. "dozens")
  as_of / period_start: "pub", "pub-1", "pub-7", a weekday "Tue" (latest on or before
  publication), an ISO date, or a list of accepted values. period_start defaults to null
  (the text states no period); "omit" leaves a key unscored.
  scope: incident | period | cumulative | stock | rate | unknown, or a list of accepted ones
  (SPEC "Series"; conventions in README.md). window=(start, end): the stated window of a
  `period` figure, as date tokens ("lastweek-start" / "lastweek-end": the calendar week before
  publication's, Monday to Sunday); it becomes period_start and period_end. When other scopes
  are accepted too, null is accepted for both. period_end is null for every other figure.
"""
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://gold.tally.example/dev/"

VAGUE = {
    "dozens": (24, 99), "several dozen": (36, 108), "hundreds": (200, 999),
    "several hundred": (300, 900), "thousands": (2000, 9999), "several thousand": (3000, 9000),
    "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
    "millions": (2000000, 9999999),
}
SCOPES = {"incident", "period", "cumulative", "stock", "rate", "unknown"}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
SRC_PUB = {"Reuters": ["Reuters"], "AP": ["AP", "Associated Press"], "AFP": ["AFP", "Agence France-Presse"]}

# canonical place first, then accepted spellings
KYIV = ["Kyiv", "Kiev"]
KHARKIV = ["Kharkiv", "Kharkov"]
LYSYCHANSK = ["Lysychansk", "Lisichansk"]
BAKHMUT = ["Bakhmut", "Artemovsk", "Artemivsk"]
MYKOLAIV = ["Mykolaiv", "Nikolaev", "Nikolayev"]
ODESA = ["Odesa", "Odessa"]
ZAPORIZHZHIA = ["Zaporizhzhia", "Zaporozhye", "Zaporizhia"]
SIEVIERODONETSK = ["Sievierodonetsk", "Severodonetsk", "Siverskodonetsk"]
US = ["United States", "U.S.", "Washington"]
EU = ["European Union", "EU"]


def r(x):
    return round(x, 6)


def values(q, x, y=None):
    if q == "ex":
        return "exact", x, x, x
    if q == "rng":
        return "range", x, r((x + y) / 2), y
    if q == "atl":
        return "at_least", x, x, None
    if q == "mt":
        return "more_than", x, x, None
    if q == "atm":
        return "at_most", None, x, x
    if q == "apx":
        return "approximate", r(0.9 * x), x, r(1.1 * x)
    if q == "nr":
        return "approximate", r(0.9 * x), x, x
    if q == "vg":
        lo, hi = VAGUE[x]
        return "vague", lo, lo, hi
    raise ValueError(q)


def c(metric, q, x, y=None, **kw):
    return dict(metric=metric, q=q, x=x, y=y, **kw)


A = []  # articles


def art(n, publisher, published, title, text, claims, negatives=(), inferred=None):
    A.append(dict(n=n, publisher=publisher, published=published, title=title, text=text.strip(),
                  claims=claims, negatives=list(negatives), inferred=inferred))


# ---------------------------------------------------------------- Russia-Ukraine
art(1, "Reuters", "2022-06-21", "Russian shelling kills at least 14 in Kharkiv", """
KHARKIV, Ukraine (Reuters) - Russian shelling killed at least 14 people and wounded 97 in Kharkiv on Tuesday, regional governor Oleh Syniehubov said on Telegram.

Shells hit a market and a tram depot shortly after 8 am, Syniehubov said. Russian forces had shelled the city 23 times in the past 24 hours, he said.

Kharkiv, Ukraine's second-largest city, is home to about 1.4 million people.
""", [
    c("killed", "atl", 14, category="unspecified", as_of="Tue", source=["Oleh Syniehubov", "governor"], location=KHARKIV, scope='incident', note="Russian shelling killed at least 14 people"),
    c("injured", "ex", 97, category="unspecified", as_of="Tue", source=["Oleh Syniehubov", "governor"], location=KHARKIV, scope='incident', note="wounded 97 in Kharkiv on Tuesday"),
    c("strikes", "ex", 23, as_of="pub", source=["Oleh Syniehubov", "governor"], location=KHARKIV, scope='period', window=('pub-1', 'pub'), note="had shelled the city 23 times"),
    c("population", "apx", 1.4e6, as_of="pub", source=SRC_PUB["Reuters"], location=KHARKIV, scope='stock', note="home to about 1.4 million people"),
], ["8 am", "24 hours"])

art(2, "Reuters", "2022-06-28", "Missile strike on Kremenchuk shopping centre kills at least 18", """
KREMENCHUK, Ukraine (Reuters) - A Russian missile strike on a crowded shopping centre in the central Ukrainian city of Kremenchuk on Monday killed at least 18 people, officials said, and rescuers were still searching for around 20 people listed as missing.

Poltava regional governor Dmytro Lunin told reporters that 59 people had been wounded, among them 25 who were in a serious condition.

Moscow said its Kh-22 missiles had struck a weapons depot next to the mall. Kremenchuk, an industrial city of some 220,000 people, lies on the Dnipro river.
""", [
    c("killed", "atl", 18, category="unspecified", as_of="Mon", source=["officials"], location="Kremenchuk", scope='incident', note="on Monday killed at least 18 people"),
    c("missing", "apx", 20, category="unspecified", as_of=["pub", "Mon"], source=["officials", "Reuters"], location="Kremenchuk", scope=['stock', 'incident'], note="around 20 people listed as missing"),
    c("injured", "ex", 59, category="unspecified", as_of="pub", source=["Dmytro Lunin", "governor"], location=["Kremenchuk", "Poltava"], scope='incident', note="59 people had been wounded"),
    c("injured", "ex", 25, category="unspecified", as_of="pub", source=["Dmytro Lunin", "governor"], location=["Kremenchuk", "Poltava"], scope='incident', note="among them 25 who were in a serious condition"),
    c("population", "apx", 220000, as_of="pub", source=SRC_PUB["Reuters"], location="Kremenchuk", scope='stock', note="an industrial city of some 220,000 people"),
], ["Kh-22"])

art(3, "AP", "2022-03-16", "Thousands flee Mariupol through humanitarian corridor", """
ZAPORIZHZHIA, Ukraine (AP) — About 20,000 civilians left the besieged port city of Mariupol through a humanitarian corridor on Tuesday, Kyrylo Tymoshenko, deputy head of the presidential office, said.

Hundreds of thousands of people remain trapped in Mariupol without water, heat or power, the city council said. It said 2,357 residents had been killed since the start of the war, a figure officials described as incomplete.

About 4,000 private cars made it out along the corridor to Zaporizhzhia.
""", [
    c("evacuated", "apx", 20000, category="civilian", as_of="Tue", source=["Kyrylo Tymoshenko"], location="Mariupol", scope='incident', note="About 20,000 civilians left the besieged port city of Mariupol through a humanitarian corridor on Tuesday"),
    c("trapped", "vg", "hundreds of thousands", category="unspecified", as_of="pub", source=["city council"], location="Mariupol", scope='stock', note="Hundreds of thousands of people remain trapped in Mariupol"),
    c("killed", "ex", 2357, category="civilian", as_of="pub", period_start="2022-02-24", source=["city council", "Mariupol city council", "officials"], location="Mariupol", scope='cumulative', note="It said 2,357 residents had been killed since the start of the war"),
], ["About 4,000 private cars"])

art(4, "AFP", "2022-02-26", "Ukraine says 198 killed since invasion began", """
KIEV (AFP) - Ukrainian Health Minister Viktor Lyashko said on Saturday that 198 Ukrainians, including three children, had been killed since the invasion began on Thursday, and that 1,115 people had been wounded.

The UN refugee agency UNHCR said more than 120,000 people had already fled Ukraine into Poland, Moldova and other neighbouring countries.

In Kiev, thousands of residents spent the night sheltering in metro stations as explosions shook the capital shortly after 2:00 a.m.
""", [
    c("killed", "ex", 198, category="unspecified", party="Ukraine", as_of="Sat", period_start="2022-02-24", source=["Viktor Lyashko", "Health Minister"], scope='cumulative', note="198 Ukrainians, including three children, had been killed since the invasion began on Thursday"),
    c("killed", "ex", 3, category="civilian", party="Ukraine", as_of="Sat", period_start="2022-02-24", source=["Viktor Lyashko", "Health Minister"], scope='cumulative', note="including three children"),
    c("injured", "ex", 1115, category="unspecified", as_of="Sat", period_start="2022-02-24", source=["Viktor Lyashko", "Health Minister"], scope='cumulative', note="1,115 people had been wounded"),
    c("displaced", "mt", 120000, category="unspecified", as_of="pub", period_start="omit", source=["UNHCR", "UN refugee agency"], scope='cumulative', note="more than 120,000 people had already fled Ukraine"),
    c("trapped", "vg", "thousands", category="civilian", as_of="pub", source=SRC_PUB["AFP"], location=KYIV, scope='stock', note="thousands of residents spent the night sheltering in metro stations"),
], ["2:00 a.m."])

art(5, "Reuters", "2022-05-20", "Russia says 2,439 Azovstal fighters have surrendered", """
MOSCOW (Reuters) - Russia's defence ministry said on Friday that 2,439 Ukrainian fighters who had been holed up in the Azovstal steelworks in Mariupol had surrendered since Monday.

Among them was the commander of Ukraine's 36th Marine Brigade, the ministry said. Kyiv has said its troops were ordered to save their lives.

The International Committee of the Red Cross said it had registered hundreds of Ukrainian prisoners of war from the plant at the request of both sides.
""", [
    c("captured", "ex", 2439, category="military", party="Ukraine", as_of="Fri", period_start="Mon", source=["defence ministry", "Russia"], location="Mariupol", scope='cumulative', note="2,439 Ukrainian fighters who had been holed up in the Azovstal steelworks in Mariupol had surrendered"),
    c("captured", "vg", "hundreds", category="military", party="Ukraine", as_of="pub", source=["International Committee of the Red Cross", "ICRC", "Red Cross"], scope=['stock', 'cumulative'], note="registered hundreds of Ukrainian prisoners of war"),
], ["36th Marine Brigade"])

art(6, "Reuters", "2022-06-03", "Zelenskiy says up to 100 Ukrainian soldiers killed every day", """
KYIV (Reuters) - Ukrainian President Volodymyr Zelenskiy said up to 100 Ukrainian soldiers were being killed every day and as many as 500 wounded in fighting in the east.

Russian forces now occupy almost 20% of Ukraine, or about 125,000 square kilometres, he told lawmakers in Luxembourg on Thursday.

Zelenskiy also said some 12 million Ukrainians had been forced from their homes inside the country, and more than 5 million had left for abroad.
""", [
    c("killed", "atm", 100, category="military", party="Ukraine", rate="per_day", as_of="pub", source=["Volodymyr Zelenskiy"], scope='rate', note="up to 100 Ukrainian soldiers were being killed every day"),
    c("injured", "atm", 500, category="military", party="Ukraine", rate="per_day", as_of="pub", source=["Volodymyr Zelenskiy"], scope='rate', note="as many as 500 wounded"),
    c("displaced", "apx", 12e6, category="unspecified", party="Ukraine", as_of="pub", period_start="omit", source=["Volodymyr Zelenskiy"], scope=['stock', 'cumulative'], note="some 12 million Ukrainians had been forced from their homes"),
    c("displaced", "mt", 5e6, category="unspecified", party="Ukraine", as_of="pub", period_start="omit", source=["Volodymyr Zelenskiy"], scope='cumulative', note="more than 5 million had left for abroad"),
], ["almost 20%", "125,000 square kilometres"])

art(7, "AP", "2022-10-10", "Russia strikes cities across Ukraine, killing at least 11", """
KYIV, Ukraine (AP) — Russia launched 84 missile strikes and 24 drone attacks on cities across Ukraine on Monday, killing at least 11 people and injuring 64, Ukraine's General Staff said.

The first explosions shook central Kyiv shortly after 8 a.m., days after a blast damaged the Kerch bridge to Crimea. Power was cut in parts of Lviv, Kharkiv and Ternopil.

President Volodymyr Zelenskyy said the strikes were aimed at energy facilities and at people.
""", [
    c("strikes", "ex", 84, as_of="Mon", source=["General Staff"], scope='incident', note="84 missile strikes"),
    c("strikes", "ex", 24, as_of="Mon", source=["General Staff"], scope='incident', note="24 drone attacks"),
    c("killed", "atl", 11, category="unspecified", as_of="Mon", source=["General Staff"], scope='incident', note="killing at least 11 people"),
    c("injured", "ex", 64, category="unspecified", as_of="Mon", source=["General Staff"], scope='incident', note="injuring 64"),
], ["8 a.m."])

art(8, "Reuters", "2022-04-05", "Bodies of 410 civilians found around Kyiv, prosecutor says", """
KYIV (Reuters) - The bodies of 410 civilians have been removed from towns in the Kyiv region recaptured from Russian forces, Ukraine's Prosecutor General Iryna Venediktova said on Sunday.

In Bucha, a town of about 37,000 people northwest of the capital, Mayor Anatoliy Fedoruk said 280 people had been buried in mass graves.

Prosecutors have registered more than 4,000 war crimes cases since the invasion, Venediktova said.
""", [
    c("killed", "ex", 410, category="civilian", as_of="Sun", source=["Iryna Venediktova", "Prosecutor General"], location=KYIV, scope='cumulative', note="The bodies of 410 civilians have been removed"),
    c("population", "apx", 37000, as_of="pub", source=["Reuters", "Anatoliy Fedoruk"], location="Bucha", scope='stock', note="a town of about 37,000 people"),
    c("killed", "ex", 280, category="unspecified", as_of="pub", source=["Anatoliy Fedoruk", "Mayor"], location="Bucha", scope='cumulative', note="280 people had been buried in mass graves"),
], ["more than 4,000 war crimes cases"])

art(9, "AFP", "2022-07-04", "Russia claims Lisichansk, last Ukrainian-held city in Luhansk", """
MOSCOW (AFP) - Russian Defence Minister Sergei Shoigu told President Vladimir Putin over the weekend that Russian troops had taken full control of Lisichansk, the last major Ukrainian-held city in the Luhansk region.

In the same report, Shoigu put Ukrainian troop losses in the battle for Lisichansk at upwards of 5,000 killed and wounded, a figure AFP could not independently verify.

Luhansk governor Serhiy Gaidai said on Monday that about 15,000 civilians remained in Lysychansk, out of a pre-war population of around 100,000.
""", [
    c("casualties", "mt", 5000, category="military", party="Ukraine", as_of=["Sun", "pub"], source=["Sergei Shoigu"], location=LYSYCHANSK, scope=['cumulative', 'incident'], note="Ukrainian troop losses in the battle for Lisichansk at upwards of 5,000 killed and wounded"),
    c(["trapped", "population"], "apx", 15000, category="civilian", as_of="Mon", source=["Serhiy Gaidai", "governor"], location=LYSYCHANSK, scope='stock', note="about 15,000 civilians remained in Lysychansk", optional=True),
    c("population", "apx", 100000, as_of="pub", source=["Serhiy Gaidai", "governor"], location=LYSYCHANSK, scope='stock', note="a pre-war population of around 100,000"),
])

art(10, "Reuters", "2023-05-21", "Russia says Bakhmut captured; Prigozhin says 20,000 Wagner fighters died", """
MOSCOW/KYIV (Reuters) - Russia's defence ministry said on Sunday that Wagner fighters, backed by army units, had completed the capture of Artemovsk, the Russian name for Bakhmut, a city once home to about 70,000 people.

Wagner chief Yevgeny Prigozhin said in a video that some 20,000 of his fighters had been killed in the battle for the city. Less than 500 civilians remain in Bakhmut, Ukrainian officials say.

Ukraine's 93rd Brigade said its troops still held positions on the city's southwestern edge. Kyiv says Russian forces have lost well over 100,000 troops killed and wounded around Bakhmut since last summer.
""", [
    c("population", "apx", 70000, as_of="pub", source=["Reuters", "defence ministry"], location=BAKHMUT, scope='stock', note="a city once home to about 70,000 people"),
    c("killed", "apx", 20000, category="military", party=["Wagner", "Russia"], as_of="pub", source=["Yevgeny Prigozhin"], location=BAKHMUT, scope=['cumulative', 'incident'], note="some 20,000 of his fighters had been killed"),
    c(["population", "trapped"], "atm", 500, category="civilian", as_of="pub", source=["Ukrainian officials"], location=BAKHMUT, scope='stock', note="Less than 500 civilians remain in Bakhmut"),
    c("casualties", "mt", 100000, category="military", party="Russia", as_of="pub", period_start="omit", source=["Kyiv"], location=BAKHMUT, scope='cumulative', note="lost well over 100,000 troops killed and wounded around Bakhmut"),
], ["93rd Brigade"])

art(11, "AP", "2022-11-23", "Rockets hit Mykolaiv overnight, nine wounded", """
MYKOLAIV, Ukraine (AP) — Russian forces fired rockets at Mykolaiv overnight, wounding nine people, including two children, regional governor Vitaliy Kim said.

The southern port's population has fallen to about 230,000, Kim said. "We sleep in the corridor," said Olena Bondar, a 31-year-old teacher whose apartment windows were blown out.

Russia's Defense Ministry said on Telegram that its strikes near Nikolaev, as Russia calls the city, had killed up to 100 Ukrainian servicemen.
""", [
    c("injured", "ex", 9, category="unspecified", as_of="pub", source=["Vitaliy Kim", "governor"], location=MYKOLAIV, scope=['incident', 'period'], window=('pub-1', 'pub'), note="wounding nine people"),
    c("injured", "ex", 2, category="civilian", as_of="pub", source=["Vitaliy Kim", "governor"], location=MYKOLAIV, scope=['incident', 'period'], window=('pub-1', 'pub'), note="including two children"),
    c("population", "apx", 230000, as_of="pub", source=["Vitaliy Kim"], location=MYKOLAIV, scope='stock', note="population has fallen to about 230,000"),
    c("killed", "atm", 100, category="military", party="Ukraine", as_of="pub", source=["Defense Ministry", "Russia"], location=MYKOLAIV, scope=['incident', 'unknown'], note="had killed up to 100 Ukrainian servicemen"),
], ["31-year-old"])

art(12, "Reuters", "2023-01-14", "Missile hits Dnipro apartment block, killing at least 12", """
DNIPRO, Ukraine (Reuters) - A Russian missile hit a nine-storey apartment block in Dnipro on Saturday, killing at least 12 people and injuring 73, officials said, as dozens of residents were believed to be trapped under the rubble.

Rescuers had pulled 38 people from the wreckage by nightfall, regional governor Valentyn Reznichenko said on Telegram.

The strike was one of 28 missile strikes across the country on Saturday, Ukraine's air force said.
""", [
    c("killed", "atl", 12, category="unspecified", as_of="Sat", source=["officials"], location="Dnipro", scope='incident', note="killing at least 12 people"),
    c("injured", "ex", 73, category="unspecified", as_of="Sat", source=["officials"], location="Dnipro", scope='incident', note="injuring 73"),
    c("trapped", "vg", "dozens", category="civilian", as_of="Sat", source=["officials"], location="Dnipro", scope='stock', note="dozens of residents were believed to be trapped under the rubble"),
    c("evacuated", "ex", 38, category="unspecified", as_of="pub", source=["Valentyn Reznichenko", "governor"], location="Dnipro", scope=['incident', 'cumulative'], note="Rescuers had pulled 38 people from the wreckage"),
    c("strikes", "ex", 28, as_of="Sat", source=["air force"], scope=['incident', 'period'], window=('Sat', 'Sat'), note="one of 28 missile strikes across the country on Saturday"),
], ["nine-storey"])

art(13, "AFP", "2022-03-08", "Over two million have fled Ukraine, UN says", """
GENEVA (AFP) - More than two million people have fled Ukraine since February 24, UN refugee chief Filippo Grandi said on Tuesday, calling it the fastest exodus in Europe since World War II.

Poland alone has taken in over 1.2 million, according to its border guard service. Slovakia said yesterday that 140,000 people had entered from Ukraine.

The European Union has earmarked €500 million for humanitarian relief inside Ukraine and for refugees, EU crisis commissioner Janez Lenarcic said.
""", [
    c("displaced", "mt", 2e6, category="unspecified", as_of="Tue", period_start="2022-02-24", source=["Filippo Grandi", "UN refugee chief"], scope='cumulative', note="More than two million people have fled Ukraine since February 24"),
    c("displaced", "mt", 1.2e6, category="unspecified", as_of="pub", period_start="omit", source=["border guard"], location="Poland", scope='cumulative', note="Poland alone has taken in over 1.2 million"),
    c("displaced", "ex", 140000, category="unspecified", as_of="pub-1", period_start="omit", source=["Slovakia"], location="Slovakia", scope='cumulative', note="Slovakia said yesterday that 140,000 people had entered from Ukraine"),
    c("aid", "ex", 5e8, unit="EUR", category="humanitarian", party=EU, as_of="pub", source=["Janez Lenarcic"], scope=['incident', 'cumulative'], note="earmarked €500 million for humanitarian relief"),
], ["World War II"])

art(14, "Reuters", "2022-06-30", "Britain pledges another £1 billion in military aid to Ukraine", """
MADRID (Reuters) - Britain will give Ukraine another £1 billion ($1.2 billion) in military support, including air defence systems and drones, Prime Minister Boris Johnson said on Thursday.

The new pledge takes Britain's military aid to Ukraine to £2.3 billion since the start of the war, more than any country except the United States, his office said.

Johnson was speaking at the end of a summit of the 30 NATO countries in Madrid.
""", [
    c("aid", "ex", 1e9, unit="GBP", category="military", party=["United Kingdom", "Britain"], as_of="Thu", source=["Boris Johnson"], scope='incident', note="another £1 billion ($1.2 billion) in military support"),
    c("aid", "ex", 2.3e9, unit="GBP", category="military", party=["United Kingdom", "Britain"], as_of="pub", period_start="2022-02-24", source=["his office", "Johnson", "Downing Street"], scope='cumulative', note="£2.3 billion since the start of the war"),
], ["30 NATO countries"])

art(15, "AP", "2023-01-25", "Germany to send Leopard tanks; US aid tops $26.7 billion", """
BERLIN (AP) — Germany said Wednesday it would send 14 Leopard 2 tanks to Ukraine and allow other countries to re-export theirs, ending weeks of debate among allies.

Washington is expected to announce that it will send 31 M1 Abrams tanks as part of a package worth about $400 million, according to U.S. officials.

The United States has committed more than $26.7 billion in military aid to Ukraine since Russia invaded on Feb. 24, 2022.
""", [
    c("aid", "apx", 4e8, unit="USD", category="military", party=US, as_of="pub", source=["U.S. officials", "US officials"], scope='incident', note="a package worth about $400 million"),
    c("aid", "mt", 26.7e9, unit="USD", category="military", party=US, as_of="pub", period_start="2022-02-24", source=SRC_PUB["AP"] + US, scope='cumulative', note="more than $26.7 billion in military aid to Ukraine since Russia invaded on Feb. 24, 2022"),
], ["14 Leopard 2 tanks", "31 M1 Abrams tanks"])

art(16, "Reuters", "2022-10-11", "Missiles hit Zaporizhzhia overnight, one killed", """
ZAPORIZHZHIA, Ukraine (Reuters) - Russian missiles struck residential buildings in Zaporizhzhia overnight, killing one person and wounding five, the city council said.

Vladimir Rogov, a Russian-installed official in the region, said on Telegram that no one had been killed when Ukrainian shells hit the town of Vasylivka on Monday.

Zaporizhzhia, home to roughly 700,000 people, lies about 50 km from the front line.
""", [
    c("killed", "ex", 1, category="unspecified", as_of="pub", source=["city council"], location=ZAPORIZHZHIA, scope=['incident', 'period'], window=('pub-1', 'pub'), note="killing one person"),
    c("injured", "ex", 5, category="unspecified", as_of="pub", source=["city council"], location=ZAPORIZHZHIA, scope=['incident', 'period'], window=('pub-1', 'pub'), note="wounding five"),
    c("killed", "ex", 0, category="unspecified", as_of="Mon", source=["Vladimir Rogov"], location="Vasylivka", scope='incident', note="no one had been killed when Ukrainian shells hit the town of Vasylivka on Monday"),
    c("population", "apx", 700000, as_of="pub", source=SRC_PUB["Reuters"], location=ZAPORIZHZHIA, scope='stock', note="home to roughly 700,000 people"),
], ["50 km"])

art(17, "AFP", "2023-07-20", "Russian strikes on Odessa kill two for third night running", """
ODESSA, Ukraine (AFP) - Russian missiles and drones pounded Odessa for the third night in a row, killing two people and injuring 27, regional governor Oleg Kiper said on Thursday.

The strikes destroyed more than 60,000 tonnes of grain at the port, the agriculture ministry said.

Odessa, a Black Sea port home to just under one million people, has been targeted since Moscow quit a deal allowing Ukraine to export grain.
""", [
    c("killed", "ex", 2, category="unspecified", as_of="Thu", source=["Oleg Kiper", "governor"], location=ODESA, scope='incident', note="killing two people"),
    c("injured", "ex", 27, category="unspecified", as_of="Thu", source=["Oleg Kiper", "governor"], location=ODESA, scope='incident', note="injuring 27"),
    c("population", "nr", 1e6, as_of="pub", source=SRC_PUB["AFP"], location=ODESA, scope='stock', note="home to just under one million people"),
], ["third night", "60,000 tonnes"])

art(18, "Reuters", None, "Ukraine says it has retaken hundreds of settlements in Kharkiv region", """
KYIV (Reuters) - Ukraine's military said on Tuesday it had recaptured more than 300 settlements in the Kharkiv region in a lightning counteroffensive that has pushed Russian troops back to the Oskil river.

On September 10, 2022, Russia's defence ministry announced it was "regrouping" its forces from the area around Balakliia and Izium. Zelenskiy said Ukrainian forces had retaken some 6,000 square kilometres.

In Balakliia, regional police chief Volodymyr Tymoshko said the bodies of at least 17 civilians had been found, and that about 40 residents had been detained by Russian forces during the occupation.
""", [
    c("killed", "atl", 17, category="civilian", as_of="pub", source=["Volodymyr Tymoshko", "police chief"], location=["Balakliia", "Balakleya", "Balakliya"], scope='cumulative', note="the bodies of at least 17 civilians had been found"),
    c("captured", "apx", 40, category="civilian", as_of="pub", source=["Volodymyr Tymoshko", "police chief"], location=["Balakliia", "Balakleya", "Balakliya"], scope='cumulative', note="about 40 residents had been detained by Russian forces"),
], ["more than 300 settlements", "September 10, 2022", "6,000 square kilometres"], inferred="2022-09-13")

art(23, "Reuters", "2022-08-09", "US announces $1 billion in arms, $4.5 billion budget aid for Ukraine", """
WASHINGTON (Reuters) - The United States announced on Monday an additional $1 billion in military aid for Ukraine, including more ammunition for HIMARS rocket launchers and 16 howitzers, and $4.5 billion in budget support to help Kyiv pay salaries and pensions.

U.S. Under Secretary of Defense Colin Kahl told reporters at the Pentagon that Russian troops had suffered 70,000 to 80,000 casualties since February 24.

The new package brings U.S. security assistance to Ukraine since the invasion to about $9.1 billion.
""", [
    c("aid", "ex", 1e9, unit="USD", category="military", party=US, as_of="Mon", source=US, scope='incident', note="an additional $1 billion in military aid for Ukraine"),
    c("aid", "ex", 4.5e9, unit="USD", category="financial", party=US, as_of="Mon", source=US, scope='incident', note="$4.5 billion in budget support"),
    c("casualties", "rng", 70000, 80000, category="military", party="Russia", as_of="pub", period_start="2022-02-24", source=["Colin Kahl"], scope='cumulative', note="Russian troops had suffered 70,000 to 80,000 casualties since February 24"),
    c("aid", "apx", 9.1e9, unit="USD", category="military", party=US, as_of="pub", period_start="2022-02-24", source=SRC_PUB["Reuters"], scope='cumulative', note="U.S. security assistance to Ukraine since the invasion to about $9.1 billion"),
], ["HIMARS", "16 howitzers"])

art(24, "AP", "2023-06-06", "Kakhovka dam destroyed; thousands in flood zone", """
KHERSON, Ukraine (AP) — Ukraine accused Russian forces of blowing up the Kakhovka dam early Tuesday, flooding villages along the Dnipro River.

Kherson regional governor Oleksandr Prokudin said about 16,000 people lived in the flood zone on the western bank, and that 1,300 residents had been evacuated by Tuesday evening.

A Russian-installed official, Vladimir Leontyev, said 14 settlements on the Russian-held eastern bank had been flooded.
""", [
    c("population", "apx", 16000, as_of="pub", source=["Oleksandr Prokudin", "governor"], location="Kherson", scope='stock', note="about 16,000 people lived in the flood zone"),
    c("evacuated", "ex", 1300, category="civilian", as_of="Tue", source=["Oleksandr Prokudin", "governor"], location="Kherson", scope=['cumulative', 'incident'], note="1,300 residents had been evacuated by Tuesday evening"),
], ["14 settlements"])

art(25, "AFP", "2022-06-10", "Ukraine losing 100 to 200 soldiers a day, adviser says", """
KYIV (AFP) - Ukraine is seeing 100 to 200 of its soldiers killed a day on the eastern front, presidential adviser Mykhailo Podolyak told the BBC.

Russian shelling of Sievierodonetsk on June 3 killed four civilians, Luhansk governor Serhiy Gaidai said. In mid-May, Gaidai said, some 15,000 residents were still sheltering in Severodonetsk's basements and bomb shelters.
""", [
    c("killed", "rng", 100, 200, category="military", party="Ukraine", rate="per_day", as_of="pub", source=["Mykhailo Podolyak"], scope='rate', note="100 to 200 of its soldiers killed a day"),
    c("killed", "ex", 4, category="civilian", as_of="2022-06-03", source=["Serhiy Gaidai", "governor"], location=SIEVIERODONETSK, scope='incident', note="Russian shelling of Sievierodonetsk on June 3 killed four civilians"),
    c("trapped", "apx", 15000, category="civilian", as_of="2022-05-15", source=["Serhiy Gaidai", "governor"], location=SIEVIERODONETSK, scope='stock', note="In mid-May, Gaidai said, some 15,000 residents were still sheltering"),
])

art(26, "Reuters", "2022-07-15", "Vinnytsia death toll rises to 23, dozens missing", """
VINNYTSIA, Ukraine (Reuters) - The death toll from Thursday's Russian missile strike on the central city of Vinnytsia rose to 23 on Friday, with 39 people still missing, the national police said.

More than 100 people were wounded in the attack, which hit an office building and a concert hall at around 10:40 a.m., police said.

On Tuesday, Russian rockets hit the southern city of Mykolaiv, killing five people, said Governor Vitaliy Kim.
""", [
    c("killed", "ex", 23, category="unspecified", as_of="Fri", source=["national police", "police"], location=["Vinnytsia", "Vinnytsya"], scope='incident', note="The death toll from Thursday's Russian missile strike on the central city of Vinnytsia rose to 23 on Friday"),
    c("missing", "ex", 39, category="unspecified", as_of="Fri", source=["national police", "police"], location=["Vinnytsia", "Vinnytsya"], scope=['stock', 'incident'], note="39 people still missing"),
    c("injured", "mt", 100, category="unspecified", as_of=["Thu", "pub"], source=["police"], location=["Vinnytsia", "Vinnytsya"], scope='incident', note="More than 100 people were wounded in the attack"),
    c("killed", "ex", 5, category="unspecified", as_of="Tue", source=["Vitaliy Kim", "governor"], location=MYKOLAIV, scope='incident', note="killing five people"),
], ["10:40 a.m."])

art(27, "AP", "2022-11-24", "Shelling kills a dozen in recaptured Kherson", """
KHERSON, Ukraine (AP) — Russian shelling killed a dozen people in Kherson on Thursday and wounded dozens more, regional governor Yaroslav Yanushevych said, two weeks after Ukrainian forces recaptured the city.

The city, which Russian troops occupied for eight months, now has fewer than 80,000 residents, said Roman Mrochko, head of the city's military administration. Power and water have yet to be restored in most districts.
""", [
    c("killed", "ex", 12, category="unspecified", as_of="Thu", source=["Yaroslav Yanushevych", "governor"], location="Kherson", scope='incident', note="killed a dozen people in Kherson on Thursday"),
    c("injured", "vg", "dozens", category="unspecified", as_of="Thu", source=["Yaroslav Yanushevych", "governor"], location="Kherson", scope='incident', note="wounded dozens more"),
    c("population", "atm", 80000, as_of="pub", source=["Roman Mrochko"], location="Kherson", scope='stock', note="now has fewer than 80,000 residents"),
], ["two weeks after", "eight months"])

art(28, "AFP", "2023-02-24", "A year of war: UN counts 8,006 civilian deaths", """
KYIV (AFP) - Ukraine marked the first anniversary of Russia's invasion on Friday, as the UN human rights office said it had recorded 8,006 civilian deaths and 13,287 injuries since February 24 last year, warning that the true figures were considerably higher.

More than 8 million refugees from Ukraine have been recorded across Europe, according to the UN refugee agency.

Western officials estimate that close to 200,000 Russian troops have been killed or wounded, a figure Moscow disputes.
""", [
    c("killed", "ex", 8006, category="civilian", as_of="Fri", period_start="2022-02-24", source=["UN human rights office"], scope='cumulative', note="8,006 civilian deaths"),
    c("injured", "ex", 13287, category="civilian", as_of="Fri", period_start="2022-02-24", source=["UN human rights office"], scope='cumulative', note="13,287 injuries since February 24 last year"),
    c("displaced", "mt", 8e6, category="unspecified", as_of="pub", period_start="omit", source=["UN refugee agency", "UNHCR"], scope=['stock', 'cumulative'], note="More than 8 million refugees from Ukraine"),
    c("casualties", "nr", 200000, category="military", party="Russia", as_of="pub", period_start="omit", source=["Western officials"], scope='cumulative', note="close to 200,000 Russian troops have been killed or wounded"),
], ["first anniversary"])

art(29, "Reuters", "2022-05-03", "More than 100 civilians evacuated from Azovstal over weekend", """
ZAPORIZHZHIA, Ukraine (Reuters) - More than 100 civilians were evacuated from the Azovstal steel plant in Mariupol over the weekend, UN humanitarian coordinator Osnat Lubrani said on Tuesday.

A convoy carrying 156 people from Mariupol and nearby towns arrived in Zaporizhzhia on Tuesday morning, President Volodymyr Zelenskiy said.

Several hundred fighters and civilians remain in bunkers beneath the plant, said Svyatoslav Palamar, deputy commander of the Azov Regiment. Mariupol mayor Vadym Boychenko said around 100,000 residents were still trapped in the city.
""", [
    c("evacuated", "mt", 100, category="civilian", as_of="Sun", source=["Osnat Lubrani"], location="Mariupol", scope=['period', 'incident'], window=('Sat', 'Sun'), note="More than 100 civilians were evacuated from the Azovstal steel plant in Mariupol over the weekend"),
    c("evacuated", "ex", 156, category="unspecified", as_of="Tue", source=["Volodymyr Zelenskiy"], location=[ZAPORIZHZHIA[0], "Mariupol"] + ZAPORIZHZHIA[1:], scope='incident', note="A convoy carrying 156 people from Mariupol"),
    c("trapped", "vg", "several hundred", category="mixed", as_of="pub", source=["Svyatoslav Palamar"], location="Mariupol", scope='stock', note="Several hundred fighters and civilians remain in bunkers beneath the plant"),
    c("trapped", "apx", 100000, category="civilian", as_of="pub", source=["Vadym Boychenko", "mayor"], location="Mariupol", scope='stock', note="around 100,000 residents were still trapped in the city"),
])

art(30, "AP", "2022-04-08", "Rocket attack on Kramatorsk station kills 52", """
KRAMATORSK, Ukraine (AP) — A rocket attack on a railway station in the eastern city of Kramatorsk killed 52 people, among them five children, and wounded more than 100 as civilians tried to flee Russia's offensive, Donetsk regional governor Pavlo Kyrylenko said Friday.

Ukrainian officials said the station was hit by a Tochka-U missile carrying cluster munitions. Russia's Defense Ministry denied it was responsible.

Kramatorsk, a city of roughly 150,000 people, has been the administrative center of the Ukrainian-held part of the Donetsk region since 2014.
""", [
    c("killed", "ex", 52, category=["unspecified", "civilian"], as_of="Fri", source=["Pavlo Kyrylenko", "governor"], location="Kramatorsk", scope='incident', note="killed 52 people"),
    c("killed", "ex", 5, category="civilian", as_of="Fri", source=["Pavlo Kyrylenko", "governor"], location="Kramatorsk", scope='incident', note="among them five children"),
    c("injured", "mt", 100, category=["unspecified", "civilian"], as_of="Fri", source=["Pavlo Kyrylenko", "governor"], location="Kramatorsk", scope='incident', note="wounded more than 100"),
    c("population", "apx", 150000, as_of="pub", source=SRC_PUB["AP"], location="Kramatorsk", scope='stock', note="a city of roughly 150,000 people"),
], ["Tochka-U", "2014"])

art(31, "Reuters", "2022-09-22", "Ukraine frees 215 soldiers in swap with Russia", """
KYIV (Reuters) - Ukraine said on Thursday it had secured the release of 215 of its soldiers in a prisoner swap with Russia, among them 108 members of the Azov Regiment, in exchange for 55 Russian servicemen and pro-Kremlin politician Viktor Medvedchuk.

The exchange was brokered by Turkey and Saudi Arabia, officials said. Ukraine's human rights ombudsman Dmytro Lubinets said from 2,500 to 3,000 Ukrainians remained in Russian captivity.
""", [
    c("captured", "ex", 215, category="military", party="Ukraine", as_of="Thu", source=["Ukraine", "Kyiv"], scope='incident', note="the release of 215 of its soldiers in a prisoner swap"),
    c("captured", "ex", 108, category=["military", "unspecified"], party="Ukraine", as_of="Thu", source=["Ukraine", "Kyiv"], scope='incident', note="among them 108 members of the Azov Regiment"),
    c("captured", "ex", 55, category="military", party="Russia", as_of="Thu", source=["Ukraine", "Kyiv"], scope='incident', note="55 Russian servicemen"),
    c("captured", "rng", 2500, 3000, category="unspecified", party="Ukraine", as_of="pub", source=["Dmytro Lubinets", "ombudsman"], scope='stock', note="from 2,500 to 3,000 Ukrainians remained in Russian captivity"),
])

art(32, "AFP", "2022-10-18", "Drone strikes on Kyiv kill four", """
KYIV (AFP) - Russian drone strikes on Kyiv yesterday killed four people, including a pregnant woman, the city's mayor Vitali Klitschko said.

The attacks used Iranian-made Shahed-136 drones, Ukrainian officials said. Energy Minister German Galushchenko said Russian strikes had damaged about 30% of the country's power stations in the past week.

President Volodymyr Zelensky said Russia had carried out more than 190 strikes on energy infrastructure since October 10.
""", [
    c("killed", "ex", 4, category="unspecified", as_of="pub-1", source=["Vitali Klitschko", "mayor"], location=KYIV, scope='incident', note="Russian drone strikes on Kyiv yesterday killed four people"),
    c("killed", "ex", 1, category="civilian", as_of="pub-1", source=["Vitali Klitschko", "mayor"], location=KYIV, scope='incident', note="including a pregnant woman", optional=True),
    c("strikes", "mt", 190, as_of="pub", period_start="2022-10-10", source=["Volodymyr Zelensky"], scope='cumulative', note="more than 190 strikes on energy infrastructure since October 10"),
], ["Shahed-136", "about 30%"])

art(33, "Reuters", "2023-03-10", "Russian missile barrage kills at least 11 across Ukraine", """
KYIV (Reuters) - Russia fired 81 missiles at Ukraine in one of its largest barrages of the war, killing at least 11 people, Ukrainian officials said on Friday.

Five of the dead were in a village in the Lviv region, where a missile hit a residential area, regional governor Maksym Kozytskyi said.

By Thursday morning, emergency crews had rescued 14 people from the rubble of a residential building in Kharkiv, city mayor Ihor Terekhov told reporters, adding that from five to seven people could still be buried there. The Zaporizhzhia nuclear power plant lost off-site power for the sixth time since Russian troops seized it, the IAEA said.
""", [
    c("strikes", "ex", 81, as_of="pub", source=["Ukrainian officials"], scope='incident', note="Russia fired 81 missiles at Ukraine", optional=True),
    c("killed", "atl", 11, category="unspecified", as_of="Fri", source=["Ukrainian officials"], scope='incident', note="killing at least 11 people"),
    c("killed", "ex", 5, category="unspecified", as_of="pub", source=["Maksym Kozytskyi", "governor"], location="Lviv", scope='incident', note="Five of the dead were in a village in the Lviv region", optional=True),
    c("evacuated", "ex", 14, category="unspecified", as_of="Thu", source=["Ihor Terekhov", "mayor"], location=KHARKIV, scope=['incident', 'cumulative'], note="By Thursday morning, emergency crews had rescued 14 people"),
    c(["trapped", "missing"], "rng", 5, 7, category="unspecified", as_of=["Thu", "pub"], source=["Ihor Terekhov", "mayor"], location=KHARKIV, scope=['stock', 'incident'], note="from five to seven people could still be buried there"),
], ["one of its largest", "sixth time"])

art(34, "AP", "2024-02-17", "Ukraine pulls troops out of Avdiivka", """
KYIV, Ukraine (AP) — Ukraine's military said Saturday it had withdrawn its troops from the eastern city of Avdiivka to save soldiers' lives, after months of fighting against larger Russian forces.

Russia's Defense Ministry claimed that Ukrainian forces had lost more than 1,500 troops in the previous 24 hours in Avdiivka. No more than 1,000 of the city's residents remained, local officials said.

A soldier from the 110th Brigade said dozens of wounded troops had been captured during the pullout.
""", [
    c("casualties", "mt", 1500, category="military", party="Ukraine", as_of="pub", source=["Defense Ministry", "Russia"], location="Avdiivka", scope='period', window=('pub-1', 'pub'), note="Ukrainian forces had lost more than 1,500 troops"),
    c(["population", "trapped"], "atm", 1000, category="civilian", as_of="pub", source=["local officials"], location="Avdiivka", scope='stock', note="No more than 1,000 of the city's residents remained"),
    c("captured", "vg", "dozens", category="military", party="Ukraine", as_of="pub", source=["soldier"], scope='incident', note="dozens of wounded troops had been captured during the pullout"),
], ["24 hours", "110th Brigade"])

art(35, "Reuters", "2024-05-11", "Nearly 1,800 evacuated as Russia attacks Kharkiv region", """
KHARKIV, Ukraine (Reuters) - Nearly 1,800 people have been evacuated from the Vovchansk area since Friday, when Russian forces launched a cross-border assault, Kharkiv regional governor Oleh Syniehubov said on Saturday.

Barely more than 2,500 people were still living in Vovchansk itself, he said. Russian forces shelled 30 settlements in the region over the past day, he added.

Russia's defence ministry said its troops had taken five villages in the Kharkov region.
""", [
    c("evacuated", "nr", 1800, category="unspecified", as_of="Sat", period_start="Fri", source=["Oleh Syniehubov", "governor"], location="Vovchansk", scope='cumulative', note="Nearly 1,800 people have been evacuated from the Vovchansk area since Friday"),
    c("population", "mt", 2500, as_of="pub", source=["Oleh Syniehubov", "governor"], location="Vovchansk", scope='stock', note="Barely more than 2,500 people were still living in Vovchansk itself"),
], ["30 settlements", "five villages"])

art(36, "AP", "2024-04-23", "Senate passes $61 billion in Ukraine aid", """
WASHINGTON (AP) — The U.S. Senate on Tuesday passed about $61 billion in aid for Ukraine, most of it for weapons and ammunition, ending months of delay.

Defense Secretary Lloyd Austin said the first weapons from a $1 billion package would reach Ukrainian troops within days.

Ukraine's government and the World Bank have estimated that rebuilding the country would cost $411 billion.
""", [
    c("aid", "apx", 61e9, unit="USD", category=["military", "unspecified"], party=US, as_of="Tue", source=["U.S. Senate", "Senate"] + SRC_PUB["AP"], scope='incident', note="passed about $61 billion in aid for Ukraine"),
    c("aid", "ex", 1e9, unit="USD", category="military", party=US, as_of="pub", source=["Lloyd Austin"], scope='incident', note="a $1 billion package"),
], ["$411 billion"])

art(37, "Reuters", "2023-06-12", "EU adds €2.5bn to Ukraine arms fund", """
BRUSSELS (Reuters) - The European Union will add €2.5bn to a fund that reimburses member states for weapons sent to Ukraine, EU foreign policy chief Josep Borrell said on Monday.

Germany separately pledged 1.5 billion euros in humanitarian and reconstruction aid, said its foreign minister, Annalena Baerbock.

The EU's total military support for Ukraine since the invasion began is close to €18 billion, Borrell said, counting contributions from all 27 member states.
""", [
    c("aid", "ex", 2.5e9, unit="EUR", category="military", party=EU, as_of="Mon", source=["Josep Borrell"], scope='incident', note="add €2.5bn to a fund that reimburses member states for weapons"),
    c("aid", "ex", 1.5e9, unit="EUR", category="humanitarian", party="Germany", as_of="pub", source=["Annalena Baerbock"], scope='incident', note="1.5 billion euros in humanitarian and reconstruction aid"),
    c("aid", "nr", 18e9, unit="EUR", category="military", party=EU, as_of="pub", period_start="2022-02-24", source=["Josep Borrell"], scope='cumulative', note="since the invasion began is close to €18 billion"),
], ["27 member states"])

art(48, "Reuters", "2024-01-02", "Russia strikes Kharkov after Belgorod attack", """
MOSCOW (Reuters) - Russia said on Tuesday it had carried out retaliatory strikes on Kharkov after a Ukrainian attack on the Russian city of Belgorod on December 30.

In a video address, Belgorod governor Vyacheslav Gladkov said twenty-five people were killed and one hundred and thirty injured in that attack. Russia said its S-300 air defence systems had intercepted most of the incoming rockets.

Ukrainian governor Oleh Syniehubov said about 20 people were injured in Kharkov on Tuesday.
""", [
    c("killed", "ex", 25, category="unspecified", as_of=["2023-12-30", "pub"], source=["Vyacheslav Gladkov", "governor"], location="Belgorod", scope='incident', note="twenty-five people were killed"),
    c("injured", "ex", 130, category="unspecified", as_of=["2023-12-30", "pub"], source=["Vyacheslav Gladkov", "governor"], location="Belgorod", scope='incident', note="one hundred and thirty injured in that attack"),
    c("injured", "apx", 20, category="unspecified", as_of="Tue", source=["Oleh Syniehubov", "governor"], location=KHARKIV, scope='incident', note="about 20 people were injured in Kharkov on Tuesday"),
], ["December 30", "S-300"])

art(49, "Reuters", "2023-04-20", "Russia suffering around 500 casualties a day, UK says", """
LONDON (Reuters) - Russian forces have been suffering around 500 casualties per day in the fighting around Bakhmut and Avdiivka, Britain's defence ministry said in an intelligence update on Thursday.

Ukraine's military said Russian forces were shelling the town of Kupiansk 40-50 times daily. Last week, Russian shelling killed seven civilians in Kupiansk, regional officials said.
""", [
    c("casualties", "apx", 500, category="military", party="Russia", rate="per_day", as_of="pub", source=["Britain's defence ministry", "British defence ministry", "defence ministry"], location=BAKHMUT + ["Avdiivka"], scope='rate', note="around 500 casualties per day"),
    c("strikes", "rng", 40, 50, rate="per_day", as_of="pub", source=["Ukraine's military", "Ukrainian military"], location="Kupiansk", scope='rate', note="shelling the town of Kupiansk 40-50 times daily"),
    c("killed", "ex", 7, category="civilian", as_of="pub-7", source=["regional officials"], location="Kupiansk", scope=['period', 'incident'], window=('lastweek-start', 'lastweek-end'), note="Last week, Russian shelling killed seven civilians in Kupiansk"),
])

art(50, "AFP", "2022-03-21", "Some 350,000 Ukrainians have crossed into Moldova", """
CHISINAU (AFP) - Some 350,000 people have crossed into Moldova from Ukraine since February 24, the Moldovan government said on Monday.

Around 4,000 people a day were still arriving at the Palanca border crossing, UNHCR spokeswoman Shabia Mantoo said. Millions more have been displaced inside Ukraine, she added.

Moldova, a country of 2.6 million people, is one of the poorest in Europe.
""", [
    c("displaced", "apx", 350000, category="unspecified", as_of="Mon", period_start="2022-02-24", source=["Moldovan government"], location="Moldova", scope='cumulative', note="Some 350,000 people have crossed into Moldova from Ukraine since February 24"),
    c("displaced", "apx", 4000, category="unspecified", rate="per_day", as_of="pub", source=["Shabia Mantoo", "UNHCR"], location=["Palanca", "Moldova"], scope='rate', note="Around 4,000 people a day were still arriving"),
    c("displaced", "vg", "millions", category="unspecified", as_of="pub", period_start="omit", source=["Shabia Mantoo", "UNHCR"], location="Ukraine", scope=['stock', 'cumulative'], note="Millions more have been displaced inside Ukraine"),
    c("population", "ex", 2.6e6, as_of="pub", source=SRC_PUB["AFP"], location="Moldova", scope='stock', note="a country of 2.6 million people"),
], ["one of the poorest"])

art(51, "AFP", "2022-03-10", "Two million have left Kiev, mayor says", """
KIEV (AFP) - Around two million people have left Kiev since the start of the Russian invasion, mayor Vitali Klitschko said on Thursday, adding that the capital had been "transformed into a fortress".

Up to 20,000 residents were brought out of the suburbs of Irpin and Bucha by bus on Wednesday, regional officials said.

Russian troops remain about 15 kilometres from the city centre.
""", [
    c("displaced", "apx", 2e6, category="unspecified", as_of="Thu", period_start="2022-02-24", source=["Vitali Klitschko", "mayor"], location=KYIV, scope='cumulative', note="Around two million people have left Kiev since the start of the Russian invasion"),
    c("evacuated", "atm", 20000, category="civilian", as_of="Wed", source=["regional officials"], location=["Irpin", "Bucha"], scope='incident', note="Up to 20,000 residents were brought out of the suburbs of Irpin and Bucha by bus on Wednesday"),
], ["15 kilometres"])

art(52, "Reuters", "2023-01-17", "EU pays first €3 billion of €18 billion Ukraine package", """
BRUSSELS (Reuters) - The European Union paid out the first €3 billion of an €18 billion loan package for Ukraine on Tuesday, European Commission President Ursula von der Leyen said.

The package will give Kyiv €1.5 billion each month throughout 2023 to help pay wages and pensions, she said.

Separately, Japan said it would provide $4.6 billion in additional financial support to Ukraine.
""", [
    c("aid", "ex", 3e9, unit="EUR", category="financial", party=EU, as_of="Tue", source=["Ursula von der Leyen"], scope='incident', note="paid out the first €3 billion"),
    c("aid", "ex", 18e9, unit="EUR", category="financial", party=EU, as_of="pub", source=["Ursula von der Leyen"], scope='incident', note="an €18 billion loan package"),
    c("aid", "ex", 1.5e9, unit="EUR", category="financial", party=EU, rate="per_month", as_of="pub", source=["Ursula von der Leyen"], scope='rate', note="€1.5 billion each month"),
    c("aid", "ex", 4.6e9, unit="USD", category="financial", party="Japan", as_of="pub", source=["Japan"], scope='incident', note="$4.6 billion in additional financial support"),
], ["throughout 2023"])

art(54, "Reuters", "2023-06-09", "Russia says Ukraine lost up to 250 troops in Zaporozhye region", """
MOSCOW (Reuters) - Russia's defence ministry said on Friday its forces had repelled Ukrainian attacks in the Zaporozhye region, and that Ukraine had lost up to 250 servicemen there in the past 24 hours.

It said its troops had destroyed eight Leopard 2 tanks in fighting that began at about 0500 GMT. No one was injured among Russian units, it said.

Ukraine's General Staff said Russian forces had lost between 300 and 400 troops killed in the Zaporizhzhia region over the same period.
""", [
    c("casualties", "atm", 250, category="military", party="Ukraine", as_of="Fri", source=["defence ministry", "Russia"], location=ZAPORIZHZHIA, scope='period', window=('Thu', 'Fri'), note="Ukraine had lost up to 250 servicemen there"),
    c("injured", "ex", 0, category="military", party="Russia", as_of="pub", source=["defence ministry", "Russia"], location=ZAPORIZHZHIA, scope='incident', note="No one was injured among Russian units"),
    c("killed", "rng", 300, 400, category="military", party="Russia", as_of="pub", source=["General Staff"], location=ZAPORIZHZHIA, scope='period', window=('Thu', 'Fri'), note="lost between 300 and 400 troops killed in the Zaporizhzhia region"),
], ["24 hours", "eight Leopard 2 tanks", "0500 GMT"])

art(55, "Reuters", "2022-06-24", "US unveils $450 million package for Ukraine", """
WASHINGTON (Reuters) - Ukraine will receive a new $450 million security assistance package from Washington that includes four more HIMARS rocket systems and 18 patrol boats, the Pentagon said on Thursday.

The U.S. has now committed about $6.1 billion in security assistance since Russia invaded on Feb. 24, a Pentagon official told reporters.

The International Monetary Fund said separately it would disburse $2bn in emergency financing to Kyiv.
""", [
    c("aid", "ex", 4.5e8, unit="USD", category="military", party=US, as_of="Thu", source=["Pentagon"], scope='incident', note="a new $450 million security assistance package from Washington"),
    c("aid", "apx", 6.1e9, unit="USD", category="military", party=US, as_of="pub", period_start="2022-02-24", source=["Pentagon official"], scope='cumulative', note="about $6.1 billion in security assistance since Russia invaded on Feb. 24"),
    c("aid", "ex", 2e9, unit="USD", category="financial", party=["International Monetary Fund", "IMF"], as_of="pub", source=["International Monetary Fund", "IMF"], scope='incident', note="$2bn in emergency financing"),
], ["four more HIMARS rocket systems", "18 patrol boats"])

# ---------------------------------------------------------------- other conflicts
art(19, "Reuters", None, "Fighting rages in Khartoum despite truce", """
KHARTOUM (Reuters) - Heavy fighting between Sudan's army and the paramilitary Rapid Support Forces shook Khartoum for a fifth day on Wednesday, despite a 24-hour truce announced by both sides.

The World Health Organization said at least 270 people had been killed and more than 2,600 injured in Sudan since the fighting erupted on April 15, 2023.

Tens of thousands of residents of Khartoum were trapped in their homes with dwindling food and water, aid agencies said.
""", [
    c("killed", "atl", 270, category="unspecified", as_of="pub", period_start="2023-04-15", source=["World Health Organization", "WHO"], location="Sudan", scope='cumulative', note="at least 270 people had been killed"),
    c("injured", "mt", 2600, category="unspecified", as_of="pub", period_start="2023-04-15", source=["World Health Organization", "WHO"], location="Sudan", scope='cumulative', note="more than 2,600 injured in Sudan"),
    c("trapped", "vg", "tens of thousands", category="civilian", as_of="pub", source=["aid agencies"], location="Khartoum", scope='stock', note="Tens of thousands of residents of Khartoum were trapped in their homes"),
], ["fifth day", "24-hour truce", "April 15, 2023"], inferred="2023-04-19")

art(20, "AFP", None, "Gaza toll passes 2,750 as Israel pounds territory", """
GAZA CITY/JERUSALEM (AFP) - Israeli air strikes pounded the Gaza Strip on Monday as the health ministry in the Hamas-run territory said 2,750 people had been killed and 9,700 wounded since October 7, 2023.

Israel says about 1,400 people were killed in the Hamas attack on that day. The Israeli army said on October 12, 2023 that Hamas was holding 126 hostages in Gaza.

The United Nations said about one million people had fled their homes in northern Gaza.
""", [
    c("killed", "ex", 2750, category="unspecified", as_of="Mon", period_start="2023-10-07", source=["health ministry"], location="Gaza", scope='cumulative', note="2,750 people had been killed"),
    c("injured", "ex", 9700, category="unspecified", as_of="Mon", period_start="2023-10-07", source=["health ministry"], location="Gaza", scope='cumulative', note="9,700 wounded since October 7, 2023"),
    c("killed", "apx", 1400, category="unspecified", as_of="2023-10-07", source=["Israel"], scope='incident', note="about 1,400 people were killed in the Hamas attack on that day"),
    c("captured", "ex", 126, category="unspecified", as_of="2023-10-12", source=["Israeli army", "army"], location="Gaza", scope='stock', note="Hamas was holding 126 hostages in Gaza"),
    c("displaced", "apx", 1e6, category="unspecified", as_of="pub", source=["United Nations", "UN"], location="Gaza", scope=['stock', 'cumulative'], note="about one million people had fled their homes in northern Gaza"),
], ["October 12, 2023"], inferred="2023-10-16")

art(21, "AP", None, "Death toll from Myanmar air strike on village rises to about 170", """
BANGKOK (AP) — The death toll from a Myanmar military air strike on a village gathering in the Sagaing region rose to about 170 on Wednesday, including around 40 children, according to a spokesperson for the opposition National Unity Government.

The attack on Pazigyi village began at about 8 a.m. on April 11, 2023, as villagers gathered for the opening of a local administration office. Witnesses said a fighter jet dropped bombs, followed by a helicopter gunship.

Myanmar's military has killed more than 3,200 civilians since seizing power on February 1, 2021, according to the Assistance Association for Political Prisoners.
""", [
    c("killed", "apx", 170, category="unspecified", as_of="Wed", source=["National Unity Government", "spokesperson"], location=["Pazigyi", "Sagaing"], scope='incident', note="rose to about 170 on Wednesday"),
    c("killed", "apx", 40, category="civilian", as_of="Wed", source=["National Unity Government", "spokesperson"], location=["Pazigyi", "Sagaing"], scope='incident', note="including around 40 children"),
    c("killed", "mt", 3200, category="civilian", as_of="pub", period_start="2021-02-01", source=["Assistance Association for Political Prisoners", "AAPP"], location="Myanmar", scope='cumulative', note="killed more than 3,200 civilians since seizing power on February 1, 2021"),
], ["8 a.m.", "April 11, 2023"], inferred="2023-04-12")

art(22, "AFP", None, "Burkina says dozens killed in Barsalogho attack", """
OUAGADOUGOU (AFP) - Burkina Faso's government said on Tuesday that an attack by jihadist fighters on the town of Barsalogho on August 24, 2024 had killed dozens of people, while residents said the toll was far higher.

A security source told AFP that between 200 and 300 people had been killed in Barsalogho, many of them while digging trenches around the town.

More than two million people have been displaced in Burkina Faso by jihadist violence, according to the United Nations.
""", [
    c("killed", "vg", "dozens", category="unspecified", as_of="2024-08-24", source=["government"], location="Barsalogho", scope='incident', note="had killed dozens of people"),
    c("killed", "rng", 200, 300, category="unspecified", as_of=["2024-08-24", "pub"], source=["security source"], location="Barsalogho", scope='incident', note="between 200 and 300 people had been killed in Barsalogho"),
    c("displaced", "mt", 2e6, category="unspecified", as_of="pub", period_start="omit", source=["United Nations", "UN"], location="Burkina Faso", scope=['stock', 'cumulative'], note="More than two million people have been displaced in Burkina Faso"),
], ["August 24, 2024"], inferred="2024-08-27")

art(38, "AFP", "2023-10-09", "Israel says 73 soldiers killed; Gaza toll 687", """
JERUSALEM (AFP) - The Israeli army said on Monday that 73 of its soldiers had been killed since Hamas fighters attacked on Saturday, as the overall death toll in Israel rose to just over 900.

In Gaza, the health ministry said 687 people had been killed and 3,726 wounded in Israeli strikes since Saturday.

The United Nations said more than 187,000 people in Gaza had fled their homes.
""", [
    c("killed", "ex", 73, category="military", party="Israel", as_of="Mon", period_start="Sat", source=["Israeli army", "army"], scope='cumulative', note="73 of its soldiers had been killed since Hamas fighters attacked on Saturday"),
    c("killed", "mt", 900, category="unspecified", as_of="pub", period_start="omit", source=["Israeli army", "AFP"], location="Israel", scope='cumulative', note="the overall death toll in Israel rose to just over 900"),
    c("killed", "ex", 687, category="unspecified", as_of="pub", period_start="Sat", source=["health ministry"], location="Gaza", scope='cumulative', note="687 people had been killed"),
    c("injured", "ex", 3726, category="unspecified", as_of="pub", period_start="Sat", source=["health ministry"], location="Gaza", scope='cumulative', note="3,726 wounded in Israeli strikes since Saturday"),
    c("displaced", "mt", 187000, category="unspecified", as_of="pub", period_start="omit", source=["United Nations", "UN"], location="Gaza", scope=['stock', 'cumulative'], note="more than 187,000 people in Gaza had fled their homes"),
])

art(39, "Reuters", "2024-02-12", "Israeli strikes on Rafah kill at least 67", """
CAIRO (Reuters) - Israeli strikes on Rafah killed at least 67 people overnight, Gaza health officials said on Monday, as Israel said its forces had rescued two hostages in a raid in the city.

An estimated 1.4 million Palestinians are sheltering in Rafah, most of them displaced from elsewhere in the enclave, the United Nations says.

Fewer than 100 aid trucks a day have entered Gaza in recent weeks, according to UN data.
""", [
    c("killed", "atl", 67, category="unspecified", as_of="pub", source=["Gaza health officials", "health officials"], location="Rafah", scope=['incident', 'period'], window=('pub-1', 'pub'), note="Israeli strikes on Rafah killed at least 67 people overnight"),
    c(["evacuated", "captured"], "ex", 2, category="unspecified", as_of="pub", source=["Israel"], location="Rafah", scope='incident', note="rescued two hostages"),
    c(["trapped", "displaced"], "apx", 1.4e6, category="unspecified", as_of="pub", period_start="omit", source=["United Nations", "UN"], location="Rafah", scope='stock', note="An estimated 1.4 million Palestinians are sheltering in Rafah"),
], ["Fewer than 100 aid trucks a day"])

art(40, "AP", "2023-11-14", "Thousands trapped in Gaza's Al-Shifa hospital", """
GAZA CITY (AP) — Some 2,300 patients, staff and displaced civilians are trapped inside Al-Shifa hospital in Gaza City as Israeli troops surround the compound, the U.N. said Tuesday.

The Gaza health ministry said 32 patients, including three premature babies, had died at the hospital since Saturday, when fuel ran out. Israel says Hamas runs a command centre beneath the hospital, which Hamas and hospital staff deny.
""", [
    c("trapped", "apx", 2300, category="civilian", as_of="Tue", source=["U.N.", "United Nations", "UN"], location=["Gaza City", "Gaza", "Al-Shifa"], scope='stock', note="Some 2,300 patients, staff and displaced civilians are trapped inside Al-Shifa hospital"),
    c("killed", "ex", 32, category=["civilian", "unspecified"], as_of="pub", period_start="Sat", source=["health ministry"], location=["Gaza City", "Gaza", "Al-Shifa"], scope='cumulative', note="32 patients, including three premature babies, had died at the hospital since Saturday"),
    c("killed", "ex", 3, category="civilian", as_of="pub", period_start="Sat", source=["health ministry"], location=["Gaza City", "Gaza", "Al-Shifa"], scope='cumulative', note="including three premature babies"),
])

art(41, "Reuters", "2024-06-27", "El Fasher fighting has killed at least 260, MSF says", """
DUBAI (Reuters) - Fighting between the army and the Rapid Support Forces around El Fasher, the army's last stronghold in Sudan's Darfur region, has killed at least 260 people since May 10, the medical charity Médecins Sans Frontières said on Thursday.

Approximately 800,000 residents are trapped in the city, which the RSF has besieged for weeks, according to the United Nations.

More than 10 million people have been displaced inside Sudan since the war began in April 2023, the International Organization for Migration says.
""", [
    c("killed", "atl", 260, category="unspecified", as_of="Thu", period_start="2024-05-10", source=["Médecins Sans Frontières", "Medecins Sans Frontieres", "MSF"], location=["El Fasher", "Al-Fashir", "El Fashir"], scope='cumulative', note="has killed at least 260 people since May 10"),
    c("trapped", "apx", 800000, category="civilian", as_of="pub", source=["United Nations", "UN"], location=["El Fasher", "Al-Fashir", "El Fashir"], scope='stock', note="Approximately 800,000 residents are trapped in the city"),
    c("displaced", "mt", 1e7, category="unspecified", as_of="pub", period_start="omit", source=["International Organization for Migration", "IOM"], location="Sudan", scope=['cumulative', 'stock'], note="More than 10 million people have been displaced inside Sudan"),
], ["April 2023"])

art(42, "AFP", "2024-06-06", "RSF attack on Sudan village kills more than 100", """
PORT SUDAN (AFP) - Paramilitary Rapid Support Forces attacked the village of Wad al-Nourah in Sudan's Gezira state on Wednesday, killing more than 100 people, pro-democracy activists said.

As many as 150 people may have died, the Wad Madani Resistance Committee said, as residents buried the dead in a mass grave.

The army said its soldiers had killed dozens of RSF fighters in clashes near El Fasher on Wednesday.
""", [
    c("killed", "mt", 100, category="unspecified", as_of="Wed", source=["activists", "pro-democracy activists"], location=["Wad al-Nourah", "Wad al-Noura", "Gezira"], scope='incident', note="killing more than 100 people"),
    c("killed", "atm", 150, category="unspecified", as_of=["Wed", "pub"], source=["Wad Madani Resistance Committee", "Resistance Committee"], location=["Wad al-Nourah", "Wad al-Noura", "Wad Madani", "Wad Medani", "Gezira"], scope='incident', note="As many as 150 people may have died"),
    c("killed", "vg", "dozens", category="military", party=["Rapid Support Forces", "RSF"], as_of="Wed", source=["army", "Sudanese army"], location=["El Fasher", "Al-Fashir", "El Fashir"], scope='incident', note="killed dozens of RSF fighters in clashes near El Fasher on Wednesday"),
])

art(43, "AP", "2024-01-08", "UN says 2.6 million displaced in Myanmar", """
BANGKOK (AP) — More than 2.6 million people have been displaced across Myanmar, many of them since an offensive by ethnic armed groups known as Operation 1027 began in late October, the U.N. humanitarian office said Monday.

In northern Shan state, the Three Brotherhood Alliance said its fighters had taken several hundred junta soldiers prisoner after overrunning the town of Laukkai.

Fighting near the border has also driven thousands of people into China, according to local media. Some 3,000 people a week have been crossing into India's Mizoram state, officials there said.
""", [
    c("displaced", "mt", 2.6e6, category="unspecified", as_of="Mon", period_start="omit", source=["U.N. humanitarian office", "UN humanitarian office", "OCHA"], location="Myanmar", scope=['stock', 'cumulative'], note="More than 2.6 million people have been displaced across Myanmar"),
    c("captured", "vg", "several hundred", category="military", party=["Myanmar", "junta"], as_of="pub", source=["Three Brotherhood Alliance"], location="Laukkai", scope='incident', note="taken several hundred junta soldiers prisoner"),
    c("displaced", "vg", "thousands", category="unspecified", as_of="pub", source=["local media"], scope='cumulative', note="driven thousands of people into China"),
    c("displaced", "apx", 3000, category="unspecified", rate="per_week", as_of="pub", source=["officials"], location=["Mizoram", "India"], scope='rate', note="Some 3,000 people a week have been crossing into India's Mizoram state"),
], ["Operation 1027", "Three Brotherhood Alliance"])

art(44, "AFP", "2024-07-30", "Mali rebels say dozens of soldiers, Wagner fighters killed", """
BAMAKO (AFP) - Tuareg-led rebels said on Monday they had killed dozens of Malian soldiers and Russian Wagner mercenaries in several days of fighting near Tinzaouaten, close to the Algerian border.

A rebel spokesman, Mohamed Elmaouloud Ramadane, said 47 Malian soldiers and 84 Wagner fighters had been killed, and that several dozen more had been captured.

Wagner acknowledged on Telegram that it had suffered losses, without giving figures.
""", [
    c("killed", "vg", "dozens", category="military", as_of=["Mon", "pub"], source=["rebels", "Tuareg-led rebels"], location="Tinzaouaten", scope=['incident', 'cumulative'], note="killed dozens of Malian soldiers and Russian Wagner mercenaries", optional=True),
    c("killed", "ex", 47, category="military", party="Mali", as_of=["Mon", "pub"], source=["Mohamed Elmaouloud Ramadane", "rebel spokesman"], location="Tinzaouaten", scope=['incident', 'cumulative'], note="47 Malian soldiers"),
    c("killed", "ex", 84, category="military", party=["Wagner", "Russia"], as_of=["Mon", "pub"], source=["Mohamed Elmaouloud Ramadane", "rebel spokesman"], location="Tinzaouaten", scope=['incident', 'cumulative'], note="84 Wagner fighters had been killed"),
    c("captured", "vg", "several dozen", category="military", as_of=["Mon", "pub"], source=["Mohamed Elmaouloud Ramadane", "rebel spokesman"], location="Tinzaouaten", scope=['incident', 'cumulative'], note="several dozen more had been captured"),
], ["several days of fighting"])

art(45, "AFP", "2023-05-02", "Niger army says 40 jihadists killed, no losses", """
NIAMEY (AFP) - Niger's army said on Tuesday it had killed around 40 jihadist fighters who attacked a military post near Tillaberi over the weekend, with no casualties among its own troops.

The defence ministry said air strikes had targeted the attackers as they fled towards the Malian border.

More than 370,000 people have been displaced in Niger by jihadist violence, according to UN figures.
""", [
    c("killed", "apx", 40, category="military", as_of=["Sun", "pub"], source=["Niger's army", "army"], location=["Tillaberi", "Tillabery"], scope='incident', note="killed around 40 jihadist fighters"),
    c("casualties", "ex", 0, category="military", party="Niger", as_of=["Sun", "pub"], source=["Niger's army", "army"], location=["Tillaberi", "Tillabery"], scope='incident', note="no casualties among its own troops"),
    c("displaced", "mt", 370000, category="unspecified", as_of="pub", period_start="omit", source=["UN"], location="Niger", scope=['stock', 'cumulative'], note="More than 370,000 people have been displaced in Niger"),
])

art(46, "Reuters", "2024-12-05", "Syrian rebels push into Hama", """
BEIRUT (Reuters) - Syrian rebels led by Hayat Tahrir al-Sham pushed into the city of Hama on Thursday, a week after launching a surprise offensive in the northwest.

The Syrian Observatory for Human Rights, a Britain-based war monitor, said more than 700 people had been killed since the offensive began on November 27, among them 110 civilians.

Russian and Syrian jets carried out dozens of air strikes on Idlib overnight, killing 15-20 people, residents said. The United Nations said about 115,000 people had been displaced in Idlib and northern Aleppo.
""", [
    c("killed", "mt", 700, category="unspecified", as_of="pub", period_start="2024-11-27", source=["Syrian Observatory for Human Rights", "SOHR"], scope='cumulative', note="more than 700 people had been killed since the offensive began on November 27"),
    c("killed", "ex", 110, category="civilian", as_of="pub", period_start="2024-11-27", source=["Syrian Observatory for Human Rights", "SOHR"], scope='cumulative', note="among them 110 civilians"),
    c("strikes", "vg", "dozens", as_of="pub", source=["residents"], location="Idlib", scope=['incident', 'period'], window=('pub-1', 'pub'), note="dozens of air strikes on Idlib overnight"),
    c("killed", "rng", 15, 20, category="unspecified", as_of="pub", source=["residents"], location="Idlib", scope=['incident', 'period'], window=('pub-1', 'pub'), note="killing 15-20 people"),
    c("displaced", "apx", 115000, category="unspecified", as_of="pub", period_start="omit", source=["United Nations", "UN"], location=["Idlib", "Aleppo"], scope=['stock', 'cumulative'], note="about 115,000 people had been displaced in Idlib and northern Aleppo"),
])

art(47, "AP", "2023-10-06", "Drone attack on Syrian military academy kills 89", """
DAMASCUS, Syria (AP) — A drone attack on a military academy graduation ceremony in the central Syrian city of Homs on Thursday killed 89 people, among them 31 women and five children, and wounded 277, Syrian Health Minister Hassan al-Ghabash said.

No group claimed responsibility for the attack. Syria's military responded on Friday by shelling rebel-held parts of Idlib province, where the White Helmets civil defence group said 11 people were killed.
""", [
    c("killed", "ex", 89, category="unspecified", as_of="Thu", source=["Hassan al-Ghabash", "Health Minister"], location="Homs", scope='incident', note="on Thursday killed 89 people"),
    c("killed", "ex", 31, category="civilian", as_of="Thu", source=["Hassan al-Ghabash", "Health Minister"], location="Homs", scope='incident', note="among them 31 women"),
    c("killed", "ex", 5, category="civilian", as_of="Thu", source=["Hassan al-Ghabash", "Health Minister"], location="Homs", scope='incident', note="31 women and five children"),
    c("injured", "ex", 277, category="unspecified", as_of="Thu", source=["Hassan al-Ghabash", "Health Minister"], location="Homs", scope='incident', note="wounded 277"),
    c("killed", "ex", 11, category="unspecified", as_of="Fri", source=["White Helmets"], location="Idlib", scope='incident', note="the White Helmets civil defence group said 11 people were killed"),
])

art(53, "Reuters", "2024-03-15", "Sudanese refugees pour into Chad at 20,000 a week", """
N'DJAMENA (Reuters) - Some 20,000 refugees a week are crossing from Sudan's Darfur region into eastern Chad, the UN refugee agency said on Friday.

Almost 600,000 Sudanese refugees have arrived in Chad since fighting erupted in April 2023, UNHCR spokesman William Spindler told reporters in Geneva. Chad, a country of about 18 million people, was already hosting refugees from earlier conflicts.
""", [
    c("displaced", "apx", 20000, category="unspecified", rate="per_week", as_of="pub", source=["UN refugee agency", "UNHCR"], scope='rate', note="Some 20,000 refugees a week"),
    c("displaced", "nr", 600000, category="unspecified", party="Sudan", as_of="pub", period_start="omit", source=["William Spindler", "UNHCR"], location="Chad", scope='cumulative', note="Almost 600,000 Sudanese refugees have arrived in Chad"),
    c("population", "apx", 18e6, as_of="pub", source=SRC_PUB["Reuters"], location="Chad", scope='stock', note="a country of about 18 million people"),
], ["April 2023"])


# ---------------------------------------------------------------- build
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def latest_weekday(pub, wd):
    d = pub
    while d.weekday() != WEEKDAYS.index(wd):
        d -= dt.timedelta(days=1)
    return d


def resolve(tok, pub):
    if isinstance(tok, list):
        out = []
        for t in tok:
            v = resolve(t, pub)
            if v not in out:
                out.append(v)
        return out[0] if len(out) == 1 else out
    if tok is None:
        return None
    if tok == "pub":
        return pub.isoformat()
    if tok.startswith("pub-"):
        return (pub - dt.timedelta(days=int(tok[4:]))).isoformat()
    if tok in WEEKDAYS:
        return latest_weekday(pub, tok).isoformat()
    if tok in ("lastweek-start", "lastweek-end"):
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        return (monday + dt.timedelta(days=6 if tok.endswith("end") else 0)).isoformat()
    return dt.date.fromisoformat(tok).isoformat()


def infer_published(text):
    """The SPEC rule, applied by hand-checked helper: latest 'Month D, YYYY' in the text,
    advanced to the first weekday named in the lead paragraph."""
    import re
    dates = [dt.date(int(y), MONTHS.index(m) + 1, int(d))
             for m, d, y in re.findall(r"\b(%s) (\d{1,2}), (\d{4})" % "|".join(MONTHS), text)]
    lead = text.split("\n\n")[0]
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    hits = sorted((lead.find(n), i) for i, n in enumerate(names) if n in lead)
    d = max(dates)
    while d.weekday() != hits[0][1]:
        d += dt.timedelta(days=1)
    return d


def gold_line(cl: dict, url: str, pub: dt.date) -> dict:
    """The shared scorer's gold line for one claim written with `c(...)`, its date tokens resolved
    against the article's publication date `pub` (every gold builder's one conversion)."""
    qual, lo, best, hi = values(cl["q"], cl["x"], cl["y"])
    metric = cl["metric"]
    m0 = metric[0] if isinstance(metric, list) else metric
    unit = cl.get("unit") or ("count" if m0 == "strikes" else "people")
    g = {"article": url, "metric": metric, "value_low": lo, "value_best": best, "value_high": hi}
    if "category" in cl:
        g["category"] = cl["category"]
    if "party" in cl:
        g["party"] = cl["party"]
    g.update(unit=unit, qualifier=qual, rate=cl.get("rate"))
    scope, window = cl["scope"], cl.get("window")
    scopes = scope if isinstance(scope, list) else [scope]
    assert set(scopes) <= SCOPES, (url, cl["note"], scope)
    assert ("period" in scopes) == (window is not None), (url, cl["note"], "window iff period")
    assert (cl.get("rate") is not None) == ("rate" in scopes), (url, cl["note"], "rate iff scope rate")
    ps, pe = cl.get("period_start"), None
    if window is not None:
        assert ps is None, (url, cl["note"], "a window gives period_start")
        ps, pe = window
        if scopes != ["period"]:
            ps, pe = [ps, None], [pe, None]
    if ps != "omit":
        g["period_start"] = resolve(ps, pub)
    g["period_end"] = resolve(pe, pub)
    g["scope"] = scope
    g["as_of"] = resolve(cl["as_of"], pub)
    g["source"] = cl["source"]
    if "location" in cl:
        g["location"] = cl["location"]
    if cl.get("optional"):
        g["optional"] = True
    g["note"] = cl["note"]
    return g


def write_jsonl(name: str, rows: list[dict]) -> None:
    """One JSON object per line into tests/gold/`name`."""
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main():
    arts, golds, negs, art_gold = [], [], [], {}
    for a in sorted(A, key=lambda a: a["n"]):
        url = f"{BASE}{a['n']:03d}"
        rec = {"url": url, "title": a["title"], "publisher": a["publisher"]}
        if a["published"]:
            rec["published"] = a["published"]
            pub = dt.date.fromisoformat(a["published"])
        else:
            pub = dt.date.fromisoformat(a["inferred"])
            assert infer_published(a["text"]) == pub, (url, infer_published(a["text"]))
            art_gold[url] = {"published": pub.isoformat(), "published_inferred": True}
        rec["text"] = a["text"]
        arts.append(rec)
        for cl in a["claims"]:
            golds.append(gold_line(cl, url, pub))
        for n in a["negatives"]:
            negs.append({"article": url, "words": n})
    write_jsonl("dev.articles.jsonl", arts)
    write_jsonl("dev.gold.jsonl", golds)
    write_jsonl("dev.negatives.jsonl", negs)
    with open(os.path.join(HERE, "dev.articles_gold.json"), "w", encoding="utf-8") as f:
        json.dump(art_gold, f, indent=1)
        f.write("\n")
    print(f"{len(arts)} articles, {len(golds)} gold lines, {len(negs)} negatives, {len(art_gold)} inferred dates")


if __name__ == "__main__":
    main()
