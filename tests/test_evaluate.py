import json

import pytest

from realpolitik.evaluate import evaluate

SENTENCES = [
    {"id": "s1", "text": "Iran accused Israel of sabotage.", "published": "2021-04-12",
     "actor": ["IRN"], "recipient": ["ISR"], "type": "ACCUSE"},
    {"id": "s2", "text": "The IAEA criticised Iran.", "published": "2021-04-12",
     "actor": ["IGO"], "recipient": ["IRN"], "type": "ACCUSE"},
    {"id": "s3", "text": "Russia condemned Turkey.", "published": "2021-04-12",
     "actor": ["RUS"], "recipient": ["TUR"], "type": "THREATEN"},
]


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_sentence_gold_counts_matches_misses_and_confusions(tmp_path, coder):
    result = evaluate(write(tmp_path / "gold.jsonl", SENTENCES), coder)
    assert result.strict.gold == 3
    assert result.strict.correct == 2  # UNO counts as IGO when the gold uses IGO only
    assert result.confusion[("THREATEN", "ACCUSE")] == 1
    assert result.by_type["ACCUSE"].predicted >= 3
    assert result.strict.precision == pytest.approx(2 / result.strict.predicted)
    assert "strict: P=" in result.report().splitlines()[-1]


def test_document_gold_scores_every_event_of_the_documents_and_their_dates(tmp_path, coder):
    corpus = write(tmp_path / "docs.jsonl", [{"id": "d1", "published": "2016-01-05", "title": "t", "source": "s",
                                               "text": "Saudi Arabia cut ties with Iran on Sunday. "
                                                       "Iran condemned the decision."}])
    gold = write(tmp_path / "gold.jsonl", [
        {"doc_id": "d1", "sentence": "cut ties with Iran", "actor": ["SAU"], "recipient": ["IRN"],
         "type": "SANCTION", "date": "2016-01-03"},
        {"doc_id": "d1", "sentence": "Iran condemned", "actor": ["IRN"], "recipient": ["SAU"], "type": "ACCUSE",
         "date": "2016-01-05"},
    ])
    result = evaluate(gold, coder, corpus)
    assert result.strict.gold == 2
    assert result.by_type["SANCTION"].correct == 1
    assert result.dates_checked == result.strict.correct
    assert result.dates_right >= 1


def test_sentence_gold_also_scores_sentences_as_units(tmp_path, coder):
    rows = [{"id": "two", "text": "Egyptian police opened fire on demonstrators in Cairo, killing one and "
             "arresting twelve.", "published": "2011-01-28", "actor": ["EGY"], "recipient": ["EGY"],
             "type": "ASSAULT"},
            {"id": "none", "text": "The weather in Cairo was mild.", "published": "2011-01-28",
             "actor": ["EGY"], "recipient": [], "type": "PROTEST"}]
    result = evaluate(write(tmp_path / "gold.jsonl", rows), coder)
    assert result.strict.predicted > 1  # the killing and the arrests are events too
    assert result.strict.correct == 1
    sentences = result.per_sentence
    assert (sentences.gold, sentences.predicted, sentences.correct) == (2, 1, 1)
    assert "per sentence: P=1.000 R=0.500" in result.report()


def test_errors_list_the_missed_gold_and_the_spurious_predictions(tmp_path, coder):
    from click.testing import CliRunner

    from realpolitik.cli import main

    gold = write(tmp_path / "gold.jsonl", SENTENCES)
    result = evaluate(gold, coder)
    assert [m["gold"]["id"] for m in result.misses] == ["s3"]
    assert len(result.spurious) == result.strict.predicted - result.strict.correct
    assert any(e.type == "ACCUSE" and e.doc_id == "s3" for e in result.spurious)
    printed = CliRunner().invoke(main, ["evaluate", str(gold), "--errors"]).output
    assert "missed (1):\n  s3 THREATEN RUS->TUR | Russia condemned Turkey." in printed
    assert f"spurious ({len(result.spurious)}):\n  s3 ACCUSE RUS->TUR 'condemned'" in printed


def test_two_acts_of_one_kind_in_one_sentence_are_two_events_but_a_retelling_is_not(tmp_path, coder):
    corpus = write(tmp_path / "docs.jsonl", [{"id": "d1", "published": "2018-05-10", "title": "t", "source": "s",
                                               "text": "In May 2018 Washington left the deal with Iran and reimposed "
                                                       "sanctions on Iran. In May 2018 Washington left the deal with "
                                                       "Iran, the minister recalled."}])
    gold = write(tmp_path / "gold.jsonl", [
        {"doc_id": "d1", "sentence": "left the deal", "actor": ["USA"], "recipient": ["IRN"], "type": "SANCTION",
         "date": "2018-05"},
        {"doc_id": "d1", "sentence": "reimposed sanctions", "actor": ["USA"], "recipient": ["IRN"],
         "type": "SANCTION", "date": "2018-05"},
    ])
    result = evaluate(gold, coder, corpus)
    assert (result.strict.gold, result.strict.predicted, result.strict.correct) == (2, 2, 2)
