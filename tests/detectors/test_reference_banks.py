"""The reference-bank detectors through a Screener: a banked picture found in a turned,
recompressed copy (BNK101) and a banked recording in a re-encoded one (BNK102), each decided by
the policy's [[bank]] table; a bank the policy relies on that is missing, and Chromaprint
missing, leave the file unscreened (UNS010), never accepted."""

from __future__ import annotations

import builtins
import io
from pathlib import Path

import pytest
from PIL import Image

from tests.banks_media import shapes, tune
from tests.clips import audio_file, clip, still
from vmscreen.analyses.banks import Bank, fingerprint, pdq_of, save_bank
from vmscreen.detectors.reference_audio import ReferenceAudioDetector
from vmscreen.detectors.reference_banks import ReferenceBankDetector
from vmscreen.engine.screener import Screener
from vmscreen.findings import Category
from vmscreen.media.audio import SPEECH_RATE
from vmscreen.policy import Decision, default_policy, parse_policy

DETECTORS = [ReferenceBankDetector(), ReferenceAudioDetector()]


def _jpeg(image: Image.Image, quality: int = 70) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("banks")
    takedowns = Bank.empty("takedowns")
    for seed in range(5):
        takedowns = takedowns.with_entry(bytes([seed]) * 32, f"notice {seed}",
                                         [pdq_of(shapes(seed)).hash], [])
    save_bank(takedowns, directory)
    tunes = Bank.empty("tunes").with_entry(b"\7" * 32, "", [],
                                           [fingerprint(tune(1), SPEECH_RATE)])
    save_bank(tunes, directory)
    return directory


def _policy(*banks: dict[str, str]):
    return parse_policy({"policy": {"name": "p", "version": "1"},
                         "rule": [{"select": "unscreened", "decision": "review"},
                                  {"select": "copyright", "decision": "reject"}],
                         "bank": list(banks)})


def test_a_turned_recompressed_copy_of_a_banked_picture_is_rejected(banks):
    screener = Screener(detectors=DETECTORS, banks=banks)
    copy = _jpeg(shapes(3).transpose(Image.Transpose.ROTATE_270), quality=55)
    result = screener.screen(copy)
    (finding,) = result.findings
    assert (finding.code, finding.category) == ("BNK101", Category.COPYRIGHT)
    evidence = finding.evidence_dict
    assert evidence["bank"] == "takedowns" and evidence["label"] == "notice 3"
    assert evidence["entry"] == (bytes([3]) * 32).hex()[:16]
    assert evidence["distance"] <= 31 and evidence["transform"] != "original"
    assert result.decision is Decision.REJECT


def test_an_unrelated_picture_is_accepted(banks):
    result = Screener(detectors=DETECTORS, banks=banks).screen(_jpeg(shapes(77)))
    assert result.findings == () and result.decision is Decision.ACCEPT


def test_the_policy_says_what_a_match_in_each_bank_means(banks):
    policy = _policy({"name": "takedowns", "decision": "review"})
    result = Screener(policy, detectors=DETECTORS, banks=banks).screen(_jpeg(shapes(2)))
    assert [f.code for f in result.findings] == ["BNK101"]
    assert result.decision is Decision.REVIEW
    assert result.reasons[0].rule == "bank takedowns -> review"


def test_a_bank_the_policy_names_but_is_missing_leaves_the_file_unscreened(banks):
    policy = _policy({"name": "agency"})
    for screener in (Screener(policy, detectors=DETECTORS, banks=banks),
                     Screener(policy, detectors=DETECTORS)):  # no banks directory at all
        result = screener.screen(_jpeg(shapes(50)))
        (finding,) = result.findings
        assert (finding.code, finding.category) == ("UNS010", Category.UNSCREENED)
        assert finding.evidence_dict == {"bank": "agency"}
        assert result.decision is Decision.REVIEW


def test_a_damaged_bank_leaves_the_file_unscreened(tmp_path):
    (tmp_path / "broken.vmbank").write_bytes(b"not a bank")
    result = Screener(detectors=DETECTORS, banks=tmp_path).screen(_jpeg(shapes(1)))
    assert [f.code for f in result.findings] == ["UNS010"]
    assert result.decision is not Decision.ACCEPT


def test_without_banks_nothing_is_hashed():
    result = Screener(detectors=DETECTORS).screen(_jpeg(shapes(1)))
    assert result.findings == () and "pdq" not in result.analyses


def test_a_video_showing_a_banked_picture_matches_on_its_frames(banks):
    data = clip(still(shapes(4)), seconds=1.0, fps=5)
    result = Screener(detectors=DETECTORS, banks=banks).screen(data)
    assert [f.code for f in result.findings] == ["BNK101"]
    assert result.findings[0].evidence_dict["label"] == "notice 4"


def test_a_re_encoded_banked_recording_is_rejected(banks):
    result = Screener(detectors=DETECTORS, banks=banks).screen(
        audio_file(tune(1), family="mp3"))
    (finding,) = result.findings
    assert (finding.code, finding.category) == ("BNK102", Category.COPYRIGHT)
    evidence = finding.evidence_dict
    assert evidence["bank"] == "tunes" and evidence["bit_error_rate"] < 0.1
    assert evidence["track"] == 0 and result.decision is Decision.REJECT


def test_another_recording_is_accepted(banks):
    result = Screener(detectors=DETECTORS, banks=banks).screen(
        audio_file(tune(5), family="ogg"))
    assert result.findings == () and result.decision is Decision.ACCEPT


def test_without_chromaprint_sound_is_reported_not_checked(banks, monkeypatch):
    real_import = builtins.__import__

    def no_chromaprint(name, *args, **kwargs):
        if name == "chromaprint":
            raise ImportError("couldn't find libchromaprint")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_chromaprint)
    result = Screener(detectors=DETECTORS, banks=banks).screen(audio_file(tune(1)))
    (finding,) = result.findings
    assert (finding.code, finding.category) == ("UNS010", Category.UNSCREENED)
    assert "libchromaprint1" in finding.message
    assert result.decision is Decision.REVIEW


def test_the_default_policy_rejects_matches_and_names_no_bank():
    policy = default_policy()
    assert policy.banks == ()
    for code in ("BNK101", "BNK102"):
        rule = max((r for r in policy.rules if code.startswith(r.select)),
                   key=lambda r: r.specificity)
        assert rule.decision is Decision.REJECT
