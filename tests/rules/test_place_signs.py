"""Signage that names a private place, in seven languages: what each sign proves, and what it
does not (an emergency exit, a shop's "men")."""

from __future__ import annotations

import pytest

from vmscreen.rules.place_kinds import PlaceKind
from vmscreen.rules.place_signs import PARTIAL, STRONG, SUPPORT, find_signs, normalised


@pytest.mark.parametrize(("text", "kind", "strength"), [
    ("TOILETTES", PlaceKind.BATHROOM, STRONG),
    ("Toiletten  ->", PlaceKind.BATHROOM, STRONG),
    ("W.C.", PlaceKind.BATHROOM, STRONG),
    ("Aseos", PlaceKind.BATHROOM, STRONG),
    ("Servizi igienici", PlaceKind.BATHROOM, STRONG),
    ("Casa de banho", PlaceKind.BATHROOM, STRONG),
    ("Vestiaires", PlaceKind.CHANGING_ROOM, STRONG),
    ("Umkleide Damen", PlaceKind.CHANGING_ROOM, STRONG),
    ("Spogliatoio", PlaceKind.CHANGING_ROOM, STRONG),
    ("Kleedkamers 1-4", PlaceKind.CHANGING_ROOM, STRONG),
    ("Vestiário", PlaceKind.CHANGING_ROOM, STRONG),
    ("Notaufnahme", PlaceKind.HEALTH, STRONG),
    ("PRONTO SOCCORSO", PlaceKind.HEALTH, STRONG),
    ("Urgencias", PlaceKind.HEALTH, STRONG),
    ("Spoedeisende hulp", PlaceKind.HEALTH, STRONG),
    ("Pharmacie", PlaceKind.HEALTH, PARTIAL),
    ("Apotheke", PlaceKind.HEALTH, PARTIAL),
    ("Farmácia", PlaceKind.HEALTH, PARTIAL),
    ("Kita Sonnenschein", PlaceKind.CHILDCARE, PARTIAL),
    ("Guardería", PlaceKind.CHILDCARE, PARTIAL),
    ("Asilo nido", PlaceKind.CHILDCARE, PARTIAL),
    ("Kinderdagverblijf", PlaceKind.CHILDCARE, PARTIAL),
    ("NO PHOTOGRAPHY", PlaceKind.RESTRICTED, STRONG),
    ("Photos interdites", PlaceKind.RESTRICTED, STRONG),
    ("Fotografieren verboten!", PlaceKind.RESTRICTED, STRONG),
    ("Prohibido fotografiar", PlaceKind.RESTRICTED, STRONG),
    ("Vietato fotografare", PlaceKind.RESTRICTED, STRONG),
    ("Proibido fotografar", PlaceKind.RESTRICTED, STRONG),
    ("Verboden te fotograferen", PlaceKind.RESTRICTED, STRONG),
])
def test_a_sign_names_its_kind_of_place_in_seven_languages(text, kind, strength):
    match = find_signs([text])[0]  # "Umkleide Damen": the "Damen" supports, after it
    assert (match.kind, match.strength, match.line) == (kind, strength, 0)


def test_what_matched_is_the_list_s_entry_not_the_text_read():
    (match,) = find_signs(["Toilettes au 2e étage, merci"])
    assert match.entry == "toilettes"


@pytest.mark.parametrize("text", ["Emergency exit", "Sortie de secours urgences",
                                  "Toiletry bags 2 for 1", "Washington", "Mensa", "Icuria",
                                  "Showering gel", "Wardrobe", ""])
def test_words_inside_other_words_and_exits_are_not_signs(text):
    assert find_signs([text]) == ()


def test_men_and_women_only_support():
    matches = find_signs(["MEN", "Women"])
    assert [m.strength for m in matches] == [SUPPORT, SUPPORT]
    assert {m.kind for m in matches} == {PlaceKind.BATHROOM}


def test_lines_are_kept_apart_and_the_strongest_comes_first():
    matches = find_signs(["Damen", "Apotheke", "WC"])
    assert [(m.line, m.kind) for m in matches] == [
        (2, PlaceKind.BATHROOM), (1, PlaceKind.HEALTH), (0, PlaceKind.BATHROOM)]


def test_text_is_compared_without_case_or_accents():
    assert normalised("  BAÑOS — Señoras ") == "banos senoras"


def test_an_abbreviation_is_a_sign_only_on_a_line_of_its_own():
    assert [m.entry for m in find_signs(["WC ->", "ICU 2", "A&E"])] == ["wc", "icu", "a&e"]
    assert find_signs(["WC Settings Account", "ICU tech support chat"]) == ()
