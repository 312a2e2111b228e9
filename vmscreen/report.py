"""Formatters: results to JSON Lines, JSON, a table, and the end-of-run summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence

from vmscreen.result import Result

FORMATS = ("jsonl", "json", "table")


def jsonl_line(result: Result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def json_document(results: Sequence[Result]) -> str:
    return json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2) + "\n"


def table(results: Sequence[Result]) -> str:
    """One row a file: decision, codes (most severe reason first), path."""
    rows = []
    for result in results:
        codes = [r.code for r in result.reasons if r.decision.value != "accept"]
        codes += [r.code for r in result.reasons if r.decision.value == "accept"]
        remedy = f" (+{', '.join(result.remedies)})" if result.remedies else ""
        rows.append((result.decision.value, ",".join(dict.fromkeys(codes)) + remedy, result.path))
    width = max([len(r[1]) for r in rows] + [len("CODES")])
    lines = [f"{'DECISION':<8} {'CODES':<{width}} PATH"]
    lines += [f"{d:<8} {c or '-':<{width}} {p}" for d, c, p in rows]
    return "\n".join(lines) + "\n"


def summary(results: Iterable[Result], seconds: float | None = None) -> str:
    """'screened 9 files: 3 accept, 4 review, 2 reject' and the findings by category."""
    decisions: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    count = 0
    for result in results:
        count += 1
        decisions[result.decision.value] += 1
        categories.update(result.categories)
    timing = f" in {seconds:.1f} s" if seconds is not None else ""
    head = f"screened {count} file{'s' if count != 1 else ''}{timing}: " + ", ".join(
        f"{decisions[d]} {d}" for d in ("accept", "review", "reject")
    )
    if not categories:
        return head + "\n"
    by_category = ", ".join(f"{c} {n}" for c, n in sorted(categories.items()))
    return f"{head}\nfiles with findings, by category: {by_category}\n"
