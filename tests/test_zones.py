"""Restricted zones from GeoJSON: polygons, multipolygons, circles; clear errors."""

from __future__ import annotations

import json
import math

import pytest

from vmscreen.zones import ZoneError, load_zones, parse_zones

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
