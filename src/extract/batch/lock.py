"""One run at a time per output directory: a lock file holding the owner's pid.

The lock is created with O_EXCL, so two runs cannot both take it. A lock whose process is gone (the
run was killed) is stale: it is removed and taken over, and the caller is told so.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import psutil

from extract.core.errors import ExtractError

FRESH_SECONDS = 10.0  # an unreadable lock younger than this is still being written


class LockError(ExtractError):
    """The output directory is in use by another run."""


@dataclass(frozen=True)
class Owner:
    pid: int
    host: str
    started: float  # the owner's process creation time (detects a reused pid)

    @classmethod
    def me(cls) -> "Owner":
        return cls(os.getpid(), socket.gethostname(), psutil.Process().create_time())

    def alive(self) -> bool:
        if self.host != socket.gethostname():
            return True  # another machine's process cannot be checked from here: assume it runs
        try:
            return abs(psutil.Process(self.pid).create_time() - self.started) < 1.0
        except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
            return False


class RunLock:
    """`with RunLock(path) as lock:`; `lock.stale` names the dead run whose lock was taken over."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stale = ""
        self._held = False

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                self._check_existing()
                continue
            me = Owner.me()
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"pid": me.pid, "host": me.host, "started": me.started,
                           "locked_at": time.strftime("%Y-%m-%dT%H:%M:%S")}, stream)
            self._held = True
            return
        raise LockError(f"could not take the lock {self.path}; another run keeps taking it")

    def _check_existing(self) -> None:
        owner = read_owner(self.path)
        if owner is None and _age(self.path) < FRESH_SECONDS:
            raise LockError(f"{self.path} is being taken by another run right now; try again in a moment")
        if owner is not None and owner.alive():
            raise LockError(
                f"output directory {self.path.parent.parent} is in use by another extract run "
                f"(pid {owner.pid} on {owner.host}); wait for it to finish, or choose another --out. "
                f"If that process is gone, delete {self.path}.")
        self.stale = (f"removed the stale lock of an earlier run (pid {owner.pid}) that is no longer running"
                      if owner else f"removed an unreadable lock file {self.path}")
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def release(self) -> None:
        if self._held:
            self._held = False
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass

    def __enter__(self) -> "RunLock":
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.release()


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return FRESH_SECONDS  # gone already: let the caller retry


def read_owner(path: Path) -> Owner | None:
    """The run recorded in a lock file, or None when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Owner(int(data["pid"]), str(data["host"]), float(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
