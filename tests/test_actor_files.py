"""Users extend the gazetteer with their own YAML or TABARI/PETRARCH dictionaries."""

import json
from datetime import date

from click.testing import CliRunner

from realpolitik.actors import Gazetteer
from realpolitik.actors.tabari import read_tabari
from realpolitik.cli import main

TABARI = """# a small dictionary written for this test
ATLANTIS_ [ATL]
+ATLANTEAN_REPUBLIC_
CAPTAIN_NEMO_ [ATLGOV 050803-130803]
+NEMO_
[ATLELI >130803]
ABYSSAL_GUARD_ [ATLMIL]
"""

YAML = """
groups:
  - {id: AZOV, name: Azov Regiment, country: UKR, sector: MIL, aliases: [Azov Regiment]}
people:
  - name: Ada Example
    country: FRA
    aliases: [Ada Example]
    roles:
      - {role: foreign_minister, start: 2031-05-02, end: null}
"""


def test_tabari_names_synonyms_codes_and_dated_codes_are_read():
    data = read_tabari(TABARI)
    actors = {a["name"]: a for a in data["actors"]}
    assert actors["Atlantis"]["country"] == "ATL" and actors["Atlantis"]["aliases"] == ["Atlantean Republic"]
    assert (actors["Abyssal Guard"]["country"], actors["Abyssal Guard"]["sector"]) == ("ATL", "MIL")
    (nemo,) = data["people"]
    assert nemo["name"] == "Captain Nemo" and "Nemo" in nemo["aliases"]
    assert [(r["sector"], r["start"], r["end"]) for r in nemo["roles"]] == [
        ("GOV", date(2005, 8, 3), date(2013, 8, 3)), ("ELI", date(2013, 8, 3), None)]


def test_dated_tabari_codes_change_the_sector_with_the_date(tmp_path):
    path = tmp_path / "atlantis.txt"
    path.write_text(TABARI, encoding="utf-8")
    runner = CliRunner()
    early = runner.invoke(main, ["actor", "Nemo", "Atlantis", "--date", "2010-01-01", "--actors", str(path)])
    late = runner.invoke(main, ["actor", "Nemo", "--date", "2020-01-01", "--actors", str(path)])
    nemo_2010, atlantis = (json.loads(line) for line in early.output.splitlines())
    assert (nemo_2010["country"], nemo_2010["sector"]) == ("ATL", "GOV")
    assert atlantis["country"] == "ATL"
    assert json.loads(late.output)["sector"] == "ELI"


def test_user_yaml_adds_groups_and_office_holders(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(YAML, encoding="utf-8")
    gazetteer = Gazetteer.load([path])
    assert gazetteer.names["Azov Regiment"].country == "UKR"
    assert gazetteer.holder("FRA", "foreign_minister", date(2032, 1, 1)).person == "Ada Example"
    result = CliRunner().invoke(main, ["actor", "the French foreign minister", "--date", "2032-01-01",
                                       "--actors", str(path)])
    assert json.loads(result.output)["name"] == "Ada Example"


def test_unknown_text_is_null_without_the_user_file():
    result = CliRunner().invoke(main, ["actor", "Atlantis"])
    assert json.loads(result.output) is None
