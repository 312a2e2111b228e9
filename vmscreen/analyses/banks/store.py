"""A reference bank on disk: one file per bank (``NAME.vmbank``, a NumPy .npz archive read
with ``allow_pickle=False``) holding hashes only, never pixels or sound.

What it holds: a JSON header (format, version, name, each entry's optional label), each
entry's source sha256 (the file the operator added), the PDQ hashes of its pictures (a photo's
frames, a video's sampled frames), each 32 bytes and tied to its entry, and the Chromaprint
fingerprints of its audio tracks (uint32 words), each tied to its entry. Nothing in it can be
turned back into the picture or the sound.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = "vmscreen-bank"
VERSION = 1
SUFFIX = ".vmbank"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MAX_LABEL = 80
_ARRAYS = ("header", "sources", "pdq", "pdq_entry", "fp_words", "fp_offsets", "fp_entry")


class BankError(ValueError):
    """A bank that cannot be read or written; the message says which and why."""


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.match(name):
        raise BankError(f"bank name {name[:70]!r} must be 1-64 letters, digits, '_' or '-', "
                        "starting with a letter or digit")
    return name


def bank_path(directory: Path, name: str) -> Path:
    return directory / f"{check_name(name)}{SUFFIX}"


def _readonly(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Bank:
    """One bank in memory. Arrays are read-only; ``with_entries`` makes a new bank."""

    name: str
    sources: np.ndarray  # (E, 32) uint8: sha256 of each entry's source file
    labels: tuple[str, ...]  # (E,) the operator's label for each entry, or ""
    pdq: np.ndarray  # (N, 32) uint8: PDQ hashes
    pdq_entry: np.ndarray  # (N,) int32: the entry each hash belongs to
    fp_words: np.ndarray  # (W,) uint32: every fingerprint's words, one after another
    fp_offsets: np.ndarray  # (M + 1,) int64: fingerprint m is fp_words[offsets[m]:offsets[m+1]]
    fp_entry: np.ndarray  # (M,) int32: the entry each fingerprint belongs to

    @classmethod
    def empty(cls, name: str) -> Bank:
        return cls(check_name(name), np.zeros((0, 32), np.uint8), (), np.zeros((0, 32), np.uint8),
                   np.zeros(0, np.int32), np.zeros(0, np.uint32), np.zeros(1, np.int64),
                   np.zeros(0, np.int32))

    @property
    def entries(self) -> int:
        return len(self.labels)

    @property
    def fingerprints(self) -> int:
        return len(self.fp_entry)

    def fingerprint(self, index: int) -> np.ndarray:
        return self.fp_words[self.fp_offsets[index]:self.fp_offsets[index + 1]]

    def source_id(self, entry: int) -> str:
        """An entry's id in findings and listings: the first 16 hex digits of its source's
        sha256 (the operator can find the file; a contributor learns nothing from it)."""
        return bytes(self.sources[entry]).hex()[:16]

    def has_source(self, digest: bytes) -> bool:
        return bool(len(self.sources)) and bool(
            (self.sources == np.frombuffer(digest, np.uint8)).all(axis=1).any())

    def with_entry(self, digest: bytes, label: str, hashes: list[bytes],
                   fingerprints: list[np.ndarray]) -> Bank:
        """This bank and one more entry (a source file's hashes and fingerprints)."""
        entry = self.entries
        pdq = np.frombuffer(b"".join(hashes), np.uint8).reshape(-1, 32)
        lengths = np.array([len(f) for f in fingerprints], np.int64)
        return Bank(
            self.name,
            np.vstack([self.sources, np.frombuffer(digest, np.uint8)[None, :]]),
            (*self.labels, label[:MAX_LABEL]),
            np.vstack([self.pdq, pdq]),
            np.concatenate([self.pdq_entry, np.full(len(pdq), entry, np.int32)]),
            np.concatenate([self.fp_words, *[np.asarray(f, np.uint32) for f in fingerprints]]),
            np.concatenate([self.fp_offsets, self.fp_offsets[-1] + np.cumsum(lengths)]),
            np.concatenate([self.fp_entry, np.full(len(fingerprints), entry, np.int32)]),
        )


def save_bank(bank: Bank, directory: Path) -> Path:
    """Write ``bank`` to ``directory/NAME.vmbank``, whole or not at all (a temporary file in
    the same directory, then renamed over the old bank)."""
    directory.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "version": VERSION, "name": bank.name,
              "labels": list(bank.labels)}
    arrays = {"header": np.frombuffer(json.dumps(header).encode(), np.uint8),
              "sources": bank.sources, "pdq": bank.pdq, "pdq_entry": bank.pdq_entry,
              "fp_words": bank.fp_words, "fp_offsets": bank.fp_offsets,
              "fp_entry": bank.fp_entry}
    path = bank_path(directory, bank.name)
    handle, temporary = tempfile.mkstemp(prefix=f".{bank.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **arrays)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def load_bank(path: Path) -> Bank:
    """A bank file, checked: every array present with its type and shape, every index in
    range. Anything else is a BankError."""
    try:
        data = path.read_bytes()
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in _ARRAYS}
    except KeyError as exc:
        raise BankError(f"bank {path.name}: {exc.args[0]} is missing: not a vmscreen bank"
                        ) from None
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise BankError(f"bank {path.name} cannot be read: {type(exc).__name__}") from None
    try:
        header = json.loads(arrays["header"].astype(np.uint8).tobytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BankError(f"bank {path.name}: its header is not JSON") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BankError(f"bank {path.name} is not a vmscreen bank")
    if header.get("version") != VERSION:
        raise BankError(f"bank {path.name} has format version {header.get('version')!r}; "
                        f"this vmscreen reads version {VERSION}")
    labels = header.get("labels")
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise BankError(f"bank {path.name}: its labels are not a list of strings")
    bank = Bank(path.name[: -len(SUFFIX)], *(_readonly(arrays[k]) for k in ("sources",)),
                tuple(labels), *(_readonly(arrays[k]) for k in _ARRAYS[2:]))
    _check(bank, path.name)
    return bank


def _check(bank: Bank, name: str) -> None:
    entries = len(bank.labels)
    checks = (
        bank.sources.dtype == np.uint8 and bank.sources.shape == (entries, 32),
        bank.pdq.dtype == np.uint8 and bank.pdq.ndim == 2 and bank.pdq.shape[1] == 32,
        bank.pdq_entry.dtype == np.int32 and bank.pdq_entry.shape == (len(bank.pdq),),
        bank.fp_words.dtype == np.uint32 and bank.fp_words.ndim == 1,
        bank.fp_offsets.dtype == np.int64 and bank.fp_offsets.ndim == 1
        and len(bank.fp_offsets) >= 1 and bank.fp_offsets[0] == 0
        and bank.fp_offsets[-1] == len(bank.fp_words)
        and bool((np.diff(bank.fp_offsets) >= 0).all()),
        bank.fp_entry.dtype == np.int32 and bank.fp_entry.shape == (len(bank.fp_offsets) - 1,),
        all(((e >= 0) & (e < entries)).all() for e in (bank.pdq_entry, bank.fp_entry)),
    )
    if not all(checks):
        raise BankError(f"bank {name} is damaged: its arrays do not fit together")


def bank_files(directory: Path) -> list[Path]:
    """The bank files in ``directory``, by name (none when it does not exist)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir()
                  if p.suffix == SUFFIX and p.is_file() and NAME.match(p.stem))
