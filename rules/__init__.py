"""Rule data (patterns, gazetteers, lexicons) shipped with the package as extract.rules_data."""
