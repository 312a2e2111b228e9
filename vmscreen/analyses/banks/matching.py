"""Matching a frame's PDQ hashes and a track's Chromaprint fingerprint against the reference
banks a screen was given, loaded on first use and kept (like a model).

Pictures: every bank's hashes sit in one (4, N) array of 64-bit words, so a query is four XORs
and four popcounts (``np.bitwise_count``) over N for each of its eight dihedral hashes: about
3 ms for 100,000 hashes on one core. A match is a Hamming distance of at most 31 of 256 bits,
PDQ's own threshold for a confident match.

Sound: a fingerprint matches a banked one when, at their best alignment, at most 25% of the
bits of at least 24 overlapping words (3 s) differ. Unrelated sound differs in about half its
bits, but the best of many alignments of two tunes in the same key can come down to 0.39; the
same recording re-encoded to MP3 or Opus differs in a few percent (benchmarks/banks.py
measures both).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vmscreen.analyses.banks.pdq import TRANSFORMS, PdqHash
from vmscreen.analyses.banks.store import Bank, BankError, bank_files, bank_path, load_bank

PDQ_THRESHOLD = 31  # of 256 bits: Meta's threshold for a confident PDQ match
AUDIO_MAX_BER = 0.25  # the share of differing bits at the best alignment
AUDIO_MIN_OVERLAP = 24  # words (about 3 s) at least in common at the alignment
MAX_MATCHES = 5  # reported per frame or track: the closest ones
# Offsets tried in full for a pair of fingerprints this small (words x words); a longer pair
# tries only the offsets where words agree on their top 16 bits (Chromaprint's own shortcut).
_FULL_SCAN = 400_000


@dataclass(frozen=True)
class BankProblem:
    """A bank that could not be used: not found, or unreadable."""

    bank: str
    reason: str


@dataclass(frozen=True)
class ImageMatch:
    bank: str
    entry: str  # the source's sha256, first 16 hex digits
    label: str
    distance: int  # of 256 bits
    transform: str  # which of the frame's dihedral transforms matched the banked picture


@dataclass(frozen=True)
class AudioMatch:
    bank: str
    entry: str
    label: str
    bit_error_rate: float
    overlap_s: float  # seconds of sound in common at the best alignment
    offset_s: float  # where in the banked sound the track's start falls


@dataclass(frozen=True, eq=False)
class LoadedBanks:
    banks: tuple[Bank, ...]
    problems: tuple[BankProblem, ...]
    words: np.ndarray  # (4, N) uint64: every bank's PDQ hashes
    owner: np.ndarray  # (N,) int32: the bank each hash is from

    @classmethod
    def of(cls, banks: Sequence[Bank], problems: Sequence[BankProblem] = ()) -> LoadedBanks:
        pdq = np.vstack([b.pdq for b in banks]) if banks else np.zeros((0, 32), np.uint8)
        words = np.ascontiguousarray(np.ascontiguousarray(pdq).view(">u8").astype(np.uint64).T)
        owner = np.concatenate([np.full(len(b.pdq), i, np.int32) for i, b in enumerate(banks)]
                               ) if banks else np.zeros(0, np.int32)
        return cls(tuple(banks), tuple(problems), words, owner)

    @property
    def hashes(self) -> int:
        return self.words.shape[1]

    @property
    def fingerprints(self) -> int:
        return sum(b.fingerprints for b in self.banks)

    def distances(self, query: PdqHash) -> np.ndarray:
        """(8, N) Hamming distances of the query's eight dihedral hashes to every hash."""
        queries = np.frombuffer(b"".join(query.hashes), ">u8").astype(np.uint64).reshape(-1, 4)
        out = np.empty((len(queries), self.hashes), np.uint16)
        for row, query_words in enumerate(queries):
            total = np.bitwise_count(self.words[0] ^ query_words[0]).astype(np.uint16)
            for word in range(1, 4):
                total += np.bitwise_count(self.words[word] ^ query_words[word])
            out[row] = total
        return out

    def match_image(self, query: PdqHash, threshold: int = PDQ_THRESHOLD
                    ) -> tuple[ImageMatch, ...]:
        """The banked pictures within ``threshold`` of any dihedral transform of the query,
        closest first, one per entry."""
        if not self.hashes:
            return ()
        candidates = self._candidates(query, threshold)
        distances = LoadedBanks(self.banks, (), self.words[:, candidates], self.owner[candidates]
                                ).distances(query)
        best = distances.min(axis=0)
        found: dict[tuple[int, int], ImageMatch] = {}
        for column in np.argsort(best, kind="stable"):
            if best[column] > threshold:
                break
            row = int(candidates[column])
            bank = self.banks[self.owner[row]]
            local = int(row - self._start(int(self.owner[row])))
            entry = int(bank.pdq_entry[local])
            key = (int(self.owner[row]), entry)
            if key not in found:
                found[key] = ImageMatch(bank.name, bank.source_id(entry), bank.labels[entry],
                                        int(best[column]),
                                        TRANSFORMS[int(distances[:, column].argmin())])
            if len(found) >= MAX_MATCHES:
                break
        return tuple(found.values())

    def _candidates(self, query: PdqHash, threshold: int) -> np.ndarray:
        """The hashes within ``threshold`` of a query hash over their first 128 bits: the
        only ones that can be within it over all 256. Half the work of the full distances
        (unrelated hashes differ in about 64 of those 128 bits), in preallocated buffers."""
        queries = np.frombuffer(b"".join(query.hashes), ">u8").astype(np.uint64).reshape(-1, 4)
        xor = np.empty(self.hashes, np.uint64)
        first = np.empty(self.hashes, np.uint8)
        second = np.empty(self.hashes, np.uint8)
        rows = []
        for query_words in queries:
            np.bitwise_count(np.bitwise_xor(self.words[0], query_words[0], out=xor), out=first)
            np.bitwise_count(np.bitwise_xor(self.words[1], query_words[1], out=xor), out=second)
            first += second  # at most 128: no overflow
            rows.append(np.flatnonzero(first <= threshold))
        return np.unique(np.concatenate(rows))

    def _start(self, bank_index: int) -> int:
        return sum(len(b.pdq) for b in self.banks[:bank_index])

    def match_audio(self, words: np.ndarray) -> tuple[AudioMatch, ...]:
        """The banked fingerprints the track's fingerprint matches, closest first."""
        from vmscreen.analyses.banks.fingerprints import ITEMS_PER_SECOND

        found: list[AudioMatch] = []
        if len(words) < AUDIO_MIN_OVERLAP:
            return ()
        for bank in self.banks:
            for index in range(bank.fingerprints):
                banked = bank.fingerprint(index)
                alignment = best_alignment(words, banked)
                if alignment is None or alignment[0] > AUDIO_MAX_BER:
                    continue
                ber, offset, overlap = alignment
                entry = int(bank.fp_entry[index])
                found.append(AudioMatch(bank.name, bank.source_id(entry), bank.labels[entry],
                                        round(ber, 3), round(overlap / ITEMS_PER_SECOND, 1),
                                        round(offset / ITEMS_PER_SECOND, 1)))
        found.sort(key=lambda m: m.bit_error_rate)
        best: dict[tuple[str, str], AudioMatch] = {}
        for match in found:
            best.setdefault((match.bank, match.entry), match)
        return tuple(best.values())[:MAX_MATCHES]


def best_alignment(query: np.ndarray, banked: np.ndarray,
                   min_overlap: int = AUDIO_MIN_OVERLAP) -> tuple[float, int, int] | None:
    """The lowest bit error rate of two fingerprints over their alignments with at least
    ``min_overlap`` words in common: (rate, offset of the query's start in the banked
    fingerprint, words in common), or None when they cannot overlap that much."""
    q, b = np.asarray(query, np.uint32), np.asarray(banked, np.uint32)
    if min(len(q), len(b)) < min_overlap:
        return None
    if len(q) * len(b) <= _FULL_SCAN:
        offsets = np.arange(-(len(q) - min_overlap), len(b) - min_overlap + 1)
    else:
        offsets = _candidate_offsets(q, b, min_overlap)
    best: tuple[float, int, int] | None = None
    for offset in offsets.tolist():
        start_b, start_q = max(offset, 0), max(-offset, 0)
        length = min(len(b) - start_b, len(q) - start_q)
        if length < min_overlap:
            continue
        errors = int(np.bitwise_count(q[start_q:start_q + length]
                                      ^ b[start_b:start_b + length]).sum())
        rate = errors / (32 * length)
        if best is None or rate < best[0]:
            best = (rate, offset, length)
    return best


def _candidate_offsets(q: np.ndarray, b: np.ndarray, min_overlap: int) -> np.ndarray:
    """Offsets where the two agree on the top 16 bits of some word, most agreements first."""
    top_q, top_b = q >> 16, b >> 16
    order = np.argsort(top_b, kind="stable")
    sorted_b = top_b[order]
    left = np.searchsorted(sorted_b, top_q, "left")
    right = np.searchsorted(sorted_b, top_q, "right")
    offsets: list[np.ndarray] = []
    for i in np.flatnonzero(right > left)[:4096]:
        offsets.append(order[left[i]:right[i]] - i)
    if not offsets:
        return np.zeros(0, np.int64)
    values, counts = np.unique(np.concatenate(offsets), return_counts=True)
    keep = values[np.argsort(-counts, kind="stable")][:32]
    near = (keep[:, None] + np.arange(-2, 3)[None, :]).ravel()
    return np.unique(near[(near >= -(len(q) - min_overlap)) & (near <= len(b) - min_overlap)])


class ReferenceBanks:
    """The banks of one screen: every ``*.vmbank`` file in ``directory``, read on first use and
    kept. ``required`` names the banks the policy relies on: one that is not there is a
    problem, reported on every file (a screen against a missing bank is no pass); so is any
    bank file that cannot be read. Thread-safe."""

    def __init__(self, directory: str | Path | None = None, required: Sequence[str] = ()
                 ) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.required = tuple(dict.fromkeys(required))
        self._lock = threading.Lock()
        self._loaded: LoadedBanks | None = None

    @property
    def configured(self) -> bool:
        """Whether there is anything to match against, or to report missing."""
        return self.directory is not None or bool(self.required)

    def loaded(self) -> LoadedBanks:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
            return self._loaded

    def _load(self) -> LoadedBanks:
        banks: list[Bank] = []
        problems: list[BankProblem] = []
        files = bank_files(self.directory) if self.directory is not None else []
        for path in files:
            try:
                banks.append(load_bank(path))
            except BankError as exc:
                problems.append(BankProblem(path.stem, str(exc)))
        present = {p.stem for p in files}
        for name in self.required:
            if name not in present:
                where = (f"no {bank_path(self.directory, name).name} in the banks directory"
                         if self.directory is not None else "no banks directory was given")
                problems.append(BankProblem(name, f"bank {name} is named by the policy but "
                                                  f"not found: {where}"))
        return LoadedBanks.of(banks, problems)

    def __getstate__(self) -> dict[str, object]:  # workers load their own copy
        return {"directory": self.directory, "required": self.required}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["directory"], state["required"])  # type: ignore[misc, arg-type]
