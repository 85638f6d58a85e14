"""Mentions to values: dates anchored in text order, money amounts."""
