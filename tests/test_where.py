"""Placing events: sentences written for these tests, parsed with the real model.

Each case names the trigger (the sentence's root unless given) and the words of the event's
participants; the place must come from the trigger's own clause and never from a participant.
Expected coordinates are the real ones (rounded); the coder must land within one degree.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Token

from realpolitik.actors.gazetteer import Gazetteer
from realpolitik.model import Location
from realpolitik.nlp import load_model
from realpolitik.resources import read_data
from realpolitik.where import RANK, Placer, participant_tokens, place_key
from tests.helpers import one

#: Dependents that open a clause of their own, as the extractor draws an event's clause.
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj"}


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def placer() -> Placer:
    return Placer()


def _clause(trigger: Token) -> set[int]:
    tokens: set[int] = set()
    stack = [trigger]
    while stack:
        token = stack.pop()
        tokens.add(token.i)
        stack.extend(c for c in token.children
                     if not (c.dep_ in _CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"}))
    return tokens


def _trigger(doc: Doc, word: str | None) -> Token:
    if word is None:
        return next(iter(doc.sents)).root
    return next(t for t in doc if t.text == word)


def locate(nlp, placer: Placer, text: str, trigger: str | None = None,
           participants: tuple[str, ...] = ()) -> tuple[Doc, Location | None]:
    doc = nlp(text)
    token = _trigger(doc, trigger)
    heads = [t for t in doc if t.text in participants]
    return doc, placer.place(token, _clause(token), participant_tokens(heads))


# sentence, trigger (None: the root), participant words, place text, country, true (lat, lon)
PLACED = [
    # prepositional phrases
    ("Israel struck targets in Iran on Saturday.", None, ("Israel",), "Iran", "IRN", (32.4, 53.7)),
    ("Iranian and American negotiators held talks in Geneva in May.", None, (), "Geneva", "CHE", (46.20, 6.14)),
    ("The French tourist was held in Tehran's Evin prison for two years.", "held", (), "Evin prison", "IRN",
     (35.80, 51.39)),
    ("Gunmen ambushed a UN convoy in southern Lebanon.", None, (), "southern Lebanon", "LBN", (33.9, 35.9)),
    ("Houthi rebels attacked a tanker off the coast of Yemen.", None, ("Houthi",), "Yemen", "YEM", (15.6, 48.0)),
    ("Russian forces shelled villages on the outskirts of Kharkiv.", None, ("Russian",), "Kharkiv", "UKR",
     (49.99, 36.23)),
    ("Iran seized a British-flagged tanker near the Strait of Hormuz.", None, ("Iran",), "Strait of Hormuz",
     None, (26.6, 56.3)),
    ("Israeli jets bombed a weapons depot outside Damascus.", None, ("Israeli",), "Damascus", "SYR",
     (33.51, 36.28)),
    ("Protesters gathered outside the British embassy in Tehran.", None, (), "Tehran", "IRN", (35.69, 51.39)),
    ("The United States and Iran held indirect talks in Muscat on Saturday.", None, ("States", "Iran"),
     "Muscat", "OMN", (23.59, 58.41)),
    ("Araghchi met Witkoff at the Omani embassy in Rome.", None, ("Araghchi", "Witkoff"), "Rome", "ITA",
     (41.90, 12.50)),
    ("Blinken arrived in Tel Aviv on Monday.", None, ("Blinken",), "Tel Aviv", "ISR", (32.09, 34.78)),
    ("Ukrainian drones struck an oil refinery in Russia's Ryazan region.", None, ("Ukrainian",),
     "Ryazan region", "RUS", (54.6, 39.7)),
    ("Israel killed a Hamas commander in Gaza.", None, ("Israel", "commander"), "Gaza", "PSE", (31.4, 34.4)),
    ("Israeli troops raided the Jenin refugee camp in the occupied West Bank.", None, ("Israeli",),
     "Jenin refugee camp", "PSE", (32.46, 35.30)),
    ("North Korea fired a ballistic missile into the Sea of Japan.", None, ("Korea",), "Sea of Japan", None,
     (40.0, 135.0)),
    ("Chinese coast guard vessels blocked a Philippine ship near Scarborough Shoal.", None, (),
     "Scarborough Shoal", None, (15.15, 117.76)),
    ("Begin and Sadat signed the framework at Camp David in 1978.", None, ("Begin", "Sadat"), "Camp David",
     "USA", (39.65, -77.46)),
    ("Trump hosted Netanyahu at the White House.", None, ("Trump", "Netanyahu"), "White House", "USA",
     (38.90, -77.04)),
    ("Hezbollah fired rockets at northern Israel.", None, ("Hezbollah",), "northern Israel", "ISR",
     (31.4, 35.0)),
    ("Merkel spoke at a press conference in Berlin.", None, ("Merkel",), "Berlin", "DEU", (52.52, 13.40)),
    ("Iran enriched uranium at Fordo to 60 percent purity.", None, ("Iran",), "Fordo", "IRN", (34.88, 51.0)),
    ("A car bomb exploded in the Iraqi city of Mosul.", None, (), "Mosul", "IRQ", (36.34, 43.13)),
    ("Iran seized a Greek tanker in the Gulf of Oman.", None, ("Iran",), "Gulf of Oman", None, (24.5, 58.5)),
    ("Putin and Trump met in Anchorage, Alaska.", None, ("Putin", "Trump"), "Anchorage", "USA",
     (61.22, -149.90)),
    ("Zelensky addressed the UN General Assembly in New York.", None, ("Zelensky",), "New York", "USA",
     (40.71, -74.0)),
    ("A ceasefire between Israel and Hezbollah took effect across Lebanon.", None, ("Israel", "Hezbollah"),
     "Lebanon", "LBN", (33.9, 35.9)),
    ("Russia and Ukraine exchanged prisoners on the Belarusian border.", None, ("Russia", "Ukraine"),
     "Belarusian border", "BLR", (53.7, 28.0)),
    ("Israel carried out airstrikes on Iranian soil.", None, ("Israel",), "Iranian soil", "IRN", (32.4, 53.7)),
    ("Turkish jets struck Kurdish positions in the Syrian capital.", None, ("Turkish",), "Syrian capital",
     "SYR", (33.51, 36.28)),
    ("Two US destroyers were deployed in the Red Sea.", None, ("US",), "Red Sea", None, (20.0, 38.0)),
    ("The Revolutionary Guards held naval drills in the Persian Gulf.", None, ("Guards",), "Persian Gulf",
     None, (26.9, 51.5)),
    ("Sudan's army fought the RSF in Khartoum and Omdurman.", None, ("army", "RSF"), "Khartoum", "SDN",
     (15.50, 32.56)),
    ("Iranian forces fired missiles at Ain al-Asad air base in western Iraq.", None, ("Iranian",),
     "Ain al-Asad air base", "IRQ", (33.80, 42.44)),
    ("Drones struck a pumping station inside Crimea.", None, (), "Crimea", "UKR", (45.3, 34.4)),
    ("Foreign ministers met at the Palais des Nations on Tuesday.", None, (), "Palais des Nations", "CHE",
     (46.23, 6.14)),
    ("Ukraine accused Russia of shelling the town near the Zaporizhzhia nuclear plant.", "shelling",
     ("Ukraine", "Russia"), "Zaporizhzhia nuclear plant", "UKR", (47.51, 34.59)),
    ("Iranian diplomats met their European counterparts in Istanbul.", None, ("diplomats", "counterparts"),
     "Istanbul", "TUR", (41.01, 28.98)),
    ("The Saudi crown prince received Biden in Jeddah.", None, ("prince", "Biden"), "Jeddah", "SAU",
     (21.49, 39.19)),
    # the most specific place wins
    ("Russia shelled Bakhmut in eastern Ukraine.", None, ("Russia",), "Bakhmut", "UKR", (48.60, 38.0)),
    ("Israel bombed the reactor at Natanz in central Iran.", None, ("Israel",), "Natanz", "IRN", (33.72, 51.73)),
    ("Hamas fighters clashed with Israeli soldiers in Khan Younis in southern Gaza.", "clashed",
     ("fighters", "soldiers"), "Khan Younis", "PSE", (31.35, 34.30)),
    # objects of verbs and nouns of attack and movement, and place modifiers of event nouns
    ("Israel struck Iran's Natanz enrichment site.", None, ("Israel",), "Natanz enrichment site", "IRN",
     (33.72, 51.73)),
    ("A drone hit the Zaporizhzhia nuclear plant.", None, (), "Zaporizhzhia nuclear plant", "UKR",
     (47.51, 34.59)),
    ("Putin annexed Crimea in 2014.", None, ("Putin",), "Crimea", "UKR", (45.3, 34.4)),
    ("Modi visited Moscow in July.", None, ("Modi",), "Moscow", "RUS", (55.76, 37.62)),
    # a capital an actor is named after ("Brussels" is the EU as an actor) is still a place
    ("EU foreign ministers met in Brussels on Monday.", None, ("ministers",), "Brussels", "BEL", (50.85, 4.35)),
    ("The Vienna talks collapsed after Iran raised new demands.", "talks", (), "Vienna", "AUT",
     (48.21, 16.37)),
    ("The siege of Mariupol lasted nearly three months.", "siege", (), "Mariupol", "UKR", (47.10, 37.55)),
    ("Washington condemned the attack on Kharg Island.", "attack", (), "Kharg Island", "IRN", (29.24, 50.31)),
]


@pytest.mark.parametrize(("text", "trigger", "participants", "place_text", "country", "point"), PLACED,
                         ids=[case[0][:48] for case in PLACED])
def test_event_is_placed(nlp, placer, text, trigger, participants, place_text, country, point):
    doc, location = locate(nlp, placer, text, trigger, participants)
    assert location is not None
    assert (location.text, location.country) == (place_text, country)
    assert doc.text[location.start:location.end] == location.text
    assert abs(location.lat - point[0]) <= 1.0 and abs(location.lon - point[1]) <= 1.0, (location.lat, location.lon)


# sentence, trigger, participant words: the clause says nothing about where
UNPLACED = [
    ("Israel struck Iran.", None, ("Israel", "Iran")),
    ("Iran fired missiles at Israel.", None, ("Iran", "Israel")),
    ("Russian troops invaded Ukraine.", None, ("Russian", "Ukraine")),
    ("The ministers met in March to discuss the nuclear deal.", "met", ("ministers",)),
    ("The sanctions were imposed in 1979 in response to the hostage crisis.", "imposed", ()),
    ("Iran said in a statement that it agreed in principle.", "said", ("Iran",)),
    ("The talks ended in failure after three days.", None, ()),
    ("The negotiators, in Moscow's view, wasted months.", None, ("negotiators",)),
    ("Tehran and Washington argued in the Iran deal talks.", None, ("Tehran", "Washington")),
    ("Germany voiced support in the name of Europe.", None, ("Germany",)),
    ("Macron stood in support of Ukraine.", None, ("Macron",)),
    ("Pakistani forces killed militants in North Waziristan.", None, ("Pakistani", "militants")),
    ("Russian forces pushed across the Dnipro River.", None, ("Russian",)),
    ("The Oslo Accords created the Palestinian Authority.", None, ("Authority",)),
    ("The United States recognised Jerusalem as the capital of Israel.", None, ("States",)),
    ("Iran said that Israel attacked Natanz in April.", "said", ("Iran",)),
    ("US forces struck a drug boat in the Gulf of Mexico.", None, ("US",)),
    ("The envoy was recalled in a Washington Post interview.", None, ("envoy",)),
]


@pytest.mark.parametrize(("text", "trigger", "participants"), UNPLACED, ids=[c[0][:48] for c in UNPLACED])
def test_event_is_not_placed(nlp, placer, text, trigger, participants):
    _, location = locate(nlp, placer, text, trigger, participants)
    assert location is None, location


def test_reported_event_keeps_its_own_place(nlp, placer):
    """Natanz belongs to the attack in the reported clause (the statement has none, see above)."""
    doc = nlp("Iran said on Sunday that Israel attacked Natanz.")
    attack = next(t for t in doc if t.text == "attacked")
    israel = next(t for t in doc if t.text == "Israel")
    location = placer.place(attack, _clause(attack), participant_tokens([israel]))
    assert location is not None and location.name == "Natanz enrichment site"


def test_direction_words_widen_the_text_not_the_place(nlp, placer):
    _, location = locate(nlp, placer, "Jihadists attacked an army post in north-eastern Nigeria.")
    assert (location.text, location.name, location.country) == ("north-eastern Nigeria", "Nigeria", "NGA")


def test_participant_phrase_is_never_the_place(nlp, placer):
    """Without participants "at Israel" would be a place; as the recipient it is not."""
    doc = nlp("Iran fired missiles at Israel.")
    root = next(iter(doc.sents)).root
    assert placer.place(root, _clause(root), set()).country == "ISR"
    assert placer.place(root, _clause(root), participant_tokens([doc[0], doc[4]])) is None


def test_participant_tokens_cover_names_not_their_phrases(nlp):
    doc = nlp("The European Union and Iran's envoy in Geneva met.")
    union = next(t for t in doc if t.text == "Union")
    tokens = {doc[i].text for i in participant_tokens([union])}
    assert {"European", "Union", "envoy"} <= tokens
    assert "Geneva" not in tokens and "Iran" not in tokens


def test_offsets_are_document_offsets(nlp, placer):
    doc = nlp("Talks stalled. Later the ministers met in Vienna.")
    met = next(t for t in doc if t.text == "met")
    location = placer.place(met, _clause(met), set())
    assert (location.start, location.end) == (doc.text.index("Vienna"), doc.text.index("Vienna") + 6)


def test_lookup_resolves_names_and_spellings(placer):
    geneva = placer.lookup("Geneva")
    assert (geneva.name, geneva.country) == ("Geneva", "CHE")
    assert placer.lookup("Kiev").name == "Kyiv"
    assert placer.lookup("Tripoli").country == "LBY"  # the capital beats Lebanon's Tripoli
    assert placer.lookup("Lebanon").country == "LBN"  # the country beats Lebanon, Ohio
    assert placer.lookup("bab al-mandab").name == "Bab el-Mandeb"
    assert placer.lookup("Washington, D.C.").country == "USA"
    assert placer.lookup("Greenland").country == "GRL"
    assert placer.lookup("Ruritania") is None
    assert placer.lookup("North") is None  # a city's other name in GeoNames, never a place alone


def test_place_key_folds_spelling():
    assert place_key("Naţanz") == place_key("natanz")
    assert place_key("The Hague") == "hague"
    assert place_key("Sharm el-Sheikh") == place_key("Sharm El Sheikh")


def test_user_landmarks_extend_and_override(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("landmarks:\n  - {name: Fordow, kind: site, country: IRN, lat: 34.9, lon: 51.0, "
                     "aliases: [Fordow tunnels]}\ncentroids:\n  IRN: [33.0, 54.0]\n", encoding="utf-8")
    placer = Placer(files=[extra])
    assert placer.lookup("Fordow tunnels").name == "Fordow"
    assert placer.lookup("Iran").lat == 33.0


def test_bundled_data_is_consistent():
    """Every landmark has a known kind, a real code or null, and coordinates on the globe."""
    countries = set(Gazetteer.load().countries)
    landmarks = read_data("places/landmarks.yaml")["landmarks"]
    assert len(landmarks) >= 40  # the bundled list is not lost; users may add any number
    for item in landmarks:
        assert item["kind"] in RANK and item["kind"] != "country", item
        assert item["country"] is None or item["country"] in countries | {"IOT"}, item
        assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180, item
    centroids = read_data("places/centroids.yaml")["centroids"]
    assert countries <= set(centroids)


def test_a_southern_lebanese_village_is_in_lebanon(code):
    event = one(code("An Israeli air strike on the village of Qana killed dozens of civilians.", "2006-07-31"),
                "ASSAULT")
    assert event.location is not None and (event.location.name, event.location.country) == ("Qana", "LBN")
    assert event.recipient_codes() == ["LBN"]


def test_a_measure_lifted_in_a_darfur_state_is_aimed_at_sudan(code):
    event = one(code("Khartoum lifted the curfew in North Darfur on Sunday."), "CONCEDE")
    assert (event.actor_codes(), event.recipient_codes(), event.location.country) == (["SDN"], ["SDN"], "SDN")
