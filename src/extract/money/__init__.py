"""Monetary amounts: amount, ISO 4217 currency, qualifiers."""
