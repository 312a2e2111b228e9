"""The faces detector end to end: identifiable faces reject, the rest are reported, and the
portrait of an identity document is left to sensitive-id."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageFilter

from benchmarks.sets import synthetic_documents as docs
from tests.analyses.test_document import _card, _jpeg
from tests.drawn_faces import cartoon, printed_shelf
from vmscreen import Decision, Screener
from vmscreen.detectors.faces import FaceDetector


def _sitter(blur: float = 0.0) -> bytes:
    canvas = Image.new("RGB", (800, 800), (200, 205, 210))
    canvas.paste(docs.portrait((300, 380), np.random.default_rng(4)), (250, 200))
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _faces(result):
    return [f for f in result.findings if f.category.value == "other-people"]


def test_an_identifiable_face_rejects_with_its_box_and_measures(screener):
    result = screener.screen(_sitter())
    (face,) = _faces(result)
    assert face.code == "FAC101" and face.detector == "faces"
    x0, y0, x1, y1 = face.box.to_list()
    assert 250 <= x0 < x1 <= 550 and 200 <= y0 < y1 <= 580
    assert face.evidence_dict["height_px"] > 100 and face.evidence_dict["frame_share"] > 0.1
    assert result.decision is Decision.REJECT
    assert any(reason.code == "FAC101" for reason in result.reasons)


def test_a_blurred_face_is_reported_but_accepted(screener):
    result = screener.screen(_sitter(blur=6))
    (face,) = _faces(result)
    assert face.code == "FAC102" and face.evidence_dict["reasons"] == "blurred"
    assert result.decision is Decision.ACCEPT


def test_no_face_no_finding(screener):
    blank = Image.new("RGB", (640, 480), (120, 160, 200))
    assert _faces(screener.screen(blank)) == []


def test_the_portrait_of_an_id_card_is_reported_once_under_sensitive_id(screener):
    result = screener.screen(_jpeg(_card(1)))
    assert "IDD102" in {f.code for f in result.findings}
    assert _faces(result) == []


def test_the_result_names_the_face_model_that_ran_and_no_other(screener):
    (run,) = [r for r in screener.screen(_sitter()).detectors if r.name == "faces"]
    assert [model.name for model in run.models] == ["face_detection_yunet_2023mar_dynamic"]
    assert run.frames == 1 and run.status == "ok" and run.version == FaceDetector.info.version


def _encoded(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_drawn_avatar_face_is_a_depicted_face_not_a_person(screener):
    canvas = Image.new("RGB", (640, 480), (235, 235, 240))
    canvas.paste(cartoon((220, 220), np.random.default_rng(4)), (210, 130))
    (face,) = _faces(screener.screen(_encoded(canvas)))
    assert face.code == "FAC103" and face.box is not None
    evidence = face.evidence_dict
    assert evidence["reason"] in {"drawing", "icon"}
    assert evidence["flat_share"] >= 0.4 and evidence["edge_steepness"] >= 0.7


def test_one_face_printed_on_every_package_is_a_printed_repeat(screener):
    faces = _faces(screener.screen(_encoded(printed_shelf(copies=3))))
    assert len(faces) == 3
    assert {f.code for f in faces} == {"FAC103"}
    assert {f.evidence_dict["reason"] for f in faces} == {"printed-repeat"}
    assert min(f.evidence_dict["twin_similarity"] for f in faces) >= 0.8


def test_the_same_printed_face_alone_is_judged_as_a_face(screener):
    # One copy cannot be told from a person: a poster stays an identifiable face.
    (face,) = _faces(screener.screen(_encoded(printed_shelf(copies=1))))
    assert face.code == "FAC101"


def _statue(tint: tuple[float, float, float]) -> bytes:
    """The sitter's portrait in one material: its grey levels times ``tint``."""
    with Image.open(io.BytesIO(_sitter())) as picture:
        grey = np.asarray(picture.convert("L"), np.float32)
    coloured = np.clip(grey[..., None] * np.array(tint, np.float32), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(coloured).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


BRONZE = (1.0, 0.94, 0.88)  # colourfulness about 7, as the art set's bronzes measure


@pytest.fixture(scope="module")
def on_a_pedestal() -> Screener:
    from tests.fakes import Classes, engines

    return Screener(detectors=[FaceDetector()], engines=engines(classes=Classes(_708=0.4)))


def test_a_statues_face_is_reported_as_an_artworks_and_accepted(on_a_pedestal):
    result = on_a_pedestal.screen(_statue(BRONZE))
    (face,) = _faces(result)
    assert face.code == "FAC104" and face.box is not None
    assert face.evidence_dict["colourfulness"] <= 10 and face.evidence_dict["pedestal"] >= 0.15
    assert result.decision is Decision.ACCEPT


def test_a_visitor_beside_a_statue_is_still_a_person(on_a_pedestal):
    (face,) = _faces(on_a_pedestal.screen(_sitter()))
    assert face.code == "FAC101"


def test_a_bronze_coloured_face_with_no_statue_in_the_picture_is_a_person(screener):
    (face,) = _faces(screener.screen(_statue(BRONZE)))
    assert face.code == "FAC101"
