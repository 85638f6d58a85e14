"""Hyphen-prefixed words as one token: "re-elected", "co-organised", "non-payment".

The tokenizer splits a word at a hyphen between letters, so "re-elected" reaches the tagger as "re", "-",
"elected" and the parser often makes "re" the head (an acomp of "were", an xcomp of "failed"): the event
is then read from "re", without its auxiliaries, its tense or its date. `HyphenJoiner` runs right after
the tokenizer and joins a prefix of rules/hyphen_prefixes.json, its hyphen and the lower-case word after
it into one token before the model tags and parses; character offsets are unchanged (a token keeps
`idx` and its text). The model's NER (its own tok2vec: it reads no tags or parse) runs inside the joiner,
before it, on the words as the model was trained on them, so the names it finds are those it found before;
a word it marked is not joined. `HyphenLemmas` runs after the
lemmatizer, which does not know the joined form ("re-electe"), and gives it the lemma of its stem
("elect") or, for a prefix that makes another happening of it, the stem's lemma with the prefix
("non-payment").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from extract.core.schemas import HyphenPrefixesFile, load_rule_file
from extract.nlp.stepwise_parser import stepwise

JOIN_FACTORY = "extract_hyphen_words"
LEMMA_FACTORY = "extract_hyphen_lemmas"
PREFIXES_FILE = "hyphen_prefixes.json"
HYPHEN = "-"
STEM_POLICY = "stem"

DocStep = Callable[[Doc], Doc]  # a pipeline component
NER_FACTORY = "ner"
LISTENER = "listener"  # in the name of a layer that reads a shared one: "tok2vec-listener"


@dataclass(frozen=True)
class HyphenPrefixes:
    policy: dict[str, str]  # lower-case prefix -> "stem" | "whole" (rules/hyphen_prefixes.json)

    def split(self, word: str) -> tuple[str, str] | None:
        """(prefix, stem) of a joined word ("re-elected" -> ("re", "elected")), None for any other word."""
        prefix, hyphen, stem = word.partition(HYPHEN)
        if not hyphen or prefix.lower() not in self.policy or not stem.isalpha() or not stem.islower():
            return None
        return prefix.lower(), stem


def load_hyphen_prefixes(rules_dir: Path) -> HyphenPrefixes:
    rules = load_rule_file(Path(rules_dir) / PREFIXES_FILE, HyphenPrefixesFile)
    return HyphenPrefixes({word: rule.lemma for rule in rules.prefixes for word in rule.words})


def joined_words(doc: Doc, prefixes: HyphenPrefixes) -> list[tuple[int, int]]:
    """Token ranges [start, end) of PREFIX - word written as one word; a word with a further hyphen ("out-of-court",
    "over-the-counter") is a compound of its own and left as it is."""
    hyphen = doc.vocab.strings[HYPHEN]
    found: list[tuple[int, int]] = []
    for at in (doc.to_array("ORTH") == hyphen).nonzero()[0].tolist():  # only hyphens are looked at
        i = at - 1
        if 0 <= i and i + 2 < len(doc) and (not found or found[-1][1] <= i) and _joins(doc, i, prefixes):
            found.append((i, i + 3))
    return found


def _joins(doc: Doc, i: int, prefixes: HyphenPrefixes) -> bool:
    prefix, hyphen, stem = doc[i], doc[i + 1], doc[i + 2]
    if hyphen.text != HYPHEN or prefix.whitespace_ or hyphen.whitespace_ or prefix.lower_ not in prefixes.policy:
        return False
    if not (prefix.is_alpha and stem.is_alpha and stem.is_lower):
        return False  # "pre-Beijing", "non-EU": a name after the hyphen stays a token of its own
    if prefix.ent_type or hyphen.ent_type or stem.ent_type:
        return False  # part of a name the NER marked
    word_start = i == 0 or doc[i - 1].whitespace_ or not (doc[i - 1].is_alpha or doc[i - 1].text == HYPHEN)
    more = i + 3 < len(doc) and not stem.whitespace_ and doc[i + 3].text == HYPHEN
    return word_start and not more


class HyphenJoiner:
    """A pipeline component before the tagger: the NER given to `use`, then each prefixed word becomes one token."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.prefixes = HyphenPrefixes({})
        self.names: DocStep | None = None  # the NER, run on the words before they are joined

    def use(self, prefixes: HyphenPrefixes, names: DocStep | None = None) -> None:
        self.prefixes, self.names = prefixes, names

    def __call__(self, doc: Doc) -> Doc:
        doc = self.names(doc) if self.names is not None else doc
        return self.set_annotations(doc, joined_words(doc, self.prefixes))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        batched = getattr(self.names, "pipe", None)  # the NER tags a batch at a time
        if batched is None:
            yield from map(self, docs)
            return
        for doc in batched(docs, batch_size=batch_size):
            yield self.set_annotations(doc, joined_words(doc, self.prefixes))

    @staticmethod
    def set_annotations(doc: Doc, ranges: list[tuple[int, int]]) -> Doc:
        if ranges:
            with doc.retokenize() as retokenizer:
                for start, end in ranges:
                    retokenizer.merge(doc[start:end])
        return doc


class HyphenLemmas:
    """A pipeline component after the lemmatizer: a joined word takes its stem's lemma (see the module)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.prefixes = HyphenPrefixes({})
        self.lemmatize: DocStep | None = None
        self._stems: dict[tuple[str, str, str], str] = {}  # (stem, POS, morphology) -> lemma

    def use(self, prefixes: HyphenPrefixes, lemmatize: DocStep) -> None:
        self.prefixes, self.lemmatize = prefixes, lemmatize
        self._stems.clear()

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            parts = self.prefixes.split(token.text) if HYPHEN in token.text else None
            if parts is not None:
                prefix, stem = parts
                lemma = self._stem_lemma(token, stem)
                token.lemma_ = lemma if self.prefixes.policy[prefix] == STEM_POLICY else f"{prefix}{HYPHEN}{lemma}"
        return doc

    def _stem_lemma(self, token: Token, stem: str) -> str:
        key = (stem, token.pos_, str(token.morph))
        if key not in self._stems:
            if self.lemmatize is None:
                raise ValueError(f"{self.name}: no lemmatizer to ask; call use(prefixes, lemmatizer) first")
            word = Doc(token.doc.vocab, words=[stem], pos=[token.pos_ or "X"], morphs=[key[2]])
            self._stems[key] = self.lemmatize(word)[0].lemma_ or stem
        return self._stems[key]


@Language.factory(JOIN_FACTORY)
def make_hyphen_joiner(nlp: Language, name: str) -> HyphenJoiner:
    return HyphenJoiner(name)


@Language.factory(LEMMA_FACTORY)
def make_hyphen_lemmas(nlp: Language, name: str) -> HyphenLemmas:
    return HyphenLemmas(name)


def join_hyphen_words(nlp: Language, rules_dir: Path, lemmatizer: str | None) -> None:
    """Add the joiner first in `nlp`, with the model's NER moved into it (switched off in its own place), and,
    when `nlp` has a lemmatizer (the pipe named), the lemma fix after it. A model whose NER reads a shared
    layer (a tok2vec or transformer listener, as in en_core_web_trf) cannot run its NER first: its words
    are left as the tokenizer cut them."""
    prefixes = load_hyphen_prefixes(rules_dir)
    ner = next((n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory == NER_FACTORY), None)
    if ner is not None and _listens(nlp, ner):
        return
    nlp.add_pipe(JOIN_FACTORY, first=True).use(prefixes, stepwise(nlp.get_pipe(ner)) if ner is not None else None)
    if ner is not None:
        nlp.disable_pipe(ner)
    if lemmatizer is not None:
        nlp.add_pipe(LEMMA_FACTORY, after=lemmatizer).use(prefixes, nlp.get_pipe(lemmatizer))


def _listens(nlp: Language, name: str) -> bool:
    """The component reads the output of an earlier one (a listener of a shared tok2vec or transformer)."""
    shared = any(name in getattr(proc, "listening_components", ()) for _, proc in nlp.pipeline)
    return shared or any(LISTENER in node.name for node in getattr(nlp.get_pipe(name), "model").walk())
