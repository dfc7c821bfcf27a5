#!/usr/bin/env python3
"""Source of the real-style gold set (see README.md in this folder, "Real-style gold set").

    .venv/bin/python tests/gold/build_real_style.py

writes real_style.articles.jsonl, real_style.gold.jsonl, real_style.articles_gold.json and
real_style.negatives.jsonl next to this file. **The texts are fictional, written for testing.**
They imitate how real reporting is laid out and worded (headlines repeated as the first line,
bylines, photo captions, gallery counters, run-on text without paragraph breaks, monitors'
bulletins and headlines, coded event notes) so that the extractor is measured on what real
copy does, not on tidy wire prose. No sentence was copied from a real article.

The claim shorthand is build_dev.py's: c(metric, q, x, y=None, **attrs). Conventions beyond
the development set's are in README.md ("Real-style gold set").
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_dev import c, gold_line, write_jsonl  # noqa: E402  (shared shorthand and date tokens)

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://gold.tally.example/real-style/"
NOTES = "Event notes (written for testing)"
MONITOR = "Monitor headlines (written for testing)"
A = []


def art(n, publisher, published, title, text, claims, negatives=()):
    A.append(dict(n=n, publisher=publisher, published=published, title=title, text=text.strip("\n"),
                  claims=claims, negatives=list(negatives)))


# ---------------------------------------------------------------- wire copy with page furniture
art(1, "Reuters", "2025-06-11", "Russian glide bombs kill five in Kharkiv", """
Russian glide bombs kill five in Kharkiv, wound 31
By Olena Marchuk
KHARKIV, Ukraine, June 11 (Reuters) - Russian glide bombs killed five people and wounded 31 in Kharkiv on Tuesday, regional governor Oleh Syniehubov said.
Rescuers carry an injured woman from a damaged apartment block in Kharkiv, Ukraine, June 10, 2025. REUTERS/Serhii Pavlenko
Two more people were wounded overnight in the town of Kupiansk, Syniehubov said on Telegram. Russian aircraft also dropped three guided bombs on Kharkiv on Tuesday, he said.
Ukraine's air force said Russia launched 48 drones and four ballistic missiles at Ukraine overnight and that air defences had shot down 40 of the drones.
Reporting by Olena Marchuk; Editing by Peter Graff
""", [
    c("killed", "ex", 5, category="unspecified", as_of="Tue", source=["Oleh Syniehubov", "governor"], location="Kharkiv", scope="incident", note="killed five people"),
    c("injured", "ex", 31, category="unspecified", as_of="Tue", source=["Oleh Syniehubov", "governor"], location="Kharkiv", scope="incident", note="wounded 31 in Kharkiv on Tuesday"),
    c("injured", "ex", 2, category="unspecified", as_of="pub", source=["Syniehubov"], location="Kupiansk", scope=["incident", "period"], window=("pub-1", "pub"), note="Two more people were wounded overnight in the town of Kupiansk"),
    c("strikes", "ex", 3, as_of="Tue", source=["Syniehubov"], location="Kharkiv", scope="incident", note="dropped three guided bombs on Kharkiv on Tuesday"),
    c("strikes", "ex", 48, as_of="pub", source=["air force"], location="Ukraine", scope=["incident", "period"], window=("pub-1", "pub"), note="launched 48 drones"),
    c("strikes", "ex", 4, as_of="pub", source=["air force"], location="Ukraine", scope=["incident", "period"], window=("pub-1", "pub"), note="four ballistic missiles"),
], ["kill five in Kharkiv, wound 31", "June 11", "June 10, 2025", "40 of the drones"])

art(2, "AP", "2025-05-21", "Tens of thousands flee El Fasher", """
Tens of thousands flee El Fasher as shelling intensifies
PORT SUDAN, Sudan (AP) — Some 40,000 people escaped El Fasher over the past week as the Rapid Support Forces shelled the city, the U.N. migration agency said Wednesday.
About 900 people drove to safety in Tawila on Tuesday, the agency said, and more than 3,000 others crossed into Chad.
The exodus of more than 250,000 people from North Darfur since April 10 has overwhelmed camps in Tawila, aid groups said.
Dozens of wounded people were bused out of Zamzam camp on Monday, aid workers said.
""", [
    c("displaced", "vg", "tens of thousands", category="unspecified", as_of="pub", source=["AP"], location="El Fasher", scope=["unknown", "period"], window=("pub-7", "pub"), note="Tens of thousands flee El Fasher", optional=True),
    c("displaced", "apx", 40000, category="unspecified", as_of="pub", source=["migration agency"], location="El Fasher", scope="period", window=("pub-7", "pub"), note="Some 40,000 people escaped El Fasher over the past week"),
    c("displaced", "apx", 900, category="unspecified", as_of="Tue", source=["agency"], location="Tawila", scope=["incident", "unknown"], note="About 900 people drove to safety in Tawila on Tuesday"),
    c("displaced", "mt", 3000, category="unspecified", as_of=["Tue", "pub"], source=["agency"], location="Chad", scope=["incident", "unknown"], note="more than 3,000 others crossed into Chad"),
    c("displaced", "mt", 250000, category="unspecified", as_of="pub", period_start="2025-04-10", source=["aid groups"], scope="cumulative", note="The exodus of more than 250,000 people from North Darfur since April 10"),
    c("evacuated", "vg", "dozens", category="unspecified", as_of="Mon", source=["aid workers"], location="Zamzam", scope="incident", note="Dozens of wounded people were bused out of Zamzam camp on Monday"),
])

art(3, "Reuters", "2025-04-12", "Dnipro strike toll rises to 23", """
Death toll from Dnipro missile strike rises to 23
KYIV (Reuters) - The death toll from Thursday's Russian missile strike on an apartment block in Dnipro rose to 23 on Saturday from 17 a day earlier, regional governor Serhiy Lysak said.
Fourteen people remain missing under the rubble, Lysak said.
The number of people displaced in the Dnipropetrovsk region reached 210,000, up from 180,000 in March, the regional administration said.
""", [
    c("killed", "ex", 23, category="unspecified", as_of="pub", source=["Serhiy Lysak", "governor"], location="Dnipro", scope="incident", note="rose to 23 on Saturday"),
    c("killed", "ex", 17, category="unspecified", as_of="pub-1", source=["Serhiy Lysak", "governor"], location="Dnipro", scope="incident", note="from 17 a day earlier"),
    c(["missing", "trapped"], "ex", 14, category="unspecified", as_of="pub", source=["Lysak"], scope="stock", note="Fourteen people remain missing under the rubble"),
    c("displaced", "ex", 210000, category="unspecified", as_of="pub", source=["regional administration"], location="Dnipropetrovsk Oblast", scope=["stock", "cumulative"], note="reached 210,000"),
    c("displaced", "ex", 180000, category="unspecified", as_of="2025-03-31", source=["regional administration"], location="Dnipropetrovsk Oblast", scope=["stock", "cumulative"], note="up from 180,000 in March"),
], ["rises to 23"])

art(4, "AFP", "2024-10-31", "EU, Japan pledge aid as Lebanon toll tops 3,000", """
EU, Japan pledge aid as Lebanon toll tops 3,000
BRUSSELS (AFP) - The European Union pledged 30 million euros in humanitarian aid for Lebanon on Thursday, Japan $10 million and Norway $5 million, as Lebanon's health ministry said the death toll from Israeli strikes since October 2023 had exceeded 3,000.
Hezbollah said it fired 60 rockets at northern Israel on Wednesday. The Israeli military said about 20 rockets landed in open areas and five people were lightly wounded in Nahariya.
""", [
    c("aid", "ex", 30e6, unit="EUR", category="humanitarian", party="European Union", as_of="pub", source=["AFP", "European Union"], scope="incident", note="pledged 30 million euros in humanitarian aid"),
    c("aid", "ex", 10e6, unit="USD", category=["humanitarian", "unspecified"], party="Japan", as_of="pub", source=["AFP", "European Union", "Japan"], scope="incident", note="Japan $10 million"),
    c("aid", "ex", 5e6, unit="USD", category=["humanitarian", "unspecified"], party="Norway", as_of="pub", source=["AFP", "European Union", "Norway"], scope="incident", note="Norway $5 million"),
    c("killed", "mt", 3000, category="unspecified", as_of="pub", source=["health ministry"], location="Lebanon", scope="cumulative", note="had exceeded 3,000"),
    c("strikes", "ex", 60, as_of="Wed", source=["Hezbollah"], location="Israel", scope="incident", note="fired 60 rockets at northern Israel on Wednesday"),
    c("strikes", "apx", 20, as_of=["pub", "Wed"], source=["Israeli military"], scope="incident", note="about 20 rockets landed in open areas"),
    c("injured", "ex", 5, category="unspecified", as_of=["pub", "Wed"], source=["Israeli military"], location="Nahariyya", scope="incident", note="five people were lightly wounded in Nahariya"),
], ["toll tops 3,000", "October 2023"])

art(5, "Reuters", "2025-05-23", "Ukraine and Russia swap 150 prisoners each", """
Ukraine and Russia swap 150 prisoners each
KYIV, May 23 (Reuters) - Ukraine brought home 150 soldiers in a prisoner swap with Russia on Friday, President Volodymyr Zelenskiy said, and returned 150 captured Russian soldiers in exchange.
Among those freed were 12 civilians, Ukraine's human rights ombudsman Dmytro Lubinets said. Volodymyr Zelenskiy said more exchanges would follow.
""", [
    c("captured", "ex", 150, category="military", party="Ukraine", as_of="pub", source=["Volodymyr Zelenskiy", "Zelenskiy"], location=None, scope="incident", note="brought home 150 soldiers in a prisoner swap"),
    c("captured", "ex", 150, category="military", party="Russia", as_of="pub", source=["Volodymyr Zelenskiy", "Zelenskiy"], location=None, scope="incident", note="returned 150 captured Russian soldiers in exchange"),
    c(["captured", "evacuated"], "ex", 12, category="civilian", as_of="pub", source=["Dmytro Lubinets", "ombudsman"], location=None, scope="incident", note="Among those freed were 12 civilians"),
], ["swap 150 prisoners each", "May 23"])

art(6, "AP", "2019-07-16", "Taliban attack kills four Afghan soldiers in Helmand", """
Taliban attack kills four Afghan soldiers in Helmand
KABUL, Afghanistan (AP) — Fifteen Taliban fighters and four Afghan soldiers were killed in a clash in Helmand province on Monday, a provincial police spokesman said.
Afghan security forces lost 30 men in a week of fighting in the south, the defence ministry said in a statement, including 12 police officers.
On Tuesday the Taliban said its fighters had killed nine policemen in Kunduz.
""", [
    c("killed", "ex", 15, category="military", party="Taliban", as_of="Mon", source=["police spokesman"], location="Helmand", scope="incident", note="Fifteen Taliban fighters"),
    c("killed", "ex", 4, category="military", party="Afghanistan", as_of="Mon", source=["police spokesman"], location="Helmand", scope="incident", note="four Afghan soldiers were killed in a clash in Helmand province on Monday"),
    c("casualties", "ex", 30, category="military", party="Afghanistan", as_of="pub", source=["defence ministry"], scope=["incident", "cumulative", "unknown"], note="Afghan security forces lost 30 men"),
    c("casualties", "ex", 12, category="military", party="Afghanistan", as_of="pub", source=["defence ministry"], scope=["incident", "cumulative", "unknown"], note="including 12 police officers"),
    c("killed", "ex", 9, category="military", as_of="pub", source=["Taliban"], location="Kunduz", scope=["incident", "unknown"], note="killed nine policemen in Kunduz"),
], ["kills four Afghan soldiers"])

art(7, "Reuters", "2024-03-16", "In pictures: the aftermath of the Odesa strikes", """
In pictures: the aftermath of the Odesa strikes
1 of 6
Residents clear debris after a Russian missile strike in Odesa, Ukraine, March 15, 2024. REUTERS/Nina Liashonok
ODESA, Ukraine (Reuters) - Two Russian missiles hit the port of Odesa on Friday. One struck a warehouse, killing two workers, and the other hit a container yard, regional governor Oleh Kiper said.
Kiper said 12 buses and 2,400 tonnes of grain were destroyed, and that rescuers searched 40 locations across the city. One family lost their home.
""", [
    c("strikes", "ex", 2, as_of="Fri", source=["Reuters", "Oleh Kiper"], location="Odesa", scope="incident", note="Two Russian missiles hit the port of Odesa on Friday"),
    c("killed", "ex", 2, category="civilian", as_of=["Fri", "pub"], source=["Oleh Kiper", "governor"], location="Odesa", scope="incident", note="killing two workers"),
], ["1 of 6", "March 15, 2024", "One struck", "12 buses", "2,400 tonnes", "40 locations", "One family"])

art(8, "AP", "2025-03-04", "Russian drones hit Sumy region", """
SUMY, Ukraine (AP) — Russian drones hit an energy facility in the Shostka district overnight, leaving thousands of homes without power, officials said. Two people were wounded in the city of Konotop, Governor Oleh Hryhorov said. A Russian guided bomb killed a man in the village of Yunakivka on Monday, he said.
""", [
    c("injured", "ex", 2, category="unspecified", as_of="pub", source=["Oleh Hryhorov", "Governor"], location="Konotop", scope=["unknown", "incident"], note="Two people were wounded in the city of Konotop"),
    c("killed", "ex", 1, category="unspecified", as_of="Mon", source=["Oleh Hryhorov", "Governor"], location="Yunakivka", scope="incident", note="killed a man"),
], ["thousands of homes"])

art(9, "Reuters", "2025-05-13", "More than 9,000 flee fighting around El Obeid", """
More than 9,000 flee fighting around El Obeid, UN says
PORT SUDAN, Sudan (Reuters) - Since March 3, more than 9,000 people have fled the fighting around El Obeid, the U.N. migration agency said on Tuesday.
A displaced woman carries water at a camp in Adre, Chad, January 20, 2024. REUTERS/Zohra Bensemra
On April 9, a drone attack on a market in Omdurman killed 14 people, the agency said.
""", [
    c("displaced", "mt", 9000, category="unspecified", as_of="pub", period_start="2025-03-03", source=["migration agency"], location="El Obeid", scope="cumulative", note="more than 9,000 people have fled the fighting around El Obeid"),
    c("killed", "ex", 14, category="unspecified", as_of="2025-04-09", source=["agency"], location="Omdurman", scope="incident", note="killed 14 people"),
], ["More than 9,000 flee", "January 20, 2024", "March 3", "April 9"])

art(10, "Reuters", "2024-06-24", "RSF shelling kills 88 in El Fasher", """
KHARTOUM (Reuters) - Shelling by the Rapid Support Forces killed 88 people in El Fasher on Sunday, including 23 Sudanese soldiers and 11 children, a local resistance committee said. Another 140 people were wounded, the committee said.
""", [
    c("killed", "ex", 88, category="unspecified", as_of="Sun", source=["resistance committee"], location="El Fasher", scope="incident", note="killed 88 people in El Fasher on Sunday"),
    c("killed", "ex", 23, category="military", party="Sudan", as_of="Sun", source=["resistance committee"], location="El Fasher", scope="incident", note="including 23 Sudanese soldiers"),
    c("killed", "ex", 11, category="civilian", as_of="Sun", source=["resistance committee"], location="El Fasher", scope="incident", note="11 children"),
    c("injured", "ex", 140, category="unspecified", as_of=["pub", "Sun"], source=["committee"], location="El Fasher", scope="incident", note="Another 140 people were wounded"),
])

art(11, "Reuters", "2024-03-15", "Truck bomb kills 14 in Mogadishu", """
MOGADISHU (Reuters) - At least 14 people perished when a truck bomb exploded at a checkpoint in Mogadishu on Thursday, police said.
Six soldiers lost their lives in a separate attack in Baidoa, the army said. Gunmen stormed a hotel and three guards were gunned down, witnesses said.
Al Shabaab said it had executed two men it accused of spying.
""", [
    c("killed", "atl", 14, category="unspecified", as_of="Thu", source=["police"], location="Mogadishu", scope="incident", note="At least 14 people perished"),
    c("killed", "ex", 6, category="military", as_of=["pub", "Thu"], source=["army"], location="Baidoa", scope="incident", note="Six soldiers lost their lives in a separate attack in Baidoa"),
    c("killed", "ex", 3, category=["military", "civilian", "unspecified"], as_of=["pub", "Thu"], source=["witnesses"], scope="incident", note="three guards were gunned down"),
    c("killed", "ex", 2, category="unspecified", as_of="pub", source=["Al Shabaab"], scope=["incident", "unknown"], note="had executed two men"),
])

art(12, "AFP", "2024-11-19", "Civilian toll in Ukraine passes 12,000", """
KYIV (AFP) - The number of civilians killed in Ukraine since the full-scale invasion has passed 12,000, the U.N. human rights monitoring mission said on Tuesday.
The number of Ukrainian children evacuated from front-line areas has crossed the 10,000 mark, officials said.
""", [
    c("killed", "mt", 12000, category="civilian", as_of="pub", period_start="2022-02-24", source=["monitoring mission"], location="Ukraine", scope="cumulative", note="has passed 12,000"),
    c("evacuated", "mt", 10000, category="civilian", party="Ukraine", as_of="pub", source=["officials"], scope="cumulative", note="has crossed the 10,000 mark"),
])

art(13, "Reuters", "2023-09-12", "Azerbaijan says four soldiers killed on Armenian border", """
BAKU (Reuters) - Baku said on Tuesday that four Azerbaijani soldiers had been killed in an exchange of fire on the Armenian border.
Yerevan accused Azerbaijan of shelling the village of Sotk and wounding two residents, the Armenian defence ministry said.
""", [
    c("killed", "ex", 4, category="military", party="Azerbaijan", as_of="pub", source=["Baku"], location=None, scope="incident", note="four Azerbaijani soldiers had been killed"),
    c("injured", "ex", 2, category="civilian", as_of="pub", source=["defence ministry", "Yerevan"], location="Sotk", scope="incident", note="wounding two residents"),
])

art(14, "AP", "2024-06-07", "Myanmar fighting displaces 3 million", """
BANGKOK (AP) — Fighting nationwide has displaced more than 3 million people, the U.N. humanitarian office said on Friday. In Sagaing, an air strike on a school killed 11 children on Thursday, the opposition National Unity Government said.
""", [
    c("displaced", "mt", 3e6, category="unspecified", as_of="pub", source=["humanitarian office", "U.N."], location="Myanmar", scope=["stock", "cumulative"], note="Fighting nationwide has displaced more than 3 million people"),
    c("killed", "ex", 11, category="civilian", as_of="Thu", source=["National Unity Government"], location="Sagaing", scope="incident", note="killed 11 children on Thursday"),
])

# ---------------------------------------------------------------- run-on text, no paragraph breaks
art(15, "Reuters", "2024-05-12", "Gaza toll passes 35,000", """
GAZA (Reuters) - Israeli strikes across the strip killed at least 42 people over the past 24 hours, the Gaza health ministry said on Sunday, bringing the Palestinian death toll since October 7 to more than 35,000. The ministry gave no breakdown of the number of dead between civilians and combatants. In Rafah, a strike on a house killed a woman and her three children, medics said. The Israeli military said 15 Hamas fighters were killed in Jabalia. Aid officials said the number of displaced people in the enclave had surpassed 1.7 million.
""", [
    c("killed", "atl", 42, category="unspecified", as_of="pub", source=["health ministry"], location=["Gaza Strip", "Gaza"], scope="period", window=("pub-1", "pub"), note="killed at least 42 people over the past 24 hours"),
    c("killed", "mt", 35000, category="unspecified", party="Palestinians", as_of="pub", period_start="2023-10-07", source=["health ministry"], location=["Gaza Strip", "Gaza"], scope="cumulative", note="to more than 35,000"),
    c("killed", "ex", 4, category="civilian", as_of="pub", source=["medics"], location="Rafah", scope="incident", note="a woman and her three children"),
    c("killed", "ex", 15, category="military", party="Hamas", as_of="pub", source=["Israeli military"], location="Jabalia", scope=["incident", "unknown"], note="15 Hamas fighters were killed in Jabalia"),
    c("displaced", "mt", 1.7e6, category="unspecified", as_of="pub", source=["Aid officials"], location=["Gaza Strip", "Gaza"], scope=["stock", "cumulative"], note="had surpassed 1.7 million"),
], ["24 hours", "no breakdown of the number of dead", "October 7"])

# ---------------------------------------------------------------- a monitor's bulletin
art(16, "Syrian Observatory for Human Rights", "2024-12-02", "9 martyrs in regime shelling on Ariha", """
Idlib countryside | 9 martyrs, including 4 children, in regime shelling on Ariha
The Syrian Observatory for Human Rights has documented the death of 9 civilians, including 4 children and a woman, in artillery shelling by regime forces on Ariha city in Idlib countryside since dawn today.
The death toll is expected to rise because there are 17 wounded people, some of them in critical condition.
With these new losses, the number of civilians killed by regime shelling on Idlib countryside since November 27 has risen to 112, SOHR activists said.
""", [
    c("killed", "ex", 9, category="civilian", as_of="pub", source=["Syrian Observatory for Human Rights", "SOHR"], location="Ariha", scope=["incident", "unknown"], note="the death of 9 civilians"),
    c("killed", "ex", 4, category="civilian", as_of="pub", source=["Syrian Observatory for Human Rights", "SOHR"], location="Ariha", scope=["incident", "unknown"], note="including 4 children"),
    c("killed", "ex", 1, category="civilian", as_of="pub", source=["Syrian Observatory for Human Rights", "SOHR"], location="Ariha", scope=["incident", "unknown"], note="a woman"),
    c("injured", "ex", 17, category="unspecified", as_of="pub", source=["Syrian Observatory for Human Rights", "SOHR"], scope=["incident", "stock", "unknown"], note="there are 17 wounded people"),
    c("killed", "ex", 112, category="civilian", as_of="pub", period_start="2024-11-27", source=["SOHR activists", "SOHR"], location=["Idlib", "Idlib Governorate"], scope="cumulative", note="has risen to 112"),
], ["9 martyrs, including 4 children", "November 27"])

# ---------------------------------------------------------------- monitors' and wires' headlines
HEADLINES = [
    ("2019-05-20", "Syria: 14 killed in regime air strikes on Idlib - monitor",
     [c("killed", "ex", 14, category="unspecified", as_of="pub", source=["monitor"], location="Idlib", scope="incident", note="14 killed")]),
    ("2018-01-14", "Car bomb kills 7 in Syria's Azaz, monitor says",
     [c("killed", "ex", 7, category="unspecified", as_of="pub", source=["monitor"], location="Azaz", scope="incident", note="kills 7")]),
    ("2018-02-23", "Death toll from Ghouta bombardment rises to 250: Observatory",
     [c("killed", "ex", 250, category="unspecified", as_of="pub", source=["Observatory"], location="Eastern Ghouta", scope="incident", note="rises to 250")]),
    ("2017-08-02", "IS executes 12 civilians in Deir ez-Zor",
     [c("killed", "ex", 12, category="civilian", as_of="pub", source=[MONITOR], location="Deir ez-Zor", scope="incident", note="executes 12 civilians")]),
    ("2019-06-11", "Regime shelling claims lives of 5 in Daraa",
     [c("killed", "ex", 5, category="unspecified", as_of="pub", source=[MONITOR], location="Daraa", scope="incident", note="claims lives of 5")]),
    ("2016-10-05", "Clashes leave 23 dead, including 9 rebels, near Hama",
     [c("killed", "ex", 23, category="unspecified", as_of="pub", source=[MONITOR], location="Hama", scope="incident", note="leave 23 dead"),
      c("killed", "ex", 9, category="military", as_of="pub", source=[MONITOR], location="Hama", scope="incident", note="including 9 rebels")]),
    ("2017-03-29", "Syrian Observatory: 30 pro-regime fighters killed in IS ambush",
     [c("killed", "ex", 30, category="military", as_of="pub", source=["Syrian Observatory"], scope="incident", note="30 pro-regime fighters killed")]),
    ("2019-08-13", "Airstrike Kills 8 Civilians In Ariha",
     [c("killed", "ex", 8, category="civilian", as_of="pub", source=[MONITOR], location="Ariha", scope="incident", note="Kills 8 Civilians")]),
    ("2016-02-01", "Russian strikes kill 6 in Idlib, say activists",
     [c("killed", "ex", 6, category="unspecified", as_of="pub", source=["activists"], location="Idlib", scope="incident", note="kill 6")]),
    ("2016-02-02", "UN envoy to meet 3 Syrian opposition groups in Geneva", []),
    ("2017-04-05", "Syria: Gas attack in Khan Sheikhoun kills at least 58, monitor says",
     [c("killed", "atl", 58, category="unspecified", as_of="pub", source=["monitor"], scope="incident", note="kills at least 58")]),
]
for i, (day, line, claims) in enumerate(HEADLINES):
    negatives = {"2016-02-02": ["3 Syrian opposition groups"]}.get(day, [])
    art(100 + i, MONITOR, day, line, line, claims, negatives)

# ---------------------------------------------------------------- coded event notes
NOTE_TEXTS = [
    ("2024-03-12", "On 12 March 2024, Russian forces shelled Velykyi Burluk (Kharkiv). A civilian was killed and two others were injured.",
     [c("killed", "ex", 1, category="civilian", as_of="2024-03-12", source=[NOTES], location="Velykyi Burluk", scope="incident", note="A civilian was killed"),
      c("injured", "ex", 2, category=["unspecified", "civilian"], as_of="2024-03-12", source=[NOTES], location="Velykyi Burluk", scope="incident", note="two others were injured")],
     ["12 March 2024"]),
    ("2024-02-03", "On 3 February 2024, unidentified gunmen shot dead a man in Maiduguri (Borno).",
     [c("killed", "ex", 1, category="unspecified", as_of="2024-02-03", source=[NOTES], location="Maiduguri", scope="incident", note="shot dead a man")],
     ["3 February 2024"]),
    ("2024-01-30", "Around 28 January 2024 (as reported), JNIM militants attacked a village near Djibo, killing a woman and her two children.",
     [c("killed", "ex", 3, category="civilian", as_of="2024-01-28", source=[NOTES], location="Djibo", scope="incident", note="a woman and her two children")],
     ["28 January 2024"]),
    ("2024-04-05", "On 5 April 2024, an IED planted by Al Shabaab detonated near Baidoa, killing a soldier of the Somali army and wounding twin brothers.",
     [c("killed", "ex", 1, category="military", party="Somalia", as_of="2024-04-05", source=[NOTES], location="Baidoa", scope="incident", note="a soldier of the Somali army"),
      c("injured", "ex", 2, category="unspecified", as_of="2024-04-05", source=[NOTES], location="Baidoa", scope="incident", note="twin brothers")],
     ["5 April 2024"]),
    ("2024-05-17", "On 17 May 2024, Israeli forces carried out an airstrike on a house in Jabalia, killing 7 Palestinians, including 3 children.",
     [c("killed", "ex", 7, category="unspecified", party="Palestinians", as_of="2024-05-17", source=[NOTES], location="Jabalia", scope="incident", note="killing 7 Palestinians"),
      c("killed", "ex", 3, category="civilian", party="Palestinians", as_of="2024-05-17", source=[NOTES], location="Jabalia", scope="incident", note="including 3 children")],
     ["17 May 2024"]),
    ("2024-06-09", "On 9 June 2024, RSF fighters attacked El Geneina. A teacher was killed and a number of people were injured.",
     [c("killed", "ex", 1, category="civilian", as_of="2024-06-09", source=[NOTES], location="El Geneina", scope="incident", note="A teacher was killed")],
     ["9 June 2024"]),
    ("2024-04-21", "On 21 April 2024, a Russian drone struck a minibus near Nikopol. The driver was killed and a passenger was wounded.",
     [c("killed", "ex", 1, category="civilian", as_of="2024-04-21", source=[NOTES], location="Nikopol", scope="incident", note="The driver was killed"),
      c("injured", "ex", 1, category="civilian", as_of="2024-04-21", source=[NOTES], location="Nikopol", scope="incident", note="a passenger was wounded")],
     ["21 April 2024"]),
    ("2024-05-14", "On 14 May 2024, protesters gathered in Bamako to demand the release of detained journalists. No injuries were reported.",
     [c("injured", "ex", 0, category="unspecified", as_of="2024-05-14", source=[NOTES], location="Bamako", scope="incident", note="No injuries were reported")],
     ["14 May 2024"]),
    ("2024-03-30", "On 30 March 2024, Fulani militia killed 12 farmers in Bokkos (Plateau), including 2 women.",
     [c("killed", "ex", 12, category="civilian", as_of="2024-03-30", source=[NOTES], location="Bokkos", scope="incident", note="killed 12 farmers in Bokkos"),
      c("killed", "ex", 2, category="civilian", as_of="2024-03-30", source=[NOTES], location="Bokkos", scope="incident", note="including 2 women")],
     ["30 March 2024"]),
    ("2024-07-02", "On 2 July 2024, a Russian missile hit a house in Dnipro, wounding a 12-year-old girl.",
     [c("injured", "ex", 1, category="civilian", as_of="2024-07-02", source=[NOTES], location="Dnipro", scope="incident", note="a 12-year-old girl")],
     ["2 July 2024"]),
    ("2024-08-19", "On 19 August 2024, unknown gunmen abducted 20 passengers from a bus near Zamfara; one of the hostages was later found dead.",
     [c("captured", "ex", 20, category="civilian", as_of="2024-08-19", source=[NOTES], location="Zamfara State", scope="incident", note="abducted 20 passengers"),
      c("killed", "ex", 1, category="unspecified", as_of="2024-08-19", source=[NOTES], location="Zamfara State", scope="incident", note="one of the hostages was later found dead")],
     ["19 August 2024"]),
]
for i, (day, line, claims, negatives) in enumerate(NOTE_TEXTS):
    art(200 + i, NOTES, day, None, line, claims, negatives)


# ---------------------------------------------------------------- batch B: written after the rules above, as a
# held-out check (its first score is in README.md "Real-style gold set")
art(30, "Reuters", "2025-02-18", "Russia pounds Ukraine with 167 drones overnight", """
Russia pounds Ukraine with 167 drones overnight, air force says
KYIV, Feb 18 (Reuters) - Russia attacked Ukraine with 167 drones and two Iskander-M ballistic missiles overnight, Ukraine's air force said on Tuesday, adding that 108 drones had been shot down.
In the southern city of Odesa, a drone struck a residential building, killing a 68-year-old woman, Governor Oleh Kiper said on Telegram.
Three people were injured in Poltava, where debris fell on a kindergarten, regional officials said. A Reuters witness in Kyiv heard several explosions.
""", [
    c("strikes", "ex", 167, as_of="pub", source=["air force"], location="Ukraine", scope=["incident", "period"], window=("pub-1", "pub"), note="attacked Ukraine with 167 drones"),
    c("strikes", "ex", 2, as_of="pub", source=["air force"], location="Ukraine", scope=["incident", "period"], window=("pub-1", "pub"), note="two Iskander-M ballistic missiles"),
    c("killed", "ex", 1, category="civilian", as_of="pub", source=["Oleh Kiper", "Governor"], location="Odesa", scope=["incident", "unknown"], note="a 68-year-old woman"),
    c("injured", "ex", 3, category="unspecified", as_of="pub", source=["regional officials"], location="Poltava", scope=["incident", "unknown"], note="Three people were injured in Poltava"),
], ["167 drones overnight", "Feb 18", "108 drones", "several explosions"])

art(31, "AP", "2024-11-29", "UN: Sudan war has displaced more than 11 million", """
UN: Sudan war has displaced more than 11 million
CAIRO (AP) — The war in Sudan has displaced more than 11 million people, including 3.1 million who crossed into neighbouring countries, the U.N. refugee agency said Friday.
Britain announced 113 million pounds in new humanitarian aid for Sudan, and Germany pledged a further 50 million euros.
In Gezira state, paramilitary fighters killed at least 40 villagers in a raid on Wednesday, the Sudan Doctors Network said. Dozens more were wounded.
""", [
    c("displaced", "mt", 11e6, category="unspecified", as_of="pub", source=["refugee agency"], location="Sudan", scope=["stock", "cumulative"], note="has displaced more than 11 million people"),
    c("displaced", "ex", 3.1e6, category="unspecified", as_of="pub", source=["refugee agency"], scope=["stock", "cumulative"], note="including 3.1 million who crossed into neighbouring countries"),
    c("aid", "ex", 113e6, unit="GBP", category="humanitarian", party="United Kingdom", as_of="pub", source=["Britain", "AP"], scope="incident", note="113 million pounds in new humanitarian aid"),
    c("aid", "ex", 50e6, unit="EUR", category=["humanitarian", "unspecified"], party="Germany", as_of="pub", source=["Germany", "AP"], scope="incident", note="pledged a further 50 million euros"),
    c("killed", "atl", 40, category="civilian", as_of="Wed", source=["Sudan Doctors Network"], location="Gezira State", scope="incident", note="killed at least 40 villagers in a raid on Wednesday"),
    c("injured", "vg", "dozens", category="unspecified", as_of=["Wed", "pub"], source=["AP", "Sudan Doctors Network"], location="Gezira State", scope="incident", note="Dozens more were wounded"),
], ["more than 11 million\nCAIRO"])

art(32, "Syrian Observatory for Human Rights", "2023-03-19", "Daily toll: 27 killed across Syria", """
Daily toll | 27 people killed across Syria on Saturday
SOHR has documented the death of 27 people across Syrian territory on Saturday, they are 11 civilians, including 3 children, 9 members of regime forces and 7 fighters of armed factions. Meanwhile, a landmine explosion killed a shepherd in the countryside of Hama, while regime forces fired more than 40 artillery shells on villages in southern Idlib.
""", [
    c("killed", "ex", 27, category="unspecified", as_of="Sat", source=["SOHR"], location="Syria", scope=["incident", "unknown"], note="the death of 27 people across Syrian territory on Saturday"),
    c("killed", "ex", 11, category="civilian", as_of="Sat", source=["SOHR"], location="Syria", scope=["incident", "unknown"], note="11 civilians"),
    c("killed", "ex", 3, category="civilian", as_of="Sat", source=["SOHR"], location="Syria", scope=["incident", "unknown"], note="including 3 children"),
    c("killed", "ex", 9, category="military", as_of="Sat", source=["SOHR"], location="Syria", scope=["incident", "unknown"], note="9 members of regime forces"),
    c("killed", "ex", 7, category="military", as_of="Sat", source=["SOHR"], location="Syria", scope=["incident", "unknown"], note="7 fighters of armed factions"),
    c("killed", "ex", 1, category="civilian", as_of=["Sat", "pub"], source=["SOHR", "Syrian Observatory for Human Rights"], location="Hama", scope="incident", note="killed a shepherd"),
    c("strikes", "mt", 40, as_of=["Sat", "pub"], source=["SOHR", "Syrian Observatory for Human Rights"], location="Idlib", scope="incident", note="fired more than 40 artillery shells on villages in southern Idlib"),
], ["27 people killed across Syria on Saturday\nSOHR"])

art(33, "AP", "2025-03-17", "Ukraine says it captured 12 Russian soldiers near Pokrovsk", """
KYIV, Ukraine (AP) — About 300 residents remain trapped in border villages of the Kursk region, Russian officials said. More than 1,000 people are listed as missing in the region, they said.
Ukraine's military said on Monday it had captured 12 Russian soldiers near Pokrovsk, while two of its own troops had gone missing.
""", [
    c("trapped", "apx", 300, category="civilian", as_of="pub", source=["Russian officials"], location="Kursk Oblast", scope="stock", note="About 300 residents remain trapped"),
    c("missing", "mt", 1000, category="unspecified", as_of="pub", source=["Russian officials"], location="Kursk Oblast", scope="stock", note="More than 1,000 people are listed as missing in the region"),
    c("captured", "ex", 12, category="military", party="Russia", as_of="pub", source=["Ukraine's military"], location="Pokrovsk", scope=["incident", "cumulative"], note="captured 12 Russian soldiers near Pokrovsk"),
    c("missing", "ex", 2, category="military", party="Ukraine", as_of="pub", source=["Ukraine's military"], scope=["stock", "incident"], note="two of its own troops had gone missing"),
])

art(34, "Reuters", "2024-05-20", "More than 200 bused out of Orikhiv", """
ZAPORIZHZHIA, Ukraine (Reuters) - More than 200 people were bused out of Orikhiv on Sunday as Russian guided bombs pounded the town, the regional governor said. Rescuers pulled a man alive from the rubble. Since January, some 4,500 residents have been evacuated from front-line villages in the region, he said.
""", [
    c("evacuated", "mt", 200, category="unspecified", as_of="Sun", source=["regional governor", "governor"], location="Orikhiv", scope="incident", note="More than 200 people were bused out of Orikhiv on Sunday"),
    c("evacuated", "ex", 1, category="unspecified", as_of="pub", source=["Reuters", "governor"], location="Orikhiv", scope=["incident", "unknown"], note="pulled a man"),
    c("evacuated", "apx", 4500, category="civilian", as_of="pub", period_start="omit", source=["regional governor", "governor"], scope="cumulative", note="some 4,500 residents have been evacuated"),
])

art(35, "AP", "2023-11-01", "15 U.S. troops wounded in drone attacks", """
WASHINGTON (AP) — The Pentagon said on Wednesday that 15 U.S. service members were wounded in drone attacks on bases in Iraq and Syria, and that no Americans were killed. Iran-backed militias have launched more than 60 attacks since Oct. 17.
""", [
    c("injured", "ex", 15, category="military", party="United States", as_of="pub", source=["Pentagon"], scope=["incident", "unknown", "cumulative"], note="15 U.S. service members were wounded"),
    c("killed", "ex", 0, category=["military", "unspecified"], party="United States", as_of="pub", source=["Pentagon"], scope=["incident", "unknown", "cumulative"], note="no Americans were killed"),
    c("strikes", "mt", 60, as_of="pub", period_start="2023-10-17", source=["AP", "Pentagon"], scope="cumulative", note="launched more than 60 attacks since Oct. 17"),
])

art(36, "Reuters", "2024-08-15", "Gaza death toll tops 40,000", """
Gaza death toll tops 40,000, health ministry says
CAIRO (Reuters) - More than 40,000 Palestinians have lost their lives in Gaza since the war began, the enclave's health ministry said on Thursday. Nearly 100 people perished in Israeli strikes over the past two days, the ministry said.
Israel says the war began when Hamas-led gunmen killed about 1,200 people in southern Israel on Oct. 7, 2023.
""", [
    c("killed", "mt", 40000, category="unspecified", party="Palestinians", as_of="pub", period_start="2023-10-07", source=["health ministry"], location="Gaza", scope="cumulative", note="More than 40,000 Palestinians have lost their lives in Gaza"),
    c("killed", "nr", 100, category="unspecified", as_of="pub", source=["ministry"], location="Gaza", scope="period", window=("pub-2", "pub"), note="Nearly 100 people perished in Israeli strikes over the past two days"),
    c("killed", "apx", 1200, category="unspecified", as_of="2023-10-07", source=["Israel"], location="Israel", scope="incident", note="killed about 1,200 people in southern Israel on Oct. 7, 2023"),
], ["tops 40,000"])

MONITOR_B = [
    ("2019-07-22", "Monitor: 18 dead as air strikes hit Idlib market",
     [c("killed", "ex", 18, category="unspecified", as_of="pub", source=["Monitor"], location="Idlib", scope="incident", note="18 dead")]),
    ("2022-11-20", "Turkish shelling kills 3 Kurdish fighters in Syria's Hasakah",
     [c("killed", "ex", 3, category="military", as_of="pub", source=[MONITOR], location="Al Ḩasakah", scope="incident", note="kills 3 Kurdish fighters")]),
    ("2025-03-08", "Death toll in Syria's Jableh clashes climbs to 40, war monitor says",
     [c("killed", "ex", 40, category="unspecified", as_of="pub", source=["war monitor"], location="Jablah", scope=["incident", "cumulative"], note="climbs to 40")]),
    ("2016-04-28", "Four children among 11 killed in Aleppo barrel bombing",
     [c("killed", "ex", 11, category="unspecified", as_of="pub", source=[MONITOR], location="Aleppo", scope="incident", note="11 killed"),
      c("killed", "ex", 4, category="civilian", as_of="pub", source=[MONITOR], location="Aleppo", scope="incident", note="Four children")]),
    ("2017-09-30", "Jihadists execute 5 men in Syria's Deir Ezzor: monitor",
     [c("killed", "ex", 5, category="unspecified", as_of="pub", source=["monitor"], location="Deir ez-Zor", scope="incident", note="execute 5 men")]),
    ("2024-08-10", "Israeli strike on Gaza school kills at least 30, civil defence says",
     [c("killed", "atl", 30, category="unspecified", as_of="pub", source=["civil defence"], location="Gaza", scope="incident", note="kills at least 30")]),
    ("2016-06-14", "Syrian army recaptures 3 villages in Hama", []),
]
for i, (day, line, claims) in enumerate(MONITOR_B):
    negatives = {"2016-06-14": ["3 villages"]}.get(day, [])
    art(150 + i, MONITOR, day, line, line, claims, negatives)

NOTES_B = [
    ("2024-06-04", "On 4 June 2024, unidentified armed men ambushed a vehicle near Gao, killing two traders and wounding another.",
     [c("killed", "ex", 2, category="civilian", as_of="2024-06-04", source=[NOTES], location="Gao", scope="incident", note="killing two traders"),
      c("injured", "ex", 1, category=["unspecified", "civilian"], as_of="2024-06-04", source=[NOTES], location="Gao", scope="incident", note="wounding another")], ["4 June 2024"]),
    ("2024-06-11", "On 11 June 2024, a Russian artillery strike hit Kupiansk (Kharkiv), killing an elderly man.",
     [c("killed", "ex", 1, category=["civilian", "unspecified"], as_of="2024-06-11", source=[NOTES], location="Kupiansk", scope="incident", note="killing an elderly man")], ["11 June 2024"]),
    ("2024-06-15", "On 15 June 2024, Israeli forces shot and killed a Palestinian teenager near Jenin (West Bank).",
     [c("killed", "ex", 1, category="civilian", party="Palestinians", as_of="2024-06-15", source=[NOTES], location=["Janīn", "Jenin"], scope="incident", note="a Palestinian teenager")], ["15 June 2024"]),
    ("2024-06-20", "On 20 June 2024, Al Shabaab militants attacked a police station in Mogadishu; 3 policemen and 2 attackers were killed.",
     [c("killed", "ex", 3, category="military", as_of="2024-06-20", source=[NOTES], location="Mogadishu", scope="incident", note="3 policemen"),
      c("killed", "ex", 2, category="military", as_of="2024-06-20", source=[NOTES], location="Mogadishu", scope="incident", note="2 attackers were killed")], ["20 June 2024"]),
    ("2024-06-22", "On 22 June 2024, a landmine killed a child and injured his mother in Daraa.",
     [c("killed", "ex", 1, category="civilian", as_of="2024-06-22", source=[NOTES], location="Daraa", scope="incident", note="killed a child"),
      c("injured", "ex", 1, category="civilian", as_of="2024-06-22", source=[NOTES], location="Daraa", scope="incident", note="his mother")], ["22 June 2024"]),
    ("2024-06-25", "On 25 June 2024, clashes between rival militias in Tripoli left 9 people dead.",
     [c("killed", "ex", 9, category="unspecified", as_of="2024-06-25", source=[NOTES], location="Tripoli", scope="incident", note="left 9 people dead")], ["25 June 2024"]),
    ("2024-06-28", "On 28 June 2024, unknown gunmen kidnapped a Catholic priest in Kaduna.",
     [c("captured", "ex", 1, category="civilian", as_of="2024-06-28", source=[NOTES], location="Kaduna", scope="incident", note="kidnapped a Catholic priest")], ["28 June 2024"]),
    ("2024-07-01", "On 1 July 2024, suspected Boko Haram fighters killed 5 fishermen on the shores of Lake Chad near Baga.",
     [c("killed", "ex", 5, category="civilian", as_of="2024-07-01", source=[NOTES], scope="incident", note="killed 5 fishermen")], ["1 July 2024"]),
    ("2024-07-03", "On 3 July 2024, around 200 people protested peacefully in Nairobi against tax increases.",
     [], ["3 July 2024", "around 200 people"]),
    ("2024-07-05", "On 5 July 2024, RSF fighters looted a market in Sennar. No casualties were reported.",
     [c("casualties", "ex", 0, category="unspecified", as_of="2024-07-05", source=[NOTES], location="Sennar", scope="incident", note="No casualties were reported")], ["5 July 2024"]),
]
for i, (day, line, claims, negatives) in enumerate(NOTES_B):
    art(250 + i, NOTES, day, None, line, claims, negatives)


# ---------------------------------------------------------------- build
def main():
    arts, golds, negs = [], [], []
    for a in sorted(A, key=lambda a: a["n"]):
        url = f"{BASE}{a['n']:03d}"
        rec = {"url": url, "title": a["title"] or a["text"][:60], "publisher": a["publisher"],
               "published": a["published"], "text": a["text"]}
        pub = __import__("datetime").date.fromisoformat(a["published"])
        arts.append(rec)
        for cl in a["claims"]:
            golds.append(gold_line(cl, url, pub))
        for n in a["negatives"]:
            negs.append({"article": url, "words": n})
    write_jsonl("real_style.articles.jsonl", arts)
    write_jsonl("real_style.gold.jsonl", golds)
    write_jsonl("real_style.negatives.jsonl", negs)
    with open(os.path.join(HERE, "real_style.articles_gold.json"), "w", encoding="utf-8") as f:
        json.dump({}, f)
        f.write("\n")
    print(f"{len(arts)} articles, {len(golds)} gold lines, {len(negs)} negatives")


if __name__ == "__main__":
    main()
