"""Everything loaded once per process: the model and the rule files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from extract.core.schemas import check_rules
from extract.core.settings import Settings
from extract.dates.lexicon import TemporalLexicon
from extract.dates.loader import load_temporal_lexicon
from extract.entities.rules import EntityRules, load_entity_rules
from extract.events.coreference import load_coreference
from extract.events.event_types import load_event_type_rules
from extract.events.lexicon import TriggerLexicon, load_trigger_lexicon
from extract.events.mention_events import EventRules
from extract.events.mention_rules import load_event_mention_rules
from extract.events.noun_arguments import load_noun_event_rules
from extract.money.parse import MoneyRules, load_money_rules
from extract.nlp.model import build_nlp, model_source
from extract.nlp.stepwise_parser import FACTORY as PARSER_STEPS

UNUSED_FACTORIES = {"textcat", "textcat_multilabel", "entity_linker", "spancat", "spancat_singlelabel",
                    "span_finder", "trainable_lemmatizer", "experimental_coref"}
_LOADED: dict[tuple[str, Path], "Resources"] = {}  # per process: (model, rules_dir) -> resources


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything loaded once per process: the model and the rule files."""

    nlp: Language
    model: str
    entity_rules: EntityRules
    lexicon: TemporalLexicon
    money_rules: MoneyRules
    triggers: TriggerLexicon
    event_rules: EventRules
    settings: Settings | None = None  # what it was loaded from: worker processes load the same

    @classmethod
    def load(cls, settings: Settings) -> "Resources":
        check_rules(settings.rules_dir)  # every rule file, and rule ids unique across files, before the model loads
        nlp = build_nlp(settings)
        unused = [name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in UNUSED_FACTORIES]
        if unused:
            nlp.select_pipes(disable=unused)
        if not ({"parser", PARSER_STEPS, "senter", "sentencizer"} & {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}):
            nlp.add_pipe("sentencizer", first=True)  # a pipeline without sentences (e.g. blank:en)
        rules_dir = settings.rules_dir
        triggers = load_trigger_lexicon(rules_dir)
        events = EventRules(triggers, load_event_mention_rules(rules_dir), load_event_type_rules(rules_dir),
                            load_coreference(rules_dir), load_noun_event_rules(rules_dir))
        return cls(nlp, model_source(nlp), load_entity_rules(rules_dir), load_temporal_lexicon(rules_dir),
                   load_money_rules(rules_dir / "money.json"), triggers, events, settings)


def worker_resources(settings: Settings) -> Resources:
    """The model and rule files for `settings`, loaded once per process."""
    key = (settings.model, settings.rules_dir)  # batch size or process count need no reload
    found = _LOADED.get(key)
    if found is None:
        found = _LOADED[key] = Resources.load(settings)
    return found
