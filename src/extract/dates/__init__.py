"""Temporal expressions: the date lexicon, the span finder and the TIMEX3 readers."""
