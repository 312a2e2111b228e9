"""Sanitised copies: what they cover and how, that they carry no metadata, that a copy screens
clean where its regions were, and that the original is never touched."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.imaging import animated_gif, jpeg
from vmscreen import Box, Category, CodeInfo, Cover, Finding, catalogue, default_policy
from vmscreen.engine.redaction import Region, cover, regions, uncovered

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "media"


SQUARE = Box(10, 10, 50, 50)


def _finding(code: str, category: Category, box: Box | None = SQUARE) -> Finding:
    return Finding(code, code.lower(), category, "test", 0.9, "", box=box)


def test_faces_and_what_the_policy_does_not_accept_are_covered():
    findings = [
        _finding("FAC101", Category.OTHER_PEOPLE),  # rejected: blurred
        _finding("FAC102", Category.OTHER_PEOPLE),  # accepted, yet a face: blurred
        _finding("PER101", Category.OTHER_PEOPLE),  # reviewed: blurred
        _finding("PER102", Category.OTHER_PEOPLE),  # a distant figure, accepted: left
        _finding("PAN101", Category.SENSITIVE_ID),  # rejected: filled
        _finding("BAR102", Category.SENSITIVE_ID),  # a QR code, accepted: left
        _finding("MET101", Category.METADATA, box=None),  # no box: stripped with the metadata
    ]
    codes = catalogue()
    chosen = regions(findings, default_policy(), codes)
    assert [(r.code, r.blur) for r in chosen] == [
        ("FAC101", True), ("FAC102", True), ("PER101", True), ("PAN101", False)]
    assert all(not r.blur for r in regions(findings, default_policy(), codes, fill=True))


def test_blur_or_fill_comes_from_the_catalogue_not_from_the_code():
    lookalike = CodeInfo("FAC901", "face-shaped-logo", Category.COPYRIGHT, "A logo.", "A logo.")
    mascot = CodeInfo("MAS101", "mascot", Category.OTHER_PEOPLE, "A mascot.", "A mascot.",
                      cover=Cover.BLUR, cover_accepted=True)
    codes = {**catalogue(), "FAC901": lookalike, "MAS101": mascot}
    findings = [_finding("FAC901", Category.COPYRIGHT), _finding("MAS101", Category.OTHER_PEOPLE),
                _finding("ZZZ101", Category.OTHER_PEOPLE)]  # a code no catalogue knows
    chosen = regions(findings, default_policy(), codes)
    assert [(r.code, r.blur) for r in chosen] == [
        ("FAC901", False), ("MAS101", True), ("ZZZ101", False)]


def test_a_box_that_covering_would_not_help_is_shown_not_covered():
    # A film frame's subtitle: without it the frame is still the film's.
    codes = catalogue()
    assert codes["FLM101"].cover is Cover.NONE
    film = _finding("FLM101", Category.COPYRIGHT)
    watermark = _finding("WMK101", Category.COPYRIGHT)
    assert [r.code for r in regions([film, watermark], default_policy(), codes)] == ["WMK101"]
    assert uncovered([film, watermark], default_policy(), codes) == ("FLM101",)


def test_a_fill_blackens_exactly_its_box_and_a_blur_leaves_the_rest_alone():
    rng = np.random.default_rng(0)
    image = Image.fromarray(rng.integers(0, 255, (120, 160, 3), dtype=np.uint8))
    filled = np.asarray(cover(image, [Region(Box(20, 30, 60, 70), "PAN101", blur=False)]))
    original = np.asarray(image)
    assert (filled[30:70, 20:60] == 0).all()
    outside = np.ones(filled.shape[:2], bool)
    outside[30:70, 20:60] = False
    assert (filled[outside] == original[outside]).all()

    blurred = np.asarray(cover(image, [Region(Box(80, 20, 140, 100), "FAC101", blur=True)]))
    patch = blurred[20:100, 80:140].astype(float)
    assert patch.std() < original[20:100, 80:140].std() / 4  # no detail survives
    assert (blurred[:, :60] == original[:, :60]).all()


def test_a_copy_of_a_portrait_shows_no_identifiable_face_and_no_metadata(screener, tmp_path):
    portrait = Image.open(SAMPLES / "portrait.jpg")
    tagged = tmp_path / "portrait.jpg"
    exif = portrait.getexif()
    exif[0x8298] = "Copyright 2026 Example Stock Agency"
    portrait.save(tagged, "JPEG", exif=exif, quality=92)
    before = hashlib.sha256(tagged.read_bytes()).hexdigest()

    done = screener.redact(tagged, tmp_path / "out" / "portrait.jpg")

    assert done.written and done.codes == ("FAC101",) and done.regions == 1
    assert done.uncovered == ("CPR101",)  # stripping the notice does not clear the rights
    assert hashlib.sha256(tagged.read_bytes()).hexdigest() == before
    copy = Path(done.output)
    with Image.open(copy) as opened:
        assert opened.format == "JPEG" and opened.size == portrait.size
        assert not opened.getexif()
        assert "xmp" not in opened.info and "icc_profile" not in opened.info
    again = screener.screen(copy.read_bytes())  # the copy's pixels alone, without its record
    assert not [f for f in again.findings if f.code == "FAC101"]
    assert not [f for f in again.findings if f.category is Category.COPYRIGHT]


def test_a_copy_of_a_card_has_no_legible_number_nor_text(screener, tmp_path):
    done = screener.redact(SAMPLES / "card-on-table.jpg", tmp_path / "card.jpg")
    assert done.codes == ("IDD103", "PAN101")  # the number, and the text around it
    again = screener.screen(Path(done.output).read_bytes())
    assert again.decision.value == "accept"
    assert not [f for f in again.findings if f.category is Category.SENSITIVE_ID]


def test_a_gps_tag_is_stripped_even_when_there_is_nothing_to_cover(screener, tmp_path):
    source = tmp_path / "trip.jpg"
    source.write_bytes(jpeg(320, 240, gps=(52.52, 13.40)))
    done = screener.redact(source, tmp_path / "copy" / "trip.jpg")
    assert done.written and done.regions == 0
    assert {f.code for f in screener.screen(Path(done.output).read_bytes()).findings} == set()


def test_an_animation_keeps_its_frames_and_their_timing(screener, tmp_path):
    source = tmp_path / "anim.gif"
    source.write_bytes(animated_gif(frames=4))
    done = screener.redact(source, tmp_path / "copy.gif")
    with Image.open(done.output) as copy:
        assert copy.n_frames == 4 and copy.info["duration"] == 50


@pytest.mark.parametrize(("fmt", "suffix"), [("GIF", ".gif"), ("PNG", ".png"),
                                              ("WEBP", ".webp"), ("TIFF", ".tiff")])
def test_every_frame_and_page_reaches_the_copy(screener, tmp_path, fmt, suffix):
    frames = [Image.new("RGB", (120, 90), (40 + 40 * i, 90, 160)) for i in range(5)]
    source = tmp_path / f"many{suffix}"
    frames[0].save(source, fmt, save_all=True, append_images=frames[1:], duration=80)
    done = screener.redact(source, tmp_path / "out" / source.name)
    with Image.open(done.output) as copy:
        reds = []
        for index in range(copy.n_frames):
            copy.seek(index)
            reds.append(copy.convert("RGB").getpixel((60, 45))[0])
    assert len(reds) == 5 and reds == sorted(reds) and reds[0] < reds[-1] - 100


def test_a_heic_is_copied_as_png(screener, tmp_path):
    done = screener.redact(SAMPLES / "phone-photo.heic", tmp_path / "phone-photo.heic")
    assert done.output.endswith("phone-photo.heic.png")
    with Image.open(done.output) as copy:
        assert copy.format == "PNG"


@pytest.mark.parametrize("name", ["truncated-upload.jpg", "notes-not-a-photo.jpg"])
def test_a_file_that_could_not_be_screened_is_not_copied(screener, tmp_path, name):
    done = screener.redact(SAMPLES / name, tmp_path / name)
    assert not done.written and "not screened" in done.skipped
    assert not (tmp_path / name).exists()


def test_no_file_is_ever_written_over_the_original_included(screener, tmp_path):
    source = tmp_path / "photo.jpg"
    data = jpeg(200, 150, gps=(52.52, 13.40))
    source.write_bytes(data)
    done = screener.redact(source, source)
    assert not done.written and "never replaces a file" in done.skipped
    assert source.read_bytes() == data
    other = tmp_path / "other.jpg"
    other.write_bytes(b"someone's")
    assert not screener.redact(source, other).written
    assert other.read_bytes() == b"someone's"
    assert not (tmp_path / "other.jpg.vmscreen.json").exists()


def test_a_folder_as_destination_gets_the_copy_inside_it_as_cp_would(screener, tmp_path):
    # It used to write "folder.jpg" beside the folder.
    folder = tmp_path / "copies"
    folder.mkdir()
    done = screener.redact(SAMPLES / "portrait.jpg", folder)
    assert done.written and Path(done.output) == folder / "portrait.jpg"
    assert (folder / "portrait.jpg.vmscreen.json").is_file()
    named = screener.redact((SAMPLES / "portrait.jpg").read_bytes(), folder, name="up/load.jpg")
    assert Path(named.output) == folder / "load.jpg"
    nameless = screener.redact((SAMPLES / "portrait.jpg").read_bytes(), folder)
    assert not nameless.written and "is a folder" in nameless.skipped
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copies"]


def test_a_copy_that_cannot_be_written_is_said_not_raised(screener, tmp_path):
    # A name too long for the file system: it raised OSError, and a redact run reported the
    # file "not screened (UNS004)".
    done = screener.redact(SAMPLES / "portrait.jpg", tmp_path / ("x" * 300 + ".jpg"))
    assert not done.written and done.skipped.startswith("the copy could not be written: ")
    assert done.result.decision.value == "reject"  # screened all the same
    # A file where its folder should be is no file that the copy would replace.
    (tmp_path / "blocked").write_bytes(b"")
    done = screener.redact(SAMPLES / "portrait.jpg", tmp_path / "blocked" / "portrait.jpg")
    assert done.skipped == ("the copy could not be written: a file stands where its folder "
                            "should be")


def test_a_passport_copy_shows_no_field_and_no_portrait(screener, tmp_path):
    done = screener.redact(SAMPLES / "passport-page.jpg", tmp_path / "passport.jpg")
    assert done.written and {"MRZ101", "IDD101", "IDD103"} <= set(done.codes)
    assert done.uncovered == ()  # the wording has its box now: everything found is covered
    fresh = screener.screen(Path(done.output).read_bytes())
    assert not [f for f in fresh.findings if f.category in (Category.SENSITIVE_ID,
                                                            Category.OTHER_PEOPLE)]
    (text,) = [f for f in done.result.findings if f.code == "IDD103"]
    x0, y0, x1, y1 = text.box.to_list()
    pixels = np.asarray(Image.open(done.output).convert("L"))
    assert np.median(pixels[y0:y1, x0:x1]) < 10  # the page's text block is filled


def test_every_face_beside_a_document_is_blurred_even_one_too_faint_for_the_faces_detector(
        screener):
    from tests.analyses.test_document import _card, _jpeg

    result = screener.screen(_jpeg(_card(1)))
    portraits = [f for f in result.findings if f.code == "IDD104"]
    assert portraits and all(f.box for f in portraits)
    chosen = regions(result.findings, default_policy(), catalogue())
    assert {r.code for r in chosen if r.blur} >= {"IDD104"}


@pytest.mark.parametrize(("sample", "decision"), [
    ("stock-agency.jpg", "reject"), ("clinic-location.jpg", "review"), ("portrait.jpg", "reject"),
    ("holiday-gps.jpg", "accept")])
def test_a_copy_screened_with_its_record_gets_the_original_decision(screener, tmp_path, sample,
                                                                     decision):
    original = screener.screen(SAMPLES / sample)
    done = screener.redact(SAMPLES / sample, tmp_path / sample)
    record = json.loads(Path(done.record).read_text())
    assert record["metadata"] == "stripped" and record["result"]["decision"] == decision
    assert record["not_covered"] == list(done.uncovered)
    assert {c["code"] for c in record["covered"]} == set(done.codes)
    copy = screener.screen(Path(done.output))  # its record is found beside it
    assert copy.decision.value == original.decision.value == decision
    assert {f.code for f in copy.findings if f.detector == "record"} == {
        f.code for f in original.findings}
    # Without the record, a copy whose rights or place metadata was stripped would pass.
    if sample in ("stock-agency.jpg", "clinic-location.jpg"):
        assert screener.screen(Path(done.output).read_bytes()).decision.value == "accept"


def test_a_record_applies_only_to_the_copy_it_was_written_for(screener, tmp_path):
    done = screener.redact(SAMPLES / "stock-agency.jpg", tmp_path / "stock.jpg")
    copy = Path(done.output)
    Image.open(copy).save(copy.with_name("edited.jpg"), quality=70)
    copy.with_name("edited.jpg.vmscreen.json").write_bytes(Path(done.record).read_bytes())
    edited = screener.screen(copy.with_name("edited.jpg"))
    assert not [f for f in edited.findings if f.detector == "record"]


def test_copies_get_the_permissions_of_any_new_file(screener, tmp_path):
    import os

    done = screener.redact(SAMPLES / "clean-landscape.jpg", tmp_path / "clean.jpg")
    mask = os.umask(0o022)
    os.umask(mask)
    assert os.stat(done.output).st_mode & 0o777 == 0o666 & ~mask
    assert os.stat(done.record).st_mode & 0o777 == 0o666 & ~mask


def test_bytes_in_memory_can_be_redacted(screener, tmp_path):
    data = (SAMPLES / "portrait.jpg").read_bytes()
    done = screener.redact(data, tmp_path / "upload.jpg")
    assert done.written and done.codes == ("FAC101",)
    assert Image.open(io.BytesIO(Path(done.output).read_bytes())).size == (800, 800)
