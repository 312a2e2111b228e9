"""What one service runs with: policy, zones, limits, engines, keys and request bounds.

Worker processes are separate interpreters, so the settings travel to them as JSON in an
environment variable (``ENV_SETTINGS``) and each worker rebuilds its own Screener from them.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields

from vmscreen.media import Limits

ENV_SETTINGS = "VMSCREEN_SERVICE_SETTINGS"
ENV_API_KEYS = "VMSCREEN_API_KEYS"  # comma-separated keys, beside or instead of a keys file


@dataclass(frozen=True)
class ServiceSettings:
    """``timeout_s`` bounds both the wait for a free screener (504 after it) and the screen of
    one file (past it the file is reported as not screened, UNS008). ``concurrency`` screens
    run at once in a worker; ``queue`` more may wait (429 beyond). ``max_bytes``: the largest
    request body (413 beyond)."""

    policy: str | None = None  # a TOML policy file; None: the built-in policy
    zones: str | None = None  # a GeoJSON file of restricted zones
    banks: str | None = None  # a reference banks folder
    api_keys_file: str | None = None
    ocr: str = "ppocr"
    faces: str = "yunet"
    threads: int = 0  # inference threads per model; 0: all cores
    concurrency: int = 1
    queue: int = 32
    timeout_s: float = 120.0
    max_bytes: int = Limits().max_bytes
    max_frames: int = Limits().max_screened_frames

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.queue < 0 or self.threads < 0:
            raise ValueError("concurrency must be at least 1, queue and threads at least 0")
        if self.timeout_s <= 0 or self.max_bytes < 1 or self.max_frames < 1:
            raise ValueError("timeout, max_bytes and max_frames must be positive")

    @property
    def limits(self) -> Limits:
        """The Screener's limits: a file's budget is the request's time limit, at most."""
        usual = Limits()
        return Limits(max_bytes=min(usual.max_bytes, self.max_bytes),
                      max_screened_frames=self.max_frames,
                      max_seconds=min(usual.max_seconds, self.timeout_s))

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ServiceSettings:
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @classmethod
    def from_environment(cls) -> ServiceSettings:
        text = os.environ.get(ENV_SETTINGS)
        return cls.from_json(text) if text else cls()
