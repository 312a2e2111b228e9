"""The sexual-content detector: the score reported from 0.5, banded by the policy, and an
animation judged on its frames."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests.fakes import Scores, engines, subject
from tests.imaging import animated_gif
from vmscreen import Decision, Limits, Screener, default_policy, open_media
from vmscreen.detectors.sexual_content import SexualContentDetector


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
    fakes = engines(nsfw=Scores(score))
    findings = list(SexualContentDetector().detect(subject(open_media(_photo()), fakes)))
    assert [f.code for f in findings] == codes
    assert default_policy().decide(findings).decision is decision
    if findings:
        assert findings[0].score == pytest.approx(score)


def test_every_frame_of_an_animation_is_rated_and_the_finding_names_its_frame():
    model = Scores(0.1, 0.2, 0.85, 0.3)
    screener = Screener(detectors=[SexualContentDetector()], engines=engines(nsfw=model))
    result = screener.screen(animated_gif(frames=4))
    (finding,) = result.findings
    assert model.seen == 4 and finding.frame == 2 and finding.score == pytest.approx(0.85)
    assert finding.time == pytest.approx(0.1)  # two frames of 50 ms before it
    assert result.decision is Decision.REJECT


def test_frames_beyond_the_limit_are_unscreened_not_passed():
    model = Scores(0.0)
    screener = Screener(detectors=[SexualContentDetector()], engines=engines(nsfw=model),
                        limits=Limits(max_screened_frames=16))
    result = screener.screen(animated_gif(frames=40))
    assert model.seen == 16
    (left,) = result.errors
    assert left.code == "UNS007" and left.frame == 16 and "frames 16 to 39 of 40" in left.message
    assert result.decision is Decision.REVIEW


def test_the_real_model_runs_in_every_screen_and_records_its_hash():
    result = Screener().screen(_photo())
    (run,) = [r for r in result.detectors if r.name == "sexual-content"]
    assert run.status == "ok" and run.models[0].name == "open_nsfw"
    assert not [f for f in result.findings if f.category.value == "sexual-content"]
