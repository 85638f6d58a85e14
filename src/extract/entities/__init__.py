"""People and organisations: mention rules, per-document records, entities across documents."""
