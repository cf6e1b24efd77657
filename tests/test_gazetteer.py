from datetime import date

from realpolitik.actors import ActorMatcher, Gazetteer
from realpolitik.nlp import load_model

SMALL = {
    "countries": [
        {"code": "IRN", "name": "Iran", "names": ["Islamic Republic of Iran", "Persia"], "adjectives": ["Iranian"],
         "demonyms": ["Iranians"], "capitals": ["Tehran"], "seats": []},
        {"code": "USA", "name": "United States", "names": ["US", "United States"], "adjectives": ["American"],
         "demonyms": ["Americans"], "capitals": ["Washington"],
         "seats": [{"text": "White House", "sector": "GOV"}, {"text": "Pentagon", "sector": "MIL"}]},
    ],
    "agents": [{"word": "warplane", "plural": "warplanes", "sector": "MIL"}, {"word": "diplomat",
                                                                             "plural": "diplomats", "sector": "GOV"}],
    "roles": [{"role": "president", "sector": "GOV", "phrases": ["president"]}],
    "people": [{"name": "Ada Example", "country": "IRN", "aliases": ["Example"],
                "roles": [{"role": "president", "start": "2001-02-03", "end": "2005-06-07"}]}],
}


def small() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer.add_data(SMALL)
    return gazetteer


def test_names_adjectives_capitals_and_seats_are_indexed():
    g = small()
    assert g.names["Islamic Republic of Iran"].country == "IRN"
    assert g.names["Tehran"].kind == "capital"
    assert g.names["Pentagon"].sector == "MIL"
    assert g.adjectives["Iranian"].country == "IRN"
    assert g.agents["warplanes"] == "MIL"


def test_office_holder_depends_on_the_date():
    g = small()
    assert g.holder("IRN", "president", date(2003, 1, 1)).person == "Ada Example"
    assert g.holder("IRN", "president", date(2005, 6, 7)) is None  # the end day is the successor's
    assert g.holder("IRN", "president", date(2001, 2, 2)) is None


def test_year_precision_terms_cover_whole_years():
    g = Gazetteer()
    g.add_data({"people": [{"name": "B", "country": "FRA", "roles": [{"role": "president", "start": 1990,
                                                                       "end": "1995-05"}]}]})
    assert g.holder("FRA", "president", date(1990, 1, 1))
    assert g.holder("FRA", "president", date(1995, 5, 31))
    assert not g.holder("FRA", "president", date(1995, 6, 1))


def test_matcher_prefers_the_longest_name_and_respects_case():
    matcher = ActorMatcher(load_model(), small())
    doc = load_model()("The Islamic Republic of Iran told us that the US and American warplanes were ready.")
    found = [(doc[m.start:m.end].text, m.kind) for m in matcher(doc)]
    assert ("Islamic Republic of Iran", "name") in found
    assert ("US", "name") in found
    assert ("American", "adjective") in found
    assert ("warplanes", "agent") in found
    assert not any(text == "us" for text, _ in found)


def test_bundled_gazetteer_covers_every_state():
    g = Gazetteer.load()
    assert len(g.countries) >= 197
    for code in ("IRN", "USA", "RUS", "TWN", "XKX", "PSE", "VAT"):
        assert code in g.countries
    assert g.names["Kremlin"].country == "RUS"
    assert g.names["Persia"].country == "IRN"
