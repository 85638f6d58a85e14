"""Records every stage shares (documents, mentions), settings, errors, rule-file and text helpers."""
