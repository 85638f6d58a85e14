"""Cross-document entities: invented per-document records in, one entity per person or body out."""

from __future__ import annotations

import pytest

from extract.core.mention import Mention
from extract.entities.consolidation import consolidate, consolidate_records
from extract.entities.orgs.records import Organisation
from extract.entities.people.records import Person
from extract.entities.registry import COLUMNS, org_records, person_records


def person(doc: str, number: int, name: str, *forms: str) -> tuple[str, Person]:
    mentions = tuple(Mention("PERSON", i * 10, i * 10 + len(f), f, "model") for i, f in enumerate(forms or (name,)))
    return doc, Person(f"{doc}#P{number}", name, "", mentions)


def org(doc: str, number: int, name: str, *aliases: str, mentions: int = 1) -> tuple[str, Organisation]:
    found = tuple(Mention("ORG", i * 10, i * 10 + len(name), name, "model") for i in range(mentions))
    return doc, Organisation(f"{doc}#O{number}", name, tuple(aliases), found, ())


def entity_names(result, kind: str) -> list[tuple[str, tuple[str, ...], int, int]]:
    return [(e.name, e.aliases, e.n_documents, e.n_mentions) for e in result.entities if e.type == kind]


def test_same_person_in_two_documents_is_one_entity():
    result = consolidate([person("a", 1, "Tomas Veldt", "Tomas Veldt", "Veldt"), person("b", 1, "Tomas Veldt")], [])
    assert entity_names(result, "PERSON") == [("Tomas Veldt", ("Veldt",), 2, 3)]
    assert result.entity_of["a#P1"] == result.entity_of["b#P1"] == "person:tomas-veldt"


def test_case_and_accents_do_not_split_a_person():
    result = consolidate([person("a", 1, "Zoë Marlac"), person("b", 1, "ZOE MARLAC")], [])
    assert len(result.entities) == 1 and result.entities[0].n_documents == 2


def test_surname_only_document_joins_the_one_full_name():
    result = consolidate([person("a", 1, "Ines Oduya"), person("b", 1, "Oduya")], [])
    assert entity_names(result, "PERSON") == [("Ines Oduya", ("Oduya",), 2, 2)]


def test_surname_shared_by_two_people_stays_apart():
    people = [person("a", 1, "Ines Oduya"), person("b", 1, "Karl Oduya"), person("c", 1, "Oduya")]
    result = consolidate(people, [])
    assert len(result.entities) == 3
    assert len(set(result.entity_of.values())) == 3


def test_shorter_form_without_middle_initial_joins():
    result = consolidate([person("a", 1, "Rui P. Almada"), person("b", 1, "Rui Almada")], [])
    assert [e.name for e in result.entities] == ["Rui P. Almada"]


def test_curated_alias_merges_acronym_and_name(entity_rules):
    result = consolidate([], [org("a", 1, "EU", mentions=3), org("b", 1, "European Union", "EU", mentions=2)],
                         entity_rules)
    assert entity_names(result, "ORG") == [("European Union", ("EU",), 2, 5)]
    assert result.entity_of["a#O1"] == result.entity_of["b#O1"] == "org:european-union"


def test_curated_canonical_name_is_used_when_only_the_acronym_is_written(entity_rules):
    result = consolidate([], [org("a", 1, "EU"), org("b", 1, "EU")], entity_rules)
    assert entity_names(result, "ORG") == [("European Union", ("EU",), 2, 2)]


def test_acronym_defined_in_one_document_links_a_bare_acronym_elsewhere():
    orgs = [org("a", 1, "Velmar Institute of Optics", "VIO"), org("b", 1, "VIO")]
    result = consolidate([], orgs)
    assert entity_names(result, "ORG") == [("Velmar Institute of Optics", ("VIO",), 2, 2)]


def test_acronym_defined_for_two_names_links_neither():
    orgs = [org("a", 1, "Velmar Institute of Optics", "VIO"), org("b", 1, "Vantage Island Oil", "VIO"),
            org("c", 1, "VIO")]
    result = consolidate([], orgs)
    assert len({result.entity_of[i] for i in ("a#O1", "b#O1", "c#O1")}) == 3


def test_leading_the_is_ignored():
    result = consolidate([], [org("a", 1, "Orvell Group"), org("b", 1, "the Orvell Group")])
    assert len(result.entities) == 1


def test_person_and_org_with_the_same_name_stay_apart():
    result = consolidate([person("a", 1, "Dana Kress")], [org("b", 1, "Dana Kress")])
    assert sorted(e.type for e in result.entities) == ["ORG", "PERSON"]
    assert result.entity_of["a#P1"] != result.entity_of["b#O1"]


def test_rows_follow_the_columns():
    result = consolidate([person("a", 1, "Tomas Veldt", "Tomas Veldt", "Veldt")], [org("a", 1, "Orvell Group")])
    rows = result.rows()
    assert [tuple(r) for r in rows] == [COLUMNS, COLUMNS]
    assert rows[1] == {"entity_id": "person:tomas-veldt", "type": "PERSON", "name": "Tomas Veldt",
                       "aliases": "Veldt", "n_documents": 1, "n_mentions": 2}


def test_every_record_is_mapped_and_input_order_does_not_matter():
    people = [person("a", 1, "Ines Oduya"), person("b", 1, "Oduya"), person("b", 2, "Tomas Veldt")]
    orgs = [org("a", 1, "EU"), org("b", 1, "European Union", "EU")]
    forward, backward = consolidate(people, orgs), consolidate(people[::-1], orgs[::-1])
    assert set(forward.entity_of) == {"a#P1", "b#P1", "b#P2", "a#O1", "b#O1"}
    assert forward.entity_of == backward.entity_of
    assert [(e.entity_id, e.name, e.n_documents) for e in forward.entities] == \
        [(e.entity_id, e.name, e.n_documents) for e in backward.entities]


@pytest.mark.parametrize("name, expected", [("Zoë Żak", "person:zoe-zak"), ("Łucja Brandt", "person:łucja-brandt"), ("O'Neill Bray", "person:o-neill-bray")])
def test_entity_ids_are_readable_slugs(name, expected):
    assert consolidate([person("a", 1, name)], []).entity_of["a#P1"] == expected


def test_records_made_per_document_consolidate_as_the_whole_run(entity_rules):
    """Worker processes turn each document's people and organisations into records; the run's entities
    from those records are the ones `consolidate` finds from the people and organisations themselves."""
    people = [person("a", 1, "Ines Oduya"), person("b", 1, "Oduya"), person("b", 2, "Tomas Veldt", "Veldt")]
    orgs = [org("a", 1, "EU"), org("b", 1, "European Union", "EU"), org("c", 1, "Orvell Group", mentions=2)]
    persons = [r for doc in "abc" for r in person_records(doc, [p for d, p in people if d == doc])]
    org_recs = [r for doc in "abc" for r in org_records(doc, [o for d, o in orgs if d == doc], entity_rules)]
    assert consolidate_records(persons, org_recs) == consolidate(people, orgs, entity_rules)


def test_aliases_that_differ_only_in_case_come_out_in_one_order_whatever_the_hash_seed():
    """Aliases were sorted case-blind from a set, so "WHO" or "who" came first as Python's per-run hash
    seed had it, and entities.csv differed between two runs of the same input."""
    import os
    import subprocess
    import sys

    script = ("from extract.entities.consolidation import consolidate_records\n"
              "from extract.entities.registry import EntityRecord\n"
              "records = [EntityRecord(f'd{n}#O1', f'd{n}', 'World Health Organization', "
              "('World Health Organization', form), 1) for n, form in enumerate(['who', 'WHO', 'Who'])]\n"
              "print(consolidate_records([], records).entities[0].aliases)")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert outputs == {"('WHO',)\n"}


def test_a_document_writing_two_keys_of_one_entity_counts_once():
    """Consolidation counts documents by the keys they hold: "Ines Oduya" and "Oduya" kept apart in one
    document (two records) are one entity of the run, in one document, not two."""
    result = consolidate([person("a", 1, "Ines Oduya"), person("a", 2, "Oduya"), person("b", 1, "Oduya")], [])
    assert entity_names(result, "PERSON") == [("Ines Oduya", ("Oduya",), 2, 3)]


def test_the_first_canonical_name_in_document_order_names_the_entity():
    """Two records of one entity with different curated canonical names: the one of the first document
    (by doc_id, then record id) names it, whatever order the records come in."""
    from extract.entities.registry import EntityRecord

    records = [EntityRecord("b#O1", "b", "EU", ("EU", "Union"), 1, "European Union"),
               EntityRecord("a#O1", "a", "Union", ("Union",), 1, "The Union")]
    for order in (records, records[::-1]):
        assert [e.name for e in consolidate_records([], order).entities] == ["The Union"]


def test_consolidation_holds_the_distinct_names_not_the_documents():
    """Fed one document at a time, consolidation keeps what it needs per distinct name: 20,000 documents
    naming the same few people and organisations take no more memory than 2,000 (it held every
    document's records before: ~4 KB a document in a large run's main process)."""
    import tracemalloc

    from extract.entities.consolidation import Consolidation
    from extract.entities.registry import EntityRecord

    def peak(docs: int) -> int:
        consolidation = Consolidation()
        tracemalloc.start()
        for n in range(docs):
            doc_id = f"doc{n:06d}"
            people = [EntityRecord(f"{doc_id}#P{k}", doc_id, name, (name, name.split()[-1]), 2)
                      for k, name in enumerate(("Ines Oduya", "Tomas Veldt", f"Karl Brandt {n % 7}"))]
            orgs = [EntityRecord(f"{doc_id}#O1", doc_id, "European Union", ("European Union", "EU"), 3)]
            consolidation.add(doc_id, people, orgs)
        entities = consolidation.entities()
        used = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert sum(e.n_documents for e in entities.entities if e.name == "Ines Oduya") == docs
        return used

    small, large = peak(2_000), peak(20_000)
    assert large - small < 20_000, (small, large)  # about a byte a document at most


def test_short_forms_are_matched_by_lookup_not_against_every_full_name():
    """A run of 20,000 distinct people (each also written by surname alone in another document) joins
    every surname to its one full name without comparing every pair of names (400 million pairs, minutes
    of the main process's serial time at the end of a large run, before)."""
    import time

    from extract.entities.registry import EntityRecord

    records = []
    for n in range(20_000):
        full, surname = f"Anna Q{n}x Lind{n}", f"Lind{n}"
        records += [EntityRecord(f"a{n}#P1", f"a{n}", full, (full,), 1),
                    EntityRecord(f"b{n}#P1", f"b{n}", surname, (surname,), 1)]
    start = time.process_time()
    result = consolidate_records(records, [])
    assert time.process_time() - start < 20
    assert len(result.entities) == 20_000 and {e.n_documents for e in result.entities} == {2}
