"""Bytes to text: regular files only, UTF-8 first, UTF-16/32 by their byte-order mark, else detected."""

from __future__ import annotations

import errno
import stat
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

UNICODE_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))  # longest first
BINARY_CONTROL_SHARE = 0.05  # decoded text with more control characters than this is not text
MAX_FILE_BYTES = 512 * 1024 * 1024
WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "ascii"}
SHORT_SAMPLE = 4096  # bytes
UTF16_NUL_SHARE = 0.5  # UTF-16 without a BOM: at least this share of the high (or low) bytes are NUL


def read_bytes(path: Path) -> tuple[bytes, str]:
    """(content, error): regular files only, so a named pipe or device never blocks the run."""
    try:
        error = check_file(path, MAX_FILE_BYTES)
        return (b"", error) if error else (path.read_bytes(), "")
    except OSError as err:
        return b"", file_error(err)


def file_error(err: OSError) -> str:
    """Why a file could not be read, in a few words."""
    if isinstance(err, FileNotFoundError):
        return "no such file, or a symbolic link to nothing"
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read file: {err.strerror or err}"


def check_file(path: Path, max_bytes: int | None) -> str:
    """Why the file cannot be read as input ("" when it can); raises OSError when it cannot be seen."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (directory, pipe or device)"
    if max_bytes is not None and info.st_size > max_bytes:
        return f"file too large ({info.st_size:,} bytes; the limit is {max_bytes:,})"
    return ""


def decode(raw: bytes, source: str) -> tuple[str, str, str]:
    """(text, encoding, error): UTF-8 (BOM stripped) first, UTF-16/32 by their BOM, else the detected encoding.

    Never raises: empty, binary and undecodable input come back as an error naming `source`.
    """
    if not raw.strip():
        return "", "", f"{source}: empty file"
    for bom, encoding in UNICODE_BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw[len(bom):].decode(encoding), encoding, source)
            except UnicodeDecodeError:
                return "", "", f"{source}: starts with a {encoding} byte-order mark but is not {encoding} text"
    if b"\x00" in raw[:8192]:
        encoding = bomless_utf16(raw)
        if encoding:
            try:
                return _checked(raw.decode(encoding), encoding, source)
            except UnicodeDecodeError:
                pass
        return "", "", f"{source}: binary file (NUL bytes), not text"
    try:
        return _checked(raw.decode("utf-8-sig"), "utf-8", source)
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if (best is None or best.encoding not in WESTERN) and len(raw) < SHORT_SAMPLE:
        try:  # detection is unreliable on a short sample; Windows-1252 news is the common case
            return raw.decode("cp1252"), "cp1252", ""
        except UnicodeDecodeError:
            pass
    if best is None:
        return "", "", f"{source}: not UTF-8 and no text encoding detected"
    return _checked(str(best), best.encoding, source)


def bomless_utf16(raw: bytes) -> str:
    """"utf-16-le" or "utf-16-be" for UTF-16 text without a byte-order mark (mostly Latin script: every
    other byte is NUL, always on the same side), else ""."""
    sample = raw[:8192]
    if len(raw) % 2 or len(sample) < 4:
        return ""
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd >= UTF16_NUL_SHARE * half and even == 0:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE * half and odd == 0:
        return "utf-16-be"
    return ""


def _checked(text: str, encoding: str, source: str) -> tuple[str, str, str]:
    """Decoded text that is mostly control characters is a binary file read as text."""
    sample = text[:8192]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        return "", "", f"{source}: binary file ({controls} control characters in the first {len(sample)}), not text"
    if not text.strip():
        return "", "", f"{source}: empty file (only whitespace)"
    return text, encoding, ""
