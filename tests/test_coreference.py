"""Event participants through in-document coreference (rules/coreference.json) and shared subjects."""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from extract.core.errors import RuleFileError
from extract.core.schemas import CoreferenceFile, load_rule_file

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = "2025-06-02"

# (text, trigger, people, organisations): written for these tests, not taken from the corpus
CASES = [
    ("Anna Lind joined Kessler Bank in 2019. She left the company in May.", "left", ["Anna Lind"], ["Kessler Bank"]),
    ("Marlow Air ordered 12 jets on Monday. The carrier expects delivery in 2026.", "expects", [], ["Marlow Air"]),
    ("Jane Roe met Mr. Kowalski on Monday. She praised the plan.", "praised", ["Jane Roe"], []),  # not the last
    ("Mr. Kowalski met Jane Roe on Monday. He praised the plan.", "praised", ["Kowalski"], []),  # title: a man
    ("Acme Corp wanted to buy Ostwind Energy.", "buy", [], ["Acme Corp", "Ostwind Energy"]),
    ("Kessler Bank cut 200 jobs and closed ten branches.", "closed", [], ["Kessler Bank"]),
    ("Minister Jane Roe visited Tokyo. The minister signed the accord.", "signed", ["Jane Roe"], []),
    ("Jane Roe visited Tokyo. The president signed the accord.", "signed", [], []),  # nobody introduced so
    ("Omar Haddad was arrested after leaving Kessler Bank.", "leaving", ["Omar Haddad"], ["Kessler Bank"]),
    # "I" in a direct quotation is its speaker (the subject of the reporting verb, itself resolved)
    ('Cres Eastman met the panel on Monday. "I have tried so far and failed," he said.', "tried",
     ["Cres Eastman"], []),
    ('Anna Lind said: "I visited Kessler Bank in May."', "visited", ["Anna Lind"], ["Kessler Bank"]),
    ("Anna Lind spoke on Monday. I toured the plant in May.", "toured", [], []),  # not quoted: nobody
    ('Omar Haddad spoke on Monday. "We toured the plant in May," he said.', "toured", [], []),  # "we": not only him
    # an organisation that says whom a person belongs to is not a participant; one met through its head is
    ("Kessler Bank's Anna Lind resigned on Monday.", "resigned", ["Anna Lind"], []),
    ("Kessler Bank chairman Omar Haddad said the plan failed.", "said", ["Omar Haddad"], []),
    ("Anna Lind met Kessler Bank chairman Omar Haddad on Monday.", "met", ["Anna Lind", "Omar Haddad"],
     ["Kessler Bank"]),
    # an organisation in an apposition to a person's name says who they are; one that is the apposition's own
    # head ("Kessler Bank, the lender …") is not about a person
    ("Omar Haddad, 52, a director of Kessler Bank, was arrested on Monday.", "arrested", ["Omar Haddad"], []),
    ("Anna Lind (Kessler Bank, Sweden) criticised the plan on Monday.", "criticised", ["Anna Lind"], []),
    ("Anna Lind criticised Kessler Bank, the lender of Ostwind Energy, on Monday.", "criticised", ["Anna Lind"],
     ["Kessler Bank", "Ostwind Energy"]),
    # a name two prepositional phrases down from the happening is about something else; one is near enough,
    # and "by" names an agent wherever the parser hangs it
    ("Omar Haddad was holding a copy of a book critical of Kessler Bank on Monday.", "holding", ["Omar Haddad"], []),
    ("Anna Lind met the head of the office of Kessler Bank on Monday.", "met", ["Anna Lind"], []),
    ("Anna Lind met experts from Kessler Bank on Monday.", "met", ["Anna Lind"], ["Kessler Bank"]),
    ("The report was returned to the bank by Omar Haddad on Monday.", "returned", ["Omar Haddad"], []),
    # "it" / "they" as the subject of a reported clause: the organisation that reports it (itself resolved), never
    # an empty "it", one inside a quotation, or the organisation of a person who reports
    ("Kessler Bank said on Monday it would cut 2,000 jobs.", "cut", [], ["Kessler Bank"]),
    ("Kessler Bank said that it had cut 2,000 jobs.", "cut", [], ["Kessler Bank"]),
    ("Kessler Bank officials said they had closed the plant.", "closed", [], ["Kessler Bank"]),
    ("Marlow Air ordered jets. The carrier said it would buy more in May.", "buy", [], ["Marlow Air"]),
    ("Kessler Bank said it is reasonable to expect losses.", "expect", [], []),
    ('"It will not work," said Anna Lind, an analyst at Kessler Bank.', "work", [], []),
    ("Anna Lind, an analyst at Kessler Bank, said it would be sold in May.", "sold", [], []),
    ("Kessler Bank closed the plant. It was built in 1990.", "built", [], []),  # not reported: "it" stays a thing
    # an organisation in a compound of a thing says which thing is meant; of people it acts by, of what it gives
    # or does, or of a happening, it takes part
    ("Anna Lind was photographed wearing a Kessler Bank T-shirt on Monday.", "wearing", ["Anna Lind"], []),
    ("Omar Haddad took his family to the Kessler Bank headquarters in May.", "took", ["Omar Haddad"], []),
    ("Anna Lind read a Kessler Bank report on Monday.", "read", ["Anna Lind"], []),
    ("Kessler Bank officials met Anna Lind on Monday.", "met", ["Anna Lind"], ["Kessler Bank"]),
    ("Ostwind Energy investors sued the board in May.", "sued", [], ["Ostwind Energy"]),
    ("The plant was backed by Kessler Bank funding in 2020.", "backed", [], ["Kessler Bank"]),
    ("Anna Lind criticised the Kessler Bank decision on Monday.", "criticised", ["Anna Lind"], ["Kessler Bank"]),
]


def _participants(text: str, trigger: str) -> tuple[list[str], list[str]]:
    events = extract.process([{"id": "t", "text": text, "published": PUBLISHED}])["events"]
    row = events[events["trigger"] == trigger].iloc[0]
    return list(row["people"]), list(row["organisations"])


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, people, orgs", CASES, ids=[c[1] + "-" + c[0][:20] for c in CASES])
def test_participants_through_references_and_shared_subjects(text: str, trigger: str, people: list[str],
                                                              orgs: list[str]):
    assert _participants(text, trigger) == (people, orgs)


def test_coreference_words_must_be_lower_case(tmp_path: Path):
    data = (ROOT / "rules" / "coreference.json").read_text(encoding="utf-8").replace('"mr.", ', '"Mr.", ', 1)
    (tmp_path / "coreference.json").write_text(data, encoding="utf-8")
    with pytest.raises(RuleFileError, match="'Mr.' is not lower case"):
        load_rule_file(tmp_path / "coreference.json", CoreferenceFile)


def test_speaker_pronouns_must_be_lower_case(tmp_path: Path):
    data = (ROOT / "rules" / "coreference.json").read_text(encoding="utf-8").replace('"words": ["i", ', '"words": ["I", ', 1)
    (tmp_path / "coreference.json").write_text(data, encoding="utf-8")
    with pytest.raises(RuleFileError, match="'I' is not lower case"):
        load_rule_file(tmp_path / "coreference.json", CoreferenceFile)


def test_acting_nouns_must_be_lower_case(tmp_path: Path):
    data = (ROOT / "rules" / "coreference.json").read_text(encoding="utf-8").replace('"lemmas": ["member", ', '"lemmas": ["Member", ', 1)
    (tmp_path / "coreference.json").write_text(data, encoding="utf-8")
    with pytest.raises(RuleFileError, match="'Member' is not lower case"):
        load_rule_file(tmp_path / "coreference.json", CoreferenceFile)


def test_a_given_name_has_one_gender(tmp_path: Path):
    data = (ROOT / "rules" / "coreference.json").read_text(encoding="utf-8").replace('"Alice", ', '"Alice", "Adam", ', 1)
    (tmp_path / "coreference.json").write_text(data, encoding="utf-8")
    with pytest.raises(RuleFileError, match="'Adam' is listed as both male and female"):
        load_rule_file(tmp_path / "coreference.json", CoreferenceFile)


QUOTED = [  # (text, the word looked at, whether it is inside a quotation)
    ('She said: "I left in May." I stayed.', "I left", True),
    ('She said: "I left in May." I stayed.', "I stayed", False),
    ("She said: \u201cI left in May.\u201d I stayed.", "I left", True),
    ("She said: \u201cI left in May.\u201d I stayed.", "I stayed", False),
    ('"We left," she said.\n\nI stayed in May, "as planned".', "I stayed", False),  # quotes end with their paragraph
    ('She said: "I left in May.\n\nI stayed."', "I stayed", False),  # an unclosed quotation does not go on
]


@pytest.mark.parametrize("text, word, quoted", QUOTED, ids=[f"{c[1]}-{i}" for i, c in enumerate(QUOTED)])
def test_quotation_around_a_word(text: str, word: str, quoted: bool):
    from extract.events.coreference import _quote_around

    found = _quote_around(text, text.index(word))
    assert (found is not None) == quoted
    if found is not None:
        assert found[0] < text.index(word) < found[1] and text[found[0]] in '"\u201c'
