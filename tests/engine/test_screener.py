"""The Screener: every input type, failure isolation, time budgets, plugins, threads."""

from __future__ import annotations

import json
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image

from tests import imaging
from vmscreen import Decision, DetectorInfo, Result, Screener, screen
from vmscreen.detectors import BrokenDetector, discover_detectors
from vmscreen.detectors.metadata import MetadataDetector


class Raising:
    info = DetectorInfo(name="raising", version="2.0", codes=())

    def detect(self, media, context):
        raise RuntimeError("model went wrong on card 4111 1111 1111 1111")


class Sleeping:
    info = DetectorInfo(name="sleeping", version="1.0", codes=(), time_budget_s=0.2)

    def detect(self, media, context):
        time.sleep(3)
        return []


def test_screen_accepts_path_bytes_pil_and_array(tmp_path):
    data = imaging.jpeg(gps=(48.85, 2.35))
    path = tmp_path / "a.jpg"
    path.write_bytes(data)
    for source in (path, str(path), data, imaging.picture(), np.zeros((20, 30, 3), np.uint8)):
        result = screen(source)
        assert result.decision in (Decision.ACCEPT,)
        assert result.media is not None
    assert [f.code for f in screen(path).findings] == ["MET101"]
    assert screen(data, name="upload-17.jpg").path == "upload-17.jpg"


def test_result_records_what_produced_it_and_round_trips():
    result = Screener().screen(imaging.jpeg(tags={0x8298: "© Getty Images"}))
    record = json.loads(json.dumps(result.to_dict()))
    assert Result.from_dict(record) == result
    assert record["policy"] == {"name": "default", "version": result.policy_version}
    assert record["vmscreen"] == result.vmscreen_version
    runs = {run["name"]: run for run in record["detectors"]}
    assert set(runs) == {"metadata", "barcodes", "sensitive-id", "faces", "people",
                         "sexual-content", "offensive-text", "nudity-parts"}
    assert (runs["metadata"]["status"], runs["metadata"]["models"]) == ("ok", [])
    assert runs["metadata"]["version"] == MetadataDetector.info.version
    # The OCR and face models that read the file are named with their sha256.
    assert {m["name"]: len(m["sha256"]) for m in runs["sensitive-id"]["models"]} == {
        "PP-OCRv6_det_tiny": 64, "PP-OCRv6_det_small": 64, "PP-OCRv6_rec_small": 64,
        "face_detection_yunet_2023mar": 64}


def test_a_raising_detector_is_unscreened_and_the_others_still_run():
    screener = Screener(detectors=[MetadataDetector(), Raising()])
    result = screener.screen(imaging.jpeg(gps=(1.5, 2.5)))
    codes = {f.code: f for f in result.findings}
    assert "MET101" in codes  # the metadata detector's work is kept
    assert codes["UNS004"].detector == "raising" and "raising" in codes["UNS004"].message
    assert result.decision is Decision.REVIEW
    assert {r.name: r.status for r in result.detectors} == {"metadata": "ok", "raising": "failed"}
    # The card number in the exception never reaches the result.
    assert "4111" not in json.dumps(result.to_dict())


def test_a_detector_past_its_budget_is_abandoned():
    start = time.perf_counter()
    result = Screener(detectors=[Sleeping(), MetadataDetector()]).screen(imaging.jpeg())
    assert time.perf_counter() - start < 2.5
    (timeout,) = result.errors
    assert (timeout.code, timeout.detector) == ("UNS005", "sleeping")
    assert result.decision is Decision.REVIEW


def test_bad_media_is_a_result_not_an_exception():
    result = Screener().screen(b"GIF89a broken")
    assert result.decision is Decision.REVIEW and result.media is None
    assert result.errors[0].code == "UNS001"
    assert {r.status for r in result.detectors} == {"not-run"}


def test_one_screener_serves_many_threads():
    files = [imaging.jpeg(gps=(10 + i, 20 + i), seed=i) if i % 2 else
             imaging.jpeg(tags={0x8298: "© Reuters"}, seed=i) for i in range(16)]
    screener = Screener()
    expected = [screener.screen(data).findings for data in files]
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda data: screener.screen(data).findings, files))
    assert threaded == expected


def _plugin(root, module: str, body: str, name: str) -> None:
    (root / f"{module}.py").write_text(textwrap.dedent(body))
    dist = root / f"{module}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[vmscreen.detectors]\n{name} = {module}:Plugin\n")


def test_third_party_detectors_register_through_entry_points(tmp_path, monkeypatch):
    _plugin(tmp_path, "pixel_counter", """
        from vmscreen import Category, CodeInfo, DetectorInfo

        BIG = CodeInfo("PIX101", "big-image", Category.COPYRIGHT, "Big.", "A big image.")

        class Plugin:
            info = DetectorInfo(name="pixel-counter", version="1.0", codes=(BIG,), cost=5)

            def detect(self, media, context):
                if media.width > 50:
                    yield BIG.finding("pixel-counter", 0.9, "wide image")
    """, "pixel-counter")
    _plugin(tmp_path, "broken_plugin", "raise ImportError('needs a GPU')\n", "broken")
    monkeypatch.syspath_prepend(str(tmp_path))

    detectors = {d.info.name: d for d in discover_detectors()}
    assert {"metadata", "pixel-counter", "broken"} <= detectors.keys()
    assert isinstance(detectors["broken"], BrokenDetector)

    result = Screener(detectors=list(detectors.values())).screen(imaging.jpeg(96, 64))
    codes = {f.code: f for f in result.findings}
    assert codes["PIX101"].score == 0.9
    assert codes["UNS004"].detector == "broken" and "needs a GPU" in codes["UNS004"].message
    assert result.decision is Decision.REJECT  # the plugin's copyright finding
    assert "UNS004" in {r.code for r in result.reasons}  # and the broken one is a reason too

    from vmscreen.catalogue import catalogue

    assert "PIX101" in catalogue(detectors.values())


def test_image_inputs_keep_their_pixels():
    image = Image.new("RGB", (30, 20), (10, 200, 30))
    assert screen(image).media.width == 30
