"""An audio track: one audio stream of a medium (a video's soundtrack, an audio file's only
stream), decoded on first use to the 16 kHz mono signal the speech models read."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# Every speech model vmscreen runs reads 16 kHz mono.
SPEECH_RATE = 16_000


@dataclass(frozen=True)
class Decoded:
    """A track's signal, and where and why decoding stopped before its end, if it did."""

    samples: np.ndarray
    cut_at: float | None = None  # the audio limit was reached here (seconds)
    damage: str | None = None  # the data was damaged: what stopped the decoder


class AudioTrack:
    """One audio stream. ``samples()`` decodes it once (float32 in -1..1 at ``SPEECH_RATE``,
    mono) and keeps it until ``release()``; a stream that cannot be decoded raises MediaError.

    ``duration`` is what the container declares (None when it declares nothing). After
    decoding, ``cut_at`` is the second at which decoding stopped at the audio limit, and
    ``damage`` says why decoding stopped early on damaged data: either way what followed is
    reported as unscreened rather than passed.
    """

    def __init__(self, index: int, codec: str, duration: float | None,
                 decode: Callable[[], Decoded]) -> None:
        self.index = index  # the stream's index in its container
        self.codec = codec
        self.duration = duration
        self._decode = decode
        self._lock = threading.Lock()
        self._samples: np.ndarray | None = None
        self.cut_at: float | None = None
        self.damage: str | None = None

    def samples(self) -> np.ndarray:
        with self._lock:
            if self._samples is None:
                decoded = self._decode()
                samples = np.ascontiguousarray(decoded.samples, np.float32)
                samples.flags.writeable = False
                self._samples, self.cut_at, self.damage = samples, decoded.cut_at, decoded.damage
            return self._samples

    @property
    def seconds(self) -> float:
        """How long the decoded signal lasts."""
        return len(self.samples()) / SPEECH_RATE

    def release(self) -> None:
        with self._lock:
            self._samples = None

    @classmethod
    def from_samples(cls, samples: np.ndarray, index: int = 0, codec: str = "pcm") -> AudioTrack:
        """A track over a signal already at ``SPEECH_RATE`` (tests, embedders)."""
        return cls(index, codec, len(samples) / SPEECH_RATE, lambda: Decoded(samples))
