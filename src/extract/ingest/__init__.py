"""Files to documents: formats, encodings, publication dates."""
