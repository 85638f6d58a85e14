from __future__ import annotations

from pathlib import Path

import pytest

from extract.core.settings import Settings
from extract.dates.lexicon import TemporalLexicon
from extract.dates.loader import load_temporal_lexicon
from extract.entities.rules import EntityRules, load_entity_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def lex(settings: Settings) -> TemporalLexicon:
    return load_temporal_lexicon(settings.rules_dir)


@pytest.fixture(scope="session")
def entity_rules(settings: Settings) -> EntityRules:
    return load_entity_rules(settings.rules_dir)


@pytest.fixture(scope="session")
def corpus_outputs(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    """The pipeline run once on corpus/ for the tests that need the model."""
    from extract.batch.run import run_pipeline

    out = tmp_path_factory.mktemp("outputs")
    summary = run_pipeline([ROOT / "corpus"], out, settings)
    assert summary.failed == 0, summary.errors
    return out
