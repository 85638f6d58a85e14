"""One document through every stage: model, mentions, values, records, events."""
