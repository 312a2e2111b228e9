"""Restricted zones from GeoJSON: polygons, multipolygons, circles; clear errors."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vmscreen.zones import Zone, ZoneError, load_zones, parse_zones

SQUARE = [[[13.0, 52.0], [13.1, 52.0], [13.1, 52.1], [13.0, 52.1], [13.0, 52.0]]]


def _feature(geometry, **properties):
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _north_of(lat, lon, metres):
    return lat + metres / 111_195.0, lon  # one degree of latitude is ~111.2 km everywhere


def test_polygon_and_multipolygon():
    zones = parse_zones({"type": "FeatureCollection", "features": [
        _feature({"type": "Polygon", "coordinates": SQUARE}, name="square", kind="health"),
        _feature({"type": "MultiPolygon", "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
            [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]],
        ]}, name="two parts"),
    ]})
    square, parts = zones
    assert (square.name, square.kind) == ("square", "health")
    assert square.contains(52.05, 13.05) and not square.contains(52.05, 13.2)
    assert parts.contains(10.5, 10.5) and parts.contains(0.5, 0.5) and not parts.contains(5, 5)
    assert parts.kind == "restricted"


@pytest.mark.parametrize("latitude", [0.0, 51.5, 69.6])
def test_point_radius_is_metres_at_any_latitude(latitude):
    (zone,) = parse_zones(_feature({"type": "Point", "coordinates": [20.0, latitude]},
                                   name="nursery", radius_m=200))
    assert zone.contains(*_north_of(latitude, 20.0, 150))
    assert not zone.contains(*_north_of(latitude, 20.0, 250))
    east = 150 / (111_195.0 * math.cos(math.radians(latitude)))
    assert zone.contains(latitude, 20.0 + east)


def test_load_from_file(tmp_path):
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps(_feature({"type": "Polygon", "coordinates": SQUARE}, name="a")))
    assert load_zones(path)[0].name == "a"


@pytest.mark.parametrize("document, message", [
    (_feature({"type": "Point", "coordinates": [1, 2]}, name="p"), "positive radius_m"),
    (_feature({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}), "not supported"),
    (_feature({"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [200, 1], [0, 0]]]}),
     "out of range"),
    (_feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}),
     "invalid polygon"),
    ({"type": "Topology"}, "unsupported GeoJSON type"),
])
def test_bad_zones_say_what_is_wrong(document, message):
    with pytest.raises(ZoneError, match=message):
        parse_zones(document)


def test_bad_file(tmp_path):
    path = tmp_path / "zones.geojson"
    path.write_text("{oops")
    with pytest.raises(ZoneError, match="not valid JSON"):
        load_zones(path)
    with pytest.raises(ZoneError, match="cannot read"):
        load_zones(tmp_path / "missing.geojson")


# Malformed input: every case is a ZoneError whose one line names the place and the problem.

def _point(coordinates, **properties):
    return _feature({"type": "Point", "coordinates": coordinates}, **properties)


def _polygon(coordinates, **properties):
    return _feature({"type": "Polygon", "coordinates": coordinates}, **properties)


def _collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


NAN, INF = float("nan"), float("inf")
GOOD = _point([13.4, 52.5], name="ok", radius_m=100)


@pytest.mark.parametrize("document, place, problem", [
    # the document and its features
    ([GOOD], "zones", "must be a GeoJSON object"),
    ({"type": 5}, "unsupported GeoJSON type", "the number 5"),
    ({"type": "FeatureCollection", "features": 5}, "FeatureCollection", "features list"),
    ({"type": "FeatureCollection", "features": [1, 2]}, "feature 1", "Feature object"),
    (_collection(GOOD, "zone"), "feature 2", "Feature object"),
    (_collection(GOOD, {"type": "Feature", "properties": {}}), "feature 2", "geometry object"),
    (_collection(GOOD, {**GOOD, "properties": [1]}), "feature 2", "properties object"),
    (_point([1, 2], name=["a"], radius_m=5), "feature 1", "name must be a string"),
    (_point([1, 2], name="p", kind=7, radius_m=5), "feature 1", "kind must be a string"),
    (_feature({"type": ["Polygon"]}, name="g"), "feature 1 (g)", "geometry type (an array)"),
    # Point coordinates
    (_point(["abc", 1], name="p", radius_m=5), "feature 1 (p): coordinates",
     "longitude must be a finite number, not the string 'abc'"),
    (_point([1, True], name="p", radius_m=5), "feature 1 (p): coordinates", "latitude must be"),
    (_point([NAN, 1], name="p", radius_m=5), "feature 1 (p): coordinates", "longitude must be"),
    (_point([1, INF], name="p", radius_m=5), "feature 1 (p): coordinates", "latitude must be"),
    (_point([1, 2, NAN], name="p", radius_m=5), "feature 1 (p): coordinates", "altitude must"),
    (_point([10**400, 1], name="p", radius_m=5), "feature 1 (p)", "longitude must be"),
    (_point([181, 1], name="p", radius_m=5), "feature 1 (p)", "longitude 181 is out of range"),
    (_point([-180.5, 1], name="p", radius_m=5), "feature 1 (p)", "out of range -180..180"),
    (_point([1, 90.01], name="p", radius_m=5), "feature 1 (p)", "latitude 90.01 is out of"),
    (_point([1, -91], name="p", radius_m=5), "feature 1 (p)", "out of range -90..90"),
    (_point([1], name="p", radius_m=5), "feature 1 (p): coordinates", "not 1 values"),
    (_point([1, 2, 3, 4], name="p", radius_m=5), "feature 1 (p): coordinates", "[longitude,"),
    (_point("1,2", name="p", radius_m=5), "feature 1 (p): coordinates", "a position must be"),
    # Point radius
    (_point([1, 2], name="p"), "feature 1 (p)", "needs a positive radius_m"),
    (_point([1, 2], name="p", radius_m=NAN), "feature 1 (p)", "radius_m must be a finite"),
    (_point([1, 2], name="p", radius_m=INF), "feature 1 (p)", "radius_m must be a finite"),
    (_point([1, 2], name="p", radius_m=-INF), "feature 1 (p)", "radius_m must be a finite"),
    (_point([1, 2], name="p", radius_m=-5), "feature 1 (p)", "above 0"),
    (_point([1, 2], name="p", radius_m=0), "feature 1 (p)", "above 0"),
    (_point([1, 2], name="p", radius_m=True), "feature 1 (p)", "not true"),
    (_point([1, 2], name="p", radius_m="100"), "feature 1 (p)", "not the string '100'"),
    (_point([1, 2], name="p", radius_m=1_000_001), "feature 1 (p)", "at most 1,000,000"),
    (_point([1, 2], name="p", radius_m=10**5000), "feature 1 (p)", "a number of many digits"),
    # Polygons
    (_polygon(5, name="q"), "feature 1 (q): coordinates", "must be an array of rings"),
    (_polygon([], name="q"), "feature 1 (q): coordinates", "array of rings is empty"),
    (_polygon([5], name="q"), "feature 1 (q): ring 1", "array of positions"),
    (_polygon([[[0, 0], [1, 0], [1, 1], [0, 1]]], name="q"), "feature 1 (q): ring 1",
     "not closed"),
    (_polygon([[[0, 0], [1, 0], [0, 0]]], name="q"), "feature 1 (q): ring 1",
     "at least 4 positions"),
    (_polygon([[[0, 0], [1, 0], ["1", 1], [0, 0]]], name="q"),
     "feature 1 (q): ring 1, position 3", "longitude must be a finite number"),
    (_polygon([SQUARE[0], [[0, 0], [1, 0], [1, NAN], [0, 0]]], name="q"),
     "feature 1 (q): ring 2, position 3", "latitude must be a finite number"),
    (_polygon([[[0, 0], [1, 0], [1, 95], [0, 0]]], name="q"),
     "feature 1 (q): ring 1, position 3", "latitude 95 is out of range"),
    (_feature({"type": "MultiPolygon", "coordinates": {}}, name="m"),
     "feature 1 (m): coordinates", "array of polygons"),
    (_feature({"type": "MultiPolygon", "coordinates": [SQUARE, 5]}, name="m"),
     "feature 1 (m): polygon 2", "array of rings"),
    (_feature({"type": "MultiPolygon", "coordinates": [SQUARE, [[[0, 0], [1, 0], [1, 1]]]]},
              name="m"), "feature 1 (m): polygon 2, ring 1", "at least 4 positions"),
    (_collection(GOOD, _polygon([[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]], name="bow\ntie")),
     "feature 2 (bow tie)", "invalid polygon: Self-intersection"),
])
def test_malformed_zones_name_the_place(document, place, problem):
    with pytest.raises(ZoneError) as caught:
        parse_zones(document)
    message = str(caught.value)
    assert place in message and problem in message, message
    assert "\n" not in message


def test_nan_radius_is_refused_and_a_valid_zone_still_matches(tmp_path):
    path = tmp_path / "zones.geojson"
    # Python's json reads NaN; such a zone would never match, so a photo inside it would pass.
    path.write_text('{"type": "Feature", "properties": {"name": "clinic", "radius_m": NaN},'
                    ' "geometry": {"type": "Point", "coordinates": [13.4, 52.5]}}')
    with pytest.raises(ZoneError, match=r"zones.geojson: feature 1 \(clinic\): radius_m"):
        load_zones(path)
    path.write_text(path.read_text().replace("NaN", "200"))
    (zone,) = load_zones(path)
    assert zone.contains(*_north_of(52.5, 13.4, 150))
    assert not zone.contains(*_north_of(52.5, 13.4, 250))


def test_altitude_is_allowed_and_dropped():
    (zone,) = parse_zones(_point([13.4, 52.5, 34.0], name="p", radius_m=200))
    assert zone.centre == (13.4, 52.5)
    (square,) = parse_zones(_polygon([[[*p, 10] for p in SQUARE[0]]]))
    assert square.contains(52.05, 13.05)


def test_zones_built_in_code_are_checked_too():
    with pytest.raises(ZoneError, match="radius_m"):
        Zone(name="x", kind="health", centre=(1.0, 2.0), radius_m=NAN)
    with pytest.raises(ZoneError, match="out of range"):
        Zone(name="x", kind="health", centre=(1.0, 200.0), radius_m=10.0)


@pytest.mark.parametrize("content, problem", [
    (b"\xff\xfe{}", "is not UTF-8 text (byte 0xff at offset 0)"),
    (b"\x89PNG\r\n\x1a\n", "is not UTF-8 text"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"a": ' * 100_000, "nested too deeply"),
    (b"9" * 5000, "not valid JSON"),  # past Python's limit on digits in an integer
    (b"", "not valid JSON"),
    (b'{"type": "Feature", "properties": {"radius_m": Infinity, "name": "p"}, '
     b'"geometry": {"type": "Point", "coordinates": [1, 2]}}', "feature 1 (p): radius_m"),
    (b'{"type": "FeatureCollection", "features": [1, 2]}', "feature 1: must be"),
])
def test_malformed_zones_files_name_the_file(tmp_path, content, problem):
    path = tmp_path / "zones.geojson"
    path.write_bytes(content)
    with pytest.raises(ZoneError) as caught:
        load_zones(path)
    message = str(caught.value)
    assert str(path) in message and problem in message, message
    assert "\n" not in message


def test_zones_file_size_is_capped(tmp_path, monkeypatch):
    import vmscreen.zones

    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps(GOOD))
    assert load_zones(path)
    monkeypatch.setattr(vmscreen.zones, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path.write_text(json.dumps(GOOD) + " " * (2 * 1024 * 1024))
    with pytest.raises(ZoneError, match=f"{path} is larger than 2 MB"):
        load_zones(path)
    assert vmscreen.zones.MAX_FILE_BYTES // 2**20 == 2


def test_zones_path_that_is_a_directory_or_unreadable(tmp_path, monkeypatch):
    with pytest.raises(ZoneError, match=f"cannot read zones file {tmp_path}: Is a directory"):
        load_zones(tmp_path)
    with pytest.raises(ZoneError, match="cannot read zones file"):
        load_zones(tmp_path / "bad\x00name.geojson")
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps(GOOD))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)  # chmod does not stop root
    with pytest.raises(ZoneError, match=f"cannot read zones file {path}: Permission denied"):
        load_zones(path)


# Random input: only ZoneError (or zones) may come out, never TypeError, ValueError, ...

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
            | st.text(max_size=12) | st.sampled_from([NAN, INF, -INF, 10**400, 181, -91, 0]))
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=5),
    max_leaves=40,
)
_NUMBER = st.floats(-200, 200) | st.integers(-200, 200) | _SCALARS
_POSITION = st.lists(_NUMBER, min_size=0, max_size=4) | _JSON
# Closed rings of small coordinates: valid polygons, and self-intersecting or degenerate ones.
_CLOSED_RING = st.lists(st.lists(st.integers(-3, 3), min_size=2, max_size=2), min_size=3,
                        max_size=6).map(lambda ring: [*ring, ring[0]])
_RING = _CLOSED_RING | st.lists(_POSITION, max_size=6) | _JSON
_GEOMETRY = st.fixed_dictionaries({
    "type": st.sampled_from(["Point", "Polygon", "MultiPolygon", "LineString"]) | _JSON,
    "coordinates": _POSITION | st.lists(_RING, min_size=1, max_size=3)
    | st.lists(st.lists(_RING, max_size=3), max_size=3) | _JSON,
})
_POLYGONAL = st.fixed_dictionaries({
    "type": st.just("Polygon"), "coordinates": st.lists(_CLOSED_RING, min_size=1, max_size=3),
}) | st.fixed_dictionaries({
    "type": st.just("MultiPolygon"),
    "coordinates": st.lists(st.lists(_CLOSED_RING, min_size=1, max_size=2), min_size=1,
                            max_size=3),
})
_PROPERTIES = st.fixed_dictionaries({}, optional={
    "name": st.text(max_size=12) | _JSON, "kind": st.text(max_size=12) | _JSON,
    "radius_m": _NUMBER | _JSON,
}) | _JSON
_FEATURE = st.fixed_dictionaries({
    "type": st.just("Feature"), "geometry": _POLYGONAL | _GEOMETRY | _JSON,
    "properties": _PROPERTIES,
}) | _JSON
_DOCUMENT = (
    _JSON
    | _POLYGONAL
    | _GEOMETRY
    | _FEATURE
    | st.fixed_dictionaries({"type": st.just("FeatureCollection"),
                             "features": st.lists(_FEATURE, max_size=4) | _JSON})
)


@settings(max_examples=200, deadline=None)
@given(_DOCUMENT)
def test_random_documents_give_zones_or_a_zone_error(document):
    try:
        zones = parse_zones(document)
    except ZoneError as exc:
        assert "\n" not in str(exc)
    else:
        for zone in zones:
            assert zone.contains(0.0, 0.0) in (True, False)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.builds(json.dumps, _DOCUMENT).map(str.encode))
def test_random_files_give_zones_or_a_zone_error(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("zones") / "zones.geojson"
    path.write_bytes(content)
    try:
        load_zones(path)
    except ZoneError as exc:
        assert str(path) in str(exc)
