"""The Result of screening one medium: decision, reasons, findings, and what produced them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vmscreen._version import __version__
from vmscreen.findings import Category, Finding
from vmscreen.media import MediaInfo, TimedInfo
from vmscreen.models import ModelRef
from vmscreen.policy import Decision, Policy, Reason


@dataclass(frozen=True)
class DetectorRun:
    """One detector's part in a screen: which version ran, on how many frames, on exactly
    which models (those that ran for the analyses it read, counted as they ran), which shared
    analyses it read, how it ended (the worst of its runs) and its own time (its runs together,
    without the shared analyses, which the Result times on their own)."""

    name: str
    version: str
    licence: str
    models: tuple[ModelRef, ...]
    status: str  # "ok" | "failed" | "timeout" | "not-run"
    ms: float
    frames: int = 0
    analyses: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "licence": self.licence,
            "models": [m.__dict__ for m in self.models],
            "status": self.status,
            "ms": self.ms,
            "frames": self.frames,
            "analyses": list(self.analyses),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DetectorRun:
        return cls(
            name=data["name"],
            version=data["version"],
            licence=data.get("licence", ""),
            models=tuple(ModelRef(**m) for m in data.get("models", ())),
            status=data["status"],
            ms=data["ms"],
            frames=data.get("frames", 0),
            analyses=tuple(data.get("analyses", ())),
        )


@dataclass(frozen=True)
class Result:
    path: str
    decision: Decision
    reasons: tuple[Reason, ...]
    remedies: tuple[str, ...]
    findings: tuple[Finding, ...]
    policy_name: str
    policy_version: str
    vmscreen_version: str
    media: MediaInfo | None
    detectors: tuple[DetectorRun, ...]
    elapsed_ms: float
    # Each shared analysis that ran, and its own time over every frame (ms).
    analyses: tuple[tuple[str, float], ...] = ()

    @classmethod
    def decided(
        cls,
        path: str,
        policy: Policy,
        findings: Sequence[Finding],
        *,
        media: MediaInfo | None = None,
        detectors: Sequence[DetectorRun] = (),
        elapsed_ms: float = 0.0,
        analyses: Mapping[str, float] | None = None,
    ) -> Result:
        """A Result with the policy's decision on these findings."""
        verdict = policy.decide(findings)
        return cls(
            path=path, decision=verdict.decision, reasons=verdict.reasons,
            remedies=verdict.remedies, findings=tuple(findings), policy_name=policy.name,
            policy_version=policy.version, vmscreen_version=__version__, media=media,
            detectors=tuple(detectors), elapsed_ms=elapsed_ms,
            analyses=tuple(sorted((name, round(ms, 2)) for name, ms in (analyses or {}).items())),
        )

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The unscreened findings: what could not be checked, and why."""
        return tuple(f for f in self.findings if f.category is Category.UNSCREENED)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({f.category.value for f in self.findings}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "decision": self.decision.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "remedies": list(self.remedies),
            "findings": [f.to_dict() for f in self.findings],
            "errors": [
                {"code": f.code, "detector": f.detector, "message": f.message} for f in self.errors
            ],
            "policy": {"name": self.policy_name, "version": self.policy_version},
            "vmscreen": self.vmscreen_version,
            "media": self.media.to_dict() if self.media else None,
            "detectors": [d.to_dict() for d in self.detectors],
            "analyses": dict(self.analyses),
            "elapsed_ms": self.elapsed_ms,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        media = data.get("media")
        return cls(
            path=data["path"],
            decision=Decision(data["decision"]),
            reasons=tuple(Reason.from_dict(r) for r in data.get("reasons", ())),
            remedies=tuple(data.get("remedies", ())),
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
            policy_name=data["policy"]["name"],
            policy_version=data["policy"]["version"],
            vmscreen_version=data["vmscreen"],
            # A video or audio file's facts hold its duration and tracks too.
            media=(TimedInfo if media and "duration" in media else MediaInfo)(**media)
            if media else None,
            detectors=tuple(DetectorRun.from_dict(d) for d in data.get("detectors", ())),
            elapsed_ms=data.get("elapsed_ms", 0.0),
            analyses=tuple(sorted((data.get("analyses") or {}).items())),
        )
