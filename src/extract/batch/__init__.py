"""Runs over many documents: worker processes, part files, resume state, the lock, the final merge."""
