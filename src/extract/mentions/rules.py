"""The document-level mention rules: one interface, and their order in one list.

Each rule has an id and one method over the document's mentions and one per-document context. The
runner (`mentions.lineage`) applies them in the order of `MENTION_RULES` and records, for every span,
which rules created, moved or relabelled it (`Mention.trace`) and which rule removed it (`Dropped`).
Overlaps left at the end are settled by one filter, `overlap-filter`: the longest span wins, then the
earliest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc

from extract.core.mention import Mention
from extract.dates import spans as date_spans
from extract.dates.lexicon import TemporalLexicon
from extract.entities.orgs import acronyms as org_acronyms
from extract.entities.orgs import context as org_context
from extract.entities.orgs import evidence as org_evidence
from extract.entities.orgs import kinds as org_kinds
from extract.entities.orgs import mentions as org
from extract.entities.orgs import publications as org_publications
from extract.entities.orgs import repeats as org_repeats
from extract.entities.people import mentions as person
from extract.entities.products import makers as product_makers
from extract.entities.products import mentions as product
from extract.entities.rules import EntityRules


@dataclass(frozen=True)
class MentionContext:
    """What every rule may read about one document."""

    doc: Doc
    text: str
    rules: EntityRules
    lexicon: TemporalLexicon
    checkpoints: dict[str, list[Mention]] = field(default_factory=dict)  # mentions as a checkpoint saw them


@dataclass(frozen=True)
class MentionRule:
    id: str
    apply: Callable[[list[Mention], MentionContext], list[Mention]]


ORG_PASS = "org-pass"  # the mentions as the organisation rules left them


def _checkpoint(name: str) -> MentionRule:
    def keep(mentions: list[Mention], ctx: MentionContext) -> list[Mention]:
        ctx.checkpoints[name] = mentions
        return mentions
    return MentionRule(f"checkpoint-{name}", keep)


MENTION_RULES: tuple[MentionRule, ...] = (
    MentionRule("date-spans", lambda ms, c: date_spans.apply_date_rules(c.doc, ms, c.lexicon, c.text)),
    # organisations
    MentionRule("org-not-country", lambda ms, c: org_kinds.relabel_countries(ms, c.rules)),
    MentionRule("org-not-currency", lambda ms, c: org_kinds.drop_currencies(ms, c.rules)),
    MentionRule("org-not-seat", lambda ms, c: org_kinds.relabel_seats(ms, c.rules)),
    MentionRule("org-not-belief", lambda ms, c: org_kinds.drop_beliefs(ms, c.rules)),
    MentionRule("org-not-handle", lambda ms, c: org_kinds.drop_handles(ms, c.rules)),
    MentionRule("org-drop-heading-only", lambda ms, c: org.drop_heading_only_orgs(ms, c.text)),
    MentionRule("org-drop-portfolio-before-title", lambda ms, c: org.drop_portfolio_before_title(ms, c.text, c.rules)),
    MentionRule("org-join-listed-portfolios", lambda ms, c: org.join_listed_portfolios(ms, c.text, c.rules)),
    MentionRule("org-join-name-tail", lambda ms, c: org.join_name_tails(ms, c.text, c.rules)),
    MentionRule("org-split-joined-names", lambda ms, c: org_repeats.split_joined_names(ms, c.text, c.rules)),
    MentionRule("org-extend-designators", lambda ms, c: org.extend_designators(ms, c.text, c.rules)),
    MentionRule("org-add-designator-names", lambda ms, c: org.add_designator_names(ms, c.text, c.rules)),
    MentionRule("org-add-introduced-names", lambda ms, c: org.add_introduced_names(c.doc, ms, c.text, c.rules)),
    MentionRule("org-add-tickers", lambda ms, c: org.add_tickers(ms, c.text, c.rules)),
    MentionRule("org-publication-name", lambda ms, c: org_publications.add_publications(c.doc, ms, c.text, c.rules)),
    MentionRule("org-type-acronyms", lambda ms, c: org_acronyms.type_acronyms(ms, c.text, c.rules)),
    MentionRule("org-initialism", lambda ms, c: org_acronyms.add_initialisms(ms, c.text, c.rules)),
    MentionRule("org-drop-acronyms-of-terms", lambda ms, c: org_acronyms.drop_acronyms_of_terms(ms, c.text)),
    MentionRule("org-repeat-forms", lambda ms, c: org_repeats.repeat_org_forms(ms, c.text, c.rules)),
    MentionRule("org-vote-labels", lambda ms, c: org_repeats.vote_org_labels(ms)),
    MentionRule("org-trim-to-known-names", lambda ms, c: org.trim_to_known_names(ms, c.text, c.rules)),
    MentionRule("org-drop-common-words", lambda ms, c: org.drop_common_word_orgs(ms, c.text, c.rules)),
    MentionRule("org-names-thing", lambda ms, c: org_context.drop_thing_names(ms, c.text, c.rules)),
    MentionRule("org-held-as-event", lambda ms, c: org_context.drop_held_events(ms, c.text, c.rules)),
    MentionRule("org-lowercase-aliases", lambda ms, c: org_repeats.lowercase_aliases(c.doc, ms, c.rules, c.text)),
    _checkpoint(ORG_PASS),
    # people
    MentionRule("person-relabel-role-appositions", lambda ms, c: person.relabel_role_appositions(c.doc, ms, c.rules)),
    MentionRule("person-relabel-titled-names", lambda ms, c: person.relabel_titled_names(ms, c.text, c.rules)),
    MentionRule("person-relabel-speakers", lambda ms, c: person.relabel_speakers(ms, c.text, c.rules)),
    MentionRule("person-strip-titles", lambda ms, c: person.strip_titles(ms, c.text, c.rules)),
    MentionRule("person-relabel-org-named", lambda ms, c: person.relabel_org_named(ms, c.rules)),
    MentionRule("person-drop-event-names", lambda ms, c: person.drop_event_names(ms, c.rules)),
    MentionRule("person-trim-tails", lambda ms, c: person.trim_person_tails(ms, c.text, c.rules)),
    MentionRule("person-drop-title-phrases", lambda ms, c: person.drop_title_phrases(ms, c.rules)),
    MentionRule("person-result-list", lambda ms, c: person.add_result_list_names(ms, c.text, c.rules)),
    MentionRule("person-recover-people", lambda ms, c: person.recover_people(c.doc, ms, c.rules, c.text)),
    MentionRule("person-recover-given-names", lambda ms, c: person.recover_given_names(c.doc, ms, c.rules, c.text)),
    MentionRule("person-extend-given-names", lambda ms, c: person.extend_given_names(c.doc, ms, c.rules, c.text)),
    MentionRule("person-extend-name-tails", lambda ms, c: person.extend_name_tails(ms, c.text, c.rules)),
    MentionRule("person-drop-common-words", lambda ms, c: person.drop_common_words(ms, c.text)),
    MentionRule("person-strip-lowercase-lead", lambda ms, c: person.strip_lowercase_leads(ms, c.text, c.rules)),
    MentionRule("person-relabel-known-names", lambda ms, c: person.relabel_known_names(ms)),
    MentionRule("person-link-known-names", lambda ms, c: person.link_known_names(ms, c.rules, c.text)),
    MentionRule("person-drop-unlinked-single-names", lambda ms, c: person.drop_unlinked_single_names(ms, c.doc, c.rules)),
    MentionRule("person-drop-heading-only", lambda ms, c: person.drop_heading_only_people(ms, c.text)),
    # organisations the text marks as such, after the person rules so that it has the last word
    MentionRule("org-evidence", lambda ms, c: org_evidence.settle_org_names(c.doc, ms, c.rules, c.text,
                                                                             c.checkpoints[ORG_PASS])),
    # products, last: the text's evidence for a product wins over an ORG or PERSON reading of the same words
    MentionRule("product-model-number", lambda ms, c: product.add_model_numbers(ms, c.text, c.rules)),
    MentionRule("product-version", lambda ms, c: product.type_versions(ms, c.text, c.rules)),
    MentionRule("product-after-class-noun", lambda ms, c: product.type_after_class_noun(ms, c.text, c.rules)),
    MentionRule("product-context", lambda ms, c: product.type_in_context(ms, c.text, c.rules)),
    MentionRule("product-maker-model", lambda ms, c: product_makers.type_maker_models(ms, c.text, c.rules)),
    MentionRule("product-listed-in-class", lambda ms, c: product.type_listed(ms, c.text, c.rules)),
    MentionRule("product-coordinated", lambda ms, c: product.type_coordinated(ms, c.text, c.rules)),
    MentionRule("product-platform-use", lambda ms, c: product.type_platform_use(ms, c.text, c.rules)),
    MentionRule("product-repeat-form", lambda ms, c: product.repeat_products(ms, c.text, c.rules)),
    # a product's name where the text marks the company ("shares of Orbis") is the company there
    MentionRule("org-over-product", lambda ms, c: org_evidence.org_where_marked(ms, c.rules, c.text)),
)
RULE_IDS = tuple(rule.id for rule in MENTION_RULES)
