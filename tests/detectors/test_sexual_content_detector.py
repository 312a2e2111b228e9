"""The sexual-content detector: open_nsfw's score reported from 0.5 when nsfwjs agrees, banded
by the policy; nudity in an artwork under its own code, sent to review; an animation judged on
its frames."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests.fakes import Classes, Pictures, Scores, engines, subject
from tests.imaging import animated_gif
from vmscreen import Decision, Limits, Screener, default_policy, open_media
from vmscreen.detectors.sexual_content import SexualContentDetector


def _photo() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.fromarray(np.full((300, 400, 3), 120, np.uint8)).save(buffer, "JPEG")
    return buffer.getvalue()


AGREEING = Pictures(porn=0.6)


@pytest.mark.parametrize(("score", "codes", "decision"), [
    (0.3, [], Decision.ACCEPT),
    (0.62, ["SEX101"], Decision.REVIEW),
    (0.93, ["SEX101"], Decision.REJECT),
])
def test_the_score_is_reported_from_one_half_and_banded_by_the_policy(score, codes, decision):
    fakes = engines(nsfw=Scores(score), pictures=AGREEING)
    findings = list(SexualContentDetector().detect(subject(open_media(_photo()), fakes)))
    assert [f.code for f in findings] == codes
    assert default_policy().decide(findings).decision is decision
    if findings:
        assert findings[0].score == pytest.approx(score)
        assert findings[0].evidence_dict["nsfwjs_unsafe"] == pytest.approx(0.6)


def test_open_nsfw_alone_is_not_enough_when_nsfwjs_sees_a_neutral_picture():
    fakes = engines(nsfw=Scores(0.78), pictures=Pictures())
    assert list(SexualContentDetector().detect(subject(open_media(_photo()), fakes))) == []


@pytest.mark.parametrize(("pictures", "classes", "artwork"), [
    (Pictures(drawing=0.95), Classes(), "painting-or-drawing"),
    (Pictures(), Classes(_708=0.4), "sculpture"),  # a statue on its pedestal
])
def test_nudity_in_an_artwork_is_reported_from_a_low_score_and_sent_to_review(
        pictures, classes, artwork):
    fakes = engines(nsfw=Scores(0.25), pictures=pictures, classes=classes)
    (finding,) = SexualContentDetector().detect(subject(open_media(_photo()), fakes))
    assert finding.code == "SEX102" and finding.evidence_dict["artwork"] == artwork
    assert finding.score == pytest.approx(0.25)
    assert default_policy().decide([finding]).decision is Decision.REVIEW


def test_an_artwork_near_miss_is_reported_when_an_undistorted_square_rates_high():
    model = Scores(0.12, 0.2, 0.6, 0.1)  # the whole frame, then its three squares
    fakes = engines(nsfw=model, pictures=Pictures(drawing=0.95))
    (finding,) = SexualContentDetector().detect(subject(open_media(_photo()), fakes))
    assert model.seen == 4
    assert finding.code == "SEX102" and finding.score == pytest.approx(0.12)
    assert finding.evidence_dict["open_nsfw_squares"] == pytest.approx(0.6)
    assert "0.60 in an undistorted square" in finding.message
    assert default_policy().decide([finding]).decision is Decision.REVIEW


def test_an_artwork_near_miss_whose_squares_rate_low_is_not_reported():
    model = Scores(0.12, 0.2)
    fakes = engines(nsfw=model, pictures=Pictures(drawing=0.95))
    assert list(SexualContentDetector().detect(subject(open_media(_photo()), fakes))) == []
    assert model.seen == 4


def test_a_photograph_near_miss_rates_no_squares():
    model = Scores(0.12, 0.9)
    fakes = engines(nsfw=model, pictures=Pictures(drawing=0.1))
    assert list(SexualContentDetector().detect(subject(open_media(_photo()), fakes))) == []
    assert model.seen == 1


def test_a_clothed_painting_is_not_reported():
    fakes = engines(nsfw=Scores(0.09), pictures=Pictures(drawing=0.95))
    assert list(SexualContentDetector().detect(subject(open_media(_photo()), fakes))) == []


def test_the_same_low_score_on_a_photograph_is_not_reported():
    fakes = engines(nsfw=Scores(0.3), pictures=Pictures(drawing=0.1, sexy=0.5))
    assert list(SexualContentDetector().detect(subject(open_media(_photo()), fakes))) == []


def test_every_frame_of_an_animation_is_rated_and_the_finding_names_its_frame():
    model = Scores(0.1, 0.2, 0.85, 0.3)
    screener = Screener(detectors=[SexualContentDetector()],
                        engines=engines(nsfw=model, pictures=AGREEING))
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


def test_the_real_model_runs_in_every_screen_and_records_its_hash(screener):
    result = screener.screen(_photo())
    (run,) = [r for r in result.detectors if r.name == "sexual-content"]
    # A flat grey photo rates 0.15 or more: nsfwjs and the artwork cues ran too.
    assert run.status == "ok"
    assert {m.name for m in run.models} == {"open_nsfw", "nsfwjs_mobilenet_v2_mid",
                                            "efficientnet_lite0"}
    assert not [f for f in result.findings if f.category.value == "sexual-content"]
