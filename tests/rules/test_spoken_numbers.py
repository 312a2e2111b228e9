"""Spoken numbers as rules: words to digit runs, the runs that look like a card number or an
SSN, and where an open-vocabulary transcript says digits."""

from __future__ import annotations

import pytest

from vmscreen.rules.spoken_numbers import (
    NumberRun,
    SpokenWord,
    candidate_spans,
    card_grouped,
    card_luhn,
    digit_runs,
    heard_digits,
    number_kind,
    number_regions,
    ssn_grouped,
    ssn_structure,
)


def said(text: str, start: float = 0.0, word: float = 0.3, pause: float = 0.05) -> list[SpokenWord]:
    """Words one after another; a comma is a pause of half a second."""
    words, at = [], start
    for token in text.split():
        words.append(SpokenWord(token.rstrip(","), at, at + word))
        at += word + (0.5 if token.endswith(",") else pause)
    return words


def test_digit_words_become_digits_and_oh_is_zero():
    (run,) = digit_runs(said("four oh one two"))
    assert run.digits == "4012" and run.groups == (4,)


def test_pauses_make_groups_and_long_pauses_end_runs():
    (run,) = digit_runs(said("four five three, two one, eight eight seven zero"))
    assert run.digits == "453218870" and run.groups == (3, 2, 4)
    first, second = digit_runs(said("one two") + said("three four", start=3.0))
    assert (first.digits, second.digits) == ("12", "34")


def test_any_other_word_ends_a_run():
    runs = digit_runs(said("eight of spades four of clubs seven"))
    assert [run.digits for run in runs] == ["8", "4", "7"]


def test_double_and_triple_repeat_the_next_digit():
    (run,) = digit_runs(said("double five triple oh one"))
    assert run.digits == "550001"
    (run,) = digit_runs(said("nine double"))  # a 'double' with nothing after it adds nothing
    assert run.digits == "9"


def test_words_too_short_to_be_said_are_left_out():
    words = said("two three")
    slip = SpokenWord("oh", words[0].end, words[0].end + 0.04)
    (run,) = digit_runs([words[0], slip, words[1]])
    assert run.digits == "23"


@pytest.mark.parametrize(("digits", "kind"), [
    ("4532015112830366", "card"), ("4111111111111", "card"), ("1234567890123456789", "card"),
    ("123456789", "ssn"), ("1234567890", None), ("12345678", None),
    ("12345678901234567890", None),
])
def test_lengths_tell_cards_from_ssns(digits, kind):
    assert number_kind(digits) == kind


def test_checks():
    assert card_luhn("4532015112830366") is True
    assert card_luhn("4532015112830367") is False
    assert card_luhn("123456789") is None
    assert ssn_structure("536214870") is True
    assert ssn_structure("666214870") is False and ssn_structure("900214870") is False
    assert ssn_structure("536004870") is False and ssn_structure("536210000") is False
    assert ssn_structure("4532015112830366") is None
    assert ssn_grouped((3, 2, 4)) and not ssn_grouped((9,))
    assert card_grouped((4, 4, 4, 4)) and card_grouped((4, 6, 5)) and not card_grouped((16,))


def test_a_run_shows_its_last_four_and_never_its_number():
    run = NumberRun("4532015112830366", 1.0, 6.0, (4, 4, 4, 4))
    assert run.last_four == "0366"
    assert "4532015112830366" not in repr(run) and "453201511283" not in repr(run)


def test_candidate_spans_are_runs_of_nine_digits_or_more_widened_and_merged():
    words = said("one two three four five six seven eight nine")
    ((start, end),) = candidate_spans(words)
    assert start == 0.0 and end == pytest.approx(words[-1].end + 0.5)
    assert candidate_spans(said("one two three four five")) == []
    slipped = said("one two three four ph_t five six seven eight nine")
    assert candidate_spans(slipped) == []
    assert len(candidate_spans(slipped, bridge=True)) == 1


def test_number_regions_are_where_digits_are_heard_among_few_other_words():
    transcript = said("my card number is four five three to for one won zero and it expires")
    (region,) = number_regions(transcript)
    assert [w.text for w in region] == ["four", "five", "three", "to", "for", "one", "won",
                                        "zero"]
    assert "".join(digit_runs(heard_digits(region))[0].digits) == "45324110"
    # A misheard digit or two inside a number does not split it; three words do.
    (region,) = number_regions(said("five three one do sex five eight four three"))
    assert [w.text for w in region] == ["five", "three", "one", "five", "eight", "four",
                                        "three"]
    assert len(number_regions(said("five three one and then we five eight four"))) == 2


def test_ordinary_speech_holds_no_region():
    assert number_regions(said("I went to the shop for some bread and came back too late")) == []
    # Two digit words proper are needed: homophones alone are ordinary words.
    assert number_regions(said("this is for you and that is too")) == []
