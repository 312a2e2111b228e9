"""Policies: TOML rules, the longest prefix wins, score bands, remedies, strict loading."""

from __future__ import annotations

import datetime
import json
import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vmscreen import Category, Decision, Finding, PolicyError, default_policy, load_policy
from vmscreen.policy import REMEDIES, parse_policy

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


# Malformed input: every case is a PolicyError whose one line names the place and the problem.

def _doc(rules=(), **head):
    return {"policy": {"name": "t", "version": "1", **head}, "rule": list(rules)}


def _rule(**keys):
    return {"select": "CPR", "decision": "reject", **keys}


@pytest.mark.parametrize("document, place, problem", [
    # tables where tables are expected
    ([1], "policy file", "must be a table"),
    ({"policy": 5}, "[policy]", "must be a table"),
    ({"policy": [{"name": "t", "version": "1"}]}, "[policy]", "not an array"),
    ({**_doc(), "rule": 5}, "rule", "[[rule]] (double brackets), not the number 5"),
    ({**_doc(), "rule": _rule()}, "rule", "not a table"),
    (_doc([_rule(), _rule(), 5]), "[[rule]] 3", "must be a table"),
    (_doc(["select"]), "[[rule]] 1", "must be a table"),
    ({**_doc(), 7: "x"}, "policy file", "unknown key(s) 7"),
    # [policy] keys
    (_doc(name=1.5), "[policy] name", "must be a string"),
    (_doc(name=True), "[policy] name", "not true"),
    (_doc(name=["t"]), "[policy] name", "not an array"),
    (_doc(version=1.10), "[policy] version", "not the number 1.1"),
    (_doc(version=datetime.date(2026, 11, 4)), "[policy] version", "a date"),
    (_doc(version={}), "[policy] version", "not a table"),
    (_doc(version=10**5000), "[policy] version", "not a number of many digits"),
    (_doc(description=5), "[policy] description", "must be a string"),
    (_doc(unmatched="allow"), "[policy] unmatched", "accept, review or reject"),
    (_doc(unmatched=2), "[policy] unmatched", "not the number 2"),
    (_doc(zones=5), "[policy] zones", "path of a GeoJSON file"),
    (_doc(zones=["a.geojson"]), "[policy] zones", "not an array"),
    (_doc(zones=""), "[policy] zones", "not the string ''"),
    # [[rule]] keys
    (_doc([_rule(), _rule(min_score=[1])]), "[[rule]] 2: min_score", "within 0..1"),
    (_doc([_rule(min_score="0.5")]), "[[rule]] 1: min_score", "not the string '0.5'"),
    (_doc([_rule(min_score=True)]), "[[rule]] 1: min_score", "not true"),
    (_doc([_rule(min_score=math.nan)]), "[[rule]] 1: min_score", "not the number nan"),
    (_doc([_rule(min_score=math.inf)]), "[[rule]] 1: min_score", "within 0..1"),
    (_doc([_rule(min_score=-0.1)]), "[[rule]] 1: min_score", "within 0..1"),
    (_doc([_rule(min_score=10**5000)]), "[[rule]] 1: min_score", "within 0..1"),
    (_doc([_rule(select=5)]), "[[rule]] 1: select", "must be a string"),
    (_doc([_rule(select=["CPR"])]), "[[rule]] 1: select", "not an array"),
    (_doc([_rule(decision=1)]), "[[rule]] 1: decision", "accept, review or reject"),
    (_doc([_rule(decision="Reject")]), "[[rule]] 1: decision", "not the string 'Reject'"),
    (_doc([_rule(remedy=5)]), "[[rule]] 1", "unknown remedy (the number 5)"),
    (_doc([_rule(remedy=["redact"])]), "[[rule]] 1", "unknown remedy (an array)"),
    (_doc([_rule(remedy="blur")]), "[[rule]] 1", "use strip-metadata or redact"),
])
def test_malformed_policies_name_the_place(document, place, problem):
    with pytest.raises(PolicyError) as caught:
        parse_policy(document)
    message = str(caught.value)
    assert place in message and problem in message, message
    assert "\n" not in message


def test_name_and_version_may_be_integers():
    policy = parse_policy({"policy": {"name": 2026, "version": 7}})
    assert (policy.name, policy.version) == ("2026", "7")


def _load(tmp_path, text: str | bytes):
    path = tmp_path / "policy.toml"
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message, message
    return message


HEAD = '[policy]\nname = "t"\nversion = "1"\n'


@pytest.mark.parametrize("text, problem", [
    (HEAD + '[[rule]]\nselect = "CPR"\ndecision = "reject"\nmin_score = [1]\n',
     "[[rule]] 1: min_score must be a number within 0..1, not an array"),
    ("policy = 5\n", "[policy]: must be a table"),
    (HEAD + "zones = 5\n", "[policy] zones: must be the path of a GeoJSON file"),
    ("rule = 5\n" + HEAD, "rule: must be an array of tables"),
    (HEAD + '[rule]\nselect = "CPR"\ndecision = "reject"\n', "each written [[rule]]"),
    ("rule = [1, 2]\n" + HEAD, "[[rule]] 1: must be a table"),
    (HEAD.replace('"1"', "1.10"), "[policy] version: must be a string (in quotes)"),
    ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    ("a = " + "9" * 5000 + "\n", "not valid TOML"),
    (b"\xff\xfe[policy]", "is not UTF-8 text (byte 0xff at offset 0)"),
    (HEAD + 'zones = "bad\\u0000name.geojson"\n', "[policy] zones: cannot read zones file"),
])
def test_malformed_policy_files_name_the_file_and_place(tmp_path, text, problem):
    message = _load(tmp_path, text)
    assert problem in message, message


def test_policy_zones_errors_name_both_files(tmp_path):
    zones = tmp_path / "zones.geojson"
    zones.write_text('{"type": "Feature", "properties": {"name": "clinic", "radius_m": NaN},'
                     ' "geometry": {"type": "Point", "coordinates": [13.4, 52.5]}}')
    message = _load(tmp_path, HEAD + 'zones = "zones.geojson"\n')
    assert f"[policy] zones: {zones}: feature 1 (clinic): radius_m" in message, message
    zones.write_text('{"type": "FeatureCollection", "features": [1, 2]}')
    message = _load(tmp_path, HEAD + 'zones = "zones.geojson"\n')
    assert f"{zones}: feature 1: must be a GeoJSON Feature object" in message, message
    message = _load(tmp_path, HEAD + 'zones = "."\n')
    assert "[policy] zones: cannot read zones file" in message and "Is a directory" in message


def test_policy_path_that_is_a_directory_too_big_or_unreadable(tmp_path, monkeypatch):
    import vmscreen.policy

    with pytest.raises(PolicyError, match=f"cannot read policy {tmp_path}: Is a directory"):
        load_policy(tmp_path)
    monkeypatch.setattr(vmscreen.policy, "MAX_POLICY_BYTES", 1024)
    message = _load(tmp_path, HEAD + "# padding\n" * 200)
    assert "larger than 1 kB" in message
    monkeypatch.undo()
    path = tmp_path / "policy.toml"

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)  # chmod does not stop root
    with pytest.raises(PolicyError, match=f"cannot read policy {path}: Permission denied"):
        load_policy(path)


# Random input: only PolicyError (or a policy) may come out, never TypeError, KeyError, ...

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
            | st.dates() | st.datetimes() | st.times()
            | st.sampled_from(["accept", "review", "reject", "CPR", "metadata", "redact",
                               "unscreened", "UNS", 0.5, 10**400, math.nan]))
_TOML = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=30,
)
def _mostly(valid: st.SearchStrategy) -> st.SearchStrategy:
    """A valid value four times in five, else anything: so that every check is reached."""
    return st.integers(0, 4).flatmap(lambda n: valid if n else _TOML)


_DECISIONS = st.sampled_from(["accept", "review", "reject"])
_RULE_TABLE = _mostly(st.fixed_dictionaries({
    "select": _mostly(st.sampled_from(["CPR", "CPR101", "metadata", "UNS", "faces"])),
    "decision": _mostly(_DECISIONS),
}, optional={
    "min_score": _mostly(st.floats(0, 1)), "remedy": _mostly(st.sampled_from(REMEDIES)),
}))
_HEAD = _mostly(st.fixed_dictionaries({
    "name": _mostly(st.text(max_size=8)), "version": _mostly(st.text(max_size=8)),
}, optional={
    "description": _mostly(st.text(max_size=8)), "unmatched": _mostly(_DECISIONS),
    "zones": _TOML,
}))
_POLICY_DOCUMENT = _mostly(st.fixed_dictionaries({"policy": _HEAD}, optional={
    "rule": _mostly(st.lists(_RULE_TABLE, max_size=4)),
}))


@settings(max_examples=200, deadline=None)
@given(document=_POLICY_DOCUMENT)
def test_random_documents_give_a_policy_or_a_policy_error(tmp_path_factory, document):
    # Zones paths resolve in an empty folder: a random path names no file there.
    base = tmp_path_factory.mktemp("policy")
    try:
        policy = parse_policy(document, base_dir=base)
    except PolicyError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(policy.name, str) and isinstance(policy.version, str)
        assert all(0.0 <= rule.min_score <= 1.0 for rule in policy.rules)
