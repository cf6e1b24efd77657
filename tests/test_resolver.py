"""Resolution rules beyond the gazetteer's direct entries, on sentences written for these tests."""

from realpolitik import actor
from tests.helpers import one


def test_a_title_names_an_unknown_person_by_country_and_office():
    found = actor("Zimbabwean Prime Minister Robert Mugabe", "2000-01-01")
    assert (found["name"], found["country"], found["role"], found["kind"]) == (
        "Robert Mugabe", "ZWE", "prime_minister", "person")


def test_plural_offices_are_a_country_and_office_not_one_holder():
    found = actor("Iranian foreign ministers", "2016-01-01")
    assert (found["country"], found["role"], found["kind"]) == ("IRN", "foreign_minister", "role")
    assert actor("Iran's foreign minister", "2016-01-01")["name"] == "Mohammad Javad Zarif"


def test_the_militia_refers_back_to_the_named_group(code):
    events = code("Hezbollah captured two soldiers. The militia later fired rockets into northern Israel.")
    rockets = [e for e in events if e.trigger.text == "fired"]
    assert rockets and rockets[0].actor_codes() == ["LBN"]


def test_a_strike_on_named_places_targets_their_country(code):
    event = one(code("American bombers dropped bombs on Fordow and Natanz."), "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["USA"], ["IRN"])


def test_a_recipient_that_refers_back_to_the_actor_is_dropped(code):
    events = code("Saudi Arabia and Iran traded insults. Washington urged both governments to show restraint.")
    event = one(events, "REQUEST")
    assert event.actor_codes() == ["USA"]
    assert "USA" not in event.recipient_codes()
    assert sorted(event.recipient_codes()) == ["IRN", "SAU"]


def test_a_response_with_an_event_noun_is_that_event(code):
    event = one(code("The West answered with sanctions against Russia."), "SANCTION")
    assert (event.actor_codes(), event.recipient_codes()) == (["WST"], ["RUS"])


def test_a_body_qualified_inside_an_of_phrase_gives_its_country():
    assert actor("leaders of Romania's new government", "2000-01-01")["country"] == "ROU"
    assert actor("members of the Iraqi parliament", "2005-01-01")["country"] == "IRQ"


def test_the_european_community_is_the_union_under_its_earlier_name():
    assert actor("the European Community", "1985-01-01")["country"] == "EUR"


def test_a_partitive_of_a_pronoun_is_whoever_the_pronoun_is(code):
    events = code("Russia launched dozens of drones overnight. Several of them struck central Kyiv.")
    strike = next(e for e in events if e.trigger.text == "struck")
    assert strike.actor_codes() == ["RUS"] and strike.recipient_codes() == ["UKR"]


def test_an_unknown_titled_official_belongs_to_the_country_of_the_story(code):
    threat = one(code("President Tamaro Fenn threatened to ban Ugandan opposition parties."), "THREATEN")
    assert threat.actor_codes() == ["UGA"] and threat.actor[0].via == "story country"
    assert code("President Tamaro Fenn criticised the new budget.") == []  # no story, no country


def test_a_title_and_nationality_in_the_text_beat_a_persons_stored_country(code):
    resigned = one(code("Georgian President Eduard Shevardnadze resigned on Sunday.", "2003-11-24"), "RETREAT")
    assert resigned.actor_codes() == ["GEO"] and resigned.actor[0].via == "title"


def test_a_spokesman_for_a_body_speaks_for_its_state_but_an_envoy_for_a_country_is_not_of_it():
    assert actor("a spokesman for the Iranian government", "2000-01-01")["country"] == "IRN"
    assert actor("the UN envoy for Syria", "2000-01-01")["country"] == "UNO"


def test_brussels_as_an_actor_is_the_european_union(code):
    events = code("Iran's foreign minister will travel to Beijing, Moscow and Brussels next week.", "2018-05-09")
    visit = one(events, "CONSULT")
    assert visit.recipient_codes() == ["CHN", "RUS", "EUR"]


def test_supporters_of_a_group_act_for_it(code):
    event = one(code("Supporters of Hezbollah besieged the French embassy in Beirut."), "PROTEST")
    assert (event.actor_codes(), event.recipient_codes()) == (["LBN"], ["FRA"])
