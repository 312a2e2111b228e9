"""Offensive wording read from an image goes to review, with its line's box and never its text."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, font
from tests import id_fronts
from vmscreen import Decision


def _sign(*lines: str) -> bytes:
    image = Image.new("RGB", (900, 120 + 110 * len(lines)), (245, 240, 230))
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((60, 60 + 110 * row), text, font=font(BOLD[0], 72), fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def test_an_offensive_word_goes_to_review_with_its_box_and_without_its_text(screener):
    result = screener.screen(_sign("WELCOME HOME", "YOU BASTARD"))
    (finding,) = [f for f in result.findings if f.code == "OFF101"]
    assert finding.category.value == "sexual-content" and finding.box is not None
    assert finding.box.y0 > 150  # the second line, not the first
    assert result.decision is Decision.REVIEW
    assert "BASTARD" not in json.dumps(result.to_dict()).upper()


@pytest.mark.parametrize("text", ["HAPPY BIRTHDAY", "DATA ANALYSIS", "ASSESSMENT DAY"])
def test_ordinary_wording_is_not_flagged(screener, text):
    result = screener.screen(_sign(text))
    assert not [f for f in result.findings if f.code == "OFF101"]


def test_the_sex_field_of_a_passport_is_a_label_not_an_insult(screener):
    page = _sign("PASSPORT", "Surname / Nom", "Date of birth", "Sex / Sexe  F",
                 "Nationality  XXX")
    assert not [f for f in screener.screen(page).findings if f.code == "OFF101"]


def test_the_same_word_away_from_a_document_is_reviewed(screener):
    result = screener.screen(_sign("FREE SEX XXX"))
    assert [f.code for f in result.findings if f.category.value == "sexual-content"] == ["OFF101"]


def test_the_sex_label_of_a_web_form_is_a_label_not_an_insult(screener):
    result = screener.screen(id_fronts.png(id_fronts.web_form()))
    assert not [f for f in result.findings if f.code == "OFF101"]


def test_an_offensive_line_on_a_form_is_still_reviewed(screener):
    form = id_fronts.web_form(heading="Hot sex tonight")
    (finding,) = [f for f in screener.screen(id_fronts.png(form)).findings if f.code == "OFF101"]
    assert finding.box is not None and finding.box.y1 < 100  # the heading, not the label
