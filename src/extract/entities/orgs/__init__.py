"""Organisation mentions, their evidence and per-document records."""
