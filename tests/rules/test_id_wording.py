from __future__ import annotations

import pytest

from vmscreen.rules.id_wording import find_wording


def test_titles_in_several_languages_name_the_document():
    assert find_wording(["FÜHRERSCHEIN", "1. MUSTERMANN"]).documents == ("driving-licence",)
    assert find_wording(["CARTE NATIONALE D'IDENTITÉ"]).documents == ("identity-card",)
    assert find_wording(["SOCIAL SECURITY"]).documents == ("social-security-card",)


def test_a_long_title_is_known_one_misread_letter_away_and_a_short_word_is_not():
    # As the fast reading reads titles: a letter misread, an O read as a zero, a letter split
    # off.
    assert find_wording(["CARTE NATIONALE D'IDENTTTÉ"]).documents == ("identity-card",)
    assert find_wording(["PERMIS DE C0NDUIRE"]).documents == ("driving-licence",)
    assert find_wording(["PERMIS DE CONDUIR E"]).documents == ("driving-licence",)
    # Two letters wrong, a first word misread, a plural, a short title one letter off: none
    # is a title.
    assert find_wording(["CARTE NATIONALE D'IDFNTTTÉ"]) is None
    assert find_wording(["PERMS DE CONDUIRE"]) is None
    assert find_wording(["Permanent residents welcome"]) is None
    assert find_wording(["PASSPART"]) is None


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


# German, French and Italian ID card fronts as the OCR reads them, misreads included.
FRONTS = {
    "de": ["BUNDESREPUBLIK DEUTSCHLAND", "PERSONAL AUSWEIS", "Name", "MUSTERMANN",
           "Vorname(n)", "ERIKA", "Geburtsdatum", "12.08.1983", "Staatsangehörigkeit",
           "DEUTSCH", "Gültig bis", "01.05.2031"],
    "fr": ["RÉPUBLIQUE FRANÇAISE", "CARTE NATIONALE D'IDENTITE", "Nom", "DUPONT",
           "Prénom(s)", "JEAN", "Sexe M", "Né(e) le 03.04.1979", "Lieu de naissance", "LYON"],
    "it": ["REPUBBLICA ITALIANA", "CARTA D'IDENTITA'", "Cognome", "ROSSI", "Nome", "GIULIA",
           "Luogo e data di nascita", "ROMA 21.09.1990", "Sesso F", "Cittadinanza ITA"],
}


@pytest.mark.parametrize("language", sorted(FRONTS))
def test_german_french_and_italian_id_fronts_are_identity_cards(language):
    match = find_wording(FRONTS[language])
    assert match is not None and match.documents == ("identity-card",)
    assert match.labels >= 4 and match.score == 0.85


def test_a_front_whose_title_is_not_read_is_known_by_its_issuer_and_labels():
    lines = [line for line in FRONTS["it"] if "IDENTIT" not in line]
    match = find_wording(lines)
    assert match is not None and match.documents == () and match.labels >= 3


@pytest.mark.parametrize("lines", [
    ["Name", "Nom", "Nome"],
    ["Nome del prodotto", "Scadenza 12/2026", "Statura media"],
    ["Sesso e genere", "Comune di Milano", "Name"],
], ids=["short-labels", "food-pack", "everyday-italian"])
def test_everyday_words_among_the_labels_do_not_make_a_document(lines):
    assert find_wording(lines) is None


@pytest.mark.parametrize("lines", [
    ["Verify your identity", "Scan the front of your ID card",
     "Take a photo of your passport or driving licence", "Continue"],
    ["Which document would you like to use?", "Passport", "ID card", "Driving licence"],
    ["Upload a photo of your Personalausweis", "Max. 10 MB"],
], ids=["instructions", "question", "upload"])
def test_a_document_named_in_instructions_is_a_mention_not_a_document(lines):
    assert find_wording(lines) is None


def test_a_title_alone_or_beside_a_documents_labels_still_counts():
    assert find_wording(["Choose", "PASSPORT"]).documents == ("passport",)
    scanned = ["Scan the front of your ID card", "PERSONALAUSWEIS", "Name", "MUSTERMANN",
               "Geburtsdatum", "12.08.1983"]
    assert find_wording(scanned).documents == ("identity-card",)
    # The instruction with a document's values in view: a card held up to the camera.
    assert find_wording(["Hold your passport still", "L898902C3"]).documents == ("passport",)


def test_empty_form_fields_are_a_form_not_a_document():
    form = ["Create your account", "First name", "Enter your first name", "Last name", "Sex",
            "Male  Female  Other", "Date of birth", "DD / MM / YYYY", "Nationality", "Email",
            "name@example.com", "Submit"]
    assert find_wording(form) is None
    # The same labels with a document's values beside them are read as a document's.
    filled = ["Surname", "MUSTERMANN", "Given names", "ERIKA", "Date of birth", "12.08.1983",
              "Nationality", "DEUTSCH", "Email"]
    assert find_wording(filled) is not None
