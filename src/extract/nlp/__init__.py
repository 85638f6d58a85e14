"""The spaCy model, its memoised rule components, and parsing of over-long texts."""
