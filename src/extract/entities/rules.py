"""Entity rule data from rules/: organisation filters, non-entity stoplists, person titles, aliases."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from cleanco.termdata import terms_by_type

from extract.core.schemas import (
    ContextRule,
    CoreferenceFile,
    NameWordsFile,
    NotEntitiesFile,
    NotOrgsFile,
    OrgAliasesFile,
    OrgFiltersFile,
    PersonTitlesFile,
    ProductRulesFile,
    PublicationRule,
    load_rule_file,
)


@dataclass(frozen=True)
class OrgFilter:
    id: str
    last_words: tuple[str, ...]


@dataclass(frozen=True)
class NotEntity:
    id: str
    texts: frozenset[str]  # the whole span is one of these
    labels: frozenset[str]
    words: frozenset[str] = frozenset()  # the span contains one of these as a whole word


@dataclass(frozen=True)
class OrgAlias:
    id: str
    name: str
    aliases: tuple[str, ...]
    context_aliases: tuple[str, ...]  # count only when `name` itself appears in the document


@dataclass(frozen=True, eq=False)
class EntityRules:
    org_filters: tuple[OrgFilter, ...]
    not_entities: tuple[NotEntity, ...]
    titles: frozenset[str]
    honorifics: frozenset[str]
    org_aliases: tuple[OrgAlias, ...]
    org_words: frozenset[str] = frozenset()
    byline_words: tuple[str, ...] = ()
    portfolio_words: frozenset[str] = frozenset()  # "Finance" in "Finance Minister": part of a role
    given_names: frozenset[str] = frozenset()  # "Jane": a name word after it is a surname
    speech_verbs: frozenset[str] = frozenset()  # "said" of "said Jane Roe": a speaker's name follows
    designators: tuple[str, ...] = ()  # company forms that close a name: "Inc.", "LLC", "GmbH"
    closing_designators: frozenset[str] = frozenset()  # those after which no name word follows: "Inc", "PLC"
    exchanges: tuple[str, ...] = ()  # stock exchanges written before a ticker: "(NYSE: X)"
    markets: tuple[str, ...] = ()  # markets written like an exchange that are not organisations: "(OTC: X)"
    type_nouns: frozenset[str] = frozenset()  # "carmaker" of "the carmaker Acme": a name follows
    platform_phrases: tuple[str, ...] = ()  # "Share on": the name of an online platform follows
    short_form_tails: frozenset[str] = frozenset()  # "Technologies" of "Acme Technologies": may be left out
    name_possessives: frozenset[str] = frozenset()  # "People" of "People's Bank of China": part of the name
    person_type_nouns: frozenset[str] = frozenset()  # "publisher" of "publisher Jane Roe": may introduce a person
    company_roles: tuple[str, ...] = ()  # "analyst" of "analyst at Acme", "Acme analyst Jane Roe": Acme is an ORG
    holding_phrases: tuple[str, ...] = ()  # "shares of" of "shares of Acme": a company's name follows
    known_names: tuple[str, ...] = ()  # "Twitter": an organisation's name that means nothing else
    products: ProductRulesFile | None = None  # the evidence that types a name PRODUCT (product_rules.json)
    not_orgs: NotOrgsFile | None = None  # countries and currencies beside pycountry's (not_orgs.json)
    connectors: frozenset[str] = frozenset()  # "of" of "Bank of Japan": joins the words of a name or title
    role_punctuation: frozenset[str] = frozenset()  # "-" of "Vice-President": joins the words of a role
    minister_titles: frozenset[str] = frozenset()  # "minister": a portfolio follows, not an organisation
    articles: frozenset[str] = frozenset()  # "the": never the first word of a name
    before_products: frozenset[str] = frozenset()  # "new" of "the new Korvat": never a product's first word
    record_forms: frozenset[str] = frozenset()  # "Institute" of "RIKEN Institute": a short form leaves it out
    name_particles: tuple[str, ...] = ()  # "al" of "Suleiman al-Amr": starts a surname
    name_enders: frozenset[str] = frozenset()  # "She", "Image": never continue a person's name
    result_line: re.Pattern[str] | None = None  # "1. Jane Roe (Germany) 1:45.29": group "name" is a PERSON
    legal_forms: frozenset[str] = frozenset()  # "plc", "s.p.a.", "llc" (cleanco's list and designators), lower case
    publications: PublicationRule | None = None  # newspapers and agencies by the form of their name
    thing_nouns: ContextRule | None = None  # "database" of "the NEMISIS database": the name names a thing
    event_phrases: ContextRule | None = None  # ", held in" of "X, held in Tokyo": the name is a meeting
    # "mrs" -> "female" (lower case), "Jane" -> "female": the titles and given names of coreference.json
    title_genders: Mapping[str, str] = field(default_factory=dict)
    given_name_genders: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def curated_names(self) -> frozenset[str]:
        """Every name and alias of org_aliases.json: an organisation however the text around it reads."""
        return frozenset(f for alias in self.org_aliases for f in (alias.name, *alias.aliases, *alias.context_aliases))

    @cached_property
    def product_class_nouns(self) -> frozenset[str]:
        """The product class nouns of product_rules.json, lower case ("phone", "browser")."""
        return frozenset(w.lower() for w in self.products.class_nouns.words) if self.products else frozenset()

    @cached_property
    def after_product_words(self) -> frozenset[str]:
        """Lower-case words that may follow a product's name: its class nouns and the contexts' `may_follow`."""
        extra = self.products.contexts.may_follow if self.products else ()
        return self.product_class_nouns | frozenset(extra)

    @property
    def title_words(self) -> frozenset[str]:
        """Titles and honorifics: words that stand before a name and are never part of it."""
        return self.titles | self.honorifics

    def org_filter_for(self, text: str) -> str | None:
        """The id of the filter rule that says this ORG text is not an organisation."""
        lowered = " ".join(text.lower().replace("®", " ").replace("™", " ").split())
        head = re.split(r" (?:on|of|for|to) ", lowered, maxsplit=1)[0]  # "Partnership on X" -> "partnership"
        for rule in self.org_filters:
            for words in rule.last_words:
                # multi-word entries ("letter of intent") match the whole name; single words its head
                target = lowered if " " in words else head
                if target == words or target.endswith(" " + words):
                    return rule.id
        return None

    def chrome_words(self, label: str) -> frozenset[str]:
        """The words of the not-entity rules that name page text ("Share") for this label."""
        return frozenset(w for rule in self.not_entities if label in rule.labels for w in rule.words)

    def not_entity_rule(self, text: str, label: str, whole_only: bool = False) -> str | None:
        """The not-entity rule that lists this text whole, or (unless `whole_only`) one of its words."""
        words = set() if whole_only else set(text.split())
        for rule in self.not_entities:
            if label in rule.labels and (text in rule.texts or words & rule.words):
                return rule.id
        return None


@lru_cache(maxsize=4)
def load_entity_rules(rules_dir: Path) -> EntityRules:
    titles = load_rule_file(rules_dir / "person_titles.json", PersonTitlesFile)
    filters = load_rule_file(rules_dir / "org_filters.json", OrgFiltersFile)
    not_entities = load_rule_file(rules_dir / "not_entities.json", NotEntitiesFile)
    aliases = load_rule_file(rules_dir / "org_aliases.json", OrgAliasesFile)
    words = load_rule_file(rules_dir / "name_words.json", NameWordsFile)
    genders = load_rule_file(rules_dir / "coreference.json", CoreferenceFile)
    lowered = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return EntityRules(
        org_filters=tuple(OrgFilter(r.id, tuple(w.lower() for w in r.last_words))
                          for r in filters.rules),
        not_entities=tuple(NotEntity(r.id, frozenset(r.texts or ()), frozenset(r.labels), frozenset(r.words or ()))
                           for r in not_entities.rules),
        titles=lowered(titles.titles),
        honorifics=lowered(titles.honorifics),
        org_aliases=tuple(OrgAlias(r.id, r.name, tuple(r.aliases), tuple(r.context_aliases))
                          for r in aliases.organisations),
        known_names=tuple(aliases.known_names.words),
        org_words=lowered(titles.org_words),
        byline_words=tuple(titles.byline_words),
        portfolio_words=lowered(titles.portfolio_words),
        given_names=frozenset(titles.given_names),
        speech_verbs=lowered(titles.speech_verbs),
        designators=tuple(filters.designators.words),
        closing_designators=frozenset(filters.closing_designators.words),
        exchanges=tuple(filters.exchanges.words),
        markets=tuple(filters.markets.words),
        name_possessives=frozenset(filters.name_possessives.words),
        short_form_tails=lowered(filters.short_form_tails.words),
        type_nouns=frozenset(filters.type_nouns.words),
        platform_phrases=tuple(filters.platform_phrases.words),
        person_type_nouns=frozenset(filters.person_type_nouns.words),
        company_roles=tuple(filters.company_roles.words),
        holding_phrases=tuple(filters.holding_phrases.words),
        products=load_rule_file(rules_dir / "product_rules.json", ProductRulesFile),
        not_orgs=load_rule_file(rules_dir / "not_orgs.json", NotOrgsFile),
        connectors=lowered(words.connectors.words),
        role_punctuation=frozenset(words.role_punctuation.words),
        minister_titles=lowered(words.minister_titles.words),
        articles=lowered(words.articles.words),
        before_products=lowered(words.before_products.words),
        record_forms=lowered(words.record_forms.words),
        name_particles=tuple(words.name_particles.words),
        name_enders=frozenset(words.name_enders.words),
        result_line=re.compile(words.result_lines.regex, re.MULTILINE),
        legal_forms=_legal_forms(filters.designators.words),
        publications=filters.publications,
        thing_nouns=filters.thing_nouns,
        event_phrases=filters.event_phrases,
        title_genders={w.lower(): t.gender for t in genders.titles for w in t.words},
        given_name_genders={n: g.gender for g in genders.given_names for n in g.names},
    )


def _legal_forms(designators: list[str]) -> frozenset[str]:
    """Company legal forms in lower case: cleanco's list of many countries' forms and our designators."""
    forms = {" ".join(term.lower().split()) for terms in terms_by_type.values() for term in terms}
    return frozenset(f for f in forms | {d.lower() for d in designators} if f)
