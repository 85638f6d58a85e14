import pandas as pd

from extract.gold.error_classes import error_classes


def _errors(rows):
    return pd.DataFrame(rows, columns=["doc_id", "table", "kind", "label", "start", "end", "text", "value"])


def test_each_strict_error_is_counted_once_in_its_class():
    errors = _errors([
        ("d", "mentions.strict", "fn", "ORG", 0, 10, "Acme Corp.", ""),      # boundary: pred 0-9 ORG
        ("d", "mentions.strict", "fp", "ORG", 0, 9, "Acme Corp", ""),
        ("d", "mentions.strict", "fn", "PRODUCT", 20, 27, "Widget9", ""),   # label: pred ORG
        ("d", "mentions.strict", "fp", "ORG", 20, 27, "Widget9", ""),
        ("d", "mentions.strict", "fn", "PERSON", 40, 48, "Jane Roe", ""),   # missed
        ("d", "mentions.strict", "fp", "DATE", 60, 66, "Monday", ""),       # spurious
        ("e", "mentions.strict", "fp", "PERSON", 40, 48, "Jane Roe", ""),   # another doc: no pairing across docs
        ("d", "mentions.relaxed", "fn", "PERSON", 40, 48, "Jane Roe", ""),  # relaxed rows are not counted again
        ("d", "records.people", "fp", "", "", "", "John Doe", ""),
    ])
    counts = {(r.table, r.error_class, r.label): r.count for r in error_classes(errors).itertuples()}
    assert counts == {
        ("mentions.strict", "boundary", "ORG"): 1,
        ("mentions.strict", "label", "PRODUCT as ORG"): 1,
        ("mentions.strict", "missed", "PERSON"): 1,
        ("mentions.strict", "spurious", "DATE"): 1,
        ("mentions.strict", "spurious", "PERSON"): 1,
        ("records.people", "spurious", ""): 1,
    }


def test_same_label_partner_wins_over_a_larger_overlap_with_another_label():
    errors = _errors([
        ("d", "mentions.strict", "fn", "ORG", 0, 20, "", ""),
        ("d", "mentions.strict", "fp", "PERSON", 0, 19, "", ""),
        ("d", "mentions.strict", "fp", "ORG", 5, 10, "", ""),
    ])
    classes = error_classes(errors)
    assert set(zip(classes.error_class, classes.label)) == {("boundary", "ORG"), ("spurious", "PERSON")}


def test_no_errors_gives_an_empty_table_with_columns():
    assert list(error_classes(pd.DataFrame()).columns) == ["table", "error_class", "label", "count"]
