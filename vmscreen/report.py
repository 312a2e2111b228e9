"""Formatters: results to JSON Lines, JSON, a table, and the end-of-run summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from vmscreen.result import Result

FORMATS = ("jsonl", "json", "table")


def json_text(data: object, **options: Any) -> str:
    """JSON as UTF-8 text; where a file name's bytes are not UTF-8 (they reach Python as lone
    surrogates), escaped as \\udcXX instead, which reads back to the same name."""
    text = json.dumps(data, ensure_ascii=False, **options)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, **options)
    return text


def jsonl_line(result: Result) -> str:
    return json_text(result.to_dict(), separators=(",", ":")) + "\n"


def json_document(results: Sequence[Result]) -> str:
    return json_text([r.to_dict() for r in results], indent=2) + "\n"


def utf8_text(text: str) -> str:
    """A file name as text that UTF-8 can hold: its bytes that are not UTF-8 as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable(text: str) -> str:
    """A file name as it can be shown on one line of a terminal or a table: bytes that are not
    UTF-8 as \\xNN, and control and direction characters (a newline in a name would start a
    fake row) as escapes."""
    shown = utf8_text(text)
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in shown)


def table(results: Sequence[Result]) -> str:
    """One row a file: decision, codes (most severe reason first), path."""
    rows = []
    for result in results:
        codes = [r.code for r in result.reasons if r.decision.value != "accept"]
        codes += [r.code for r in result.reasons if r.decision.value == "accept"]
        remedy = f" (+{', '.join(result.remedies)})" if result.remedies else ""
        rows.append((result.decision.value, ",".join(dict.fromkeys(codes)) + remedy,
                     printable(result.path)))
    width = max([len(r[1]) for r in rows] + [len("CODES")])
    lines = [f"{'DECISION':<8} {'CODES':<{width}} PATH"]
    lines += [f"{d:<8} {c or '-':<{width}} {p}" for d, c, p in rows]
    return "\n".join(lines) + "\n"


def summary(results: Iterable[Result], seconds: float | None = None,
            interrupted_of: int | None = None) -> str:
    """'screened 9 files: 3 accept, 4 review, 2 reject' and the findings by category; for an
    interrupted run (``interrupted_of``: the files it was given), how many of them it screened."""
    decisions: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    count = 0
    for result in results:
        count += 1
        decisions[result.decision.value] += 1
        categories.update(result.categories)
    timing = f" in {seconds:.1f} s" if seconds is not None else ""
    total = count if interrupted_of is None else interrupted_of
    of = f" of {interrupted_of}" if interrupted_of is not None else ""
    cut = " (interrupted)" if interrupted_of is not None else ""
    head = f"screened {count}{of} file{'s' if total != 1 else ''}{cut}{timing}: " + ", ".join(
        f"{decisions[d]} {d}" for d in ("accept", "review", "reject")
    )
    if not categories:
        return head + "\n"
    by_category = ", ".join(f"{c} {n}" for c, n in sorted(categories.items()))
    return f"{head}\nfiles with findings, by category: {by_category}\n"
