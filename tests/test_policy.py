"""Policies: TOML rules, the longest prefix wins, score bands, remedies, strict loading."""

from __future__ import annotations

import json
import sys

import pytest

from vmscreen import Category, Decision, Finding, PolicyError, default_policy, load_policy
from vmscreen.policy import parse_policy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _f(code: str, category: Category, score: float = 1.0) -> Finding:
    return Finding(code, "some-finding", category, "test", score, "")


def _policy(text: str):
    return parse_policy(tomllib.loads('[policy]\nname = "t"\nversion = "1"\n' + text))


def test_default_policy_follows_the_clauses():
    policy = default_policy()
    cases = [
        ([_f("MET101", Category.METADATA)], Decision.ACCEPT, ("strip-metadata",)),
        ([_f("MET104", Category.METADATA, 0.6)], Decision.ACCEPT, ()),
        ([_f("CPR101", Category.COPYRIGHT, 0.95)], Decision.REJECT, ()),
        ([_f("CPR101", Category.COPYRIGHT, 0.5)], Decision.REVIEW, ()),
        ([_f("CPR101", Category.COPYRIGHT, 0.3)], Decision.ACCEPT, ()),
        ([_f("PLC101", Category.PRIVATE_PLACE)], Decision.REJECT, ()),
        ([_f("PLC102", Category.PRIVATE_PLACE, 0.8)], Decision.REVIEW, ()),
        ([_f("UNS001", Category.UNSCREENED)], Decision.REVIEW, ()),
        ([_f("XYZ123", Category.SENSITIVE_ID)], Decision.REJECT, ()),  # a plugin's code
        ([], Decision.ACCEPT, ()),
    ]
    for findings, decision, remedies in cases:
        verdict = policy.decide(findings)
        assert (verdict.decision, verdict.remedies) == (decision, remedies), findings


def test_reasons_name_code_rule_and_score_most_severe_first():
    verdict = default_policy().decide([
        _f("MET101", Category.METADATA), _f("CPR101", Category.COPYRIGHT, 0.95),
        _f("UNS004", Category.UNSCREENED),
    ])
    assert verdict.decision is Decision.REJECT
    assert [(r.code, r.decision.value) for r in verdict.reasons] == [
        ("CPR101", "reject"), ("UNS004", "review"), ("MET101", "accept")]
    assert verdict.reasons[0].rule == "CPR101 score>=0.7 -> reject"
    assert verdict.reasons[0].score == 0.95
    assert verdict.reasons[2].remedy == "strip-metadata"


def test_longest_prefix_wins_then_highest_band():
    policy = _policy("""
[[rule]]
select = "copyright"
decision = "reject"
[[rule]]
select = "CPR"
decision = "review"
[[rule]]
select = "CPR2"
decision = "accept"
[[rule]]
select = "CPR201"
min_score = 0.8
decision = "reject"
[[rule]]
select = "CPR201"
min_score = 0.5
decision = "review"
""")

    def outcome(code: str, score: float = 1.0) -> Decision:
        return policy.outcome(_f(code, Category.COPYRIGHT, score))[0]

    assert outcome("CPR101") is Decision.REVIEW   # CPR beats the category
    assert outcome("CPR299") is Decision.ACCEPT   # CPR2 beats CPR
    assert outcome("CPR201", 0.9) is Decision.REJECT
    assert outcome("CPR201", 0.6) is Decision.REVIEW
    assert outcome("CPR201", 0.2) is Decision.ACCEPT  # below both bands: CPR2 applies
    assert policy.outcome(_f("PLC101", Category.PRIVATE_PLACE))[0] is Decision.REVIEW  # unmatched


def test_unscreened_can_never_be_accepted():
    for select in ("unscreened", "UNS", "UNS001", "U"):
        with pytest.raises(PolicyError, match="never a pass"):
            _policy(f'[[rule]]\nselect = "{select}"\ndecision = "accept"\n')
    permissive = _policy('unmatched = "accept"\n')
    assert permissive.decide([_f("UNS002", Category.UNSCREENED)]).decision is Decision.REVIEW


@pytest.mark.parametrize("text, message", [
    ('[[rule]]\nselect = "copyright"\ndecision = "block"\n', "block"),
    ('[[rule]]\nselect = "faces"\ndecision = "reject"\n', "neither a category"),
    ('[[rule]]\nselect = "CPR"\ndecision = "reject"\nscore = 0.5\n', "unknown key"),
    ('[[rule]]\nselect = "CPR"\ndecision = "reject"\nmin_score = 2\n', "within 0..1"),
    ('[[rule]]\nselect = "CPR"\ndecision = "accept"\nremedy = "blur"\n', "unknown remedy"),
    ('[[rule]]\nselect = "CPR"\n', "needs select and decision"),
])
def test_bad_rules_are_refused(text, message):
    with pytest.raises(PolicyError, match=message):
        _policy(text)


def test_load_policy_with_relative_zones(tmp_path):
    (tmp_path / "zones.geojson").write_text(json.dumps({
        "type": "Feature", "properties": {"name": "clinic", "radius_m": 100},
        "geometry": {"type": "Point", "coordinates": [13.4, 52.5]}}))
    path = tmp_path / "policy.toml"
    path.write_text('[policy]\nname = "ops"\nversion = "7"\nzones = "zones.geojson"\n')
    policy = load_policy(path)
    assert (policy.name, policy.version, policy.zones[0].name) == ("ops", "7", "clinic")
    path.write_text('[policy]\nname = "ops"\nversion = "7"\nzones = "gone.geojson"\n')
    with pytest.raises(PolicyError, match="zones"):
        load_policy(path)
    path.write_text("[policy\n")
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(path)
    with pytest.raises(PolicyError, match="needs a name"):
        _ = parse_policy({"policy": {"name": "x"}})
