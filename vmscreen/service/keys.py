"""Optional API keys: from a file (one key a line, ``#`` comments) and from ``VMSCREEN_API_KEYS``
(comma-separated). Only their SHA-256 digests are kept, and a presented key is compared with
every digest in constant time, so neither the keys nor how much of one matched leak."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vmscreen.service.settings import ENV_API_KEYS

MIN_KEY_LENGTH = 16  # shorter keys are guessable


class KeyFileError(ValueError):
    """The keys file cannot be read, or holds a key too short to be safe."""


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


@dataclass(frozen=True)
class ApiKeys:
    digests: tuple[bytes, ...] = ()

    @property
    def required(self) -> bool:
        return bool(self.digests)

    @classmethod
    def load(cls, path: str | Path | None, environ: Mapping[str, str] = os.environ) -> ApiKeys:
        keys = [k.strip() for k in environ.get(ENV_API_KEYS, "").split(",") if k.strip()]
        if path is not None:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise KeyFileError(f"cannot read the API keys file {path}: {exc}") from exc
            keys += [line.strip() for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith("#")]
        if any(len(k) < MIN_KEY_LENGTH for k in keys):
            raise KeyFileError(f"every API key must have {MIN_KEY_LENGTH} characters or more")
        return cls(tuple(_digest(k) for k in keys))

    def allows(self, presented: str | None) -> bool:
        if not self.required:
            return True
        if not presented:
            return False
        digest = _digest(presented)
        found = False
        for known in self.digests:  # no early exit: every request costs the same
            found |= hmac.compare_digest(digest, known)
        return found


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key a request carries: ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``."""
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return headers.get("x-api-key")
