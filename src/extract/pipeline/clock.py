"""CPU seconds per pipeline stage, for the speed bench: CPU time, not wall time, so that a machine
loaded by other jobs does not blur the breakdown."""

from __future__ import annotations

from contextlib import contextmanager
from time import process_time
from typing import Iterator


class StageClock:
    """CPU seconds (`time.process_time`) spent in each named stage, summed over every call."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = process_time()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + process_time() - start
