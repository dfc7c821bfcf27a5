"""Bytes to text: UTF-8 when it is UTF-8; otherwise a byte-order mark, a declared charset or
detection (charset-normalizer: UTF-16, Windows-1252, Latin-1, Windows-1251, ...) decides, so
legacy files are read rather than rejected or stored as mojibake."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from etl.models import ReadProblem

SNIFF_CHARS = 8192

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def read_bytes(path: Path) -> bytes | ReadProblem:
    """The file's bytes, or a problem if it cannot be read or holds nothing."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadProblem(origin, f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return ReadProblem(origin, "file is empty")
    return data


def bom(data: bytes) -> tuple[str, bytes] | None:
    """(encoding, the bytes after it) when `data` starts with a byte-order mark."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, data[len(mark):]
    return None


def detect_encoding(data: bytes, declared: str | None = None) -> str | None:
    """The encoding of text that is not UTF-8: a BOM, else a declared one that decodes it, else detected.

    Among equally clean readings charset-normalizer offers, Windows-1252 (the superset of
    Latin-1 for printable text, and the commonest legacy encoding of English copy) wins;
    None when nothing reads it cleanly.
    """
    found = bom(data)
    if found:
        return found[0]
    if declared:
        try:
            codecs.lookup(declared)
            data.decode(declared)
            return declared
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes  # imported lazily: it is slow to import

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= best + 0.01]
    for m in clean:
        if "cp1252" in (m.encoding, *m.could_be_from_charset):
            return "cp1252"
    return clean[0].encoding


def decode_text(data: bytes, origin: str, declared: str | None = None) -> str | ReadProblem:
    """Bytes as text with "\\n" newlines, whatever their encoding, or a problem if they are not text."""
    found = bom(data)
    if found:
        encoding, body = found
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            return ReadProblem(origin, f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()}: {exc.reason}")
    elif b"\x00" not in data[:SNIFF_CHARS] and utf8(data) is not None:
        text = utf8(data) or ""
    else:
        encoding = detect_encoding(data, None if b"\x00" in data[:SNIFF_CHARS] else declared)
        if encoding is None or (b"\x00" in data[:SNIFF_CHARS] and not encoding.startswith("utf_")):
            if b"\x00" in data[:SNIFF_CHARS]:
                return ReadProblem(origin, "binary file, not text: Tally reads text files (UTF-8, UTF-16, Windows-1252, ...)")
            line = 1 + data[: _first_bad_utf8(data)].count(b"\n")
            return ReadProblem(
                origin,
                "undecodable text: not UTF-8, and no other encoding reads it cleanly; re-save the file as UTF-8",
                line,
            )
        text = data.decode(encoding, errors="replace")
    sample = text[:SNIFF_CHARS]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 20):
        return ReadProblem(origin, "binary file, not text: it is full of control characters")
    return _NEWLINES.sub("\n", text.replace("\x00", ""))


def utf8(data: bytes) -> str | None:
    """`data` decoded as UTF-8, or None when it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0
