"""The gold set: files, scoring, reports and drafts."""
