"""The document-layout cue: a card-shaped rectangle holding a portrait and text beside it."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets import synthetic_documents as docs
from benchmarks.sets import synthetic_scenes as scenes
from vmscreen import Decision


def _card(seed: int) -> Image.Image:
    """An ID-1 card (856 x 540) with a portrait and five lines of values: names, dates and a
    number, with no title or field label that the wording rules know."""
    rng = np.random.default_rng(seed)
    card = Image.new("RGB", (856, 540), (226, 232, 240))
    card.paste(docs.portrait((230, 300), rng), (40, 120))
    draw = ImageDraw.Draw(card)
    face = docs.font(docs.SANS[0], 34)
    for row, text in enumerate(("MERIDA SOLANO", "ANA LUCIA", "14 03 1987", "XK 480 211 9",
                                "07 11 2031")):
        draw.text((310, 110 + row * 70), text, font=face, fill=(30, 30, 60))
    return card


def _jpeg(image: Image.Image | np.ndarray) -> bytes:
    buffer = io.BytesIO()
    (image if isinstance(image, Image.Image) else Image.fromarray(image)).save(
        buffer, "JPEG", quality=88)
    return buffer.getvalue()


def _on_a_table(card: Image.Image, seed: int, angle: float) -> bytes:
    rng = np.random.default_rng(seed)
    scene = scenes.surface(rng, (1600, 1200))
    placed = scenes.place(scene, card.rotate(angle, expand=True, fillcolor=(0, 0, 0)), rng,
                          width_fraction=(0.5, 0.55), max_angle=0.0, max_skew=0.02)
    return _jpeg(scenes.camera(placed, rng, blur=0.8))


def _layout_findings(result):
    return [f for f in result.findings if f.code == "IDD102"]


def test_a_scanned_card_with_a_portrait_and_fields_goes_to_review(screener):
    result = screener.screen(_jpeg(_card(1)))
    (finding,) = _layout_findings(result)
    assert finding.category.value == "sensitive-id" and finding.box is not None
    assert finding.evidence_dict["whole_frame"] is True
    assert result.decision is Decision.REVIEW


def test_a_card_on_a_table_is_found_by_its_outline(screener):
    result = screener.screen(_on_a_table(_card(2), 2, angle=8.0))
    (finding,) = _layout_findings(result)
    assert finding.evidence_dict["whole_frame"] is False
    x0, y0, x1, y1 = finding.box.to_list()
    assert (x1 - x0) > 700 and (x1 - x0) / (y1 - y0) > 1.2  # the card, not the whole photo


def test_a_portrait_format_photo_of_a_person_with_a_caption_is_not_a_document(screener):
    # A person standing in a portrait-format frame: the face's axis runs along the long side.
    photo = Image.new("RGB", (600, 900), (200, 205, 210))
    photo.paste(docs.portrait((300, 380), np.random.default_rng(3)), (150, 60))
    draw = ImageDraw.Draw(photo)
    for row in range(4):
        draw.text((60, 560 + row * 60), "Summer fair, main square", fill=(20, 20, 20),
                  font=docs.font(docs.SANS[0], 30))
    assert not _layout_findings(screener.screen(_jpeg(photo)))


def test_a_group_of_faces_beside_text_is_not_a_document(screener):
    card = _card(4)
    card.paste(docs.portrait((230, 300), np.random.default_rng(5)).resize((220, 290)),
               (600, 120))
    assert not _layout_findings(screener.screen(_jpeg(card)))
