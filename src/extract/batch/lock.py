"""One run at a time per output directory: a lock file holding the owner's pid.

The lock is an exclusive `flock` (see RunLock), so two runs can never both hold it, and a run that was
killed loses it at once; the next run takes it over and the caller is told so.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import psutil

from extract.core.errors import ExtractError


class LockError(ExtractError):
    """The output directory is in use by another run."""


@dataclass(frozen=True)
class Owner:
    pid: int
    host: str
    started: float  # the owner's process creation time

    @classmethod
    def me(cls) -> "Owner":
        return cls(os.getpid(), socket.gethostname(), psutil.Process().create_time())


class RunLock:
    """`with RunLock(path) as lock:`; `lock.stale` names the dead run whose lock was taken over.

    The lock is an exclusive `flock` on the lock file, taken in one atomic step: the kernel grants it
    to one process only and drops it when that process dies, however it dies. A lock file left by a
    killed run is therefore simply taken (no read-check-unlink race); its content, the owner's pid, is
    only for the messages. After taking the lock the file is checked to still be the one at `path`
    (a finishing run unlinks it), else it is taken again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stale = ""
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(100):
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise self._busy() from None
            if _same_file(fd, self.path):
                self._take(fd)
                return
            os.close(fd)  # unlinked by the run that just finished: lock the new file
        raise LockError(f"could not take the lock {self.path}; other runs keep taking it")

    def _busy(self) -> LockError:
        owner = read_owner(self.path)
        who = f" (pid {owner.pid} on {owner.host})" if owner else ""
        return LockError(f"output directory {self.path.parent.parent} is in use by another extract run{who}; "
                         f"wait for it to finish, or choose another --out")

    def _take(self, fd: int) -> None:
        owner = _read_fd(fd)
        if owner is not None:
            self.stale = f"took over the stale lock of an earlier run (pid {owner.pid}) that is no longer running"
        me = Owner.me()
        data = json.dumps({"pid": me.pid, "host": me.host, "started": me.started,
                           "locked_at": time.strftime("%Y-%m-%dT%H:%M:%S")}).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                self.path.unlink()  # while still holding it, so no one locks a file about to vanish
            except FileNotFoundError:
                pass
            os.close(fd)

    def __enter__(self) -> "RunLock":
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _read_fd(fd: int) -> Owner | None:
    try:
        return _owner(os.pread(fd, 4096, 0).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def read_owner(path: Path) -> Owner | None:
    """The run recorded in a lock file, or None when it cannot be read."""
    try:
        return _owner(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _owner(text: str) -> Owner | None:
    try:
        data = json.loads(text)
        return Owner(int(data["pid"]), str(data["host"]), float(data["started"]))
    except (ValueError, KeyError, TypeError):
        return None
