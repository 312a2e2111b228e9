"""Which frames of a video are screened: a steady rate, plus every visible change between two
ticks, capped per clip; and which sampled frames merely repeat the last one screened.

Every decoded frame is reduced to a small grey thumbnail (a few hundred microseconds), and the
decision is made on thumbnails alone, so only the frames chosen are converted to RGB and
screened:
- a frame is sampled when ``interval`` seconds have passed since the last sample (so an event
  that stays on screen for ``interval`` seconds is always seen), or sooner when the picture has
  moved away from the last sample (a cut, a card held up, a face turning to the camera), at most
  once every ``min_gap`` seconds;
- the steady interval stretches on a long clip so that its steady samples fit in half of
  ``max_samples``; scene changes use the other half, and past it wait for the steady ticks, so
  the cap never leaves the end of a clip unlooked at;
- a steady sample whose thumbnail is the last screened one's, to within compression noise (a
  static shot, a screen recording with nothing typed), is a repeat: the findings of the last
  screened frame are carried over to it instead of running every detector again, but at least
  every ``refresh`` seconds a frame is screened in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

THUMB_WIDTH = 256  # the grey thumbnail every decoded frame is reduced to
_SCENE_WIDTH = 32  # the coarser view changes of scene are measured on


@dataclass(frozen=True)
class Sampling:
    """How a video is sampled. The defaults look at anything shown for a second or more, and
    at any cut or large change within a quarter of a second of it."""

    interval: float = 1.0
    min_gap: float = 0.25
    change: float = 0.06  # mean absolute difference (0..1) of coarse thumbnails
    max_samples: int = 400
    refresh: float = 5.0
    # A pixel of the fine thumbnail differing by more than ``strong`` (0..1) counts as changed;
    # more than ``changed_share`` of them and the frame is no repeat (a typed character is).
    strong: float = 0.12
    changed_share: float = 0.0002

    def __post_init__(self) -> None:
        if not (self.interval > 0 and 0 <= self.min_gap <= self.interval and self.change > 0
                and self.max_samples >= 2 and self.refresh >= self.interval):
            raise ValueError("sampling: interval > 0, 0 <= min_gap <= interval, change > 0, "
                             "max_samples >= 2, refresh >= interval")

    def steady_interval(self, duration: float | None) -> float:
        """The steady interval for a clip of ``duration`` seconds (None: not declared)."""
        if not duration or duration <= 0:
            return self.interval
        # One tick fewer than half the cap: the first frame is a sample too.
        return max(self.interval, duration / (self.max_samples // 2 - 1))


class Verdict(Enum):
    SKIP = "skip"  # not sampled
    SCREEN = "screen"  # sampled and screened
    REPEAT = "repeat"  # sampled; the same picture as the last screened frame


def coarse(thumb: np.ndarray) -> np.ndarray:
    """The thumbnail averaged down to about ``_SCENE_WIDTH`` columns (block means)."""
    step = max(1, thumb.shape[1] // _SCENE_WIDTH)
    h, w = (thumb.shape[0] // step) * step, (thumb.shape[1] // step) * step
    if h == 0 or w == 0:
        return thumb.astype(np.float32)
    blocks = thumb[:h, :w].astype(np.float32).reshape(h // step, step, w // step, step)
    return blocks.mean(axis=(1, 3))


class Sampler:
    """The sampling decisions for one pass over one clip (local to that pass)."""

    def __init__(self, sampling: Sampling, duration: float | None) -> None:
        self.sampling = sampling
        self.interval = sampling.steady_interval(duration)
        self.scene_budget = sampling.max_samples - sampling.max_samples // 2
        self.samples = 0
        self._last_time: float | None = None
        self._last_coarse: np.ndarray | None = None
        self._screened_thumb: np.ndarray | None = None
        self._screened_time = 0.0

    @property
    def full(self) -> bool:
        return self.samples >= self.sampling.max_samples

    def decide(self, time: float, thumb: np.ndarray) -> Verdict:
        """Whether the frame at ``time`` seconds, reduced to ``thumb`` (grey uint8), is
        sampled, and if so whether it repeats the last screened frame."""
        s = self.sampling
        if self.full:
            return Verdict.SKIP
        small = coarse(thumb)
        if self._last_time is None:
            return self._take(time, thumb, small)
        since = time - self._last_time
        if since >= self.interval:
            if (time - self._screened_time < s.refresh and self._screened_thumb is not None
                    and self._same(thumb, self._screened_thumb)):
                self.samples += 1
                self._last_time, self._last_coarse = time, small
                return Verdict.REPEAT
            return self._take(time, thumb, small)
        if (since >= s.min_gap and self.scene_budget > 0 and self._last_coarse is not None
                and small.shape == self._last_coarse.shape
                and float(np.abs(small - self._last_coarse).mean()) / 255 > s.change):
            self.scene_budget -= 1
            return self._take(time, thumb, small)
        return Verdict.SKIP

    def _take(self, time: float, thumb: np.ndarray, small: np.ndarray) -> Verdict:
        self.samples += 1
        self._last_time, self._last_coarse = time, small
        self._screened_thumb, self._screened_time = thumb, time
        return Verdict.SCREEN

    def _same(self, thumb: np.ndarray, screened: np.ndarray) -> bool:
        if thumb.shape != screened.shape:
            return False
        difference = np.abs(thumb.astype(np.int16) - screened.astype(np.int16))
        strong = difference > self.sampling.strong * 255
        return float(strong.mean()) <= self.sampling.changed_share
