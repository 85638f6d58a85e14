"""Models of the entity rule files: entity_patterns.jsonl, org_filters.json, not_entities.json,
org_aliases.json, person_titles.json, product_rules.json, not_orgs.json and name_words.json."""

from __future__ import annotations

import re
from typing import Any, Iterator, Literal

from pydantic import model_validator
from spacy.schemas import validate_token_pattern

from extract.core.mention import MENTION_LABELS, TIMEX_LABELS
from extract.core.schemas.base import NonEmpty, RuleId, RuleModel
from extract.core.schemas.locate import RECORDS, Loc, Problem

# a DATE or TIME span of the ruler would be replaced by the date rules: only these labels take effect
PATTERN_LABELS = tuple(label for label in MENTION_LABELS if label not in TIMEX_LABELS)
PatternLabel = Literal[PATTERN_LABELS]  # type: ignore[valid-type]
MentionLabel = Literal[MENTION_LABELS]  # type: ignore[valid-type]
_SPACY_MESSAGE = re.compile(r"\[(?P<loc>[^\]]*)\] (?P<message>.*)")
_SPACY_KEY = re.compile(r"\d+|[A-Z_][A-Z0-9_]*|[<>=!]+")


class EntityPattern(RuleModel):
    """One span-ruler pattern: a list of spaCy token patterns, or a phrase."""

    id: RuleId
    label: PatternLabel
    pattern: list[dict[str, Any]] | NonEmpty
    note: str = ""

    def problems(self) -> Iterator[Problem]:
        if isinstance(self.pattern, str):
            return
        found: dict[Loc, str] = {}
        for text in validate_token_pattern(self.pattern):
            match = _SPACY_MESSAGE.match(text)
            parts = match["loc"].split(" -> ")[1:] if match else []
            loc: list[str | int] = ["pattern"]
            for part in parts:  # up to the first union branch name ("TokenPatternString", "str")
                if not _SPACY_KEY.fullmatch(part):
                    break
                loc.append(int(part) if part.isdigit() else part)
            message = match["message"] if match else text
            if message == "Extra inputs are not permitted":
                message = f"unknown token attribute {loc[-1]!r}"
            found.setdefault(tuple(loc), f"invalid token pattern: {message}")
        yield from found.items()
        for index, token in enumerate(self.pattern):
            yield from _bad_regexes(token, ("pattern", index))


def _bad_regexes(value: Any, loc: Loc) -> Iterator[Problem]:
    """Every REGEX value of a token pattern compiles."""
    if not isinstance(value, dict):
        return
    for key, inner in value.items():
        if key == "REGEX" and isinstance(inner, str):
            try:
                re.compile(inner)
            except re.error as err:
                yield loc + (key,), f"regex {inner!r} does not compile: {err}"
        else:
            yield from _bad_regexes(inner, loc + (key,))


class EntityPatternsFile(RuleModel):
    """entity_patterns.jsonl: one pattern a line."""

    records: list[EntityPattern]

    def problems(self) -> Iterator[Problem]:
        for index, record in enumerate(self.records):
            yield from (((RECORDS, index) + loc, message) for loc, message in record.problems())

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return (((RECORDS, index, "id"), r.id) for index, r in enumerate(self.records))


class WordSection(RuleModel):
    note: str = ""
    words: list[str]


class PublicationRule(RuleModel):
    """Newspapers, agencies and journals by the form of their name (GUIDELINES A3: always ORG)."""

    id: RuleId
    note: str = ""
    heads: list[NonEmpty]  # the last word of a publication's name ("Herald" of "the Sydney Morning Herald")
    nouns_after: list[NonEmpty]  # lower-case nouns right after a publication's name ("the local Advertiser newspaper")


class ContextRule(RuleModel):
    """Words around a name that say what it names (GUIDELINES: not an organisation)."""

    id: RuleId
    note: str = ""
    words: list[NonEmpty]
    unless_next: list[NonEmpty] = []  # the next word that undoes it ("held liable")


class OrgFilterRule(RuleModel):
    id: RuleId
    description: str = ""
    last_words: list[str]  # an ORG span ending in one of these is not an organisation


class OrgFiltersFile(RuleModel):
    note: str = ""
    rules: list[OrgFilterRule]
    designators: WordSection
    closing_designators: WordSection
    exchanges: WordSection
    markets: WordSection
    name_possessives: WordSection
    short_form_tails: WordSection
    type_nouns: WordSection
    platform_phrases: WordSection
    person_type_nouns: WordSection
    company_roles: WordSection
    holding_phrases: WordSection
    publications: PublicationRule | None = None
    thing_nouns: ContextRule | None = None  # "the NEMISIS database": the name names the thing after it
    event_phrases: ContextRule | None = None  # "X, held in Tokyo": the name is a meeting

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        yield from ((("rules", index, "id"), r.id) for index, r in enumerate(self.rules))
        for key in ("publications", "thing_nouns", "event_phrases"):
            section = getattr(self, key)
            if section is not None:
                yield (key, "id"), section.id


class NotEntityRule(RuleModel):
    id: RuleId
    texts: list[str] | None = None  # the whole span is one of these
    words: list[str] | None = None  # the span holds one of these as a whole word
    labels: list[MentionLabel]
    note: str = ""

    @model_validator(mode="after")
    def _texts_or_words(self) -> "NotEntityRule":
        if (self.texts is None) == (self.words is None):
            raise ValueError("give exactly one of 'texts' (whole spans) or 'words' (any word of a span)")
        return self


class NotEntitiesFile(RuleModel):
    note: str = ""
    rules: list[NotEntityRule]

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return ((("rules", index, "id"), r.id) for index, r in enumerate(self.rules))


class OrgAliasRule(RuleModel):
    id: RuleId
    name: NonEmpty
    aliases: list[str] = []
    context_aliases: list[str] = []  # count only when `name` itself appears in the document
    note: str = ""


class OrgAliasesFile(RuleModel):
    note: str = ""
    organisations: list[OrgAliasRule]
    known_names: WordSection

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return ((("organisations", index, "id"), r.id) for index, r in enumerate(self.organisations))


class PersonTitlesFile(RuleModel):
    note: str = ""
    titles: list[str]
    honorifics: list[str]
    org_words: list[str]
    byline_words: list[str]
    portfolio_words: list[str]
    speech_verbs: list[str]
    given_names: list[str]


class IdRule(RuleModel):
    """A rule of one kind, named by its id (the source / rule column), with its word lists."""

    id: RuleId
    note: str = ""


class ModelNumberRule(IdRule):
    not_heads: list[NonEmpty]  # a numbered thing headed by one of these is no product ("Section 230")
    editions: list[NonEmpty]  # words after a model number that belong to it ("Pro", "Ultra")
    not_after: list[NonEmpty]  # a number followed by one of these is an amount ("3 million")


class WordsRule(IdRule):
    words: list[NonEmpty]


class ProductContextRule(IdRule):
    before: list[NonEmpty]  # phrases right before a product's name ("launched the")
    before_class_noun: list[NonEmpty]  # the same, only where a product class noun follows ("the new")
    after: list[NonEmpty]  # nouns right after it or its possessive ("users")
    may_follow: list[NonEmpty]  # lower-case words that may follow the name after a "before" phrase ("on")
    over_person: list[NonEmpty]  # "before" phrases after which a name read as a person is a product ("released")


class MakerModelRule(IdRule):
    makers: list[NonEmpty]  # makers' names, beside the curated organisations, that may open a product ("Tesla")
    nouns_after: list[NonEmpty]  # product nouns right after a maker + model ("tablets", "owners")
    passive_verbs: list[NonEmpty]  # participles of what is done to products ("was recalled")
    not_models: list[NonEmpty]  # name words after a maker that make no product ("Store", "Foundation")


class ProductRulesFile(RuleModel):
    """product_rules.json: the evidence that types a name PRODUCT, one section per rule."""

    note: str = ""
    model_number: ModelNumberRule
    version: WordsRule
    class_nouns: WordsRule
    contexts: ProductContextRule
    maker_model: MakerModelRule
    platform_use: WordsRule
    listed: WordsRule
    coordinated: WordsRule
    repeat: IdRule

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return (((name, "id"), getattr(self, name).id) for name in
                ("model_number", "version", "class_nouns", "contexts", "maker_model", "platform_use", "listed",
                 "coordinated", "repeat"))


class RegexRule(IdRule):
    regex: NonEmpty  # compiled with re.MULTILINE

    def problems(self) -> Iterator[Problem]:
        try:
            pattern = re.compile(self.regex, re.MULTILINE)
        except re.error as err:
            yield ("regex",), f"regex {self.regex!r} does not compile: {err}"
            return
        if "name" not in pattern.groupindex:
            yield ("regex",), "the regex needs a group named 'name'"


class NameWordsFile(RuleModel):
    """name_words.json: closed word classes the entity rules share, one named list per meaning."""

    note: str = ""
    connectors: WordsRule  # join the words of one name or title: "Bank of Japan"
    role_punctuation: WordsRule  # join the words of a role: "Vice-President", "Education, Culture"
    minister_titles: WordsRule  # a portfolio follows: "Minister of Education, Culture, Sports"
    articles: WordsRule  # never the first word of a name
    before_products: WordsRule  # stand before a product's name, never its first word
    record_forms: WordsRule  # trailing words a short form of an organisation leaves out
    name_particles: WordsRule  # start a person's surname: "al-Amr", "von der Leyen"
    name_enders: WordsRule  # never continue a person's name: "She", "Image", "Photographer"
    result_lines: RegexRule  # a line of a results list: "1. Jane Roe (Germany) 1:45.29"

    def problems(self) -> Iterator[Problem]:
        yield from ((("result_lines",) + loc, message) for loc, message in self.result_lines.problems())

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return (((name, "id"), getattr(self, name).id) for name in
                ("connectors", "role_punctuation", "minister_titles", "articles", "before_products", "record_forms",
                 "name_particles", "name_enders", "result_lines"))


class NamesRule(IdRule):
    names: list[NonEmpty]


class BeliefsRule(NamesRule):
    suffixes: list[NonEmpty]  # a capitalised word ending in one of these names a belief or its adherents


class MarksRule(IdRule):
    marks: list[NonEmpty]  # a span holding one of these is a handle or an address


class NotOrgsFile(RuleModel):
    """not_orgs.json: countries, currencies, beliefs and handles, never organisations."""

    note: str = ""
    countries: NamesRule
    currencies: NamesRule
    seats: NamesRule
    beliefs: BeliefsRule
    handles: MarksRule

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        return (((name, "id"), getattr(self, name).id) for name in ("countries", "currencies", "seats", "beliefs", "handles"))
