"""Fictional Dutch text of realistic length for the bench data (``deelwijzer seed``).

Sentences are drawn from small pools and filled in, so that 300,000 entries read like notes
a professional might write, without any real person in them. Deterministic for a given seed.
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Daan Sem Lucas Levi Finn Milan Noah Bram Thijs Jesse Ayoub Mohamed Yusuf Omar Rayan Emma "
    "Julia Mila Sara Tess Zoë Lotte Noor Fenna Amira Yasmin Lina Nora Eva Sophie Ilias Adam"
).split()
LAST_NAMES = (
    "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Visser,Smit,Meijer,de Boer,Mulder,"
    "de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,de Wit,Dijkstra,Smits,El Idrissi,"
    "Yilmaz,Kaya,Bouzid,Aydin,Ramdin,Sedney,Vermeulen,Kok,Jacobs,van der Meer,Willems"
).split(",")
STREETS = (
    "Lindelaan Kastanjelaan Molenweg Kerkstraat Dorpsstraat Stationsweg Beukenlaan Schoolstraat "
    "Julianastraat Wilhelminaweg Eikenlaan Populierenstraat Vondellaan Merelstraat Sportlaan"
).split()
PLACES = (
    "in de aula",
    "op het schoolplein",
    "in de kantine",
    "tijdens de mentorles",
    "bij het jongerencentrum",
    "in de wachtkamer",
    "op het sportveld",
    "bij de fietsenstalling",
    "tijdens de groepstraining",
    "in de klas",
    "tijdens het huisbezoek",
    "op de gang",
)
WHEN = (
    "Vorige week dinsdag",
    "Op maandagochtend",
    "Tijdens de pauze van woensdag",
    "Afgelopen vrijdagmiddag",
    "Twee weken geleden",
    "Gisteren aan het eind van de dag",
    "Op de ouderavond",
    "Bij de start van de les",
    "Na de gymles",
    "Tijdens het gesprek van donderdag",
)
SIGNAL = (
    "{when} zag ik {place} dat de jongere een filmpje liet zien aan twee klasgenoten, waarin "
    "mannen met wapens te zien waren.",
    "De jongere zei tegen een medeleerling dat ongelovigen het verdienen om gestraft te worden; "
    "ik hoorde dit zelf {place}.",
    "{when} weigerde de jongere een hand te geven aan de vrouwelijke docent en liep weg toen "
    "zij hem aansprak.",
    "In de groepsapp van de klas deelde de jongere een afbeelding met een vlag en de tekst "
    "'de strijd komt eraan'. Een klasgenoot liet mij die afbeelding zien.",
    "De jongere is in drie weken vijf keer niet op school verschenen zonder bericht van thuis.",
    "{when} vertelde de jongere {place} dat hij in de zomer naar het buitenland wil om daar "
    "'echt iets te betekenen'.",
    "De jongere draagt sinds een maand andere kleding en heeft het contact met zijn vaste "
    "vrienden van de voetbalclub verbroken; dat zegt hij zelf.",
    "Tijdens de les over de Tweede Wereldoorlog riep de jongere dat democratie een leugen is en "
    "dat je daar niet aan mee moet doen.",
    "{when} zag ik {place} dat de jongere folders uitdeelde van een groep die ik niet ken, met "
    "een oproep om naar een bijeenkomst in een andere stad te komen.",
    "De jongere heeft {place} een tekening gemaakt van een gebouw met vlammen erboven en er "
    "een datum bij geschreven.",
    "De jongere vraagt herhaaldelijk aan klasgenoten of zij 'aan de goede kant' staan en "
    "houdt bij wie nee zegt.",
    "Op zijn telefoon luisterde de jongere {place} hardop naar toespraken waarin werd "
    "opgeroepen tot geweld tegen de overheid.",
)
SIGNAL_TAIL = (
    "Ik heb dit genoteerd op de dag zelf.",
    "Er waren ook twee collega's bij die dit hebben gezien.",
    "Ik heb er toen niets van gezegd, maar het wel met de mentor besproken.",
    "Hij leek er niet mee te zitten dat anderen het hoorden.",
    "Toen ik vroeg wat hij bedoelde, haalde hij zijn schouders op.",
    "Het gebeurde in het bijzijn van de hele groep.",
    "Later die dag was hij weer rustig en deed hij gewoon mee.",
    "Dit is de tweede keer dit schooljaar dat zoiets gebeurt.",
)
CONTRA = (
    "De jongere doet sinds kort mee aan het debatteam en luistert daar goed naar andere meningen.",
    "Hij helpt {place} jongere leerlingen met hun huiswerk en wordt door hen gewaardeerd.",
    "De jongere heeft een bijbaan bij de supermarkt en is daar volgens zijn leidinggevende "
    "betrouwbaar en vriendelijk.",
    "Hij praat thuis open met zijn moeder over wat hij online ziet; dat vertelde zijn moeder "
    "op de ouderavond.",
    "De jongere traint drie keer per week bij de voetbalclub en heeft daar een hechte "
    "vriendengroep.",
    "Tijdens het project over burgerschap gaf hij een doordachte presentatie over stemrecht.",
)
OPINION = (
    "Ik denk dat de jongere vooral op zoek is naar erkenning en een groep waar hij bij hoort.",
    "Waarschijnlijk speelt de scheiding van zijn ouders een rol in zijn gedrag.",
    "Het lijkt erop dat hij online in contact is gekomen met mensen die hem beïnvloeden.",
    "Mijn indruk is dat het om stoer gedrag gaat om indruk te maken op klasgenoten.",
    "Ik vermoed dat er thuis spanningen zijn waar hij niet over wil praten.",
    "Het kan zijn dat hij zich buitengesloten voelt sinds de overstap naar deze klas.",
)
FOLLOW_UP = (
    "In het gesprek met de mentor bleek dat hij inderdaad veel tijd online doorbrengt met een "
    "nieuwe groep.",
    "De moeder bevestigde dat er thuis al maanden spanningen zijn.",
    "Na overleg met de zorgcoördinator blijkt dit niet te kloppen: hij heeft wel een vaste "
    "vriendengroep.",
    "De jongere vertelde zelf dat hij zich sinds de overstap buitengesloten voelt.",
    "Bij navraag bij de voetbaltrainer kwam naar voren dat hij daar goed functioneert.",
)
DIAGNOSIS = (
    "Autismespectrumstoornis, vastgesteld in 2022. Hij heeft moeite met het inschatten van "
    "hoe zijn uitspraken op anderen overkomen.",
    "ADHD, gecombineerd type. Impulsieve uitspraken passen bij dit beeld.",
    "Een angststoornis, waarvoor hij een behandeling volgt bij de GGZ.",
)
RELEVANCE = (
    "Dit kan verklaren waarom sommige uitspraken heftiger klinken dan bedoeld.",
    "Het beeld helpt de signalen te wegen, maar verklaart ze niet allemaal.",
    "Relevant voor de manier waarop een gesprek het beste gevoerd kan worden.",
)
ADVICE_QUESTION = (
    "Kunnen deze signalen op radicalisering wijzen, en zo ja: hoe ernstig schat je ze in?",
    "Wat raad je aan als volgende stap: een gesprek met de jongere, met de ouders, of eerst "
    "meer advies?",
    "Zijn er veiligheidsrisico's waar wij nu rekening mee moeten houden?",
)
ADVICE_CONTEXT = (
    "Het gaat om een leerling van de bovenbouw. De afgelopen weken zagen wij de volgende signalen.",
    "Wij maken ons zorgen over een jongere die bij ons in begeleiding is.",
    "Een collega en ik hebben de volgende waarnemingen gedaan bij een jongere uit onze groep.",
)
ANSWER = (
    "De signalen kunnen op een begin van radicalisering wijzen, maar passen ook bij "
    "puberaal grensverkennend gedrag.",
    "Ik zie op dit moment geen acute dreiging, wel reden om alert te blijven.",
    "Het delen van geweldsbeelden is zorgelijk en vraagt om een snel gesprek.",
    "Het is verstandig de ouders te betrekken, tenzij er aanwijzingen zijn dat dat de situatie "
    "onveilig maakt.",
    "Een gesprek door de mentor, met wie de jongere een goede band heeft, ligt het meest voor "
    "de hand.",
    "Let op het risico dat de jongere zich terugtrekt of uit beeld raakt als hij zich "
    "aangevallen voelt.",
)
REACTION = (
    "De jongere schrok dat zijn uitspraken zo waren opgevat en zei dat hij het vooral als grap "
    "bedoelde.",
    "Hij werd boos en zei dat niemand hem begrijpt, maar bleef wel in gesprek.",
    "Hij vertelde dat hij zich al een tijd eenzaam voelt en online vrienden heeft gevonden.",
    "De moeder gaf aan dat zij dezelfde veranderingen thuis ziet en blij is dat de school dit "
    "bespreekt.",
    "De jongere wilde eerst niet praten, maar gaf aan het einde aan dat hij hulp wil bij het "
    "vinden van een stageplek.",
)
RISK = (
    "De jongere heeft gezegd dat hij 'iets gaat doen' op de dag van de herdenking; er is een "
    "risico op geweld tegen medeleerlingen {place}.",
    "Er is een risico dat de jongere in de zomervakantie naar het buitenland vertrekt en uit "
    "beeld raakt.",
    "De jongere heeft de docent bedreigd na de les; er is een risico voor de veiligheid van "
    "de beroepskracht.",
    "De spanningen thuis lopen op; er is een risico op geweld binnen het gezin.",
    "De jongere verspreidt oproepen tot geweld in groepsapps; er is een risico dat anderen "
    "worden meegetrokken.",
)
REASONING = (
    "Op grond van de taxatie in stap 4 en het advies van de aandachtsfunctionaris is besloten "
    "om {what}.",
    "Het team heeft de risico's besproken met de beslisser; gezien de ernst is besloten om {what}.",
)
ONLY_WAY = (
    "Een gesprek met de jongere en de ouders heeft het risico niet verkleind; zonder de politie "
    "kunnen wij de veiligheid niet waarborgen.",
    "Andere wegen zijn geprobeerd: extra begeleiding en een gesprek met de ouders. Die schieten "
    "tekort gezien het concrete risico.",
)
STEPS_TAKEN = (
    "Gesprek met de jongere en de moeder gevoerd, extra begeleiding door de mentor ingezet en "
    "advies gevraagd bij de aandachtsfunctionaris.",
    "Signalen vastgelegd, advies gevraagd, een gesprek gevoerd en de risico's getaxeerd met het "
    "zorgteam.",
)
TASKS = (
    ("De mentor houdt wekelijks contact met de jongere.", "De wijkagent voert een gesprek."),
    (
        "De zorgcoördinator bewaakt de begeleiding op school.",
        "Het Veiligheidshuis bespreekt de casus in het casusoverleg.",
    ),
)


class TextMaker:
    """Draws fictional texts from the pools, deterministic for one ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _fill(self, template: str) -> str:
        return template.format(when=self.rng.choice(WHEN), place=self.rng.choice(PLACES))

    def _sentences(self, pool, low: int, high: int, tail=()) -> str:
        count = self.rng.randint(low, high)
        parts = [self._fill(s) for s in self.rng.sample(pool, min(count, len(pool)))]
        if tail:
            parts += self.rng.sample(tail, self.rng.randint(1, 2))
        return " ".join(parts)

    def name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def last_name(self) -> str:
        return self.rng.choice(LAST_NAMES)

    def address(self) -> str:
        return f"{self.rng.choice(STREETS)} {self.rng.randint(1, 180)}"

    def signal(self) -> str:
        return self._sentences(SIGNAL, 2, 4, SIGNAL_TAIL)

    def contra_signal(self) -> str:
        return self._sentences(CONTRA, 1, 3)

    def opinion(self) -> str:
        return self._sentences(OPINION, 1, 2)

    def follow_up(self) -> str:
        return self._sentences(FOLLOW_UP, 1, 2)

    def diagnosis(self) -> tuple[str, str]:
        return self.rng.choice(DIAGNOSIS), self.rng.choice(RELEVANCE)

    def advice_request(self, signal_texts: list[str]) -> tuple[str, str]:
        question = self._sentences(ADVICE_QUESTION, 1, 2)
        body = " ".join(signal_texts[:3])
        return question, f"{self.rng.choice(ADVICE_CONTEXT)} {body} {question}"

    def answer(self) -> str:
        return self._sentences(ANSWER, 1, 3)

    def reaction(self) -> str:
        return self._sentences(REACTION, 1, 3)

    def risk(self) -> str:
        return self._sentences(RISK, 1, 2)

    def reasoning(self, share: bool) -> str:
        what = "extern te delen met de politie" if share else "nu niet extern te delen"
        return self.rng.choice(REASONING).format(what=what) + " " + self.answer()

    def only_way(self) -> str:
        return self.rng.choice(ONLY_WAY)

    def steps_taken(self) -> str:
        return self.rng.choice(STEPS_TAKEN)

    def tasks(self) -> tuple[str, str]:
        return self.rng.choice(TASKS)
