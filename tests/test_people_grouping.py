"""Which person a short form of a name stands for (entities/people/grouping.py); every name is invented."""

from __future__ import annotations

import pytest

from extract.core.mention import Mention
from extract.entities.people.grouping import GenderCues, cluster_people


def mentions_in(text: str) -> list[Mention]:
    """Each name written between [brackets] is a PERSON mention of the text without the brackets."""
    found, plain, index = [], "", 0
    while (open_at := text.find("[", index)) >= 0:
        close_at = text.index("]", open_at)
        plain += text[index:open_at]
        name = text[open_at + 1:close_at]
        found.append(Mention("PERSON", len(plain), len(plain) + len(name), name, "model"))
        plain += name
        index = close_at + 1
    return found


CUES = GenderCues({"mr": "male", "mrs": "female", "ms.": "female"}, {"jane": "female", "tomas": "male"})


def groups(text: str) -> list[list[tuple[int, str]]]:
    """Each person as (start, form) of their mentions in text order, the people in order of first mention."""
    plain = "".join(text.replace("[", "").replace("]", ""))
    clusters = cluster_people(mentions_in(text), plain, CUES)
    return sorted((sorted((m.start, m.text) for m in c) for c in clusters), key=lambda c: c[0][0])


def people_of(text: str) -> list[list[str]]:
    return [[form for _, form in person] for person in groups(text)]


@pytest.mark.parametrize("text, expected", [
    pytest.param("[Rafe Oduya] met [Tarn Oduya Belk]. [Oduya] spoke.", [["Rafe Oduya", "Oduya"], ["Tarn Oduya Belk"]],
                 id="surname-before-a-middle-word"),
    pytest.param("[Oduya Belk] met [Rafe Oduya]. [Oduya] spoke.", [["Oduya Belk"], ["Rafe Oduya", "Oduya"]],
                 id="surname-before-given-name"),
    pytest.param("[Oduya Belk] met [Rafe Tamm]. [Oduya] spoke.", [["Oduya Belk", "Oduya"], ["Rafe Tamm"]],
                 id="given-name-when-no-surname-fits"),
])
def test_a_short_form_takes_a_surname_before_a_given_name(text, expected):
    assert people_of(text) == expected


def test_a_shared_surname_goes_to_the_person_named_most_recently():
    text = "[Ilse Varga] spoke. Later [Dora Varga] came. [Varga] stayed. [Ilse Varga] left."
    assert people_of(text) == [["Ilse Varga", "Ilse Varga"], ["Dora Varga", "Varga"]]


def test_a_short_form_keeps_the_person_it_already_stands_for():
    """The son "Mohamed" is still the son after his father "Mohamed Ali Mohamed" is introduced."""
    text = ("[Ahmed Mohamed] was arrested. [Mohamed] was freed. His father [Mohamed Ali Mohamed] spoke. "
            "[Mohamed] travelled.")
    assert people_of(text) == [["Ahmed Mohamed", "Mohamed", "Mohamed"], ["Mohamed Ali Mohamed"]]


def test_a_short_form_before_every_full_name_goes_to_the_person_named_first():
    text = "[Varga] wins. [Ilse Varga] and [Dora Varga] ran."
    assert people_of(text) == [["Varga", "Ilse Varga"], ["Dora Varga"]]


def test_a_form_no_name_fits_is_a_person_of_its_own():
    assert people_of("[Ilse Varga] met [Tamm]. [Varga] left.") == [["Ilse Varga", "Varga"], ["Tamm"]]


def test_the_same_full_name_in_other_case_or_accents_is_one_person():
    assert people_of("[Élodie Roux] met [ELODIE ROUX].") == [["Élodie Roux", "ELODIE ROUX"]]


@pytest.mark.parametrize("text, expected", [
    pytest.param("[Jane Roe] met [Tomas Ekberg]. [J. Roe] left.", [["Jane Roe", "J. Roe"], ["Tomas Ekberg"]],
                 id="initial-of-the-given-name"),
    pytest.param("[J. Roe] wrote. [Jane Roe] spoke.", [["J. Roe", "Jane Roe"]], id="initial-written-first"),
    pytest.param("[Jane A. Roe] spoke. [Jane Roe] left. [J.A. Roe] wrote.", [["Jane A. Roe", "Jane Roe", "J.A. Roe"]],
                 id="middle-initial-left-out-or-run-together"),
    pytest.param("[Jane Roe] met [Mira Roe]. [J. Roe] left.", [["Jane Roe", "J. Roe"], ["Mira Roe"]],
                 id="an-initial-that-fits-one-of-two"),
    pytest.param("[Jane Roe] met [John Roe]. [J. Roe] left.", [["Jane Roe"], ["John Roe", "J. Roe"]],
                 id="an-initial-that-fits-two-goes-to-the-most-recent"),
    pytest.param("[Jane Roe] met [Jane Ekberg].", [["Jane Roe"], ["Jane Ekberg"]], id="another-surname-another-person"),
    pytest.param("[Jane Roe] met [Anna Jane Roe].", [["Jane Roe", "Anna Jane Roe"]], id="a-surname-fit-still-holds"),
])
def test_a_name_written_with_initials_or_without_a_middle_name_is_the_same_person(text, expected):
    assert people_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("[Tomas Roe] and his wife [Jane Roe] came. Mrs [Roe] spoke.", [["Tomas Roe"], ["Jane Roe", "Roe"]],
                 id="a-wife-by-her-title-not-the-last-named"),
    pytest.param("[Jane Roe] and her husband [Tomas Roe] came. Mrs [Roe] spoke.", [["Jane Roe", "Roe"], ["Tomas Roe"]],
                 id="a-wife-by-her-title-not-the-most-recent"),
    pytest.param("[Ilse Roe] met [Edo Roe]. Mr [Roe] left. Ms. [Roe] stayed. Mr [Roe] spoke.",
                 [["Ilse Roe", "Roe"], ["Edo Roe", "Roe", "Roe"]], id="gender-told-by-an-earlier-title"),
    pytest.param("[Tomas Roe] came. Mrs [Roe] spoke.", [["Tomas Roe"], ["Roe"]], id="a-title-that-fits-no-one"),
    pytest.param("[Edo Roe] came. Mrs [Roe] spoke.", [["Edo Roe", "Roe"]], id="a-gender-not-known-is-no-conflict"),
])
def test_a_title_keeps_a_short_form_to_people_of_its_gender(text, expected):
    assert people_of(text) == expected
