"""The model of rules/hyphen_prefixes.json: prefixes joined to their word at a hyphen ('re-elected')."""

from __future__ import annotations

from typing import Annotated, Iterator, Literal

from pydantic import Field

from extract.core.schemas.base import NonEmpty, RuleId, RuleModel
from extract.core.schemas.locate import Loc, Problem

Words = Annotated[list[NonEmpty], Field(min_length=1)]


class HyphenPrefixRule(RuleModel):
    id: RuleId
    lemma: Literal["stem", "whole"]  # the joined word's lemma: its stem's ("elect") or with the prefix ("non-payment")
    words: Words  # lower case, without the hyphen
    note: str = ""


class HyphenPrefixesFile(RuleModel):
    note: str = ""
    prefixes: list[HyphenPrefixRule]

    def problems(self) -> Iterator[Problem]:
        seen: set[str] = set()
        for index, rule in enumerate(self.prefixes):
            for position, word in enumerate(rule.words):
                loc: Loc = ("prefixes", index, "words", position)
                if word != word.lower() or not word.isalpha():
                    yield loc, f"{word!r} is not a lower-case word; write the prefix without its hyphen"
                elif word in seen:
                    yield loc, f"prefix {word!r} is listed twice; a prefix has one lemma policy"
                seen.add(word)

    def rule_ids(self) -> Iterator[tuple[Loc, str]]:
        for index, rule in enumerate(self.prefixes):
            yield ("prefixes", index, "id"), rule.id
