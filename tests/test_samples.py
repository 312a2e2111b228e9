"""The bundled samples: they rebuild byte for byte and screen as the README shows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from vmscreen import Screener, load_zones

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

EXPECTED = {
    "animated.gif": ("accept", set()),
    "card-on-table.jpg": ("reject", {"PAN101", "IDD103"}),
    "licence-back.jpg": ("reject", {"BAR101"}),
    "passport-page.jpg": ("reject", {"MRZ101", "IDD101", "IDD103"}),
    "portrait.jpg": ("reject", {"FAC101"}),
    "walker-from-behind.jpg": ("review", {"PER101"}),
    "distant-walker.jpg": ("accept", {"PER102"}),
    "receipt.jpg": ("accept", set()),
    "rude-sign.jpg": ("review", {"OFF101"}),
    "restroom-sign.jpg": ("reject", {"PLC103"}),
    "clean-landscape.jpg": ("accept", set()),
    "clinic-location.jpg": ("review", {"PLC102"}),
    "drawing.png": ("accept", set()),
    "holiday-gps.jpg": ("accept", {"MET101", "MET102", "MET103", "MET104"}),
    "in-restricted-zone.jpg": ("reject", {"PLC101", "MET101"}),
    "notes-not-a-photo.jpg": ("review", {"UNS002"}),
    "own-name-rights.jpg": ("review", {"CPR101"}),
    "phone-photo.heic": ("accept", set()),
    "stock-agency.jpg": ("reject", {"CPR101", "MET104"}),
    "stock-watermark.jpg": ("reject", {"WMK101"}),
    # The app's title in the top corner reads as a corner mark too: both go to review.
    "app-screenshot.png": ("review", {"SCR101", "WMK101"}),
    "film-still.jpg": ("review", {"FLM101"}),
    "truncated-upload.jpg": ("review", {"UNS001"}),
    "face-at-the-end.mp4": ("reject", {"FAC101"}),
    "voice-memo.wav": ("review", {"VOI101"}),
    "song-with-cover.mp3": ("review", {"CPR102", "CPR101"}),
    "cut-phone-clip.mov": ("review", {"UNS001", "MET101"}),
}
# Made by FFmpeg's encoders or flite, whose output changes between their releases: the test
# compares what a screen finds rather than the bytes.
_ENCODED = (".heic", ".mp4", ".wav", ".mp3", ".mov")


def _generator():
    spec = importlib.util.spec_from_file_location("samples_generate", SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_samples_match_the_generator(sample_results):
    built = _generator().build()
    on_disk = {p.name: p.read_bytes() for p in (SAMPLES / "media").iterdir()}
    assert built.keys() == on_disk.keys() == EXPECTED.keys()
    screener = Screener(zones=load_zones(SAMPLES / "zones.geojson"))
    for name, data in built.items():
        if name.endswith(_ENCODED):
            rebuilt, committed = screener.screen(data), sample_results[name]
            assert rebuilt.media.width == committed.media.width
            assert _codes(rebuilt) == _codes(committed)
        else:
            assert data == on_disk[name], f"{name} differs: run python samples/generate.py"


def _codes(result) -> list[tuple[str, int | None]]:
    return sorted((f.code, f.frame) for f in result.findings)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_screens_as_documented(name, sample_results):
    result = sample_results[name]
    decision, codes = EXPECTED[name]
    assert result.decision.value == decision
    assert {f.code for f in result.findings} == codes
