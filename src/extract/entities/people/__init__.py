"""Person mentions, name forms and per-document records."""
