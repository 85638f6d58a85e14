"""The one schema for rules/: every shipped file loads; each kind of mistake is one line naming file, line and key."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest

from extract.core.errors import RuleFileError
from extract.core.mention import MENTION_LABELS
from extract.core.schemas import RULE_FILES, check_rules, load_rule_file
from extract.core.settings import Settings
from extract.mentions.stage import LABELS

RULES = Settings().rules_dir


def test_every_rule_file_loads() -> None:
    assert sorted(RULE_FILES) == sorted(p.name for p in RULES.iterdir() if p.suffix in (".json", ".jsonl"))
    for name, model in RULE_FILES.items():
        load_rule_file(RULES / name, model)
    check_rules.__wrapped__(RULES)  # and no rule id is used twice across files


def test_schema_labels_are_the_labels_the_mentions_stage_keeps() -> None:
    assert MENTION_LABELS == LABELS


def _edit_json(name: str, change: Callable[[dict], None]) -> Callable[[Path], None]:
    """Rewrite rules/NAME with `change` applied, one key per line so that lines are telling."""
    def write(folder: Path) -> None:
        data = json.loads((RULES / name).read_text(encoding="utf-8"))
        change(data)
        (folder / name).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return write


def _add_pattern(record: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        path = folder / "entity_patterns.jsonl"
        path.write_text((RULES / "entity_patterns.jsonl").read_text(encoding="utf-8") + record + "\n", encoding="utf-8")
    return write


def _line_of(folder: Path, name: str, needle: str) -> int:
    """The line of the file on which `needle` is written (the last one, for a duplicate)."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, start=1) if needle in line)


BAD_FILES = [
    pytest.param(_edit_json("org_filters.json", lambda d: d["designators"].update(word=["Inc"])),
                 "org_filters.json", '"word"', r"designators\.word: unknown key 'word'; allowed: note, words",
                 id="unknown-key"),
    pytest.param(_edit_json("not_entities.json", lambda d: d["rules"][2]["labels"].append("ORGANIZATION")),
                 "not_entities.json", '"ORGANIZATION"', r"rules\[2\]\.labels\[2\]: input should be 'PERSON', .*"
                 r"got 'ORGANIZATION'", id="bad-label"),
    pytest.param(_add_pattern('{"id": "x-org", "label": "ORGANIZATION", "pattern": "Acme"}'),
                 "entity_patterns.jsonl", "ORGANIZATION", r"label: input should be .*got 'ORGANIZATION'",
                 id="bad-pattern-label"),
    pytest.param(_edit_json("org_aliases.json", lambda d: d["organisations"].append(
                 {"id": "alias-imf", "name": "IMF", "aliases": []})),
                 "org_aliases.json", '"alias-imf"', r"organisations\[13\]\.id: duplicate rule id 'alias-imf'; "
                 r"first at line \d+", id="duplicate-id"),
    pytest.param(_edit_json("temporal.json", lambda d: d["extent_patterns"].append(
                 {"id": "timex-broken", "label": "DATE", "regex": "(%month"})),
                 "temporal.json", '"(%month"', r"extent_patterns\[\d+\]\.regex: pattern 'timex-broken' does not "
                 r"compile: missing \)", id="bad-regex"),
    pytest.param(_add_pattern('{"id": "x-ab", "label": "ORG", "pattern": [{"LOWR": "acme"}]}'),
                 "entity_patterns.jsonl", '"x-ab"', r"pattern\[0\]\.LOWR: invalid token pattern: unknown token "
                 r"attribute 'LOWR'", id="bad-token-pattern"),
    pytest.param(_add_pattern('{"id": "x-re", "label": "ORG", "pattern": [{"TEXT": {"REGEX": "[a-"}}]}'),
                 "entity_patterns.jsonl", '"x-re"', r"pattern\[0\]\.TEXT\.REGEX: regex '\[a-' does not compile",
                 id="bad-token-regex"),
    pytest.param(_edit_json("money.json", lambda d: d["scales"]["powers_of_ten"].update(million="6")),
                 "money.json", '"million"', r"scales\.powers_of_ten\.million: input should be a valid integer, "
                 r"got '6'", id="wrong-type"),
    pytest.param(_edit_json("event_triggers.json", lambda d: d["types"][1].update(event_type="party")),
                 "event_triggers.json", '"party"', r"types\[1\]\.event_type: unknown event type 'party'; known: "
                 r"meeting, ", id="unknown-event-type"),
    pytest.param(_edit_json("noun_events.json", lambda d: d["support_verbs"][0]["lemmas"].append("Hold")),
                 "noun_events.json", '"Hold"', r"support_verbs\[0\]\.lemmas\[\d+\]: 'Hold' is not lower case", id="noun-word-case"),
    pytest.param(_edit_json("noun_events.json", lambda d: d["support_verbs"][1].update(verbs=["hold"])),
                 "noun_events.json", '"verbs"', r"support_verbs\[1\]\.verbs: unknown key 'verbs'; allowed: id, lemmas, "
                 r"complements, note", id="noun-unknown-key"),
    pytest.param(_edit_json("person_titles.json", lambda d: d.pop("honorifics")),
                 "person_titles.json", "{", r"honorifics: missing required key", id="missing-key"),
]


@pytest.mark.parametrize("write, name, needle, message", BAD_FILES)
def test_bad_rule_file_is_one_line_naming_file_line_and_key(tmp_path: Path, write, name: str, needle: str,
                                                            message: str) -> None:
    shutil.copytree(RULES, tmp_path, dirs_exist_ok=True)
    write(tmp_path)
    with pytest.raises(RuleFileError) as err:
        check_rules.__wrapped__(tmp_path)
    text = str(err.value)
    assert "\n" not in text
    expected = rf"{re.escape(str(tmp_path / name))}:{_line_of(tmp_path, name, needle)}: {message}"
    assert re.fullmatch(expected + ".*", text), text


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    shutil.copytree(RULES, tmp_path, dirs_exist_ok=True)
    _edit_json("not_entities.json", lambda d: d["rules"][0].update(id="org-not-event"))(tmp_path)
    with pytest.raises(RuleFileError) as err:
        check_rules.__wrapped__(tmp_path)
    filters = tmp_path / "org_filters.json"
    assert str(err.value) == (
        f"{tmp_path / 'not_entities.json'}:{_line_of(tmp_path, 'not_entities.json', 'org-not-event')}: rules[0].id: "
        f"duplicate rule id 'org-not-event'; first at {filters}:{_line_of(tmp_path, 'org_filters.json', 'org-not-event')}")


def test_every_problem_is_its_own_line(tmp_path: Path) -> None:
    _edit_json("org_filters.json", lambda d: (d["markets"].update(wrds=[]), d["rules"][0].update(last_word=[])))(
        tmp_path)
    with pytest.raises(RuleFileError) as err:
        load_rule_file(tmp_path / "org_filters.json", RULE_FILES["org_filters.json"])
    lines = str(err.value).splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{tmp_path / 'org_filters.json'}:") for line in lines)


def test_a_worker_raises_the_same_error(tmp_path: Path) -> None:
    """A rule error in a worker process reaches the caller as the same lines, not as a dead worker."""
    from functools import partial

    from extract.batch.parts import render_job
    from extract.batch.pool import WorkerPool

    shutil.copytree(RULES, tmp_path, dirs_exist_ok=True)
    _edit_json("event_triggers.json", lambda d: d["frame_verbs"][0].update(lemmma="x"))(tmp_path)
    with pytest.raises(RuleFileError) as here:
        check_rules.__wrapped__(tmp_path)
    settings = Settings(rules_dir=tmp_path, processes=2)
    with WorkerPool(settings, 2) as pool, pytest.raises(RuleFileError) as there:
        list(pool.map(partial(render_job, settings, True), [None]))
    assert str(there.value) == str(here.value)
