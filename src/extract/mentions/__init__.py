"""The mention stage: model entities and rule mentions of every label, one set per document."""
