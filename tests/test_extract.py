"""The extraction patterns, on sentences written for these tests, with the bundled lexicon."""

from tests.helpers import one


def test_acceptance_sentence_from_the_spine_issue(code):
    events = code("On 24 November the United States and the European Union reached an interim accord "
                  "with Tehran on its nuclear programme.", "2013-12-04")
    agree = one(events, "AGREE")
    assert agree.actor_codes() == ["USA", "EUR"]
    assert agree.recipient_codes() == ["IRN"]
    assert (agree.date, agree.date_precision) == ("2013-11-24", "day")


def test_active_subject_verb_object(code):
    event = one(code("Iran accused Israel of sabotage at the Natanz plant."), "ACCUSE")
    assert (event.actor_codes(), event.recipient_codes()) == (["IRN"], ["ISR"])


def test_passive_voice_puts_the_agent_first(code):
    event = one(code("Iraq was invaded by the United States in 2003."), "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["USA"], ["IRQ"])
    assert event.date == "2003"


def test_prepositional_recipient_after_a_light_verb(code):
    event = one(code("The European Union imposed new sanctions on Russia."), "SANCTION")
    assert (event.actor_codes(), event.recipient_codes()) == (["EUR"], ["RUS"])


def test_coordinated_actors_form_one_list(code):
    event = one(code("Britain, France and Germany condemned Iran."), "ACCUSE")
    assert event.actor_codes() == ["GBR", "FRA", "DEU"]
    assert event.recipient_codes() == ["IRN"]


def test_nominal_event_takes_its_actor_from_the_adjective(code):
    events = code("The Russian invasion of Ukraine shocked Europe.")
    event = one(events, "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["RUS"], ["UKR"])


def test_metonyms_resolve_to_their_state(code):
    event = one(code("The Kremlin praised Beijing for its neutrality."), "SUPPORT")
    assert (event.actor_codes(), event.recipient_codes()) == (["RUS"], ["CHN"])


def test_no_event_without_a_political_actor(code):
    assert code("The weather condemned the harvest to failure.") == []


def test_trigger_and_participants_keep_character_offsets(code):
    text = "Saudi Arabia cut diplomatic ties with Iran."
    event = one(code(text), "SANCTION")
    assert text[event.trigger.start:event.trigger.end] == event.trigger.text
    actor = event.actor[0]
    assert text[actor.start:actor.end] == "Saudi Arabia"
    assert text[event.recipient[0].start:event.recipient[0].end] == "Iran"


def test_rule_names_the_lexicon_entry_and_pattern(code):
    event = one(code("The European Union imposed new sanctions on Russia."), "SANCTION")
    assert "sanction" in event.rule and " via " in event.rule


def test_scores_follow_the_plover_table(code):
    event = one(code("Israeli jets bombed Hezbollah positions in Lebanon."), "ASSAULT")
    assert event.quad_class == 4
    assert event.intensity <= -9
    assert event.cameo_root in {"18", "19", "20"}
    assert event.goldstein <= -9


def test_negation_is_flagged_not_dropped(code):
    event = one(code("Russia did not condemn the Iranian strike on Israel."), "ACCUSE")
    assert event.negated and not event.factual


def test_hypothetical_and_future_are_flagged(code):
    hypothetical = one(code("If talks fail, Israel would attack Iran."), "ASSAULT")
    assert hypothetical.hypothetical
    future = one(code("China will host Iranian and Saudi diplomats next week."), "CONSULT")
    assert future.future
