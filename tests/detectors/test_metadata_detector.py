"""The metadata detector through a screen: what it finds, how it scores, what it never leaks."""

from __future__ import annotations

import json

import pytest

from tests import imaging
from vmscreen import Decision, Screener, screen
from vmscreen.zones import parse_zones

POSITION = (51.498751, -0.119253)


def _codes(result) -> dict[str, object]:
    return {f.code: f for f in result.findings}


def test_revealing_fields_are_metadata_findings_with_strip_remedy():
    result = screen(imaging.jpeg(gps=POSITION, tags={0x0131: "Adobe Photoshop 25.0"},
                                 camera={0xA430: "Alex Example", 0xA431: "SN-4711-XY"}))
    codes = _codes(result)
    assert {"MET101", "MET102", "MET103", "MET104"} <= codes.keys()
    assert codes["MET104"].score == 0.6 and codes["MET104"].evidence_dict["editor"] is True
    assert result.decision is Decision.ACCEPT and result.remedies == ("strip-metadata",)
    text = json.dumps(result.to_dict())
    for secret in ("51.49", "-0.119", "0.1192", "Alex Example", "SN-4711"):
        assert secret not in text


def test_camera_firmware_is_not_called_an_editor():
    finding = _codes(screen(imaging.jpeg(tags={0x0131: "HDR+ 1.0.540104767zd"})))["MET104"]
    assert finding.score == 0.2 and finding.evidence_dict["editor"] is False


@pytest.mark.parametrize("source, score, holder, decision", [
    ({"tags": {0x8298: "© Getty Images"}}, 0.95, "agency", Decision.REJECT),
    ({"iptc": {116: "Copyright Reuters 2026", 110: "REUTERS"}}, 0.95, "agency", Decision.REJECT),
    ({"xmp": imaging.xmp_packet(dc_rights=["Northwind Media Ltd"])}, 0.75, "organisation",
     Decision.REJECT),
    ({"iptc": {110: "Northwind"}}, 0.6, "supplier", Decision.REVIEW),
    ({"tags": {0x8298: "Copyright 2026 Alex Example"}}, 0.5, "person", Decision.REVIEW),
    ({"tags": {0x8298: "© 2026 All rights reserved"}}, 0.5, "notice", Decision.REVIEW),
    ({"xmp": imaging.xmp_packet(dc_creator=["Alex Example"])}, 0.3, "creator", Decision.ACCEPT),
])
def test_rights_holders_are_told_apart(source, score, holder, decision):
    result = screen(imaging.jpeg(**source))
    finding = _codes(result)["CPR101"]
    assert finding.category.value == "copyright"
    assert (finding.score, finding.evidence_dict["holder"]) == (score, holder)
    assert result.decision is decision
    if holder == "agency":
        assert finding.evidence_dict["agency"] in ("Getty Images", "Reuters")
    else:
        assert finding.evidence_dict["hash"].startswith("sha256:")
        assert "Alex" not in json.dumps(result.to_dict())
        assert "Northwind" not in json.dumps(result.to_dict())


def test_short_agency_names_need_their_capitals():
    assert _codes(screen(imaging.jpeg(tags={0x8298: "© AFP"})))["CPR101"].score == 0.95
    assert _codes(screen(imaging.jpeg(tags={0x8298: "Anne Epa"})))["CPR101"].score == 0.5


@pytest.mark.parametrize("source, place", [
    ({"iptc": {92: "St Mary's Hospital, Ward 4"}}, "health"),
    ({"xmp": imaging.xmp_packet(Iptc4xmpCore_Location="Kita Sonnenschein")}, "childcare"),
    ({"iptc": {92: "Universitätsklinikum Eppendorf"}}, "health"),
    ({"xmp": imaging.xmp_packet(Iptc4xmpExt_Sublocation="Leisure Centre changing rooms")},
     "bathroom"),
])
def test_private_place_names(source, place):
    result = screen(imaging.jpeg(**source))
    finding = _codes(result)["PLC102"]
    assert finding.evidence_dict["place"] == place
    assert result.decision is Decision.REVIEW
    assert "Mary" not in json.dumps(result.to_dict())  # the keyword, never the name


@pytest.mark.parametrize("name", ["Market Square", "Hyde Park", "Spaceport Way", "Gymnich"])
def test_ordinary_place_names_are_not_flagged(name):
    assert "PLC102" not in _codes(screen(imaging.jpeg(iptc={92: name})))


def test_gps_inside_a_zone_names_the_zone_and_rejects():
    zones = parse_zones({"type": "Feature", "properties": {"name": "Clinic campus",
                                                           "kind": "health", "radius_m": 200},
                         "geometry": {"type": "Point", "coordinates": [-0.1195, 51.4987]}})
    inside = Screener(zones=zones).screen(imaging.jpeg(gps=POSITION))
    finding = _codes(inside)["PLC101"]
    assert finding.evidence_dict["zone"] == "Clinic campus" and finding.score == 1.0
    assert inside.decision is Decision.REJECT
    assert "51.49" not in json.dumps(inside.to_dict())
    outside = Screener(zones=zones).screen(imaging.jpeg(gps=(51.5074, -0.1657)))
    assert "PLC101" not in _codes(outside)


def test_unreadable_metadata_is_not_a_pass():
    result = screen(imaging.jpeg(xmp=imaging.billion_laughs_xmp()))
    assert _codes(result)["UNS004"].detector == "metadata"
    assert result.decision is Decision.REVIEW
