from __future__ import annotations

import pytest

from vmscreen.rules.offensive_words import form_labels, offensive, sex_label

WORDS = frozenset({"sex", "xxx", "bastard"})


@pytest.mark.parametrize("line", ["Sex:", "Sex *", "Sex / Sexe  F", "SEX M", "Sex  Female",
                                  "Geschlecht: weiblich", "Sesso M", "Sex   Date of birth"])
def test_the_label_sex_marked_or_answered_is_a_label(line):
    assert sex_label(line, beside_labels=False)


def test_the_bare_word_is_a_label_only_beside_other_field_labels():
    assert not sex_label("SEX", beside_labels=False)
    assert sex_label("Sex", beside_labels=True)


@pytest.mark.parametrize("line", ["sex shop", "FREE SEX XXX", "I love sex", "No sex please",
                                  "Sex: hot singles"])
def test_the_word_in_other_company_stays_offensive(line):
    assert offensive(line, WORDS) and not sex_label(line, beside_labels=True)


def test_field_labels_are_lines_that_are_a_label_not_sentences_holding_one():
    assert form_labels(["Create your account", "Date of birth *"])
    assert form_labels(["Email address"]) and form_labels(["Nome"])
    assert not form_labels(["Sex"])
    assert not form_labels(["Happy birthday", "What is your name, dear friend?"])
