"""The policy's [[bank]] tables: which reference banks it relies on and what a match means."""

from __future__ import annotations

import pytest

from vmscreen.codes import BANK_UNAVAILABLE
from vmscreen.findings import Category, CodeInfo
from vmscreen.policy import BankRule, Decision, PolicyError, parse_policy

MATCH = CodeInfo("BNK101", "reference-bank-match", Category.COPYRIGHT, "s", "e")


def _policy(*banks: object, rules: tuple[dict, ...] = ()):
    return parse_policy({"policy": {"name": "p", "version": "1"}, "rule": list(rules),
                         "bank": list(banks)})


def test_a_bank_table_names_a_bank_and_defaults_to_reject():
    policy = _policy({"name": "takedowns"}, {"name": "agency-2", "decision": "review"})
    assert policy.banks == (BankRule("takedowns", Decision.REJECT),
                            BankRule("agency-2", Decision.REVIEW))


def test_the_bank_s_decision_beats_every_rule():
    policy = _policy({"name": "loose", "decision": "review"},
                     rules=({"select": "BNK101", "decision": "reject"},))
    loose = MATCH.finding("d", 0.9, "m", evidence={"bank": "loose"})
    other = MATCH.finding("d", 0.9, "m", evidence={"bank": "other"})
    assert policy.decide([loose]).decision is Decision.REVIEW
    assert policy.decide([loose]).reasons[0].rule == "bank loose -> review"
    assert policy.decide([other]).decision is Decision.REJECT


def test_an_accepting_bank_never_accepts_what_was_not_checked():
    policy = _policy({"name": "ours", "decision": "accept"},
                     rules=({"select": "unscreened", "decision": "review"},))
    finding = BANK_UNAVAILABLE.finding("d", 1.0, "m", evidence={"bank": "ours"})
    assert policy.decide([finding]).decision is Decision.REVIEW


@pytest.mark.parametrize(("banks", "message"), [
    ([{"name": "a b"}], "letters, digits"),
    ([{"name": 3}], "must be a string"),
    ([{"decision": "reject"}], "needs a name"),
    ([{"name": "a", "decision": "maybe"}], "accept, review or reject"),
    ([{"name": "a", "select": "BNK"}], "unknown key"),
    ([{"name": "a"}, {"name": "a"}], "named twice"),
])
def test_a_bad_bank_table_is_refused_with_its_place(banks, message):
    with pytest.raises(PolicyError, match=message):
        _policy(*banks)


def test_bank_must_be_an_array_of_tables():
    with pytest.raises(PolicyError, match=r"\[\[bank\]\]"):
        parse_policy({"policy": {"name": "p", "version": "1"}, "bank": {"name": "a"}})
