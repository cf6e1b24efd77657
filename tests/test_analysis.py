"""The relations system: stories, dyads, networks, blocs, sources and timelines.

Small hand-made stores pin the exact rules; the sample corpus, coded by the real coder, checks that the
views say what a reader of those articles would say.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from realpolitik import CodedDocument, Document, Entity, Event, Sentence, Span, Store
from realpolitik.analysis import (
    Filter,
    assign_stories,
    blocs,
    centrality,
    disagreements,
    dyads,
    frustration,
    mentions,
    network,
    partition,
    period_of,
    sources,
    stories,
    timeline,
)
from realpolitik.analysis.commands import COMMANDS
from realpolitik.evaluate import SAMPLE_CORPUS
from realpolitik.events.scores import score

# -- building stores by hand -------------------------------------------------------------------------

NAMES = {"USA": "United States", "IRN": "Iran", "ISR": "Israel", "RUS": "Russia", "SAU": "Saudi Arabia",
         "SYR": "Syria", "LBN": "Lebanon", "UKR": "Ukraine", "GBR": "United Kingdom", "FRA": "France"}
_PRECISION = {4: "year", 7: "month", 10: "day"}


def entity(code: str) -> Entity:
    """"IRN" is Iran; "HEZBOLLAH@LBN" is an armed group of Lebanon with its own id."""
    group, _, country = code.partition("@")
    if country:
        return Entity(text=group.title(), name=group.title(), country=country, sector="REB", id=group, kind="group")
    return Entity(text=NAMES.get(code, code), name=NAMES.get(code, code), country=code, id=code)


def event(kind: str, actors: tuple[str, ...] | str, recipients: tuple[str, ...] | str = (), when: str | None = None,
          **flags: bool) -> Event:
    """An event as the coder would store it; ``when`` is ISO text whose length gives the precision."""
    actors = (actors,) if isinstance(actors, str) else actors
    recipients = (recipients,) if isinstance(recipients, str) else recipients
    scores = score(kind)
    return Event(doc_id="", sentence_index=0, sentence="", type=kind, mode="",
                 actor=[entity(a) for a in actors], recipient=[entity(r) for r in recipients],
                 trigger=Span(kind.lower(), 0, len(kind)), rule="test", date=when,
                 date_precision=_PRECISION[len(when)] if when else "unknown",
                 historical=bool(when) and len(when) == 4 and int(when) < 2000,
                 intensity=scores.intensity, quad_class=scores.quad_class, cameo_root=scores.cameo_root,
                 cameo_code=scores.cameo_code, goldstein=scores.goldstein, **flags)


def add(store: Store, doc_id: str, events: list[Event], *, source: str | None = "Wire A",
        published: str = "2024-04-20", url: str | None = None) -> None:
    """Store a document with one sentence per event."""
    sentences = []
    offset = 0
    for index, item in enumerate(events):
        text = f"{doc_id} sentence {index} tells of {item.type.lower()}."
        sentences.append(Sentence(index, text, offset, offset + len(text), 0))
        offset += len(text) + 1
        item.doc_id, item.sentence_index, item.sentence = doc_id, index, text
    text = " ".join(s.text for s in sentences)
    store.add(CodedDocument(Document(doc_id, text, source=source, published=date.fromisoformat(published), url=url),
                            sentences, [], events))


def world(target: str | Path) -> Store:
    """A small crisis told by three outlets: two camps, Iran's and Israel's, with Russia and the US behind them."""
    store = Store(target)
    add(store, "wire-1", [
        event("ASSAULT", "IRN", "ISR", "2024-04-13"),
        event("SUPPORT", "USA", "ISR", "2024-04-14"),
        event("AGREE", ("IRN", "RUS"), (), "2024-04"),
        event("ASSAULT", "IRN", "ISR", negated=True),
    ], source="Wire A", published="2024-04-14", url="https://example.org/wire-1")
    add(store, "wire-2", [
        event("ASSAULT", "IRN", "ISR", "2024-04"),
        event("AGREE", "RUS", "IRN", "2024-04-10"),
        event("ASSAULT", "HEZBOLLAH@LBN", "ISR", "2024-04-12"),
        event("ASSAULT", "ISR", "IRN", "2024-04-19"),
        event("AID", "IRN", "HEZBOLLAH@LBN", "2024-03"),
        event("COOPERATE", "ISR", "USA", "2023"),
        event("SUPPORT", "SAU", "USA", "2024-04-02"),
        event("ACCUSE", "SAU", "IRN", "2024-04-02"),
        event("SUPPORT", "RUS", "SYR", "2024-04-03"),
    ], source="Wire B", published="2024-04-20")
    add(store, "gazette-1", [
        event("ASSAULT", "IRN", "ISR", "2024-04-13"),
        event("SUPPORT", "USA", "ISR", "2024-04-14"),
        event("CONSULT", "SAU", "IRN", "2024-04-05"),
        event("ASSAULT", "USA", "IRN", hypothetical=True),
        event("SUPPORT", "SYR", "IRN"),
    ], source="Gazette", published="2024-04-16")
    return store


@pytest.fixture()
def store(databases) -> Store:
    with Store(databases.new()) as opened:
        yield opened


@pytest.fixture(scope="module")
def crisis(module_databases) -> Store:
    with world(module_databases.new()) as opened:
        yield opened


def row(table, **where):
    """The single row of a DataFrame matching column values; fails with the table otherwise."""
    found = table
    for column, value in where.items():
        found = found[found[column] == value]
    assert len(found) == 1, table.to_string()
    return found.iloc[0]


def story_of(store: Store, doc_id: str, sentence: int) -> int:
    table = stories(store, count="mentions")
    return int(row(table, doc_id=doc_id, sentence_idx=sentence)["story_id"])


# -- stories -----------------------------------------------------------------------------------------


def test_one_attack_reported_by_three_documents_is_one_story_with_its_counts(crisis):
    attack = story_of(crisis, "wire-1", 0)
    assert story_of(crisis, "wire-2", 0) == attack  # "in April" is compatible with "on 13 April"
    assert story_of(crisis, "gazette-1", 0) == attack
    summary = row(stories(crisis), story_id=attack)
    assert (summary["mentions"], summary["documents"], summary["sources"]) == (3, 3, 3)
    assert summary["date"] == "2024-04-13"  # the most precise report dates the story
    assert summary["source_names"] == "Gazette; Wire A; Wire B"


def test_a_denied_attack_is_never_the_same_story_as_a_real_one(crisis):
    assert story_of(crisis, "wire-1", 3) != story_of(crisis, "wire-1", 0)


def test_mutual_agreement_merges_whichever_side_is_named_actor(crisis):
    assert story_of(crisis, "wire-1", 2) == story_of(crisis, "wire-2", 1)


def test_different_days_different_directions_and_different_parties_stay_apart(store):
    add(store, "a", [event("ASSAULT", "ISR", "IRN", "2024-04-19"), event("ASSAULT", "ISR", "IRN", "2024-04-20"),
                     event("ASSAULT", "IRN", "ISR", "2024-04-19"), event("ASSAULT", "ISR", "LBN", "2024-04-19"),
                     event("ASSAULT", "ISR", "IRN", "2024-05")])
    assert len(set(stories(store, count="mentions")["story_id"])) == 5


def test_near_types_merge_but_distant_types_do_not(store):
    add(store, "a", [event("AID", "RUS", "IRN", "2022-08-01"), event("ACCUSE", "USA", "IRN", "2022-08-01")])
    add(store, "b", [event("COOPERATE", "RUS", "IRN", "2022-08-01"), event("SANCTION", "USA", "IRN", "2022-08-01")])
    assert story_of(store, "a", 0) == story_of(store, "b", 0)
    assert story_of(store, "a", 1) != story_of(store, "b", 1)


def test_a_mention_without_recipient_joins_the_story_that_names_one(store):
    add(store, "a", [event("ASSAULT", "IRN", "ISR", "2024-04-13")])
    add(store, "b", [event("ASSAULT", "IRN", (), "2024-04-13")])
    assert story_of(store, "a", 0) == story_of(store, "b", 0)


def test_undated_mentions_merge_only_in_documents_a_few_days_apart(store):
    add(store, "a", [event("SUPPORT", "SYR", "IRN")], published="2024-04-10")
    add(store, "b", [event("SUPPORT", "SYR", "IRN")], published="2024-04-12")
    add(store, "c", [event("SUPPORT", "SYR", "IRN")], published="2024-05-30")
    assert story_of(store, "a", 0) == story_of(store, "b", 0) != story_of(store, "c", 0)


def test_stories_are_anchored_so_vague_mentions_do_not_chain_two_events(store):
    add(store, "a", [event("ASSAULT", "ISR", "LBN", "2024-04-10"), event("ASSAULT", "ISR", "SYR", "2024-04-10"),
                     event("ASSAULT", "ISR", (), "2024-04")])
    table = stories(store, count="mentions")
    assert len(set(table["story_id"])) == 2
    assert story_of(store, "a", 2) == story_of(store, "a", 0)


def test_the_stories_table_is_kept_in_step_with_the_events(store):
    add(store, "a", [event("ASSAULT", "IRN", "ISR", "2024-04-13")])
    assert len(stories(store)) == 1
    add(store, "b", [event("ASSAULT", "IRN", "ISR", "2024-04-13")])
    assert list(stories(store)["mentions"]) == [2]
    add(store, "a", [event("AGREE", "SAU", "IRN", "2023-03-10")])  # a replaced document drops its old events
    assert sorted(stories(store)["type"]) == ["AGREE", "ASSAULT"]
    assert store.db.execute("SELECT count(*) FROM stories").fetchone()[0] == 2
    assert assign_stories(store) == 2


# -- dyads -------------------------------------------------------------------------------------------


def test_counting_stories_counts_the_attack_once_and_mentions_three_times(crisis):
    by_story = row(dyads(crisis), a="IRN", b="ISR")
    by_mention = row(dyads(crisis, count="mentions"), a="IRN", b="ISR")
    assert (by_story["events"], by_story["mentions"], by_story["net"]) == (1, 3, -9.0)
    assert (by_mention["events"], by_mention["net"]) == (3, -27.0)


def test_denied_and_hypothetical_events_are_flagged_and_never_scored(crisis):
    iran_israel = row(dyads(crisis), a="IRN", b="ISR")
    assert iran_israel["flagged"] == 1 and iran_israel["material_conflict"] == 1
    us_iran = row(dyads(crisis), a="USA", b="IRN")
    assert (us_iran["events"], us_iran["flagged"], us_iran["net"]) == (0, 1, 0.0)
    assert not network(crisis).has_edge("USA", "IRN")


def test_dyads_say_who_cooperates_and_who_fights(crisis):
    table = dyads(crisis, directed=False)
    assert row(table, a="IRN", b="ISR")["net"] < 0
    assert row(table, a="ISR", b="USA")["net"] > 0
    assert row(table, a="IRN", b="RUS")["net"] > 0
    assert row(table, a="HEZBOLLAH", b="IRN")["net"] > 0
    quads = row(table, a="IRN", b="SAU")
    assert (quads["verbal_coop"], quads["verbal_conflict"]) == (1, 1)
    assert quads["types"] in ("CONSULT:1 ACCUSE:1", "ACCUSE:1 CONSULT:1")


def test_undirected_dyads_add_up_both_directions(crisis):
    both = row(dyads(crisis, directed=False), a="IRN", b="ISR")
    assert (both["events"], both["net"]) == (2, -18.0)


def test_co_actors_of_an_agreement_form_a_dyad_but_co_attackers_do_not(store):
    add(store, "a", [event("AGREE", ("IRN", "RUS"), (), "2024-04-01"),
                     event("ASSAULT", ("USA", "GBR"), "IRQ", "2003-03-20")])
    table = dyads(store, directed=False)
    assert set(zip(table["a"], table["b"], strict=True)) == {("IRN", "RUS"), ("GBR", "IRQ"), ("IRQ", "USA")}


def test_periods_keep_coarse_dates_in_their_own_period(crisis):
    table = dyads(crisis, period="month", directed=False)
    assert row(table, a="ISR", b="USA", period="2023")["material_coop"] == 1  # known only to the year
    assert row(table, a="ISR", b="USA", period="2024-04")["verbal_coop"] == 1
    assert row(table, a="IRN", b="USA", period="undated")["flagged"] == 1
    assert period_of("2024-04-13", "day", "quarter") == "2024-Q2"
    assert period_of("1980", "decade", "year") == "1980s"
    assert period_of(None, "unknown", None) == "all"


def test_between_keeps_one_actors_dyads_or_one_dyad(crisis):
    assert set(dyads(crisis, between=("SAU",))["b"]) == {"USA", "IRN"}
    assert len(dyads(crisis, between=("SAU", "USA"))) == 1


def test_filters_by_source_type_actor_and_date(crisis):
    assert set(dyads(crisis, Filter(sources=("Gazette",)))["a"]) == {"IRN", "USA", "SAU", "SYR"}
    assert set(dyads(crisis, Filter(types=("aid",)))["a"]) == {"IRN"}
    assert set(dyads(crisis, Filter(actors=("SAU",)))["a"]) == {"SAU"}
    april = dyads(crisis, Filter(since="2024-04-11", until="2024-04"))
    assert set(zip(april["a"], april["b"], strict=True)) == {("IRN", "ISR"), ("HEZBOLLAH", "ISR"),
                                                              ("ISR", "IRN"), ("USA", "ISR")}
    assert row(dyads(crisis, Filter(since="2023", until="2023-12-31")), a="ISR")["b"] == "USA"


def test_an_armed_group_is_its_own_actor_unless_asked_for_countries(crisis):
    assert "HEZBOLLAH" in set(dyads(crisis)["a"])
    countries = dyads(crisis, Filter(level="country"))
    assert "HEZBOLLAH" not in set(countries["a"]) | set(countries["b"])
    assert row(countries, a="LBN", b="ISR")["net"] < 0
    assert set(dyads(crisis, Filter(actors=("LBN",)))["a"]) == {"HEZBOLLAH", "IRN"}


# -- network and blocs -------------------------------------------------------------------------------


def test_the_network_is_signed_and_weighted_by_net_score(crisis):
    graph = network(crisis)
    assert graph["IRN"]["ISR"]["weight"] == -18.0
    assert graph["ISR"]["USA"]["weight"] == 14.5 and graph["ISR"]["USA"]["events"] == 2
    assert graph.nodes["IRN"]["name"] == "Iran"
    assert graph.nodes["HEZBOLLAH"]["name"] == "Hezbollah"
    directed = network(crisis, directed=True)
    assert directed["IRN"]["ISR"]["weight"] == -9.0 and directed["ISR"]["IRN"]["weight"] == -9.0


def test_centrality_puts_the_actor_between_the_camps_first(crisis):
    table = centrality(network(crisis))
    assert table.iloc[0]["actor"] == "IRN"
    assert row(table, actor="IRN")["betweenness"] > row(table, actor="SYR")["betweenness"]
    assert row(table, actor="USA")["negative"] == 0


def test_blocs_recover_the_two_camps_of_the_crisis(crisis):
    table = blocs(network(crisis))
    camp = dict(zip(table["actor"], table["bloc"], strict=True))
    assert camp["IRN"] == camp["RUS"] == camp["SYR"] == camp["HEZBOLLAH"]
    assert camp["ISR"] == camp["USA"] == camp["SAU"]
    assert camp["IRN"] != camp["ISR"]
    assert table.attrs["frustration"] < 0.25


def test_a_perfectly_balanced_network_splits_without_frustration():
    import networkx as nx

    graph = nx.Graph()
    graph.add_weighted_edges_from([("A", "B", 5), ("C", "D", 3), ("A", "C", -4), ("B", "D", -2), ("A", "D", -1)])
    camps = partition(graph)
    assert camps["A"] == camps["B"] != camps["C"] == camps["D"]
    assert frustration(graph, camps) == 0.0


def test_the_enemy_of_an_enemy_joins_the_camp_and_unrelated_conflicts_stay_apart():
    import networkx as nx

    graph = nx.Graph()
    graph.add_weighted_edges_from([("A", "B", 6), ("A", "C", -6), ("B", "C", -4), ("D", "C", -3),
                                   ("X", "Y", -5)])
    camps = partition(graph)
    assert camps["D"] == camps["A"] == camps["B"] != camps["C"]  # D only fights C, A's and B's enemy
    assert camps["X"] != camps["Y"]
    assert {camps["X"], camps["Y"]}.isdisjoint({camps["A"], camps["C"]})


def test_friends_that_fight_inside_a_camp_count_as_frustration():
    import networkx as nx

    graph = nx.Graph()
    graph.add_weighted_edges_from([("A", "B", 10), ("B", "C", 10), ("A", "C", -2)])
    camps = partition(graph)
    assert len(set(camps.values())) == 1
    assert frustration(graph, camps) == pytest.approx(2 / 22)


# -- sources -----------------------------------------------------------------------------------------


def test_sources_portray_each_actor_as_actor_and_recipient(crisis):
    table = sources(crisis)
    israel_b = row(table, source="Wire B", actor="ISR")
    assert (israel_b["as_recipient_conflict"], israel_b["as_actor_conflict"], israel_b["as_actor_coop"]) == (2, 1, 1)
    assert israel_b["net_as_recipient"] == -18.0
    assert israel_b["types_as_recipient"] == "ASSAULT:2"
    iran_gazette = row(table, source="Gazette", actor="IRN")
    assert (iran_gazette["as_actor_conflict"], iran_gazette["as_recipient_coop"]) == (1, 2)
    assert row(table, source="Gazette", actor="USA")["as_actor_conflict"] == 0  # the hypothetical strike


def test_disagreement_when_one_source_tells_cooperation_and_another_conflict(crisis):
    table = disagreements(crisis, period="month")
    found = row(table, a="IRN", b="SAU")
    assert (found["period"], found["source_pos"], found["source_neg"]) == ("2024-04", "Gazette", "Wire B")
    assert (found["net_pos"], found["net_neg"]) == (2.5, -2.0)
    assert len(table) == 1


# -- timelines ---------------------------------------------------------------------------------------


def test_timeline_orders_by_the_events_own_dates_and_lists_undated_apart(store):
    add(store, "essay", [event("SUPPORT", "RUS", "IRN", "2022-08-01"), event("ASSAULT", "RUS", "IRN", "1826"),
                         event("CONSULT", "RUS", "IRN"), event("AGREE", "RUS", "IRN", "1828")],
        published="2022-10-24")
    table = timeline(store, "IRN")
    assert list(table["date"].fillna("-")) == ["1826", "1828", "2022-08-01", "-"]
    assert list(table["section"]) == ["dated", "dated", "dated", "undated"]
    assert list(table["historical"]) == [True, True, False, False]


def test_a_dyad_timeline_drills_down_to_the_sentences(crisis):
    table = timeline(crisis, "ISR", "IRN", count="mentions")
    assert set(table["doc_id"]) == {"wire-1", "wire-2", "gazette-1"}
    assert all(sentence.startswith(doc) for doc, sentence in zip(table["doc_id"], table["sentence"], strict=True))
    assert row(table, section="undated")["flags"] == "negated"
    directed = timeline(crisis, "ISR", "IRN", count="mentions", directed=True)
    assert list(directed["date"]) == ["2024-04-19"]


def test_a_timeline_keeps_the_other_filters(crisis):
    table = timeline(crisis, "IRN", where=Filter(sources=("Gazette",)), count="mentions")
    assert set(table["doc_id"]) == {"gazette-1"} and len(table) == 4


def test_views_of_an_empty_selection_are_empty_tables_with_their_columns(crisis, store):
    nothing = Filter(actors=("ATLANTIS",))
    tables = (stories(crisis, nothing), dyads(crisis, nothing, period="month"), sources(crisis, nothing),
              disagreements(crisis, nothing), timeline(crisis, "ATLANTIS"), centrality(network(store)),
              blocs(network(store)))
    for table in tables:
        assert table.empty and len(table.columns) >= 5


def test_mentions_carry_the_story_date_when_counting_stories(crisis):
    frame = mentions(crisis, count="stories")
    report = frame[(frame["doc_id"] == "wire-2") & (frame["sentence_idx"] == 0)].iloc[0]
    assert (report["date"], report["mention_date"]) == ("2024-04-13", "2024-04")


# -- command-line twins ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli(crisis):
    group = click.Group("realpolitik")
    for command in COMMANDS:
        group.add_command(command)

    def run(*args: str) -> str:
        result = CliRunner().invoke(group, [*args, "--db", crisis.target])
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_cli_stories_and_dyads_print_the_same_facts_as_the_functions(cli):
    stories_out = json.loads(cli("stories", "--format", "json"))
    assert max(s["mentions"] for s in stories_out) == 3
    lines = cli("dyads", "IRN", "ISR", "--format", "jsonl", "--count", "mentions").splitlines()
    assert [(json.loads(line)["a"], json.loads(line)["events"]) for line in lines] == [("IRN", 3), ("ISR", 1)]
    assert "ASSAULT" in cli("dyads", "IRN", "ISR", "--events")
    assert "2024-Q2" in cli("dyads", "--undirected", "--period", "quarter", "--format", "csv")


def test_cli_network_blocs_sources_and_timeline(cli):
    assert cli("network", "--format", "csv").splitlines()[1].startswith("IRN,Iran,")
    edges = cli("network", "--edges", "--format", "jsonl").splitlines()
    assert {"a": "IRN", "b": "ISR"}.items() <= json.loads(edges[0]).items()
    camps = {b["actor"]: b["bloc"] for b in json.loads(cli("blocs", "--format", "json"))}
    assert camps["IRN"] != camps["USA"]
    assert "frustration" in cli("blocs")
    assert "Gazette" in cli("sources", "--disagreements", "--period", "month")
    timeline_text = cli("timeline", "IRN", "ISR")
    assert timeline_text.index("2024-04-13") < timeline_text.index("undated (the text does not say when)")


def test_cli_rejects_a_malformed_date():
    group = click.Group("realpolitik")
    group.add_command(COMMANDS[0])
    result = CliRunner().invoke(group, ["stories", "--since", "2024-13-01"])
    assert result.exit_code != 0 and "YYYY" in result.output


# -- the sample corpus, coded by the real coder ------------------------------------------------------


@pytest.fixture(scope="module")
def sample(module_databases, coder) -> Store:
    with Store(module_databases.new()) as opened:
        opened.ingest([SAMPLE_CORPUS], coder=coder)
        yield opened


def _net(table, first: str, second: str) -> float:
    pair = table[((table["a"] == first) & (table["b"] == second)) | ((table["a"] == second) & (table["b"] == first))]
    assert len(pair), f"no events between {first} and {second}"
    return float(pair["net"].sum())


def test_corpus_dyads_iran_fights_america_israel_and_saudi_arabia(sample):
    table = dyads(sample, directed=False)
    assert _net(table, "IRN", "USA") < 0
    assert _net(table, "IRN", "ISR") < 0
    assert _net(table, "IRN", "SAU") < 0


RECENT = Filter(since="2010")  # the essay's 19th-century Russo-Persian wars are history, not today's camps


def test_corpus_dyads_since_2010_russia_and_china_partner_iran_and_russia_fights_ukraine(sample):
    table = dyads(sample, RECENT, directed=False)
    assert _net(table, "IRN", "RUS") > 0
    assert _net(table, "CHN", "IRN") > 0
    assert _net(table, "RUS", "UKR") < 0


def test_corpus_blocs_since_2010_put_iran_and_russia_against_america_israel_and_saudi_arabia(sample):
    table = blocs(network(sample, RECENT))
    camp = dict(zip(table["actor"], table["bloc"], strict=True))
    missing = {"IRN", "RUS", "USA", "ISR", "SAU"} - camp.keys()
    assert not missing, f"the coder gave these actors no factual tie: {sorted(missing)}"
    assert camp["IRN"] == camp["RUS"]
    assert camp["USA"] == camp["ISR"] == camp["SAU"]
    assert camp["IRN"] != camp["USA"]


@pytest.mark.xfail(strict=True, reason="known gap: the 1979 report names the hostage-takers only as 'students' "
                   "and the seizure in an agentless passive, so the coder cannot give the seizure an Iranian "
                   "actor; it flips to a pass (and must then lose this mark) when actor inference improves")
def test_corpus_the_embassy_seizure_recalled_decades_later_is_one_story(sample):
    table = stories(sample, count="mentions")
    seizure = table[(table["doc_id"] == "embassy-1979") & (table["type"] == "COERCE")
                    & (table["date"] == "1979-11-04")]
    assert len(seizure), "the coder did not code the embassy seizure in embassy-1979"
    members = table[table["story_id"] == seizure.iloc[0]["story_id"]]
    assert len(set(members["doc_id"])) >= 2, members[["doc_id", "sentence"]].to_string()


def test_corpus_the_2016_embassy_storming_recalled_in_2023_joins_its_first_report(sample):
    table = stories(sample, count="mentions")
    storming = table[(table["doc_id"] == "saudi-iran-rupture-2016") & (table["type"] == "PROTEST")
                     & (table["date"] == "2016-01-02") & table["recipients"].str.contains("SAU")]
    assert len(storming), "the coder did not code the storming of the Saudi embassy in Tehran"
    members = table[table["story_id"] == storming.iloc[0]["story_id"]]
    assert "beijing-accord-2023" in set(members["doc_id"]), members[["doc_id", "sentence"]].to_string()


def test_corpus_both_outlets_on_the_soleimani_strike_portray_america_as_acting_in_conflict(sample):
    table = sources(sample, Filter(since="2020-01", until="2020-01"))
    for outlet in ("The Atlas Post", "The Northgate Courier"):
        usa = row(table, source=outlet, actor="USA")
        assert usa["as_actor_conflict"] > usa["as_actor_coop"] and usa["net_as_actor"] < 0
        assert "ASSAULT" in usa["types_as_actor"]


def test_corpus_the_soleimani_strike_is_one_story_told_by_two_outlets(sample):
    table = stories(sample)
    strike = table[(table["type"] == "ASSAULT") & (table["date"] == "2020-01-03")
                   & table["actors"].str.contains("USA") & table["recipients"].str.contains("IRN")]
    assert len(strike) == 1, strike.to_string()
    assert strike.iloc[0]["sources"] == 2


def test_corpus_historical_events_sit_in_their_own_time(sample):
    table = timeline(sample, "IRN", "RUS")
    dated = table[table["section"] == "dated"]
    assert dated.iloc[0]["date"] < "1900" and bool(dated.iloc[0]["historical"])
    assert list(dated["date"]) == sorted(dated["date"])
