"""Building reference banks: ``vmscreen bank add NAME PATH...``.

Each file named (or found below a directory named) is read the way a screen reads it, and
becomes one entry of the bank: the sha256 of the file, an optional label, the PDQ hashes of
its pictures (a photo's frames; a video's sampled frames, the Screener's sampling) and of their
crops (``banked_hashes``, so that a cropped copy matches too), and the Chromaprint
fingerprints of its audio tracks. Hashes only: no pixel and no sound is kept. A
file that cannot be read, holds nothing that can be hashed, or is already in the bank is
reported and skipped. The bank is written whole or not at all, in the banks directory, which
may not lie inside any of the inputs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from vmscreen.analyses.banks import (
    Bank,
    BankError,
    ChromaprintUnavailable,
    bank_files,
    bank_path,
    banked_hashes,
    check_name,
    fingerprint,
    load_bank,
    save_bank,
)
from vmscreen.analyses.banks.pdq import HASH_SIDE
from vmscreen.engine.batch import input_holding, iter_files
from vmscreen.media import Limits, MediaError, Sampling, TimedMedia, open_media, read_source
from vmscreen.media.audio import SPEECH_RATE


@dataclass(frozen=True)
class Added:
    """What became of one input file."""

    path: str
    pictures: int = 0  # photo frames or sampled video frames hashed
    hashes: int = 0  # their hashes and their crops' (banked_hashes)
    fingerprints: int = 0
    skipped: str | None = None  # why nothing was added
    note: str | None = None  # what was added only in part


@dataclass(frozen=True)
class BankSummary:
    name: str
    entries: int
    hashes: int
    fingerprints: int
    problem: str | None = None


def check_outside(directory: Path, inputs: Iterable[Path]) -> None:
    """Refuse a banks directory that is, or lies inside, an input (no command writes inside
    its inputs), or an input inside the banks directory."""
    for raw in inputs:
        if input_holding(directory, [raw]) is not None:
            raise BankError(f"the banks directory {directory} lies inside the input {raw}: "
                            "choose a directory outside what is added")
        if input_holding(raw, [directory]) is not None:
            raise BankError(f"the input {raw} lies inside the banks directory {directory}")


def _hashes(data: bytes, limits: Limits, sampling: Sampling
            ) -> tuple[int, list[bytes], list[np.ndarray], list[str]]:
    """How many of a file's pictures were hashed, their PDQ hashes with their crops'
    (distinct), its tracks' fingerprints, and notes on what could not be hashed."""
    media = open_media(data, limits, sampling)
    hashes: dict[bytes, None] = {}  # distinct, in order
    prints: list[np.ndarray] = []
    notes: list[str] = []
    low = pictures = 0

    def add(image: Image.Image) -> None:
        nonlocal low, pictures
        found = banked_hashes(image)
        if not found:
            low += 1
            return
        pictures += 1
        hashes.update(dict.fromkeys(found))

    if isinstance(media, TimedMedia):
        gaps: list[MediaError] = []
        samples = media.samples(gaps)
        try:
            for sample in samples:
                if not sample.repeat:
                    add(sample.frame.image(HASH_SIDE))
                    sample.frame.release()
        finally:
            samples.close()
        if gaps:
            notes.append(f"{len(gaps)} part(s) of the video could not be decoded")
        for track in media.tracks:
            try:
                words = fingerprint(track.samples(), SPEECH_RATE)
            except ChromaprintUnavailable as exc:
                notes.append(f"audio track {track.index} not fingerprinted: {exc}")
                continue
            finally:
                track.release()
            if len(words):
                prints.append(words)
            else:
                notes.append(f"audio track {track.index} too short to fingerprint")
    else:
        for index in range(min(media.frame_count, limits.max_screened_frames)):
            frame = media.frame(index)
            add(frame.image(HASH_SIDE))
            frame.release()
    if low:
        notes.append(f"{low} picture(s) too flat to hash reliably (PDQ quality under 50)")
    return pictures, list(hashes), prints, notes


def add_to_bank(directory: Path, name: str, paths: Iterable[Path], *, label: str = "",
                limits: Limits | None = None, sampling: Sampling | None = None
                ) -> Iterator[Added]:
    """Add every file of ``paths`` to bank ``name`` in ``directory`` (created if need be),
    yielding what became of each; the bank is saved once, at the end, if anything was added."""
    check_name(name)
    paths = list(paths)
    check_outside(directory, paths)
    limits = limits or Limits()
    sampling = sampling or Sampling()
    target = bank_path(directory, name)
    bank = load_bank(target) if target.exists() else Bank.empty(name)
    before = bank.entries
    for path in iter_files(paths):
        if path.suffix == ".vmbank":
            yield Added(str(path), skipped="a bank file, not media")
            continue
        try:
            # Within the screen's limits, and only a regular file: a pipe would block here.
            data, _ = read_source(path, limits)
        except MediaError as exc:
            yield Added(str(path), skipped=exc.message)
            continue
        digest = hashlib.sha256(data).digest()
        if bank.has_source(digest):
            yield Added(str(path), skipped="already in the bank")
            continue
        try:
            pictures, hashes, prints, notes = _hashes(data, limits, sampling)
        except MediaError as exc:
            yield Added(str(path), skipped=exc.message)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the others
            yield Added(str(path), skipped=f"cannot be read: {type(exc).__name__}")
            continue
        note = "; ".join(notes) or None
        if not hashes and not prints:
            yield Added(str(path), skipped=note or "nothing to hash")
            continue
        bank = bank.with_entry(digest, label, hashes, prints)
        yield Added(str(path), pictures, len(hashes), len(prints), note=note)
    if bank.entries > before:
        save_bank(bank, directory)


def list_banks(directory: Path) -> list[BankSummary]:
    out = []
    for path in bank_files(directory):
        try:
            bank = load_bank(path)
        except BankError as exc:
            out.append(BankSummary(path.stem, 0, 0, 0, problem=str(exc)))
            continue
        out.append(BankSummary(bank.name, bank.entries, len(bank.pdq), bank.fingerprints))
    return out


def remove_bank(directory: Path, name: str) -> bool:
    """Delete bank ``name``; False when there is none."""
    path = bank_path(directory, name)
    if not path.is_file():
        return False
    path.unlink()
    return True
