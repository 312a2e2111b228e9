"""Detector discovery: built-ins and plugins alike through the entry-point group, every
built-in emitting only the codes it declares, and nothing missing passing silently."""

from __future__ import annotations

import textwrap
from importlib.metadata import EntryPoint, entry_points

import pytest

from vmscreen.codes import CORE_BY_CODE
from vmscreen.engine import registry
from vmscreen.engine.registry import BUILT_IN, ENTRY_POINT_GROUP, BrokenDetector, discover


def test_every_built_in_is_an_entry_point_of_vmscreen_itself():
    points = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    for name in BUILT_IN:
        assert points[name].value.startswith("vmscreen.detectors."), name
        assert points[name].dist is not None and points[name].dist.name == "vmscreen"
    found = {d.info.name for d in discover().detectors}
    assert set(BUILT_IN) <= found  # the test extra installs nudenet, so all are here


def test_codes_belong_to_one_detector_each_and_never_shadow_the_core():
    owners: dict[str, str] = {}
    for detector in discover().detectors:
        for info in detector.info.codes:
            assert info.code not in CORE_BY_CODE
            assert owners.setdefault(info.code, detector.info.name) == detector.info.name


def test_every_built_in_emits_only_the_codes_it_declares(sample_results):
    """Every sample (every kind of finding the built-ins make), screened by the default
    Screener (every discovered detector), each finding checked against its detector's
    declaration; the screener would report any other as UNS004."""
    detectors = {d.info.name: d for d in discover().detectors}
    seen = set()
    for name, result in sample_results.items():
        assert {run.name for run in result.detectors} <= detectors.keys()
        for finding in result.findings:
            if finding.code in CORE_BY_CODE:
                assert finding.code != "UNS004", finding.message
                continue
            declared = {info.code for info in detectors[finding.detector].info.codes}
            assert finding.code in declared, (name, finding.detector, finding.code)
            seen.add(finding.code)
    assert len(seen) >= 12  # the samples do exercise most codes


def _points(*extra: EntryPoint, without: str = "") -> list[EntryPoint]:
    return [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name != without] + list(
        extra)


def test_a_built_in_missing_from_the_entry_points_is_reported_not_dropped(monkeypatch):
    monkeypatch.setattr(registry, "entry_points", lambda group: _points(without="faces"))
    (faces,) = [d for d in discover().detectors if d.info.name == "faces"]
    assert isinstance(faces, BrokenDetector) and "not installed" in faces.reason


def test_an_optional_detector_whose_extra_is_absent_is_left_out_with_its_reason(
        tmp_path, monkeypatch):
    (tmp_path / "optional_plugin.py").write_text(textwrap.dedent("""
        from vmscreen import DetectorUnavailable

        class Plugin:
            def __init__(self):
                raise DetectorUnavailable("needs the [gpu] extra")
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    optional = EntryPoint("optional", "optional_plugin:Plugin", ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: _points(optional))
    found = discover()
    assert "optional" not in {d.info.name for d in found.detectors}
    assert ("optional", "needs the [gpu] extra") in found.unavailable


@pytest.mark.parametrize("value", ["no_such_module_here:Plugin", "textwrap:dedent"])
def test_a_plugin_that_cannot_be_loaded_or_is_no_detector_is_broken(monkeypatch, value):
    bad = EntryPoint("bad", value, ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points", lambda group: _points(bad))
    (broken,) = [d for d in discover().detectors if d.info.name == "bad"]
    assert isinstance(broken, BrokenDetector)
