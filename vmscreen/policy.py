"""A TOML policy, and the decision it makes from findings. The policy never looks at pixels.

A rule selects findings by category name ("sensitive-id") or by code prefix ("CPR", "CPR1",
"CPR101"), optionally from a minimum score, and maps them to accept, review or reject, with an
optional remedy. For each finding the most specific rule wins: the longest code prefix, then a
category; among rules with the same selector, the highest ``min_score`` the finding reaches.
The file's decision is the most severe of its findings' outcomes.

A ``[[bank]]`` table names a reference bank the policy relies on and what a match in it means
(``decision``, reject unless said otherwise). It is the most specific rule of all: a finding
whose evidence names that bank (a picture or a sound matching one of its entries) gets the
bank's decision. A bank a policy names must be there when a file is screened: one missing or
unreadable makes every file unscreened (UNS010), never a pass.

A ``[scene_model]`` table names an operator's own ONNX scene classifier: its file (relative to
the policy's folder) and sha256, its input size and normalisation, its labels, and under
``[scene_model.places]`` which labels show which kind of private place. The file is checked and
loaded on first use, not here: one missing or not matching its sha256 makes every frame
unscreened, never a pass.
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

from vmscreen.findings import Category, CodeInfo, Finding
from vmscreen.models import MAX_INPUT_SIDE, SceneModelSpec
from vmscreen.rules.place_kinds import PlaceKind
from vmscreen.setup_files import describe, read_text
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


def _what(value: Any) -> str:
    return describe(value, table="a table")


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise PolicyError(f"{where} must be a string, not {_what(value)}")
    return value


def _decision(value: Any, where: str) -> Decision:
    if isinstance(value, str):
        for decision in Decision:
            if value == decision.value:
                return decision
    raise PolicyError(f"{where} must be accept, review or reject, not {_what(value)}")


def _min_score(value: Any, where: str) -> float:
    # bool is an int in Python, and NaN compares false with everything: refuse both.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
        0.0 <= value <= 1.0
    ):
        raise PolicyError(f"{where} must be a number within 0..1, not {_what(value)}")
    return float(value)


@dataclass(frozen=True)
class Rule:
    select: str
    decision: Decision
    min_score: float = 0.0
    remedy: str | None = None

    def __post_init__(self) -> None:
        _string(self.select, "rule select")
        if self.select not in _CATEGORIES and not _CODE_PREFIX.match(self.select):
            raise PolicyError(
                f"rule select {self.select[:40]!r} is neither a category "
                f"({', '.join(sorted(_CATEGORIES))}) nor a code prefix like 'CPR' or 'CPR101'"
            )
        where = f"rule {self.select}"
        object.__setattr__(self, "decision", _decision(self.decision, f"{where}: decision"))
        object.__setattr__(self, "min_score", _min_score(self.min_score, f"{where}: min_score"))
        if self.remedy is not None and self.remedy not in REMEDIES:
            shown = repr(self.remedy) if isinstance(self.remedy, str) else f"({_what(self.remedy)})"
            raise PolicyError(f"{where}: unknown remedy {shown}: use {' or '.join(REMEDIES)}")

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


_BANK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class BankRule:
    """What a match in one reference bank means: ``decision`` for every finding whose
    evidence names the bank."""

    name: str
    decision: Decision = Decision.REJECT

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _BANK_NAME.match(self.name):
            shown = repr(self.name[:40]) if isinstance(self.name, str) else _what(self.name)
            raise PolicyError(f"bank name {shown} must be 1-64 letters, digits, '_' or '-'")
        object.__setattr__(self, "decision",
                           _decision(self.decision, f"bank {self.name}: decision"))

    def selects(self, finding: Finding) -> bool:
        return finding.category is not Category.UNSCREENED and any(
            key == "bank" and value == self.name for key, value in finding.evidence)

    def label(self) -> str:
        return f"bank {self.name} -> {self.decision.value}"


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
    # The reference banks the policy relies on, and what a match in each means.
    banks: tuple[BankRule, ...] = ()
    # The operator's own scene classifier, run on every frame when given.
    scene_model: SceneModelSpec | None = None

    def __post_init__(self) -> None:
        for key in ("name", "version", "description"):
            _string(getattr(self, key), f"policy {key}")
        object.__setattr__(self, "unmatched", _decision(self.unmatched, "policy unmatched"))
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
        for bank in self.banks:
            if bank.selects(finding):
                return bank.decision, bank.label(), None
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

    def outcome_of_code(self, info: CodeInfo, score: float = 1.0
                        ) -> tuple[Decision, str, str | None]:
        """The outcome of a finding of this code at ``score``, whatever its evidence."""
        return self.outcome(info.finding("explain", score, ""))

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

    def describe(self) -> dict[str, Any]:
        """Everything the policy decides with, as data (its zones counted, not listed)."""
        return {**self.to_dict(), "description": self.description,
                "unmatched": self.unmatched.value, "rules": [r.to_dict() for r in self.rules],
                "banks": [b.to_dict() for b in self.banks], "zones": len(self.zones),
                "scene_model": self.scene_model is not None}


_TOP_KEYS = {"policy", "rule", "bank", "scene_model"}
_POLICY_KEYS = {"name", "version", "description", "unmatched", "zones"}
_RULE_KEYS = {"select", "decision", "min_score", "remedy"}
_BANK_KEYS = {"name", "decision"}
_SCENE_KEYS = {"path", "sha256", "input_size", "layout", "colour", "scale", "mean", "std",
               "labels", "labels_file", "output", "min_score", "places"}
MAX_LABELS_BYTES = 1024 * 1024
# A policy is a few kB; a file far bigger is the wrong file (a photo given as --policy).
MAX_POLICY_BYTES = 1024 * 1024
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = {str(key) for key in table} - allowed
    if unknown:
        # A quoted TOML key can hold anything, a line break too: show such keys quoted.
        shown = (k if _BARE_KEY.match(k) else repr(k[:40]) for k in sorted(unknown))
        raise PolicyError(f"{where}: unknown key(s) {', '.join(shown)}")


def _label(value: Any, where: str) -> str:
    """name and version: a string, or an integer written as text (version = 7 is "7").
    A float is refused: TOML reads 1.10 as 1.1, so the policy would report another version."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 64:
        return str(value)
    if not isinstance(value, str):
        raise PolicyError(f"{where} must be a string (in quotes), not {_what(value)}")
    return value


def _table(value: Any, where: str, hint: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PolicyError(f"{where} must be a table ({hint}), not {_what(value)}")
    return value


def _rule(raw: Any, where: str) -> Rule:
    raw = _table(raw, f"{where}:", "select = ..., decision = ... under [[rule]]")
    _check_keys(raw, _RULE_KEYS, where)
    if "select" not in raw or "decision" not in raw:
        raise PolicyError(f"{where}: needs select and decision")
    select = _string(raw["select"], f"{where}: select")
    decision = _decision(raw["decision"], f"{where}: decision")
    min_score = _min_score(raw.get("min_score", 0.0), f"{where}: min_score")
    try:
        return Rule(select=select, decision=decision, min_score=min_score,
                    remedy=raw.get("remedy"))
    except PolicyError as exc:
        raise PolicyError(f"{where}: {exc}") from None


def _bank(raw: Any, where: str) -> BankRule:
    raw = _table(raw, f"{where}:", "name = ..., decision = ... under [[bank]]")
    _check_keys(raw, _BANK_KEYS, where)
    if "name" not in raw:
        raise PolicyError(f"{where}: needs a name")
    name = _string(raw["name"], f"{where}: name")
    decision = _decision(raw.get("decision", "reject"), f"{where}: decision")
    try:
        return BankRule(name, decision)
    except PolicyError as exc:
        raise PolicyError(f"{where}: {exc}") from None


def _file(value: Any, where: str, what: str, base_dir: Path | None) -> Path:
    """A path in the policy, relative to its folder."""
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(f"{where} must be the path of {what}, in quotes, not {_what(value)}")
    path = Path(value)
    return base_dir / path if base_dir is not None and not path.is_absolute() else path


def _labels_file(path: Path) -> list[str]:
    """One label a line; blank lines only at the end (one inside would shift every label)."""
    try:
        text = read_text(path, MAX_LABELS_BYTES, name="labels file", error=PolicyError,
                         too_large=f"{MAX_LABELS_BYTES // 1024} kB: is it a labels file?",
                         kind="a text file")
    except PolicyError as exc:
        raise PolicyError(f"[scene_model] labels_file: {exc}") from None
    lines = [line.strip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if "" in lines:
        raise PolicyError(f"[scene_model] labels_file: line {lines.index('') + 1} of {path} is "
                          "empty: one label a line, in output order")
    return lines


def _places(raw: Any) -> dict[str, PlaceKind]:
    """[scene_model.places]: each kind of place and its labels, as label -> kind."""
    kinds = ", ".join(kind.value for kind in PlaceKind)
    raw = _table(raw, "[scene_model.places]:", f"a list of labels for some of {kinds}")
    places: dict[str, PlaceKind] = {}
    for key, labels in raw.items():
        try:
            kind = PlaceKind(key)
        except ValueError:
            shown = key if _BARE_KEY.match(key) else repr(key[:40])
            raise PolicyError(f"[scene_model.places]: unknown kind of place {shown}: use "
                              f"{kinds}") from None
        if (not isinstance(labels, (list, tuple)) or not labels
                or not all(isinstance(label, str) for label in labels)):
            raise PolicyError(f"[scene_model.places] {kind.value}: must be a list of labels "
                              f"in quotes, not {_what(labels)}")
        for label in labels:
            if places.setdefault(label, kind) is not kind:
                raise PolicyError(f"[scene_model.places]: {label[:40]!r} is listed under both "
                                  f"{places[label].value} and {kind.value}")
    return places


def _scene_model(raw: Any, base_dir: Path | None) -> SceneModelSpec:
    where = "[scene_model]"
    raw = _table(raw, f"{where}:", "path = ..., sha256 = ..., labels = ... under [scene_model]")
    _check_keys(raw, _SCENE_KEYS, where)
    for key in ("path", "sha256", "input_size", "places"):
        if key not in raw:
            raise PolicyError(f"{where}: needs {key}" + (
                " (the file's sha256: shasum -a 256 FILE)" if key == "sha256" else ""))
    if ("labels" in raw) == ("labels_file" in raw):
        raise PolicyError(f"{where}: needs labels (a list) or labels_file (one a line), "
                          "one of the two")
    size = raw["input_size"]
    if not isinstance(size, (list, tuple)) or len(size) != 2:
        raise PolicyError(f"{where} input_size must be [width, height], two whole numbers "
                          f"1..{MAX_INPUT_SIDE}, not {_what(size)}")
    if "labels" in raw:
        labels = raw["labels"]
        if not isinstance(labels, (list, tuple)):
            raise PolicyError(f"{where} labels must be a list of strings, in output order, "
                              f"not {_what(labels)}")
    else:
        labels = _labels_file(_file(raw["labels_file"], f"{where} labels_file", "a text file",
                                    base_dir))
    for key in ("mean", "std"):
        if key in raw and not isinstance(raw[key], (list, tuple)):
            raise PolicyError(f"{where} {key} must be three numbers, one per channel, not "
                              f"{_what(raw[key])}")
    options = {key: raw[key] for key in ("layout", "colour", "scale", "mean", "std", "output",
                                         "min_score") if key in raw}
    try:
        return SceneModelSpec(
            path=_file(raw["path"], f"{where} path", "an ONNX file", base_dir),
            sha256=raw["sha256"], width=size[0], height=size[1], labels=tuple(labels),
            places=tuple(_places(raw["places"]).items()), **options)
    except ValueError as exc:
        if isinstance(exc, PolicyError):
            raise
        raise PolicyError(f"{where} {exc}") from None


def parse_policy(document: Mapping[str, Any], base_dir: Path | None = None) -> Policy:
    """A Policy from a parsed TOML document. Zones paths resolve against ``base_dir``.

    Types are checked, not converted, so that a typo cannot silently loosen a policy: name
    and version are strings (an integer is taken as text), description, select and zones are
    strings, min_score a number within 0..1 (not a bool, not NaN), decision and unmatched one
    of accept, review, reject, remedy one of REMEDIES. Every problem is a PolicyError whose
    one line names the place ("[policy] zones", "[[rule]] 3", counted from 1).
    """
    document = _table(document, "policy file:", "[policy] and [[rule]] sections")
    _check_keys(document, _TOP_KEYS, "policy file")
    head = _table(document.get("policy", {}), "[policy]:",
                  "a [policy] section with name = ... and version = ...")
    _check_keys(head, _POLICY_KEYS, "[policy]")
    if "name" not in head or "version" not in head:
        raise PolicyError("[policy] needs a name and a version")
    name = _label(head["name"], "[policy] name:")
    version = _label(head["version"], "[policy] version:")
    description = _string(head.get("description", ""), "[policy] description:")
    unmatched = _decision(head.get("unmatched", "review"), "[policy] unmatched:")
    raw_rules = document.get("rule", [])
    if not isinstance(raw_rules, (list, tuple)):
        raise PolicyError(f"rule: must be an array of tables, each written [[rule]] (double "
                          f"brackets), not {_what(raw_rules)}")
    rules = [_rule(raw, f"[[rule]] {index}") for index, raw in enumerate(raw_rules, 1)]
    raw_banks = document.get("bank", [])
    if not isinstance(raw_banks, (list, tuple)):
        raise PolicyError(f"bank: must be an array of tables, each written [[bank]] (double "
                          f"brackets), not {_what(raw_banks)}")
    banks = [_bank(raw, f"[[bank]] {index}") for index, raw in enumerate(raw_banks, 1)]
    if len({b.name for b in banks}) < len(banks):
        raise PolicyError("[[bank]]: a bank is named twice")
    scene_model = None
    if "scene_model" in document:
        scene_model = _scene_model(document["scene_model"], base_dir)
    zones: tuple[Zone, ...] = ()
    if "zones" in head:
        zones_text = head["zones"]
        if not isinstance(zones_text, str) or not zones_text.strip():
            raise PolicyError("[policy] zones: must be the path of a GeoJSON file, in quotes, "
                              f"not {_what(zones_text)}")
        zones_path = Path(zones_text)
        if base_dir is not None and not zones_path.is_absolute():
            zones_path = base_dir / zones_path
        try:
            zones = load_zones(zones_path)
        except ZoneError as exc:
            raise PolicyError(f"[policy] zones: {exc}") from None
    try:
        return Policy(
            name=name,
            version=version,
            rules=tuple(rules),
            unmatched=unmatched,
            description=description,
            zones=zones,
            banks=tuple(banks),
            scene_model=scene_model,
        )
    except ValueError as exc:
        raise PolicyError(str(exc)) from None


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    text = read_text(path, MAX_POLICY_BYTES, name="policy", error=PolicyError,
                     too_large=f"{MAX_POLICY_BYTES // 1024} kB: is it a policy?",
                     kind="a TOML file")
    try:
        document = tomllib.loads(text)
    except RecursionError:
        raise PolicyError(f"policy {path} is nested too deeply to be a policy") from None
    except ValueError as exc:  # TOMLDecodeError, or an integer of thousands of digits
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
