"""Dated events: triggers, their dates and participants; the same happening across documents."""
