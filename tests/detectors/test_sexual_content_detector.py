"""The sexual-content detector: the score reported from 0.5, banded by the policy, and an
animation judged on its frames."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests.imaging import animated_gif
from vmscreen import Decision, Screener, default_policy, open_media
from vmscreen.detectors.base import ScreenContext
from vmscreen.detectors.sexual_content import SexualContentDetector


class _Scores:
    """A model answering set scores in turn: the banding under test is the detector's and the
    policy's, not the network's (whose preprocessing and scores are tested on their own)."""

    def __init__(self, *scores: float) -> None:
        self.given = list(scores)
        self.seen = 0

    def scores(self, images):
        self.seen += len(images)
        return self.given[:len(images)]


def _photo() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.fromarray(np.full((300, 400, 3), 120, np.uint8)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(("score", "codes", "decision"), [
    (0.3, [], Decision.ACCEPT),
    (0.62, ["SEX101"], Decision.REVIEW),
    (0.93, ["SEX101"], Decision.REJECT),
])
def test_the_score_is_reported_from_one_half_and_banded_by_the_policy(score, codes, decision):
    detector = SexualContentDetector(model=_Scores(score))
    findings = list(detector.detect(open_media(_photo()), ScreenContext()))
    assert [f.code for f in findings] == codes
    assert default_policy().decide(findings).decision is decision
    if findings:
        assert findings[0].score == pytest.approx(score) and findings[0].frame is None


def test_an_animation_is_judged_on_its_worst_frame():
    model = _Scores(0.1, 0.2, 0.85, 0.3)
    (finding,) = SexualContentDetector(model=model).detect(
        open_media(animated_gif(frames=4)), ScreenContext())
    assert model.seen == 4 and finding.frame == 2 and finding.score == pytest.approx(0.85)


def test_a_long_animation_is_sampled():
    model = _Scores(*[0.0] * 40)
    SexualContentDetector(model=model).detect(open_media(animated_gif(frames=40)),
                                              ScreenContext())
    assert model.seen <= 16


def test_the_real_model_runs_in_every_screen_and_records_its_hash():
    result = Screener().screen(_photo())
    (run,) = [r for r in result.detectors if r.name == "sexual-content"]
    assert run.status == "ok" and run.models[0].name == "open_nsfw"
    assert not [f for f in result.findings if f.category.value == "sexual-content"]
