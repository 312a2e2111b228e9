"""ID card fronts without an MRZ, read by wording, layout and portrait; and the screens that
name a document without showing one (a verification app, a sign-up form), which must not."""

from __future__ import annotations

import json

import pytest

from tests import id_fronts
from vmscreen import Decision


@pytest.mark.parametrize("language", ["de", "fr", "it"])
def test_a_german_french_or_italian_front_in_a_photo_goes_to_review(screener, language):
    result = screener.screen(id_fronts.photo_of(id_fronts.id_front(language, 3), 3))
    codes = {f.code: f for f in result.findings}
    assert {"IDD101", "IDD102"} <= set(codes), sorted(codes)
    assert codes["IDD101"].evidence_dict["documents"] == "identity-card"
    assert codes["IDD101"].score >= 0.85
    assert result.decision is Decision.REVIEW
    record = json.dumps(result.to_dict()).upper()
    assert "GEBURTSDATUM" not in record and "CITTADINANZA" not in record


def test_a_verification_app_with_a_drawn_card_is_not_a_document(screener):
    result = screener.screen(id_fronts.png(id_fronts.verification_app()))
    assert not [f for f in result.findings if f.category.value == "sensitive-id"]


def test_a_sign_up_form_with_empty_fields_is_not_a_document(screener):
    result = screener.screen(id_fronts.png(id_fronts.web_form()))
    assert not [f for f in result.findings if f.category.value == "sensitive-id"]
