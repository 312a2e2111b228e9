"""The sampling decisions on thumbnails alone: steady ticks, cuts, repeats, the cap."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vmscreen.media.sampling import Sampler, Sampling, Verdict

FPS = 30


def _scene(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (72, 128), dtype=np.uint8)


def _run(sampler: Sampler, thumbs) -> list[tuple[float, Verdict]]:
    out = []
    for index, thumb in enumerate(thumbs):
        verdict = sampler.decide(index / FPS, thumb)
        if verdict is not Verdict.SKIP:
            out.append((round(index / FPS, 3), verdict))
    return out


def test_a_static_shot_is_screened_once_then_repeated_until_the_refresh():
    sampling = Sampling()
    still = _scene(1)
    taken = _run(Sampler(sampling, 12.0), [still] * (12 * FPS))
    screened = [t for t, v in taken if v is Verdict.SCREEN]
    repeats = [t for t, v in taken if v is Verdict.REPEAT]
    assert screened[0] == 0.0
    # one screen per refresh period, the steady ticks between them repeats
    assert all(b - a <= sampling.refresh + 1 / FPS for a, b in pairwise(screened))
    assert len(screened) <= 12 / sampling.refresh + 2
    assert len(repeats) >= 12 / sampling.interval - len(screened) - 2


def test_a_cut_is_sampled_at_once_not_at_the_next_tick():
    sampling = Sampling(interval=1.0)
    thumbs = [_scene(1)] * 12 + [_scene(2)] * 30  # a cut at 0.4 s
    taken = _run(Sampler(sampling, 2.0), thumbs)
    assert (0.4, Verdict.SCREEN) in taken


def test_a_few_strongly_changed_pixels_are_no_repeat():
    """A character typed on a screen recording changes a handful of thumbnail pixels."""
    before = np.full((72, 128), 40, np.uint8)
    after = before.copy()
    after[30:33, 60:64] = 230
    taken = _run(Sampler(Sampling(interval=0.5), 2.0),
                 [before] * 10 + [after] * 20)
    assert (0.5, Verdict.SCREEN) in taken


def test_compression_noise_is_a_repeat():
    rng = np.random.default_rng(0)
    base = _scene(3).astype(np.int16)
    noisy = [np.clip(base + rng.integers(-6, 7, base.shape), 0, 255).astype(np.uint8)
             for _ in range(40)]
    taken = _run(Sampler(Sampling(interval=0.5), 2.0), noisy)
    assert [v for _, v in taken][:3] == [Verdict.SCREEN, Verdict.REPEAT, Verdict.REPEAT]


def test_the_steady_interval_stretches_so_a_long_clip_fits_the_cap():
    sampling = Sampling(interval=1.0, max_samples=400)
    assert sampling.steady_interval(60.0) == 1.0
    assert sampling.steady_interval(3600.0) == pytest.approx(3600 / 199)
    assert sampling.steady_interval(None) == 1.0


def test_never_more_samples_than_the_cap():
    sampling = Sampling(interval=0.1, min_gap=0.0, max_samples=20, refresh=0.1)
    taken = _run(Sampler(sampling, None), [_scene(i) for i in range(300)])
    assert len(taken) == 20


@settings(max_examples=40, deadline=None)
@given(start=st.floats(0.0, 8.0), interval=st.sampled_from([0.5, 1.0, 2.0]))
def test_an_event_lasting_one_interval_is_always_sampled(start, interval):
    """Something shown for ``interval`` seconds (a card held up) is looked at while shown."""
    sampling = Sampling(interval=interval)
    background, event = _scene(1), _scene(2)
    frames = int(10 * FPS)
    shown = range(int(np.ceil(start * FPS)), int(np.ceil(start * FPS)) + int(interval * FPS))
    thumbs = [event if i in shown else background for i in range(frames)]
    taken = _run(Sampler(sampling, 10.0), thumbs)
    assert any(shown.start / FPS <= t < shown.stop / FPS and v is Verdict.SCREEN
               for t, v in taken)


def test_invalid_sampling_is_refused():
    with pytest.raises(ValueError):
        Sampling(interval=0)
    with pytest.raises(ValueError):
        Sampling(interval=1.0, refresh=0.5)
