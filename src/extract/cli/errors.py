"""How every `extract` command ends when something goes wrong: one line on stderr and an exit code.

    0    done
    1    done, but some documents failed (or a score is below its threshold): the command's own answer
    2    nothing useful was done: a usage error, a bad input path or option, a rule file or model that
         cannot be loaded (ExtractError), an operating-system fault such as a full disk or a read-only
         --out (OSError), or an unexpected defect
    130  interrupted (Ctrl-C); 143 terminated (SIGTERM): `extract run --resume` completes the run

The whole mechanism is `GuardedGroup`, the class of the top-level Typer app: it wraps every command
and sub-command, so a command only raises (an ExtractError with a clear message) and never formats
errors itself. The traceback is printed only with `extract --debug ...` (or EXTRACT_DEBUG=1).
"""

from __future__ import annotations

import errno
import os
import signal
import threading
import traceback
from types import FrameType
from typing import Any

import click
import typer
from typer.core import TyperGroup

from extract.core.errors import ExtractError

EXIT_FAILED_DOCUMENTS = 1
EXIT_ERROR = 2
EXIT_SIGINT = 128 + signal.SIGINT
EXIT_SIGTERM = 128 + signal.SIGTERM
DEBUG_KEY = "extract.debug"
RESUMABLE = {"run"}  # commands whose interrupted work `--resume` completes

try:  # newer typer carries its own copy of click, whose exceptions are not click's
    from typer._click import exceptions as _typer_click
except ImportError:  # pragma: no cover - typer built on click itself
    _typer_click = click.exceptions
# A command's own exit code, usage errors (a missing argument, an unknown option): click reports them.
CLICK_OUTCOMES = tuple({getattr(module, name) for module in (click.exceptions, _typer_click)
                        for name in ("Exit", "Abort", "ClickException") if hasattr(module, name)}
                       | {typer.Exit, typer.Abort})


OS_HINTS = {errno.ENOSPC: " (free some space, or choose another --out)",
            errno.EDQUOT: " (disk quota exceeded: free some space, or choose another --out)",
            errno.EROFS: " (read-only file system: choose another --out)",
            errno.EACCES: " (permission denied: check the folder's permissions, or choose another --out)",
            errno.EPERM: " (not permitted: check the folder's permissions, or choose another --out)",
            errno.ENOTDIR: " (a file stands where a folder is needed)",
            errno.EEXIST: " (a file stands where a folder is needed)",
            errno.ENOENT: " (no such file or folder)"}


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that `finally` blocks run (lock released, workers stopped)."""


def fail(message: str) -> None:
    """One error line and exit 2: for a command that finds a problem itself (raising an ExtractError
    does the same)."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(EXIT_ERROR)


def describe(error: BaseException) -> str:
    """One line saying what went wrong, for any exception."""
    if isinstance(error, ExtractError):
        return str(error)
    if isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        what = error.strerror or str(error) or type(error).__name__
        return f"{what}{where}{OS_HINTS.get(error.errno or 0, '')}"
    if isinstance(error, MemoryError):
        return "out of memory; try fewer --processes or a smaller --batch-size"
    text = str(error).splitlines()[0] if str(error) else ""
    return f"internal error, please report it with the output of --debug: {type(error).__name__}: {text}"


class GuardedGroup(TyperGroup):
    """The top-level command group: every command's exceptions end as one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        previous = _on_sigterm()
        try:
            return super().invoke(ctx)
        except CLICK_OUTCOMES:
            raise
        except (KeyboardInterrupt, Terminated) as stop:
            resumable = ctx.invoked_subcommand in RESUMABLE
            typer.secho("interrupted" + (": rerun with --resume" if resumable else ""), fg=typer.colors.RED,
                        err=True)
            raise typer.Exit(EXIT_SIGTERM if isinstance(stop, Terminated) else EXIT_SIGINT) from None
        except Exception as error:  # noqa: BLE001 - the one place every error becomes a line and an exit code
            if ctx.meta.get(DEBUG_KEY) or os.environ.get("EXTRACT_DEBUG"):
                traceback.print_exc()
            typer.secho(f"error: {describe(error)}", fg=typer.colors.RED, err=True)
            raise typer.Exit(EXIT_ERROR) from None
        finally:
            _restore_sigterm(previous)


def _on_sigterm() -> Any:
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_terminated)


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()
