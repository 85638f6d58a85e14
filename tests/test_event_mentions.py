"""Tests for the TimeML-broad trigger detector (extract.events.detect) and its rule file.

Every example is invented for these tests (none is benchmark text). Each rule example also checks that
the example changes when its rule is switched off, so a rule that does nothing fails its test.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

from extract.core.errors import RuleFileError
from extract.core.settings import Settings
from extract.events.detect import EventMention, detect_event_mentions
from extract.events.mention_rules import EventMentionRules, load_event_mention_rules
from extract.events.noun_contexts import NounContext
from extract.nlp.model import load_model

RULES_FILE = "event_mentions.json"

# (rule id, invented sentence, the word to look at, expected (finding rule, class) or None for no event)
RULE_EXAMPLES = [
    ("event-verb", "The plane landed safely.", "landed", ("event-verb", "OCCURRENCE")),
    ("not-event-verb-tbaq", "The package includes a spare battery.", "includes", None),
    ("not-event-verb-modal-periphrasis", "The city will have to close the bridge.", "have", None),
    ("not-event-verb-naming", "Police found an explosive called Semtex.", "called", None),
    ("not-event-verb-known-as", "The rebel, known as Falcon, fled.", "known", None),
    ("not-event-verb-relational-participle", "A programme involving ten schools began in May.", "involving", None),
    ("event-noun-tbaq", "The takeover shocked investors.", "takeover", ("event-noun-tbaq", "OCCURRENCE")),
    ("event-noun-seed", "The resumption of flights was welcome.", "resumption", ("event-noun-seed", "ASPECTUAL")),
    ("event-noun-happening-seed", "The derailment blocked the line for hours.", "derailment", ("event-noun-happening-seed", "OCCURRENCE")),
    ("state-adjective-tbaq", "The firm is eligible for the grant.", "eligible", ("state-adjective-tbaq", "STATE")),
    ("state-adjective-seed", "The retailer is insolvent.", "insolvent", ("state-adjective-seed", "STATE")),
    ("class-reporting-verb-tbaq", "The minister acknowledged the mistake.", "acknowledged", ("event-verb", "REPORTING")),
    ("class-reporting-noun-tbaq", "A leak embarrassed the cabinet.", "leak", ("event-noun-tbaq", "REPORTING")),
    ("class-aspectual-verb-tbaq", "The club terminated the contract.", "terminated", ("event-verb", "ASPECTUAL")),
    ("class-perception-verb-tbaq", "The pilot informed the tower.", "informed", ("event-verb", "PERCEPTION")),
    ("class-i-action-verb-tbaq", "The union accused the board of lying.", "accused", ("event-verb", "I_ACTION")),
    ("class-i-action-noun-tbaq", "The appeal failed.", "appeal", ("event-noun-tbaq", "I_ACTION")),
    ("class-i-state-verb-tbaq", "Residents oppose the new runway.", "oppose", ("event-verb", "I_STATE")),
    ("class-i-state-noun-tbaq", "The clearance arrived late.", "clearance", ("event-noun-tbaq", "I_STATE")),
    ("class-i-state-adj-tbaq", "The network is vulnerable to attacks.", "vulnerable", ("state-adjective-tbaq", "I_STATE")),
    ("class-state-verb-tbaq", "The ticket cost twelve dollars.", "cost", ("event-verb", "STATE")),
    ("class-state-noun-tbaq", "The settlement angered the fans.", "settlement", ("event-noun-tbaq", "STATE")),
    ("class-reporting-verb-communication", "The coach stressed the risks.", "stressed", ("event-verb", "REPORTING")),
    ("class-reporting-verb-seed", "The driver denied the charge.", "denied", ("event-verb", "REPORTING")),
    ("class-reporting-noun-seed", "His remark upset the voters.", "remark", ("event-noun-tbaq", "REPORTING")),
    ("class-aspectual-verb-seed", "The factory ceased production.", "ceased", ("event-verb", "ASPECTUAL")),
    ("class-aspectual-noun-seed", "The completion of the bridge was celebrated.", "completion", ("event-noun-tbaq", "ASPECTUAL")),
    ("class-perception-verb-seed", "The guard noticed the smoke.", "noticed", ("event-verb", "PERCEPTION")),
    ("class-i-action-verb-seed", "The council approved the budget.", "approved", ("event-verb", "I_ACTION")),
    ("class-i-action-noun-seed", "Her request surprised the staff.", "request", ("event-noun-tbaq", "I_ACTION")),
    ("class-i-state-verb-seed", "Fans doubt the coach.", "doubt", ("event-verb", "I_STATE")),
    ("class-i-state-noun-seed", "Their fear of layoffs grew.", "fear", ("event-noun-seed", "I_STATE")),
    ("class-i-state-adj-seed", "The airline is eager to expand.", "eager", ("state-adjective-seed", "I_STATE")),
    ("phrase-go-bankrupt", "The airline went bankrupt in spring.", "went", ("phrase-go-bankrupt", "OCCURRENCE")),
    ("phrase-verb-particle", "The bank took over the lender.", "took", ("phrase-verb-particle", "OCCURRENCE")),
    ("phrase-any-particle", "The mayor spoke out against the plan.", "spoke", ("phrase-any-particle", "OCCURRENCE")),
    ("phrase-particle-adverb", "The coach stepped down in May.", "stepped", ("phrase-particle-adverb", "OCCURRENCE")),
    ("noun-context-time-preposition-tbaq", "The ferry sank after the crossing.", "crossing",
     ("noun-context-time-preposition-tbaq", "OCCURRENCE")),
]


@pytest.fixture(scope="module")
def rules(settings: Settings) -> EventMentionRules:
    return load_event_mention_rules(settings.rules_dir)


@pytest.fixture(scope="module")
def nlp(settings: Settings) -> Language:
    return load_model(settings.model)


def without(rules: EventMentionRules, rule_id: str) -> EventMentionRules:
    """The same rules with one switched off."""
    if rule_id == rules.verb_rule:
        return replace(rules, verb_pos=frozenset())
    keep = {name: tuple(r for r in getattr(rules, name) if r.id != rule_id)
            for name in ("not_event_verbs", "event_nouns", "state_adjectives", "classes", "phrases", "noun_contexts")}
    return replace(rules, **keep)


def outcome(mentions: list[EventMention], text: str, word: str) -> tuple[str, str] | None:
    start = text.index(word)
    found = [m for m in mentions if m.head_start == start]
    return (found[0].rule, found[0].event_class) if found else None


@pytest.mark.model
@pytest.mark.parametrize("rule_id, text, word, expected", RULE_EXAMPLES, ids=[e[0] for e in RULE_EXAMPLES])
def test_rule_example(nlp: Language, rules: EventMentionRules, rule_id: str, text: str, word: str,
                      expected: tuple[str, str] | None) -> None:
    doc = nlp(text)
    assert outcome(detect_event_mentions(doc, rules), text, word) == expected
    assert outcome(detect_event_mentions(doc, without(rules, rule_id)), text, word) != expected, \
        f"{rule_id} switched off changes nothing on {text!r}"


def test_every_rule_id_has_an_example(rules: EventMentionRules) -> None:
    ids = {rules.verb_rule} | {r.id for name in ("not_event_verbs", "event_nouns", "state_adjectives", "classes",
                                                 "phrases", "noun_contexts") for r in getattr(rules, name)}
    assert ids == {e[0] for e in RULE_EXAMPLES}


@pytest.mark.model
def test_phrase_spans_both_words(nlp: Language, rules: EventMentionRules) -> None:
    text = "The airline went bankrupt in spring."
    mention = next(m for m in detect_event_mentions(nlp(text), rules) if m.rule == "phrase-go-bankrupt")
    assert (mention.text, mention.lemma, text[mention.head_start:mention.head_end]) == ("went bankrupt", "go bankrupt",
                                                                                       "went")


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, lemma, event_class", [
    ("The mayor spoke out against the plan.", "spoke out", "speak out", "OCCURRENCE"),
    ("The union called off the strike.", "called off", "call off", "OCCURRENCE"),  # the listed verbs' class wins
    ("The firm shut the old plant down.", "shut", "shut down", "OCCURRENCE"),  # apart: the verb alone
    ("Analysts pointed out the risks.", "pointed out", "point out", "OCCURRENCE"),
])
def test_a_verb_and_its_particle(nlp: Language, rules: EventMentionRules, text: str, trigger: str, lemma: str,
                                 event_class: str) -> None:
    verb = trigger.split()[0]
    mention = next(m for m in detect_event_mentions(nlp(text), rules) if m.head_start == text.index(verb))
    assert (mention.text, mention.lemma, mention.event_class) == (trigger, lemma, event_class)


@pytest.mark.model
def test_a_phrase_without_a_class_is_classed_as_its_verb(nlp: Language, rules: EventMentionRules) -> None:
    text = "The engines started up again."
    mention = next(m for m in detect_event_mentions(nlp(text), rules) if m.head_start == text.index("started"))
    assert (mention.text, mention.rule, mention.event_class, mention.class_rule) == (
        "started up", "phrase-any-particle", "ASPECTUAL", "class-aspectual-verb-tbaq")


@pytest.mark.model
@pytest.mark.parametrize("text, word", [
    ("Fares rose, according to the rail operator.", "according"),  # a participle used as a preposition
    ("Fares rose sharply, including those on night trains.", "including"),
    ("\u2022 The plane landed.", "\u2022"),  # a bullet the tagger calls a verb: no letter, no trigger
    ("She chose the hashtag #IStandWithAhmed and posted it.", "IStandWithAhmed"),  # a hashtag is a name
])
def test_words_that_are_no_trigger(nlp: Language, rules: EventMentionRules, text: str, word: str) -> None:
    doc = nlp(text)
    assert [t.pos_ for t in doc if t.text == word] == ["VERB"]  # the tagger does call it a verb
    assert outcome(detect_event_mentions(doc, rules), text, word) is None


@pytest.mark.model
@pytest.mark.parametrize("text, word", [
    ("The merger is likely to close in May.", "likely"),  # a judgement of likelihood, as a modal verb would say
    ("The new phone is available in stores.", "available"),
    ("The crew is ready to leave.", "ready"),
])
def test_adjectives_the_tuning_part_rarely_marks_are_no_state(nlp: Language, rules: EventMentionRules, text: str,
                                                              word: str) -> None:
    doc = nlp(text)
    assert [t.dep_ for t in doc if t.text == word] == ["acomp"]  # predicated, where a listed adjective is a state
    assert outcome(detect_event_mentions(doc, rules), text, word) is None


@pytest.mark.model
@pytest.mark.parametrize("text, word", [
    ("The offer lapsed in May.", "offer"),  # a bid or an offer is the act itself, as TBAQ classes it
    ("The decision surprised the staff.", "decision"),
    ("Shares declined in early trading.", "declined"),  # 'decline' mostly falls, not refuses
])
def test_seed_classes_the_tuning_part_contradicts_are_left_to_the_default(nlp: Language, rules: EventMentionRules,
                                                                         text: str, word: str) -> None:
    assert outcome(detect_event_mentions(nlp(text), rules), text, word)[1] == "OCCURRENCE"


@pytest.mark.model
def test_a_deps_rule_leaves_the_verb_hanging_otherwise_alone(nlp: Language, rules: EventMentionRules) -> None:
    text = "The mayor called the plan a disaster."  # 'called' heads its clause: a happening
    assert outcome(detect_event_mentions(nlp(text), rules), text, "called") == ("event-verb", "I_ACTION")


@pytest.mark.model
@pytest.mark.parametrize("text, word", [
    ("The dispute involved two neighbours.", "involved"),  # the relation told as the clause's own verb
    ("Troops surrounded the town.", "surrounded"),  # a happening, not a participle describing a noun
])
def test_a_relational_verb_heading_its_clause_is_an_event(nlp: Language, rules: EventMentionRules, text: str,
                                                          word: str) -> None:
    assert outcome(detect_event_mentions(nlp(text), rules), text, word) == ("event-verb", "OCCURRENCE")


@pytest.mark.model
def test_a_verb_coordinated_with_an_adjective_is_an_adjective(nlp: Language, rules: EventMentionRules) -> None:
    text = "The deep and enduring friendship helped both towns."
    doc = nlp(text)
    assert outcome(detect_event_mentions(doc, rules), text, "enduring") is None
    assert outcome(detect_event_mentions(doc, replace(rules, verb_not_conjunct_of=frozenset())), text, "enduring") \
        == ("event-verb", "OCCURRENCE"), "the rule switched off changes nothing"


@pytest.mark.model
def test_a_with_deps_rule_leaves_the_verb_without_that_dependent_alone(nlp: Language, rules: EventMentionRules) -> None:
    text = "The city has two bridges."  # 'have' without an infinitive: a state, an event
    assert outcome(detect_event_mentions(nlp(text), rules), text, "has") == ("event-verb", "STATE")


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, lemma, head", [
    ("The mayor was re-elected in May.", "re-elected", "re-elect", "elected"),
    ("The fair was co-organised with the club.", "co-organised", "co-organise", "organised"),
])
def test_a_hyphenated_word_is_one_trigger(nlp: Language, rules: EventMentionRules, text: str, trigger: str,
                                          lemma: str, head: str) -> None:
    found = [m for m in detect_event_mentions(nlp(text), rules) if m.start < text.index(head) + len(head)
             and text.index(trigger) < m.end]
    assert [(m.text, m.lemma, text[m.head_start:m.head_end]) for m in found] == [(trigger, lemma, head)]


# --- the rule file is checked strictly -------------------------------------------------------------

def _write(tmp_path: Path, settings: Settings, change) -> Path:
    data = json.loads((settings.rules_dir / RULES_FILE).read_text(encoding="utf-8"))
    change(data)
    (tmp_path / RULES_FILE).write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(extra=1), r"extra: unknown key 'extra'"),
    (lambda d: d["event_nouns"][0].update(lemma=["x"]), r"event_nouns\[0\]\.lemma: unknown key 'lemma'"),
    (lambda d: d["classes"][0].update({"class": "EVENTISH"}), r"classes\[0\]\.class: input should be .*got 'EVENTISH'"),
    (lambda d: d["classes"][1].update(id=d["classes"][0]["id"]), r"classes\[1\]\.id: duplicate rule id"),
    (lambda d: d["phrases"][0].update(dep="nsubj"), r"phrases\[0\]\.dep: input should be .*got 'nsubj'"),
    (lambda d: d["event_nouns"][0].update(lemmas=[]), r"event_nouns\[0\]\.lemmas: list should have at least 1 item"),
    (lambda d: d.pop("verbs"), r"verbs: missing required key"),
    (lambda d: d["verbs"].update(not_conjunct_of=["VERB"]), r"verbs\.not_conjunct_of\[0\]: input should be .*got 'VERB'"),
], ids=["top-key", "record-key", "class", "duplicate-id", "phrase-dep", "empty-lemmas", "missing-verbs",
        "conjunct-pos"])
def test_rule_file_rejects(tmp_path: Path, settings: Settings, change, message: str) -> None:
    with pytest.raises(RuleFileError, match=message):
        load_event_mention_rules(_write(tmp_path, settings, change))


@pytest.mark.model
@pytest.mark.parametrize("text, word, verb", [
    ("• The EU and Japan signed a letter.", "•", "signed"),  # a bullet the tagger may take for a word
])
def test_a_word_without_a_letter_is_never_an_event(nlp: Language, rules: EventMentionRules, text: str, word: str,
                                                   verb: str) -> None:
    mentions = detect_event_mentions(nlp(text), rules)
    assert outcome(mentions, text, word) is None and outcome(mentions, text, verb) is not None


TIME_PHRASE = NounContext("test-noun-context-time", frozenset({"pobj"}), frozenset({"after", "during"}),
                          frozenset({"det", "poss"}), frozenset({"NN"}), frozenset({"time"}), frozenset({"compound"}))


@pytest.mark.model
@pytest.mark.parametrize("text, word, found", [
    ("The ferry sank after the crossing.", "crossing", True),  # no listed noun: its place makes it a happening
    ("Fans cheered during his appearance.", "appearance", True),
    ("Prices rose after tax.", "tax", False),  # no determiner or possessor
    ("Fans cheered during the parades.", "parades", False),  # a plural: many, or a habit
    ("Fans cheered during that time.", "time", False),  # a stretch of time
    ("The ferry sank near the crossing.", "crossing", False),  # no temporal preposition
])
def test_a_noun_context_makes_an_unlisted_noun_an_event(nlp: Language, rules: EventMentionRules, text: str, word: str,
                                                        found: bool) -> None:
    doc = nlp(text)
    no_context = replace(rules, noun_contexts=())
    assert outcome(detect_event_mentions(doc, no_context), text, word) is None  # no list of the file names it
    with_context = replace(rules, noun_contexts=(TIME_PHRASE,))
    expected = (TIME_PHRASE.id, "OCCURRENCE") if found else None
    assert outcome(detect_event_mentions(doc, with_context), text, word) == expected
