"""The set-up files a user writes (a policy, restricted zones): read with a cap on their size,
decoded as UTF-8, and their values described in errors without repeating what they hold."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def describe(value: Any, *, table: str) -> str:
    """A parsed TOML or JSON value in a few words, never its whole (possibly huge or nested)
    text. ``table`` names a mapping in the file's own language: "a table", "an object"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number of many digits"  # str() of a huge int is slow, or refused
    if isinstance(value, (int, float)):
        number = str(value)
        return f"the number {number if len(number) <= 24 else number[:20] + '...'}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}" + ("..." if len(value) > 40 else "")
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return table
    if isinstance(value, (datetime.date, datetime.time)):
        return "a date or time"
    return f"a {type(value).__name__}"


def read_text(path: Path, limit: int, *, name: str, error: type[ValueError], too_large: str,
              kind: str) -> str:
    """The text of the set-up file at ``path``, at most ``limit`` bytes of UTF-8, or ``error``
    with one line saying why not. ``name`` says what the file is ("policy"), ``too_large`` ends
    the message for a file over the limit, ``kind`` is what it should be ("a TOML file")."""
    try:
        with Path(path).open("rb") as stream:
            data = stream.read(limit + 1)  # never more than the cap, whatever the file holds
    except OSError as exc:
        raise error(f"cannot read {name} {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the path
        raise error(f"cannot read {name} {str(path)!r}: {exc}") from None
    if len(data) > limit:
        raise error(f"{name} {path} is larger than {too_large}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{name} {path} is not UTF-8 text (byte {exc.object[exc.start]:#04x} at "
                    f"offset {exc.start}): is it {kind}?") from None
