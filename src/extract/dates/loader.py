"""The date lexicon as the pipeline uses it: read from `rules/temporal.json`, every pattern compiled once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extract.dates.grammar import check_patterns
from extract.dates.lexicon import TemporalLexicon, read_temporal_lexicon


@lru_cache(maxsize=4)  # one object per rules folder: the lexicon is a cache key, compared by identity
def load_temporal_lexicon(rules_dir: Path) -> TemporalLexicon:
    """The lexicon of `rules_dir`; a pattern that does not compile fails here, naming the file."""
    lexicon = read_temporal_lexicon(rules_dir)
    check_patterns(lexicon, rules_dir / "temporal.json")
    return lexicon
