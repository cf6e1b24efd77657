"""The extraction patterns, on sentences written for these tests, with the bundled lexicon."""

from realpolitik import Coder
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


def test_rejecting_a_proposal_targets_whoever_made_it(code):
    event = one(code("Turkey rejected a Greek proposal for joint patrols."), "REJECT")
    assert (event.actor_codes(), event.recipient_codes()) == (["TUR"], ["GRC"])


def test_recipient_two_prepositions_down_the_object(code):
    event = one(code("Italy announced a suspension of flights to Serbia."), "SANCTION")
    assert (event.actor_codes(), event.recipient_codes()) == (["ITA"], ["SRB"])


def test_declared_readiness_is_a_promise_and_its_refusal_a_rejection(code):
    ready = one(code("Syria is willing to withdraw its troops from Lebanon."), "AGREE")
    assert (ready.actor_codes(), ready.recipient_codes()) == (["SYR"], ["LBN"])
    assert not (ready.negated or ready.hypothetical or ready.future)
    assert ready.rule.endswith("via intent")
    refused = one(code("Syria is not prepared to withdraw its troops from Lebanon."), "REJECT")
    assert refused.actor_codes() == ["SYR"]


def test_an_announced_will_commits_the_actor_beside_the_future_act(code):
    events = code("Finland will give Tanzania a grant for new schools, the ministry said.")
    pledge, aid = one(events, "AGREE"), one(events, "AID")
    assert (pledge.actor_codes(), pledge.recipient_codes()) == (["FIN"], ["TZA"])
    assert not pledge.future and aid.future
    assert pledge.rule.endswith("via pledge")


def test_a_narrated_will_is_the_future_act_not_a_pledge(code):
    # the writer describing a deal's terms: nobody is promising anything in this sentence
    events = code("Under the accord, Finland will give Tanzania a grant for new schools.")
    assert [(e.type, e.future) for e in events] == [("AID", True)]


def test_a_scheduled_meeting_is_not_a_pledge(code):
    events = code("The foreign ministers of Chile and Peru will meet in Lima on Friday.")
    assert [e.type for e in events] == ["CONSULT"]


def test_people_of_no_stated_country_take_the_place_or_the_acting_state(code):
    march = one(code("Thousands of students marched through Jakarta on Sunday."), "PROTEST")
    assert (march.actor_codes(), march.recipient_codes()) == (["IDN"], ["IDN"])
    crackdown = one(code("Kenyan police arrested dozens of demonstrators."), "COERCE")
    assert (crackdown.actor_codes(), crackdown.recipient_codes()) == (["KEN"], ["KEN"])
    assert code("Students criticised the new budget.") == []  # nobody says whose students


def test_an_act_of_nobody_in_particular_waits_below_the_threshold(coder):
    text = "Thousands took to the streets and staged a general strike on Monday."
    assert coder.code_text(text).events == []
    lenient = Coder(nlp=coder.nlp, gazetteer=coder.gazetteer, lexicon=coder.lexicon, min_confidence=0.3)
    strike = one(lenient.code_text(text).events, "PROTEST")
    assert strike.actor == [] and strike.confidence < 0.5
    assert strike.mode == "strike"  # "general strike" is a labour strike, not an air strike


def test_what_is_vowed_sets_the_type_of_the_vow(code):
    threat = one(code("Hezbollah vowed to attack Israeli towns."), "THREATEN")
    assert (threat.actor_codes(), threat.recipient_codes()) == (["LBN"], ["ISR"])
    refusal = one(code("Iran vowed that it would not negotiate with Iraq."), "REJECT")
    assert refusal.actor_codes() == ["IRN"]


def test_unless_makes_an_announcement_leverage_and_if_an_offer(code):
    threat = one(code("Syria said it would withdraw from the talks unless Turkey changed course."), "THREATEN")
    assert threat.actor_codes() == ["SYR"]
    offer = one(code("The rebels said they would meet the Kenyan envoy if he came to Juba."), "AGREE")
    assert offer.recipient_codes() == ["KEN"]


def test_a_reaction_to_the_move_targets_whoever_made_it(code):
    events = code("On Saturday Saudi Arabia executed a prominent Shia cleric. China said it regretted the move. "
                  "On Sunday crowds in Tehran chanted slogans for hours. "
                  "President Rouhani condemned the execution. Moscow criticised the decision.")
    regretted, condemned, criticised = (e for e in events if e.type == "ACCUSE")
    assert (regretted.actor_codes(), regretted.recipient_codes()) == (["CHN"], ["SAU"])
    assert (condemned.actor_codes(), condemned.recipient_codes()) == (["IRN"], ["SAU"])
    assert condemned.recipient[0].via == "event:executed"
    # the latest act is a crowd's, which is no "decision": the report's lead, the execution, is meant
    assert criticised.recipient_codes() == ["SAU"]


def test_a_pledge_reported_by_someone_else_is_still_a_pledge(code):
    events = code("Japan will give Nepal five million dollars for flood relief, the foreign ministry said.")
    assert one(events, "AGREE").recipient_codes() == ["NPL"]


def test_ethnic_kin_are_placed_where_they_live_not_in_their_namesake_state(code):
    protest = one(code("Hundreds of ethnic Albanians demonstrated in Serbia on Tuesday."), "PROTEST")
    assert protest.actor_codes() == ["SRB"]


def test_targets_behind_against_and_of(code):
    riots = one(code("Palestinian riots against Israeli policies continued for a week."), "PROTEST")
    assert riots.recipient_codes() == ["ISR"]
    hack = one(code("North Korea tried to hack into the computers of South Korean officers."), "COERCE")
    assert hack.recipient_codes() == ["KOR"]
    mobilised = one(code("Britain mobilised reservists for a possible war against Iraq."), "MOBILIZE")
    assert mobilised.recipient_codes() == ["IRQ"]


def test_words_to_unnamed_people_are_not_made_domestic(code):
    request = one(code("The British foreign secretary said the rebels must lay down their arms."), "REQUEST")
    assert "GBR" not in request.recipient_codes()


def test_a_response_with_weapons_is_an_attack_on_whoever_struck_first(code):
    events = code("Israel struck Iranian air defences on Friday. "
                  "Iran answered that night with waves of ballistic missiles and drones.")
    answer = next(e for e in events if e.trigger.text == "answered")
    assert (answer.type, answer.actor_codes(), answer.recipient_codes()) == ("ASSAULT", ["IRN"], ["ISR"])
    assert answer.recipient[0].via == "event:struck"


def test_a_purpose_clause_is_aimed_at_its_governors_object(code):
    events = code("Jordan's King Hussein, who has grown close to the Iraqi leader, telephoned him on "
                  "Tuesday to offer his support.", "1980-09-24")
    assert one(events, "SUPPORT").recipient_codes() == ["IRQ"]
    assert one(events, "CONSULT").recipient_codes() == ["IRQ"]


def test_a_raised_subject_acts_in_the_complement(code):
    event = one(code("The Security Council is expected to endorse the agreement next week."), "SUPPORT")
    assert event.actor_codes() == ["UNO"]
    assert event.future


def test_leaving_an_agreement_is_aimed_at_the_other_party_not_the_state_led_out(code):
    event = one(code("President Donald Trump withdrew the United States from the nuclear agreement with Iran.",
                     "2018-05-09"), "SANCTION")
    assert (event.actor_codes(), event.recipient_codes(), event.mode) == (["USA"], ["IRN"], "withdraw")


def test_people_the_agent_list_does_not_know_are_placed_by_their_nationality(code):
    event = one(code("Thousands of Chilean dockers marched through Valparaiso on Monday."), "PROTEST")
    assert event.actor_codes() == ["CHL"]
    assert event.actor[0].sector == "CVL"


def test_a_hunger_strike_to_demand_a_leaders_resignation_is_aimed_at_that_leader(code):
    event = one(code("Opposition activists continued their hunger strike to demand the resignation of Egyptian "
                     "President Hosni Mubarak.", "2005-03-01"), "PROTEST")
    assert (event.actor_codes(), event.recipient_codes()) == (["EGY"], ["EGY"])


def test_domestic_concessions_and_threats_made_at_home_are_aimed_at_home(code):
    lifted = one(code("The Egyptian government lifted the curfew in Cairo on Sunday."), "CONCEDE")
    assert (lifted.actor_codes(), lifted.recipient_codes()) == (["EGY"], ["EGY"])
    threat = one(code("The Egyptian government threatened to impose a curfew in Cairo."), "THREATEN")
    assert threat.recipient_codes() == ["EGY"]


def test_a_dateline_is_not_the_subject(code):
    event = one(code("BAGHDAD -- Iran fired a dozen ballistic missiles at two Iraqi bases early yesterday.",
                     "2020-01-09"), "ASSAULT")
    assert event.actor_codes() == ["IRN"]


def test_recalling_ones_own_ambassador_is_aimed_at_the_host(code):
    event = one(code("Kuwait said on Tuesday that it was recalling its ambassador from Tehran."), "SANCTION")
    assert (event.actor_codes(), event.recipient_codes()) == (["KWT"], ["IRN"])


def test_a_reaction_late_in_a_report_answers_its_lead(code):
    events = code("Washington imposed sanctions on Venezuela yesterday. The measures target oil exports.\n\n"
                  "European ministers met in Brussels. Spain said it regretted the move.", "2019-01-29")
    regret = next(e for e in events if e.trigger.text == "regretted")
    assert (regret.type, regret.actor_codes(), regret.recipient_codes()) == ("ACCUSE", ["ESP"], ["USA"])


def test_reactions_to_a_described_act_and_a_free_relative_find_the_act(code):
    events = code("Russia annexed Crimea on Tuesday. France regretted an action taken without a vote, and "
                  "Germany condemned what it called a grave violation.", "2014-03-19")
    regret = next(e for e in events if e.trigger.text == "regretted")
    assert regret.recipient_codes() == ["RUS"]


def test_joint_war_games_of_several_states_are_cooperation(code):
    event = one(code("Greek and Israeli warships began five days of war games in the Aegean on Monday."),
                "COOPERATE")
    assert sorted(event.actor_codes()) == ["GRC", "ISR"]
    assert event.cameo_root == "06"


def test_a_resolution_calling_for_an_act_speaks_for_the_body_that_passed_it(code):
    event = one(code("On Sunday, Kenya's parliament passed a resolution calling on Uganda to withdraw its "
                     "troops."), "REQUEST")
    assert (event.actor_codes(), event.recipient_codes()) == (["KEN"], ["UGA"])


def test_a_mediation_effort_between_two_states_is_aimed_at_both(code):
    event = one(code("Kuwait's emir launched a mediation effort between Qatar and Saudi Arabia on Saturday."),
                "CONSULT")
    assert (event.actor_codes(), sorted(event.recipient_codes())) == (["KWT"], ["QAT", "SAU"])


def test_saying_one_will_no_longer_keep_to_limits_is_a_rejection_dated_when_said(code):
    event = one(code("On Sunday North Korea declared that it would no longer observe the limits on missile "
                     "testing.", "2020-01-06"), "REJECT")
    assert event.actor_codes() == ["PRK"]
    assert (event.date, event.hypothetical, event.negated) == ("2020-01-05", False, False)


def test_reactions_within_hours_of_the_announcement_are_dated_that_day(code):
    text = ("WASHINGTON -- Washington imposed new sanctions on Venezuela yesterday.\n\n"
            "Earlier today, protesters marched through Caracas.\n\n"
            "Within hours of the announcement, Spain condemned the sanctions. Italy said it regretted the move.")
    events = code(text, "2019-01-29")
    reactions = [e for e in events if e.actor_codes() in (["ESP"], ["ITA"])]
    assert [e.date for e in reactions] == ["2019-01-28", "2019-01-28"]


def test_missiles_slamming_into_a_city_are_an_attack(code):
    event = one(code("Russian cruise missiles slammed into Kyiv before dawn on Monday."), "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["RUS"], ["UKR"])


def test_ending_an_act_is_an_event_of_its_own(code):
    stop = one(code("Under the deal, Iran will stop enriching uranium above five per cent.", "2013-11-25"),
               "RETREAT")
    assert (stop.actor_codes(), stop.future, stop.negated) == (["IRN"], True, False)
    cut = one(code("Russia ceased supplying gas to Poland in April.", "2022-05-01"), "SANCTION")
    assert (cut.actor_codes(), cut.recipient_codes()) == (["RUS"], ["POL"])


def test_a_pledge_is_dated_when_made_and_aimed_where_its_act_is(code):
    events = code("Under the plan, Israel will evacuate all 21 settlements in the Gaza Strip in mid-August, "
                  "a spokesman said.", "2005-06-01")
    act, pledge = one(events, "RETREAT"), one(events, "AGREE")
    assert (act.date, act.future) == ("2005-08", True)  # the coming August, not the last one
    assert (pledge.date, pledge.recipient_codes()) == ("2005-06-01", ["PSE"])


def test_lifting_ones_own_sanctions_is_aimed_at_their_target(code):
    events = code("Washington imposed sanctions on Cuba in 1962. The United States will lift its sanctions "
                  "next year.", "2015-07-15")
    lift = one(events, "RETREAT")
    assert (lift.actor_codes(), lift.recipient_codes()) == (["USA"], ["CUB"])


def test_a_party_leaving_a_deal_turns_on_the_other_side(code):
    events = code("Russia was one of the six powers that signed the 2015 nuclear agreement with Iran. When "
                  "Donald Trump abandoned the agreement in May 2018, Moscow denounced the decision.", "2022-11-01")
    leave = next(e for e in events if e.trigger.text == "abandoned")
    assert (leave.type, leave.actor_codes(), leave.recipient_codes()) == ("SANCTION", ["USA"], ["IRN"])
    assert next(e for e in events if e.trigger.text == "denounced").recipient_codes() == ["USA"]


def test_leaving_a_deal_through_a_particle_and_a_possessors_decision(code):
    pulled = one(code("The United States pulled out of the nuclear deal with Iran in 2018.", "2019-01-01"),
                 "SANCTION")
    assert (pulled.actor_codes(), pulled.recipient_codes(), pulled.mode) == (["USA"], ["IRN"], "withdraw")
    walked = one(code("President Trump's decision on Tuesday to walk out of the Iran nuclear deal was "
                      "condemned in Paris.", "2018-05-10"), "SANCTION")
    assert (walked.actor_codes(), walked.recipient_codes()) == (["USA"], ["IRN"])


def test_the_owner_of_a_refusal_does_not_do_what_follows(code):
    events = code("Moscow's refusal to recognise the vote angered Kyiv.", "2014-05-12")
    assert not [e for e in events if e.trigger.text == "recognise" and e.factual]


def test_a_strike_that_killed_someone_is_aimed_at_the_victims_side(code):
    event = one(code("Tehran vowed revenge for the US drone strike that killed General Qassem Soleimani.",
                     "2020-01-05"), "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["USA"], ["IRN"])


def test_a_city_before_talks_is_their_venue_not_a_party(code):
    events = code("The Vienna talks resumed on Monday.", "2021-11-29")
    assert not [e for e in events if "AUT" in e.actor_codes()]


def test_receiving_from_someone_is_their_act(code):
    event = one(code("Kyiv received weapons and ammunition from Washington on Monday.", "2022-03-01"), "AID")
    assert (event.actor_codes(), event.recipient_codes(), event.rule.split(" via ")[1]) == (["USA"], ["UKR"],
                                                                                            "received")


def test_a_compound_before_the_object_names_what_is_acted_on(code):
    aid = one(code("The United States suspended its military aid programme for Bosnia.", "1996-05-01"), "SANCTION")
    assert aid.recipient_codes() == ["BIH"]
    nuclear = one(code("Iran suspended its nuclear programme in 2003.", "2004-01-01"), "RETREAT")
    assert nuclear.actor_codes() == ["IRN"]


def test_a_partitive_of_coordinated_peoples_takes_both(code):
    event = one(code("Guinean soldiers beat scores of Sierra Leonean and Liberian refugees."), "ASSAULT")
    assert sorted(event.recipient_codes()) == ["LBR", "SLE"]


def test_a_government_answering_rebels_of_no_stated_country_answers_its_own(code):
    event = one(code("The Mozambique government on Thursday accepted demands from rebels that it hold "
                     "elections.", "1990-01-01"), "CONCEDE")
    assert (event.actor_codes(), event.recipient_codes()) == (["MOZ"], ["MOZ"])


def test_a_casualty_report_is_not_the_reporters_attack(code):
    events = code("Three Iraqi civilians were killed in Baghdad on Sunday, Iraqi police said.", "2005-05-02")
    assert not [e for e in events if e.type == "ASSAULT" and "IRQ" in e.actor_codes()]


def test_a_particle_that_is_no_event_leaves_the_object_noun_to_say_what_was_done(code):
    event = one(code("Russia carried out air strikes on Aleppo on Monday.", "2016-10-04"), "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["RUS"], ["SYR"])


def test_only_carrier_nouns_hand_the_object_to_their_compound(code):
    event = one(code("Rebels cut power lines near Kabul.", "1985-06-01"), "ASSAULT")  # not "cut power"
    assert event.mode == "destroy"


def test_pulling_back_at_home_has_no_foreign_target(code):
    event = one(code("Five hundred Chadian rebels surrendered last week in the eastern town of Abeche."), "RETREAT")
    assert (event.actor_codes(), event.recipient_codes()) == (["TCD"], [])
    abroad = one(code("Israeli troops withdrew from southern Lebanon in May 2000."), "RETREAT")
    assert abroad.recipient_codes() == ["LBN"]


def test_an_outcome_participle_is_not_a_second_event_unless_it_names_a_target(code):
    shooting = code("Egyptian police opened fire on demonstrators in Cairo, killing one person.", "2011-01-28")
    assert len([e for e in shooting if e.type == "ASSAULT"]) == 1
    raid = code("Iranian jets struck back on Tuesday, bombing military bases around Basra.", "1980-09-24")
    assert ["IRQ"] in [e.recipient_codes() for e in raid if e.type == "ASSAULT"]


def test_an_act_with_no_country_on_either_side_is_below_the_default_threshold(code):
    assert not code("Guerrillas overran the village late last month.", "1985-06-01")


def test_rejecting_a_reading_or_demand_answers_whoever_made_it(code):
    reading = code("Hassan Rouhani went on television to hail the deal as proof of Iran's rights, a reading "
                   "that John Kerry, the US secretary of state, rejected within hours.", "2013-11-30")
    assert next(e for e in reading if e.type == "REJECT").recipient_codes() == ["IRN"]
    demand = code("Russia and China had pushed until the final days for the embargo to be lifted at once, a "
                  "demand the United States refused.", "2015-07-15")
    assert sorted(next(e for e in demand if e.type == "REJECT").recipient_codes()) == ["CHN", "RUS"]


def test_not_being_bound_by_a_deal_is_the_subjects_rejection(code):
    event = one(code("Benjamin Netanyahu said on Tuesday that Israel was not bound by the accord.", "2015-07-15"),
                "REJECT")
    assert (event.actor_codes(), event.negated, event.date) == (["ISR"], False, "2015-07-14")


def test_an_act_naming_no_target_answers_the_other_side_of_the_latest_dealings(code):
    agreed = one(code("Washington asked Israel to pause its air raids, and Israel agreed."), "AGREE")
    assert (agreed.actor_codes(), agreed.recipient_codes()) == (["ISR"], ["USA"])
    assert agreed.recipient[0].via.startswith("counterpart:")
    vowed = one(code("Iraqi jets bombed the Iranian port of Abadan on Monday. "
                     "Iran vowed that it would never negotiate."), "REJECT")
    assert (vowed.actor_codes(), vowed.recipient_codes()) == (["IRN"], ["IRQ"])


def test_an_unresolved_object_is_not_replaced_by_the_latest_counterpart(code):
    executed = one(code("Saudi Arabia accused Iran of meddling. Saudi Arabia executed a prominent cleric."),
                   "ASSAULT")
    assert "IRN" not in executed.recipient_codes()


def test_the_object_an_entry_names_may_follow_a_preposition(code):
    events = code("Russia voted for UN sanctions on Iran.")
    sanction = one(events, "SANCTION")
    assert (sanction.actor_codes(), sanction.recipient_codes()) == (["RUS"], ["IRN"])
    assert sanction.trigger.text == "voted"


def test_a_date_in_a_sibling_clause_does_not_date_a_participle(code):
    events = code("Last week the Iranian parliament voted to suspend cooperation with the Atomic Energy Agency, "
                  "accusing Israel of sabotage, and on Wednesday the president signed the bill.", "2025-07-03")
    accusing = one(events, "ACCUSE")
    assert accusing.date_text == "Last week"


def test_a_damning_label_is_criticism_whatever_it_labels(code):
    events = code("Iraq bombed Iranian airfields on Monday. Iran's president called the attack a war of aggression.")
    accuse = one(events, "ACCUSE")
    assert (accuse.actor_codes(), accuse.recipient_codes()) == (["IRN"], ["IRQ"])
    labelled = code("Putin called the strikes illegal.")
    assert [e.type for e in labelled] == ["ACCUSE"]  # not a call for a strike


def test_an_approving_label_is_praise(code):
    assert one(code("The Chinese foreign minister called the agreement a historic achievement."), "SUPPORT")


def test_a_past_tense_conjunct_does_not_share_a_would(code):
    events = code("The State Department said on Monday that the United States would stay neutral and urged "
                  "Iran and Iraq to stop the fighting.", "1980-09-23")
    urged = one(events, "REQUEST")
    assert not urged.hypothetical
    assert urged.date == "1980-09-22"


def test_a_target_is_whoever_its_adjective_names_wherever_the_preposition_hangs(code):
    fired = one(code("Overnight, Iranian forces in Syria fired a barrage of rockets at Israeli army positions."),
                "ASSAULT")
    assert (fired.actor_codes(), fired.recipient_codes()) == (["IRN"], ["ISR"])
    hit = one(code("Israel hit back at dozens of Iranian targets across Syria."), "ASSAULT")
    assert hit.recipient_codes() == ["IRN"]


def test_an_agentless_undoing_is_done_by_whoever_did_the_act_undone(code):
    events = code("Saudi Arabia broke off relations with Iran in 1988. Relations were restored in 1991.", "2016-01-05")
    restored = one(events, "COOPERATE")
    assert (restored.actor_codes(), restored.recipient_codes(), restored.date) == (["SAU"], ["IRN"], "1991")
    events = code("In 2010 Russia froze the delivery of S-300 missiles to Iran. That ban was lifted in 2015.")
    lifted = one(events, "RETREAT")
    assert (lifted.actor_codes(), lifted.recipient_codes()) == (["RUS"], ["IRN"])
    assert lifted.actor[0].via.startswith("undoes:")


def test_an_agentless_fresh_act_borrows_no_actor(code):
    events = code("Saudi Arabia broke off relations with Iran in 1988. New sanctions were imposed in 1991.")
    assert [e.type for e in events] == ["SANCTION"]


def test_the_sanctions_a_verb_reimposes_are_not_a_second_event(code):
    events = code("The Security Council imposed sanctions on Iran in 2006. In 2025 the UN sanctions were reimposed.")
    assert [(e.type, e.actor_codes(), e.recipient_codes()) for e in events] == [
        ("SANCTION", ["UNO"], ["IRN"]), ("SANCTION", ["UNO"], ["IRN"])]
    assert events[1].trigger.text == "reimposed"


def test_a_complaint_is_aimed_at_the_subject_of_what_it_complains_of(code):
    complaint = one(code("Saudi officials complain that Washington negotiated behind their backs."), "ACCUSE")
    assert (complaint.actor_codes(), complaint.recipient_codes()) == (["SAU"], ["USA"])


def test_an_accord_named_after_its_venue_is_not_the_target_of_leaving_it(code):
    events = code("Iraq announced that it was tearing up the 1975 Algiers agreement.")
    assert "DZA" not in [c for e in events for c in e.recipient_codes()]


def test_ordering_a_halt_to_trade_is_a_sanction_on_whose_goods_they_are(code):
    events = code("President Carter froze Iranian deposits. On Monday the president ordered a halt to all imports "
                  "of Iranian oil.", "1979-11-15")
    halt = [e for e in events if e.trigger.text.startswith("ordered")]
    assert [(e.type, e.actor_codes(), e.recipient_codes()) for e in halt] == [("SANCTION", ["USA"], ["IRN"])]
    assert halt[0].rule.startswith("chains.yaml:halt+obj=import")


def test_letting_another_states_forces_use_ones_bases_is_military_cooperation(code):
    allowed = one(code("Germany would allow American forces to keep using their bases in Germany."), "COOPERATE")
    assert (allowed.actor_codes(), allowed.recipient_codes(), allowed.hypothetical) == (["DEU"], ["USA"], True)
    let = one(code("In August 2016 Tehran let Russian bombers fly from an air base near Hamadan."), "COOPERATE")
    assert (let.actor_codes(), let.recipient_codes(), let.date) == (["IRN"], ["RUS"], "2016-08")


def test_a_preposition_before_the_verb_is_not_its_particle(code):
    events = code("In August Tehran let the inspectors of the agency visit Fordow.")
    assert all(e.rule != "verbs.yaml:let+in via svo" for e in events)


def test_actors_acting_in_turn_are_separate_events(code):
    events = code("In June, Israel and then the United States bombed Iran's nuclear sites.")
    assert sorted((e.actor_codes(), e.recipient_codes()) for e in events) == [(["ISR"], ["IRN"]), (["USA"], ["IRN"])]


def test_a_conjoined_act_of_the_same_kind_shares_its_target(code):
    events = code("Bahrain and Sudan broke off diplomatic relations with Iran yesterday and the United Arab "
                  "Emirates downgraded its ties.")
    assert [(e.actor_codes(), e.recipient_codes()) for e in events] == [(["BHR", "SDN"], ["IRN"]), (["ARE"], ["IRN"])]


def test_rejecting_a_thing_someone_drafted_is_aimed_at_its_drafter(code):
    rejected = one(code("Egypt rejected the plan that Israel drafted."), "REJECT")
    assert (rejected.actor_codes(), rejected.recipient_codes()) == (["EGY"], ["ISR"])


def test_denouncing_an_attack_answers_the_attacker_not_the_attackers_target(code):
    events = code("Israeli missiles struck Damascus on Monday. Syria fired rockets at the Golan Heights. "
                  "Syria's president denounced the attack as a crime.", "2024-05-08")
    denounced = one(events, "ACCUSE")
    assert denounced.recipient_codes() == ["ISR"]


def test_the_weapons_an_entry_names_are_not_its_target(code):
    event = one(code("On Sunday American bombers dropped heavy bombs on Natanz.", "2025-06-23"), "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["USA"], ["IRN"])


def test_ordering_ones_own_forces_onto_alert_targets_no_one(code):
    event = one(code("President Putin ordered Russia's strategic forces onto high alert."), "MOBILIZE")
    assert (event.actor_codes(), event.recipient_codes()) == (["RUS"], [])


def test_an_attack_on_no_one_found_waits_below_the_threshold(coder):
    text = "Syrian troops attacked at dawn on Tuesday."
    assert coder.code_text(text).events == []
    lenient = Coder(nlp=coder.nlp, gazetteer=coder.gazetteer, lexicon=coder.lexicon, min_confidence=0.3)
    attack = one(lenient.code_text(text).events, "ASSAULT")
    assert attack.actor_codes() == ["SYR"] and attack.recipient == [] and attack.confidence < 0.5
    aimed = one(coder.code_text("Syrian troops attacked Turkish positions at dawn on Tuesday.").events, "ASSAULT")
    assert aimed.recipient_codes() == ["TUR"] and aimed.confidence >= 0.5


def test_a_follow_on_act_counting_its_victims_hits_those_the_first_act_hit(code):
    events = code("Turkish troops shelled Kurdish fighters near Kobani, wounding four and capturing two.")
    capture = next(e for e in events if e.trigger.text == "capturing")
    assert (capture.actor_codes(), capture.recipient_codes()) == (["TUR"], ["SYR"])


def test_an_attack_named_as_the_subject_was_made_by_whoever_its_words_name(code):
    event = one(code("Israeli drone strikes killed four Hezbollah commanders on Tuesday."), "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["ISR"], ["LBN"])
    assert event.actor[0].via == "maker of strikes"


def test_an_unowned_attack_on_foreigners_is_struck_from_where_it_fell(code):
    events = code("A car bomb near the town of Falluja killed two British contractors on Monday.")
    event = one(events, "ASSAULT")
    assert (event.actor_codes(), event.recipient_codes()) == (["IRQ"], ["GBR"])
    assert event.location is not None and event.location.country == "IRQ"


def test_an_act_done_on_someones_orders_is_theirs(code):
    events = code("Two French journalists were detained in Tehran on Khamenei's orders.", "2011-03-02")
    assert one(events, "COERCE").actor_codes() == ["IRN"]
    events = code("UN monitors were pulled out of Syria on the orders of Secretary-General Ban Ki-moon.", "2012-06-20")
    withdrawal = one(events, "RETREAT")
    assert (withdrawal.actor_codes(), withdrawal.recipient_codes()) == (["UNO"], ["SYR"])


def test_a_label_the_parser_read_as_a_clause_is_still_a_label(code):
    events = code("Mr Erdogan received him in Ankara, called the Israeli raids unprovoked aggression against "
                  "civilians, and said Turkey stood with the Lebanese people.")
    called = next(e for e in events if e.trigger.text == "called")
    assert (called.type, called.actor_codes(), called.recipient_codes()) == ("ACCUSE", ["TUR"], ["ISR"])


def test_saying_one_will_not_use_force_is_no_threat(code):
    events = code("Russian troops crossed into Ukraine on Thursday. NATO has said it will not send troops into "
                  "Ukraine.", "2022-02-26")
    assert not [e for e in events if e.type == "THREATEN"]
    refusal = next(e for e in events if e.trigger.text == "send")
    assert (refusal.type, refusal.actor_codes(), refusal.recipient_codes()) == ("MOBILIZE", ["IGO"], ["UKR"])
    assert refusal.negated and refusal.future


def test_a_visit_is_aimed_at_where_it_goes_and_needs_somewhere_to_go(code):
    came = one(code("Erdogan came to Baku in May to see Aliyev.", "2023-06-01"), "CONSULT")
    assert (came.actor_codes(), came.recipient_codes(), came.mode) == (["TUR"], ["AZE"], "visit")
    arrived = one(code("Kenyan police officers arrived in Haiti on Tuesday.", "2024-06-27"), "CONSULT")
    assert arrived.recipient_codes() == ["HTI"]
    assert code("Erdogan came to power in 2003.", "2023-06-01") == []
    war = one(code("Iraq went to war with Iran in 1980.", "2020-09-22"), "ASSAULT")
    assert (war.actor_codes(), war.recipient_codes(), war.date) == (["IRQ"], ["IRN"], "1980")


def test_an_act_as_object_was_aimed_at_the_other_side_of_the_latest_dealings(code):
    events = code("Israeli jets bombed Beirut's airport on Thursday. Israel then imposed a naval blockade, "
                  "which remains in force.", "2006-07-15")
    blockade = one(events, "COERCE")
    assert (blockade.actor_codes(), blockade.recipient_codes()) == (["ISR"], ["LBN"])
    assert blockade.recipient[0].via.startswith("counterpart:")


def test_a_declared_feeling_is_the_subjects_stance_towards_the_latest_act(code):
    events = code("Washington recognised Jerusalem as Israel's capital yesterday. Turkey's foreign ministry said it "
                  "was deeply disappointed.", "2017-12-07")
    stance = one(events, "ACCUSE")
    assert (stance.actor_codes(), stance.recipient_codes(), stance.trigger.text) == (["TUR"], ["USA"], "disappointed")
    pleased = one(code("Tehran said it was pleased with the French proposal."), "SUPPORT")
    assert (pleased.actor_codes(), pleased.recipient_codes()) == (["IRN"], ["FRA"])
    worried = one(code("Germany said it was deeply concerned by the Russian decision."), "ACCUSE")
    assert worried.recipient_codes() == ["RUS"]
    assert code("The weather was disappointing.") == []


def test_a_reciprocal_act_between_states_goes_each_way(code):
    events = code("Indian and Pakistani troops exchanged fire in Kashmir on Sunday.")
    assert sorted((e.actor_codes()[0], e.recipient_codes()[0]) for e in events if e.type == "ASSAULT") == [
        ("IND", "PAK"), ("PAK", "IND")]
    text = ("Riyadh cut ties with Tehran in January 2016 after protesters stormed its embassy there. "
            "Since then the two rivals have traded accusations across the region.")
    accusations = [e for e in code(text, "2023-03-11") if e.type == "ACCUSE"]
    assert sorted((e.actor_codes(), e.recipient_codes()) for e in accusations) == [
        (["IRN"], ["SAU"]), (["SAU"], ["IRN"])]


def test_the_source_of_a_report_is_not_the_target_of_the_act(code):
    events = code("Iraqi jets bombed Tehran's airport on Monday. Iranian jets struck back on Tuesday, according "
                  "to Tehran radio.", "1980-09-24")
    answer = next(e for e in events if e.trigger.text == "struck")
    assert "IRN" not in answer.recipient_codes()


def test_a_body_is_not_its_own_target_and_an_appeal_is_addressed_to_whom_it_reminds(code):
    events = code("At the United Nations, the president of the General Assembly appealed on Friday for calm, "
                  "reminding Ethiopia that the ceasefire must hold.", "2021-11-06")
    appeal = one(events, "REQUEST")
    assert (appeal.actor_codes(), appeal.recipient_codes()) == (["UNO"], ["ETH"])


def test_a_speaker_saying_its_own_people_will_act_makes_the_promise(code):
    events = code("Israel and Hamas agreed to a truce on Monday. Hamas's leader said that his fighters would "
                  "respect the truce.", "2014-08-27")
    promise = next(e for e in events if e.trigger.text == "respect")
    assert (promise.type, promise.actor_codes(), promise.rule.endswith("via promise")) == ("AGREE", ["PSE"], True)


def test_the_war_in_a_report_is_the_war_it_opens_with(code):
    events = code("Russian missiles struck Kyiv before dawn yesterday. By nightfall Ukraine had fired rockets at "
                  "Belgorod. In Paris, President Macron called the war a tragic mistake and demanded an end to "
                  "military operations.", "2022-02-25")
    called = next(e for e in events if e.trigger.text == "called")
    demanded = next(e for e in events if e.trigger.text == "demanded")
    assert (called.type, called.recipient_codes()) == ("ACCUSE", ["RUS"])
    assert (demanded.type, demanded.recipient_codes()) == ("REQUEST", ["RUS"])


def test_the_body_a_complaint_is_lodged_with_is_the_forum_not_the_accused(code):
    events = code("Turkish jets bombed targets in northern Iraq on Friday. On Sunday Iraq lodged a complaint with "
                  "the UN Security Council.", "2022-04-25")
    complaint = next(e for e in events if e.type == "ACCUSE")
    assert (complaint.actor_codes(), complaint.recipient_codes()) == (["IRQ"], ["TUR"])


def test_days_after_an_earlier_act_are_counted_from_its_day(code):
    events = code("Israeli jets struck Gaza on 3 May. Two days after the strike, Hamas fired rockets at Tel Aviv.",
                  "2021-05-10")
    rockets = next(e for e in events if e.trigger.text == "fired")
    assert (rockets.date, rockets.date_precision) == ("2021-05-05", "day")
    assert rockets.date_text == "Two days after the strike"


def test_a_label_faulting_someones_policy_is_aimed_at_them(code):
    event = one(code("In Ankara, Turkey's main opposition party called the accord a grave failure of President "
                     "Erdogan's foreign policy.", "2019-10-18"), "ACCUSE")
    assert (event.actor_codes(), event.recipient_codes()) == (["TUR"], ["TUR"])
    assert event.recipient[0].kind == "person"


def test_blocking_transport_is_obstruction(code):
    event = one(code("Striking French farmers blocked transport into Lyon on Monday."), "PROTEST")
    assert (event.mode, event.actor_codes()) == ("obstruct", ["FRA"])


def test_letting_inspectors_in_grants_access_and_a_site_keeps_them_out_for_its_state(coder):
    let_in = one(coder.code_text("Iraq will let inspectors of the International Atomic Energy Agency into its "
                                 "weapons plants.").events, "RETREAT")
    assert (let_in.mode, let_in.actor_codes(), let_in.recipient_codes()) == ("access", ["IRQ"], ["UNO"])
    lenient = Coder(nlp=coder.nlp, gazetteer=coder.gazetteer, lexicon=coder.lexicon, min_confidence=0.3)
    kept_out = one(lenient.code_text("Inspectors have not been allowed back into Natanz since the strikes.").events,
                   "RETREAT")
    assert (kept_out.actor_codes(), kept_out.negated) == (["IRN"], True)


def test_a_direct_object_beats_a_prepositional_one_in_choosing_the_entry(code):
    events = code("After months of talks, Armenia and Azerbaijan concluded a peace agreement on Tuesday.")
    assert [e.type for e in events if e.trigger.text == "concluded"] == ["AGREE"]


def test_what_a_visitor_signs_is_signed_with_the_host(code):
    events = code("Rafael Grossi, the IAEA's director general, went to Caracas on Monday and signed a framework "
                  "for cooperation.", "2023-05-10")
    signed = one(events, "AGREE")
    assert (signed.actor_codes(), signed.recipient_codes()) == (["UNO"], ["VEN"])


def test_talking_of_a_thing_is_no_meeting_but_talking_with_a_state_is(code):
    assert code("Egyptian officials have talked of buying French fighters.") == []
    met = one(code("Egyptian officials talked with France about buying fighters."), "CONSULT")
    assert (met.actor_codes(), met.recipient_codes()) == (["EGY"], ["FRA"])
