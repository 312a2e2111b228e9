"""Every frame is screened: a card or passport hidden on the second frame of an animation, the
second page of a TIFF or the second picture of an MPO is found, named by its frame, and covered
on that frame in a sanitised copy; frames beyond the limits or past damage are unscreened."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from benchmarks.sets import synthetic_documents as docs
from tests import imaging
from vmscreen import Decision, Limits, Screener


@cache
def _card() -> Image.Image:
    return docs.payment_card(np.random.default_rng(3), "visa",
                             number="4111111111111111").convert("RGB")


@cache
def _passport() -> Image.Image:
    return docs.passport_page(np.random.default_rng(7)).convert("RGB")


def _second(document: Image.Image, fmt: str, **save: object) -> bytes:
    """A harmless picture first, then the document, in one file of ``fmt``."""
    first = imaging.picture(*document.size, seed=2)
    return imaging.encode(first, fmt, save_all=True, append_images=[document], **save)


ANIMATIONS = [("GIF", {"duration": 200}), ("WEBP", {"duration": 200, "quality": 90}),
              ("PNG", {"duration": 200})]


@pytest.mark.parametrize(("fmt", "save"), ANIMATIONS, ids=["gif", "webp", "apng"])
def test_a_card_on_the_second_frame_of_an_animation_is_found(screener, fmt, save):
    result = screener.screen(_second(_card(), fmt, **save), name=f"anim.{fmt.lower()}")
    assert result.media.frames == 2 and result.decision is Decision.REJECT
    (card,) = [f for f in result.findings if f.code == "PAN101"]
    assert (card.frame, card.time) == (1, 0.2)  # the second frame starts after 200 ms
    assert {run.name: run.frames for run in result.detectors}["sensitive-id"] == 2


@pytest.mark.parametrize("fmt", ["TIFF", "MPO"])
def test_a_passport_on_the_second_page_or_picture_is_found(screener, fmt):
    result = screener.screen(_second(_passport(), fmt), name=f"scan.{fmt.lower()}")
    assert result.media.frames == 2 and result.decision is Decision.REJECT
    (mrz,) = [f for f in result.findings if f.code == "MRZ101"]
    assert (mrz.frame, mrz.time) == (1, None)  # pages have no time
    assert all(f.frame == 1 for f in result.findings if f.category.value == "sensitive-id")


def test_a_copy_covers_the_frame_a_finding_is_on_and_no_other(screener, tmp_path):
    source = tmp_path / "anim.gif"
    source.write_bytes(_second(_card(), "GIF", duration=200))
    done = screener.redact(source, tmp_path / "copy.gif")
    # The number and the text around it (IDD103), both on the card's frame.
    assert done.written and done.codes == ("IDD103", "PAN101")
    (card,) = [f for f in done.result.findings if f.code == "PAN101"]
    x0, y0, x1, y1 = card.box.to_list()
    with Image.open(done.output) as copy:
        assert copy.n_frames == 2
        copy.seek(0)
        first = np.asarray(copy.convert("RGB"))
        copy.seek(1)
        second = np.asarray(copy.convert("RGB"))
    assert second[y0:y1, x0:x1].max() < 40  # the number is filled on its own frame
    assert first[y0:y1, x0:x1].std() > 10  # the harmless frame keeps its picture there
    alone = screener.screen(Path(done.output).read_bytes())  # the copy's pixels, no record
    assert not [f for f in alone.findings if f.category.value == "sensitive-id"]
    again = screener.screen(Path(done.output))  # with its record: what the original held
    assert {f.code for f in again.findings if f.detector == "record"} >= {"PAN101"}


def test_frames_beyond_the_limit_are_reported_not_passed(tmp_path):
    frames = [imaging.picture(64, 48, seed=i) for i in range(6)]
    data = imaging.encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    result = Screener(limits=Limits(max_screened_frames=4)).screen(data)
    (left,) = result.errors
    assert left.code == "UNS007" and left.frame == 4
    assert "frames 4 to 5 of 6" in left.message
    frame_scope = [run for run in result.detectors if run.name not in (
        "metadata", "voices", "spoken-numbers", "reference-audio")]
    assert {run.frames for run in frame_scope} == {4}
    assert result.decision is Decision.REVIEW

    pixels = Screener(limits=Limits(max_screened_pixels=3 * 64 * 48)).screen(data)
    assert [(f.code, f.frame) for f in pixels.errors] == [("UNS007", 3)]


def test_a_damaged_later_page_is_unscreened_and_the_pages_before_it_are_screened(screener):
    pages = [imaging.picture(120, 90, seed=1), _card().resize((428, 270))]
    data = imaging.encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])
    result = screener.screen(data[:-20_000])  # the card page's pixels cut off
    whole, damaged = sorted(result.errors, key=lambda f: f.frame or -1)
    assert (whole.code, whole.frame) == ("UNS001", None)  # the file's structure is not whole
    assert "damaged TIFF file" in whole.message
    assert (damaged.code, damaged.frame) == ("UNS001", 1)
    assert "frame 1 of 2 not screened" in damaged.message
    assert {run.name: run.frames for run in result.detectors}["faces"] == 1
    assert result.decision is Decision.REVIEW
