"""The Screener: every input type, failure isolation, time budgets, plugins, threads, and the
provenance a result records."""

from __future__ import annotations

import io
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from skimage import data

from tests import fakes, imaging
from tests.plugins import write_plugin
from vmscreen import (
    Category,
    CodeInfo,
    Decision,
    DetectorInfo,
    Limits,
    Result,
    Screener,
    catalogue,
    screen,
)
from vmscreen.analyses import checkpoint
from vmscreen.analyses.ocr import tesseract_available
from vmscreen.detectors.metadata import MetadataDetector
from vmscreen.engine.registry import BrokenDetector, discover_detectors
from vmscreen.models import ENV_THREADS, session_options

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "media"
BIG = CodeInfo("PIX101", "big-image", Category.COPYRIGHT, "Big.", "A big image.")


class Raising:
    info = DetectorInfo(name="raising", version="2.0", codes=())

    def detect(self, subject):
        raise RuntimeError("model went wrong on card 4111 1111 1111 1111")


class Sleeping:
    info = DetectorInfo(name="sleeping", version="1.0", codes=(), time_budget_s=0.2)

    def detect(self, subject):
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


def test_screen_reads_a_binary_file_object_where_it_stands(tmp_path, screener):
    # What an upload service holds: an open file, a BytesIO, a framework's spooled upload.
    data = imaging.jpeg(gps=(48.85, 2.35))
    path = tmp_path / "a.jpg"
    path.write_bytes(data)
    with path.open("rb") as file:
        opened = screener.screen(file)
        assert not file.closed  # the caller's to close
    assert (opened.path, [f.code for f in opened.findings]) == (str(path), ["MET101"])
    stream = io.BytesIO(b"header the caller has read" + data)
    stream.seek(len(b"header the caller has read"))
    streamed = screener.screen(stream, name="upload-18.jpg")
    assert (streamed.path, [f.code for f in streamed.findings]) == ("upload-18.jpg", ["MET101"])
    assert screener.screen(io.BytesIO(data)).path == "<stream>"
    trickle = _Trickle(data)  # a socket gives what has arrived, less than asked
    assert [f.code for f in screener.screen(trickle).findings] == ["MET101"]


class _Trickle(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        chunk = self.data.read(min(len(buffer), 100))
        buffer[:len(chunk)] = chunk
        return len(chunk)


def test_a_file_object_that_cannot_give_bytes_is_unscreened_not_an_exception(tmp_path):
    path = tmp_path / "a.jpg"
    path.write_bytes(imaging.jpeg())
    with path.open("r", encoding="utf-8") as text:
        assert [f.code for f in screen(text).errors] == ["UNS002"]  # read as text
    closed = path.open("rb")
    closed.close()
    assert [f.code for f in screen(closed).errors] == ["UNS001"]
    over = Screener(limits=Limits(max_bytes=1000)).screen(io.BytesIO(imaging.jpeg()))
    assert [f.code for f in over.errors] == ["UNS003"]
    with pytest.raises(TypeError, match="binary file object"):
        screen(None)  # type: ignore[arg-type]  # not media: the caller's mistake


def test_result_records_what_produced_it_and_round_trips(screener):
    result = screener.screen(imaging.jpeg(tags={0x8298: "© Getty Images"}))
    record = json.loads(json.dumps(result.to_dict()))
    assert Result.from_dict(record) == result
    assert record["policy"] == {"name": "default", "version": result.policy_version}
    assert record["vmscreen"] == result.vmscreen_version
    runs = {run["name"]: run for run in record["detectors"]}
    assert set(runs) == {"metadata", "barcodes", "sensitive-id", "faces", "people",
                         "sexual-content", "offensive-text", "nudity-parts", "voices",
                         "spoken-numbers", "film-frames", "screens", "watermarks",
                         "reference-banks", "reference-audio", "private-scenes"}
    assert runs["voices"]["status"] == "not-run"  # a photo has no sound
    assert (runs["metadata"]["status"], runs["metadata"]["models"]) == ("ok", [])
    assert runs["metadata"]["version"] == MetadataDetector.info.version
    # Exactly the models that ran are named, with their sha256: open_nsfw rated the photo;
    # the noise photo holds no text, so no OCR model ran, and no face, so no document search.
    assert {m["name"]: len(m["sha256"]) for m in runs["sexual-content"]["models"]} == {
        "open_nsfw": 64}
    assert runs["sensitive-id"]["models"] == runs["offensive-text"]["models"] == []
    assert [m["name"] for m in runs["faces"]["models"]] == ["face_detection_yunet_2023mar_dynamic"]


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


def test_bad_media_is_a_result_not_an_exception(screener):
    result = screener.screen(b"GIF89a broken")
    assert result.decision is Decision.REVIEW and result.media is None
    assert result.errors[0].code == "UNS001"
    assert {r.status for r in result.detectors} == {"not-run"}


def test_one_screener_serves_many_threads(screener):
    files = [imaging.jpeg(gps=(10 + i, 20 + i), seed=i) if i % 2 else
             imaging.jpeg(tags={0x8298: "© Reuters"}, seed=i) for i in range(8)]
    expected = [screener.screen(data).findings for data in files]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda data: screener.screen(data).findings, files))
    assert threaded == expected


def test_third_party_detectors_register_through_entry_points(tmp_path, monkeypatch):
    write_plugin(tmp_path, "pixel_counter", """
        from vmscreen import Category, CodeInfo, DetectorInfo

        BIG = CodeInfo("PIX101", "big-image", Category.COPYRIGHT, "Big.", "A big image.")

        class Plugin:
            info = DetectorInfo(name="pixel-counter", version="1.0", codes=(BIG,))

            def detect(self, subject):
                if subject.frame.width > 50:
                    yield BIG.finding("pixel-counter", 0.9, "wide image")
    """, "pixel-counter")
    write_plugin(tmp_path, "broken_plugin", "raise ImportError('needs a GPU')\n", "broken")
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

    assert "PIX101" in catalogue(detectors.values())


def test_image_inputs_keep_their_pixels():
    image = Image.new("RGB", (30, 20), (10, 200, 30))
    assert screen(image).media.width == 30


class _SlowFaces:
    """A face model that takes ``seconds`` and stops at checkpoints, counting its steps."""

    name = "slow"
    min_score = 0.6

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.steps = 0

    def detect(self, rgb, offset=(0.0, 0.0), scale=1.0, side=640, min_score=None):
        for _ in range(int(self.seconds / 0.05)):
            checkpoint()
            self.steps += 1
            time.sleep(0.05)
        return []


class _AsksFaces:
    def __init__(self, name: str, budget: float) -> None:
        self.info = DetectorInfo(name=name, version="1.0", codes=(), time_budget_s=budget)

    def detect(self, subject):
        subject.analyses.faces()
        return []


class _AsksNsfw:
    info = DetectorInfo(name="b-nsfw", version="1.0", codes=())

    def detect(self, subject):
        subject.analyses.nsfw()
        return []


def test_a_detector_over_its_budget_blocks_no_other_and_its_work_stops():
    slow = _SlowFaces(seconds=5)
    screener = Screener(detectors=[_AsksFaces("a-faces", 0.3), _AsksNsfw(),
                                   _AsksFaces("c-faces", 0.3)],
                        engines=fakes.engines(faces=slow, nsfw=fakes.Scores(0.0)))
    start = time.perf_counter()
    result = screener.screen(imaging.jpeg())
    # b-nsfw needs another analysis: it runs at once. c-faces asks for the abandoned face
    # search: it starts it again under its own budget (and runs out too); nothing waits 5 s.
    assert time.perf_counter() - start < 2.5
    assert {r.name: r.status for r in result.detectors} == {
        "a-faces": "timeout", "b-nsfw": "ok", "c-faces": "timeout"}
    assert [f.code for f in result.errors] == ["UNS005", "UNS005"]
    steps = slow.steps
    time.sleep(0.3)
    assert slow.steps == steps  # the abandoned searches stopped at their next checkpoint


def test_past_the_file_s_budget_no_detector_starts_and_the_rest_is_reported():
    screener = Screener(detectors=[Sleeping(), MetadataDetector()], limits=Limits(max_seconds=0.1))
    result = screener.screen(imaging.jpeg())
    codes = [f.code for f in result.errors]
    assert codes == ["UNS008"] or codes == ["UNS008", "UNS008"]
    assert "time budget" in result.errors[-1].message
    assert result.decision is Decision.REVIEW


class _Undeclared:
    info = DetectorInfo(name="undeclared", version="1.0", codes=())

    def detect(self, subject):
        from vmscreen.detectors.faces import IDENTIFIABLE

        return [IDENTIFIABLE.finding("undeclared", 0.9, "a code it never declared")]


def test_a_finding_of_a_code_the_detector_did_not_declare_is_a_failure():
    result = Screener(detectors=[_Undeclared()]).screen(imaging.jpeg())
    (failure,) = result.findings
    assert failure.code == "UNS004" and "FAC101" in failure.message
    assert result.detectors[0].status == "failed"


def test_findings_are_stamped_with_their_detector_and_frame():
    class Misnamed:
        info = DetectorInfo(name="honest", version="1.0", codes=(BIG,))

        def detect(self, subject):
            return [BIG.finding("someone-else", 0.5, "big")]

    (finding,) = Screener(detectors=[Misnamed()]).screen(imaging.jpeg()).findings
    assert (finding.detector, finding.frame, finding.time) == ("honest", 0, None)


def test_one_thread_setting_reaches_every_model_session():
    screener = Screener(threads=1)
    for sample in ("portrait.jpg", "card-on-table.jpg", "walker-from-behind.jpg"):
        screener.screen(SAMPLES / sample)
    screener.screen(data.astronaut())
    engines = screener.engines
    sessions = [*engines.ocr._detectors.values(), *engines.ocr._recognisers.values(),
                engines.faces._session, engines.people._session, engines.nsfw._session,
                engines.body_parts._session]
    # The screens loaded the tiny text detector, the recogniser, faces, people and open_nsfw;
    # the thorough text detector and NudeNet load when a file needs them, with the same setting.
    assert sum(session.loaded for session in sessions) >= 5
    for session in sessions:
        options = session.get().get_session_options()
        assert options.intra_op_num_threads == 1
        # Pool threads sleep between runs: spinning ones took the cores the screen's own
        # OpenCV and numpy work needed (vmscreen.models.session_options).
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
        # One memory arena for all: none made each run ask the system for its buffers afresh,
        # one per session kept every model's largest buffers.
        assert options.get_session_config_entry("session.use_env_allocators") == "1"


def test_vmscreen_threads_sets_the_threads_a_screener_left_at_all_cores_runs_with(monkeypatch):
    monkeypatch.setenv(ENV_THREADS, "1")
    screener = Screener()  # threads=0
    screener.screen(SAMPLES / "portrait.jpg")
    assert screener.engines.faces._session.get().get_session_options().intra_op_num_threads == 1
    monkeypatch.setenv(ENV_THREADS, "3")
    assert session_options(2).intra_op_num_threads == 2  # a number given wins
    for unusable in ("0", "-2", "many", ""):
        monkeypatch.setenv(ENV_THREADS, unusable)
        assert session_options(0).intra_op_num_threads == 0  # onnxruntime's own: every core


@pytest.mark.skipif(not tesseract_available(), reason="needs Debian's tesseract-ocr")
def test_with_tesseract_no_ppocr_weights_are_listed():
    result = Screener(ocr="tesseract").screen(SAMPLES / "card-on-table.jpg")
    (run,) = [r for r in result.detectors if r.name == "sensitive-id"]
    names = {model.name for model in run.models}
    assert "tesseract eng.traineddata" in names
    assert not any(name.startswith("PP-OCR") for name in names)


def test_the_face_detector_says_when_the_document_search_ran_ocr(screener):
    from tests.analyses.test_document import _card, _jpeg

    result = screener.screen(_jpeg(_card(1)))
    assert "IDD102" in {f.code for f in result.findings}
    (faces,) = [r for r in result.detectors if r.name == "faces"]
    # The page's portrait was checked against the page's text: that reading is the faces
    # detector's too, so its models are listed there.
    assert {"face_detection_yunet_2023mar_dynamic", "PP-OCRv6_det_tiny", "PP-OCRv6_rec_tiny"} <= {
        model.name for model in faces.models}


def test_shared_analyses_are_timed_on_their_own_not_charged_to_the_first_asker():
    slow = _SlowFaces(seconds=0.5)
    screener = Screener(detectors=[_AsksFaces("a-faces", 5), _AsksFaces("b-faces", 5)],
                        engines=fakes.engines(faces=slow))
    result = screener.screen(imaging.jpeg())
    assert dict(result.analyses)["faces"] >= 450
    first, second = result.detectors
    assert first.ms < 200 and second.ms < 200  # neither pays for the search the other reads
    assert first.analyses == second.analyses == ("faces",)


def test_a_detector_lists_the_analyses_behind_the_ones_it_read():
    class AsksDocument:
        info = DetectorInfo(name="document-reader", version="1.0", codes=())

        def detect(self, subject):
            subject.analyses.document()
            return []

    (run,) = Screener(detectors=[AsksDocument()]).screen(SAMPLES / "passport-page.jpg").detectors
    assert run.analyses == ("document", "faces", "reading", "text-plan")


def test_a_file_the_process_has_no_memory_for_is_unscreened_over_limits_not_corrupt(monkeypatch):
    import PIL.ImageFile

    def no_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    # A PNG's EXIF is read after its pixels, so the memory runs out while the file is opened.
    monkeypatch.setattr(PIL.ImageFile.ImageFile, "load", no_memory)
    data = imaging.encode(imaging.picture(120, 80).convert("RGBA"), "PNG")
    result = Screener(detectors=[MetadataDetector()]).screen(data)
    assert result.decision != "accept"
    assert [(f.code, f.message) for f in result.findings] == [
        ("UNS003", "the file could not be opened: not enough memory")]
