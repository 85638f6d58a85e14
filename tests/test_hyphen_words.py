"""Hyphen-prefixed words read as one word (extract.nlp.hyphen_words, rules/hyphen_prefixes.json).

Every sentence is invented for these tests. The joining is tested on a blank pipeline; what it changes
in the parse, the lemma and the events is tested with the model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extract.core.errors import RuleFileError
from extract.core.settings import Settings
from extract.events.detect import detect_event_mentions
from extract.events.mention_rules import load_event_mention_rules
from extract.nlp.hyphen_words import (
    PREFIXES_FILE,
    HyphenJoiner,
    join_hyphen_words,
    joined_words,
    load_hyphen_prefixes,
)
from extract.nlp.model import build_nlp, load_model

BLANK = spacy.blank("en")


def _joined(settings: Settings, text: str) -> list[str]:
    doc = BLANK(text)
    return [doc[start:end].text for start, end in joined_words(doc, load_hyphen_prefixes(settings.rules_dir))]


@pytest.mark.parametrize(("text", "joined"), [
    ("She was re-elected and co-organised the fair.", ["re-elected", "co-organised"]),
    ("Re-elected in May, he mis-sold loans.", ["Re-elected", "mis-sold"]),  # a capital prefix opens a sentence
    ("The non-payment was over-reported.", ["non-payment", "over-reported"]),
    ("Pre-Beijing and non-EU groups met.", []),  # a name after the hyphen stays a token of its own
    ("An out-of-court deal was signed.", []),  # a word of three parts is a compound of its own
    ("The ex-minister and the pro-government camp met.", []),  # prefixes that rules/ does not list
    ("The re - elected mayor spoke.", []),  # spaced: not one word
    ("The sell-off went on.", []),  # 'sell' is no prefix
])
def test_which_words_are_joined(settings: Settings, text: str, joined: list[str]) -> None:
    assert _joined(settings, text) == joined


def test_joining_keeps_every_character_offset(settings: Settings) -> None:
    text = "Ann Roe was re-elected; co-founders met in pre-war halls."
    doc = BLANK(text)
    before = [(t.idx, t.text) for t in doc if t.text not in ("re", "-", "elected", "co", "founders", "pre", "war")]
    HyphenJoiner.set_annotations(doc, joined_words(doc, load_hyphen_prefixes(settings.rules_dir)))
    assert doc.text == text
    assert [t.text for t in doc if "-" in t.text] == ["re-elected", "co-founders", "pre-war"]
    assert all(text[t.idx:t.idx + len(t)] == t.text for t in doc)
    assert [(t.idx, t.text) for t in doc if "-" not in t.text] == before


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["prefixes"][0]["words"].append("re-"), r"words\[\d+\]: 're-' is not a lower-case word"),
    (lambda d: d["prefixes"][1]["words"].append("re"), r"prefixes\[1\]\.words\[\d+\]: prefix 're' is listed twice"),
    (lambda d: d["prefixes"][0].update(lemma="root"), r"prefixes\[0\]\.lemma: input should be 'stem' or 'whole'"),
], ids=["hyphen", "twice", "policy"])
def test_the_rule_file_is_checked(tmp_path: Path, settings: Settings, change, message: str) -> None:
    data = json.loads((settings.rules_dir / PREFIXES_FILE).read_text(encoding="utf-8"))
    change(data)
    (tmp_path / PREFIXES_FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleFileError, match=message):
        load_hyphen_prefixes(tmp_path)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp(Settings())


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "lemma"), [
    ("The two councillors were successfully re-elected.", "re-elected", "elect"),  # the same act: the stem's lemma
    ("The fair was co-organised by the club.", "co-organised", "organise"),
    ("The firm was fined for non-payment of taxes.", "non-payment", "non-payment"),  # another act: keeps its prefix
    ("The exchange de-listed the shares in May.", "de-listed", "de-list"),
])
def test_a_joined_word_has_its_stems_lemma(nlp: Language, text: str, word: str, lemma: str) -> None:
    (token,) = [t for t in nlp(text) if t.text == word]
    assert token.lemma_ == lemma


@pytest.mark.model
def test_a_joined_verb_heads_its_clause_with_its_auxiliary(nlp: Language) -> None:
    doc = nlp("The two councillors were successfully re-elected.")
    (verb,) = [t for t in doc if t.text == "re-elected"]
    assert verb.dep_ == "ROOT" and [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")] == ["were"]


@pytest.mark.model
def test_a_joined_verb_is_one_trigger_read_from_its_stem(nlp: Language, settings: Settings) -> None:
    text = "The mayor was re-elected in May."
    (found,) = [m for m in detect_event_mentions(nlp(text), load_event_mention_rules(settings.rules_dir))
                if "elected" in m.text]
    start = text.index("re-elected")
    assert (found.text, found.lemma, found.start, found.head_start, found.head_end) == \
        ("re-elected", "elect", start, start, start + len("re-elected"))


@pytest.mark.model
def test_the_ner_reads_the_words_before_they_are_joined(nlp: Language, settings: Settings) -> None:
    """Joined before the NER, "co-founder" made the model read "Brindle Foods" as a WORK_OF_ART: the NER runs on
    the words as the model was trained on them, so it finds what the bare model finds."""
    text = "The co-founder of Brindle Foods, Tomas Eld, re-joined the board."
    doc = nlp(text)
    assert [t.text for t in doc if "-" in t.text] == ["co-founder", "re-joined"]
    names = [(e.text, e.label_) for e in doc.ents]
    assert names == [(e.text, e.label_) for e in load_model(settings.model)(text).ents]
    assert ("Brindle Foods", "ORG") in names


def _listening_ner_pipeline() -> Language:
    """A blank pipeline whose NER reads a shared tok2vec, as a transformer model's does."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    ner = nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "tok2vec": listener}})
    ner.add_label("ORG")
    nlp.initialize()
    return nlp


def test_a_ner_that_reads_a_shared_layer_stays_in_place_and_nothing_is_joined(settings: Settings) -> None:
    nlp = _listening_ner_pipeline()
    join_hyphen_words(nlp, settings.rules_dir, None)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert [t.text for t in nlp("She was re-elected.")][2:5] == ["re", "-", "elected"]
