from __future__ import annotations

from vmscreen.rules.id_wording import find_wording


def test_titles_in_several_languages_name_the_document():
    assert find_wording(["FÜHRERSCHEIN", "1. MUSTERMANN"]).documents == ("driving-licence",)
    assert find_wording(["CARTE NATIONALE D'IDENTITÉ"]).documents == ("identity-card",)
    assert find_wording(["SOCIAL SECURITY"]).documents == ("social-security-card",)


def test_field_labels_without_a_title_count_when_there_are_enough():
    match = find_wording(["Surname / Nom", "Given names", "Date of birth", "Nationality"])
    assert match is not None and match.documents == () and match.labels >= 3
    assert find_wording(["Date of birth"]) is None


def test_a_title_and_labels_score_higher_than_either():
    both = find_wording(["PASSPORT", "Surname", "Date of birth"])
    title = find_wording(["PASSPORT"])
    assert both.score > title.score


def test_everyday_text_is_not_document_wording():
    assert find_wording(["Boarding pass", "Gate 12", "Seat 14A"]) is None
    assert find_wording(["Happy birthday!", "Summer holiday 2024"]) is None


def test_an_eu_licence_is_known_by_its_numbered_fields():
    lines = ["JAZDY", "1.", "MURPHY", "2.", "JAVIER", "3.", "27.10.1967", "4b.", "5."]
    assert find_wording(lines).documents == ("driving-licence",)
    assert find_wording(["1.", "Preheat the oven", "2.", "Mix"]) is None
