"""A TOML policy, and the decision it makes from findings. The policy never looks at pixels.

A rule selects findings by category name ("sensitive-id") or by code prefix ("CPR", "CPR1",
"CPR101"), optionally from a minimum score, and maps them to accept, review or reject, with an
optional remedy. For each finding the most specific rule wins: the longest code prefix, then a
category; among rules with the same selector, the highest ``min_score`` the finding reaches.
The file's decision is the most severe of its findings' outcomes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from vmscreen.findings import Category, Finding
from vmscreen.zones import Zone, ZoneError, load_zones

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class PolicyError(ValueError):
    """A policy that cannot be used; the message says where and why."""


class Decision(str, Enum):
    ACCEPT = "accept"
    REVIEW = "review"
    REJECT = "reject"

    @property
    def severity(self) -> int:
        return ("accept", "review", "reject").index(self.value)

    def __str__(self) -> str:
        return self.value


_CATEGORIES = {c.value for c in Category}
_CODE_PREFIX = re.compile(r"^[A-Z]{1,4}[0-9]{0,3}$")
REMEDIES = ("strip-metadata", "redact")


@dataclass(frozen=True)
class Rule:
    select: str
    decision: Decision
    min_score: float = 0.0
    remedy: str | None = None

    def __post_init__(self) -> None:
        if self.select not in _CATEGORIES and not _CODE_PREFIX.match(self.select):
            raise PolicyError(
                f"rule select {self.select!r} is neither a category "
                f"({', '.join(sorted(_CATEGORIES))}) nor a code prefix like 'CPR' or 'CPR101'"
            )
        object.__setattr__(self, "decision", Decision(self.decision))
        if not 0.0 <= self.min_score <= 1.0:
            raise PolicyError(f"rule {self.select}: min_score must be within 0..1")
        if self.remedy is not None and self.remedy not in REMEDIES:
            raise PolicyError(f"rule {self.select}: unknown remedy {self.remedy!r}")

    @property
    def specificity(self) -> int:
        """Longer code prefixes are more specific; a category is the least specific."""
        return 0 if self.select in _CATEGORIES else len(self.select)

    def selects(self, finding: Finding) -> bool:
        if self.select in _CATEGORIES:
            return finding.category.value == self.select
        return finding.code.startswith(self.select)

    def label(self) -> str:
        score = f" score>={self.min_score:g}" if self.min_score else ""
        return f"{self.select}{score} -> {self.decision.value}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"select": self.select, "decision": self.decision.value}
        if self.min_score:
            out["min_score"] = self.min_score
        if self.remedy:
            out["remedy"] = self.remedy
        return out


@dataclass(frozen=True)
class Reason:
    """Why a finding moved the decision: which rule matched it, at what score."""

    code: str
    category: str
    rule: str
    score: float
    decision: Decision
    remedy: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "category": self.category,
            "rule": self.rule,
            "score": self.score,
            "decision": self.decision.value,
            "remedy": self.remedy,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        return cls(
            code=data["code"],
            category=data["category"],
            rule=data["rule"],
            score=data["score"],
            decision=Decision(data["decision"]),
            remedy=data.get("remedy"),
        )


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    reasons: tuple[Reason, ...]
    remedies: tuple[str, ...]


@dataclass(frozen=True)
class Policy:
    name: str
    version: str
    rules: tuple[Rule, ...]
    unmatched: Decision = Decision.REVIEW
    description: str = ""
    zones: tuple[Zone, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "unmatched", Decision(self.unmatched))
        for rule in self.rules:
            if rule.decision is Decision.ACCEPT and (
                rule.select == Category.UNSCREENED.value or "UNS".startswith(rule.select)
                or rule.select.startswith("UNS")
            ):
                raise PolicyError(
                    f"rule {rule.select} would accept unscreened files: a screen that did not "
                    "run is never a pass"
                )

    def outcome(self, finding: Finding) -> tuple[Decision, str, str | None]:
        """The decision, the rule label and the remedy for one finding."""
        candidates = sorted(
            (r for r in self.rules if r.selects(finding) and finding.score >= r.min_score),
            key=lambda r: (r.specificity, r.min_score),
            reverse=True,
        )
        if candidates:
            rule = candidates[0]
            decision, label, remedy = rule.decision, rule.label(), rule.remedy
        else:
            decision, label, remedy = self.unmatched, f"unmatched -> {self.unmatched.value}", None
        if finding.category is Category.UNSCREENED and decision is Decision.ACCEPT:
            decision, label = Decision.REVIEW, "unscreened is never accepted -> review"
        return decision, label, remedy

    def decide(self, findings: Iterable[Finding]) -> Verdict:
        reasons: list[Reason] = []
        decision = Decision.ACCEPT
        for finding in findings:
            outcome, label, remedy = self.outcome(finding)
            if outcome is Decision.ACCEPT and remedy is None:
                continue  # accepted as is: nothing to explain
            reasons.append(
                Reason(finding.code, finding.category.value, label, finding.score, outcome, remedy)
            )
            if outcome.severity > decision.severity:
                decision = outcome
        reasons.sort(key=lambda r: (-r.decision.severity, -r.score, r.code))
        remedies = tuple(sorted({r.remedy for r in reasons if r.remedy}))
        return Verdict(decision, tuple(reasons), remedies)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version}


_TOP_KEYS = {"policy", "rule"}
_POLICY_KEYS = {"name", "version", "description", "unmatched", "zones"}
_RULE_KEYS = {"select", "decision", "min_score", "remedy"}


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def parse_policy(document: Mapping[str, Any], base_dir: Path | None = None) -> Policy:
    """A Policy from a parsed TOML document. Zones paths resolve against ``base_dir``."""
    _check_keys(document, _TOP_KEYS, "policy file")
    head = document.get("policy", {})
    _check_keys(head, _POLICY_KEYS, "[policy]")
    if "name" not in head or "version" not in head:
        raise PolicyError("[policy] needs a name and a version")
    rules = []
    for index, raw in enumerate(document.get("rule", [])):
        _check_keys(raw, _RULE_KEYS, f"[[rule]] {index + 1}")
        if "select" not in raw or "decision" not in raw:
            raise PolicyError(f"[[rule]] {index + 1}: needs select and decision")
        try:
            rules.append(
                Rule(
                    select=str(raw["select"]),
                    decision=Decision(raw["decision"]),
                    min_score=float(raw.get("min_score", 0.0)),
                    remedy=raw.get("remedy"),
                )
            )
        except ValueError as exc:
            raise PolicyError(f"[[rule]] {index + 1}: {exc}") from None
    zones: tuple[Zone, ...] = ()
    if "zones" in head:
        zones_path = Path(head["zones"])
        if base_dir is not None and not zones_path.is_absolute():
            zones_path = base_dir / zones_path
        try:
            zones = load_zones(zones_path)
        except ZoneError as exc:
            raise PolicyError(f"[policy] zones: {exc}") from None
    try:
        return Policy(
            name=str(head["name"]),
            version=str(head["version"]),
            rules=tuple(rules),
            unmatched=Decision(head.get("unmatched", "review")),
            description=str(head.get("description", "")),
            zones=zones,
        )
    except ValueError as exc:
        raise PolicyError(str(exc)) from None


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"cannot read policy {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError(f"policy {path} is not valid TOML: {exc}") from None
    try:
        return parse_policy(document, base_dir=path.parent)
    except PolicyError as exc:
        raise PolicyError(f"{path}: {exc}") from None


def default_policy_text() -> str:
    return resources.files("vmscreen.policies").joinpath("default.toml").read_text("utf-8")


def default_policy() -> Policy:
    """The built-in policy that follows the contributor clauses (README: Categories)."""
    return parse_policy(tomllib.loads(default_policy_text()))
