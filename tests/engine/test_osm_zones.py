"""vmscreen zones from-osm: an OSM extract the test writes itself becomes a zones file that
load_zones reads and a scan uses; kinds, names, geometries, --kinds, errors, whole-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path

import osmium
import pytest
from click.testing import CliRunner
from osmium.osm import mutable

from tests import imaging
from vmscreen.cli import main
from vmscreen.zones import Zone, load_zones

# Degrees of latitude per metre, near enough for 30 m and 500 m offsets.
DEG_PER_M = 1 / 111_195

HOSPITAL = [(13.400, 52.520), (13.410, 52.520), (13.410, 52.526), (13.400, 52.526)]
SCHOOL_OUTER = [(13.420, 52.520), (13.430, 52.520), (13.430, 52.526), (13.420, 52.526)]
SCHOOL_HOLE = [(13.424, 52.522), (13.426, 52.522), (13.426, 52.524), (13.424, 52.524)]
MILITARY = [(13.460, 52.520), (13.470, 52.520), (13.470, 52.525), (13.460, 52.525)]
PHARMACY = (13.440, 52.520)


def _write_extract(path: Path) -> None:
    """Nodes, then ways, then relations, each in id order, as OSM files have them."""
    rings = {10: HOSPITAL, 11: SCHOOL_OUTER, 12: SCHOOL_HOLE, 13: MILITARY}
    with osmium.SimpleWriter(str(path)) as writer:
        node_ids: dict[int, list[int]] = {}
        for way_id, ring in rings.items():
            node_ids[way_id] = [way_id * 10 + i for i in range(len(ring))]
            for node_id, location in zip(node_ids[way_id], ring, strict=True):
                writer.add_node(mutable.Node(id=node_id, location=location))
        # An open line: two nodes for a broken clinic relation, three for a "school" line.
        for node_id, location in [(150, (13.5, 52.5)), (151, (13.51, 52.5)),
                                  (160, (13.6, 52.5)), (161, (13.61, 52.5)),
                                  (162, (13.61, 52.51))]:
            writer.add_node(mutable.Node(id=node_id, location=location))
        points = [
            (300, PHARMACY, {"amenity": "pharmacy", "name": "Apotheke am Markt"}),
            (301, (13.445, 52.521), {"amenity": "toilets"}),
            (302, (13.450, 52.521), {"amenity": "cafe", "name": "Café Central"}),
            # Inside the hospital: the same kind adds nothing, a pharmacy is kept.
            (303, (13.405, 52.523), {"amenity": "hospital", "name": "Main entrance"}),
            (304, (13.401, 52.521), {"amenity": "pharmacy", "name": "Hospital pharmacy"}),
        ]
        for node_id, location, tags in points:
            writer.add_node(mutable.Node(id=node_id, location=location, tags=tags))

        def closed(way_id: int) -> list[int]:
            return [*node_ids[way_id], node_ids[way_id][0]]

        writer.add_way(mutable.Way(id=10, nodes=closed(10), tags={
            "amenity": "hospital", "name": "St. Mary's Hospital"}))
        writer.add_way(mutable.Way(id=11, nodes=closed(11)))
        writer.add_way(mutable.Way(id=12, nodes=closed(12)))
        writer.add_way(mutable.Way(id=13, nodes=closed(13), tags={"landuse": "military"}))
        writer.add_way(mutable.Way(id=15, nodes=[150, 151]))
        writer.add_way(mutable.Way(id=16, nodes=[160, 161, 162], tags={"amenity": "school"}))
        writer.add_relation(mutable.Relation(
            id=20, members=[("w", 11, "outer"), ("w", 12, "inner")],
            tags={"type": "multipolygon", "amenity": "school", "name": "Hill School"}))
        writer.add_relation(mutable.Relation(
            id=21, members=[("w", 15, "outer")],
            tags={"type": "multipolygon", "amenity": "clinic", "name": "Broken Clinic"}))


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("osm") / "region.osm.pbf"
    _write_extract(path)
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _build(extract: Path, output: Path, *more: str) -> dict[str, Zone]:
    code, out, err = _run("zones", "from-osm", str(extract), "--output", str(output), *more)
    assert code == 0, err
    assert out == "" and err.count("\n") == 1  # the one-line summary, on stderr
    return {zone.name: zone for zone in load_zones(output)}


def _north(lon_lat: tuple[float, float], metres: float) -> tuple[float, float]:
    """(lat, lon) ``metres`` north of a GeoJSON (lon, lat) position."""
    return lon_lat[1] + metres * DEG_PER_M, lon_lat[0]


def test_areas_and_nodes_become_named_zones_of_their_kind(extract, tmp_path):
    zones = _build(extract, tmp_path / "zones.geojson")

    assert {name: zone.kind for name, zone in zones.items()} == {
        "St. Mary's Hospital": "hospital",
        "Hill School": "school",
        "military (way 13)": "military",
        "Apotheke am Markt": "pharmacy",
        "Hospital pharmacy": "pharmacy",
        "toilets (node 301)": "toilets",
    }
    hospital, school = zones["St. Mary's Hospital"], zones["Hill School"]
    assert hospital.geometry is not None and hospital.geometry.geom_type == "Polygon"
    assert hospital.contains(52.523, 13.405)
    assert not hospital.contains(52.523, 13.415)
    assert school.contains(52.521, 13.421)
    assert not school.contains(52.523, 13.425)  # in the hole
    assert zones["military (way 13)"].contains(52.522, 13.465)

    pharmacy = zones["Apotheke am Markt"]
    assert pharmacy.centre == PHARMACY and pharmacy.radius_m == 50
    assert pharmacy.contains(*_north(PHARMACY, 30))
    assert not pharmacy.contains(*_north(PHARMACY, 500))


def test_the_file_carries_osm_ids_tags_and_attribution(extract, tmp_path):
    output = tmp_path / "zones.geojson"
    _build(extract, output)
    document = json.loads(output.read_text(encoding="utf-8"))

    assert "OpenStreetMap contributors" in document["attribution"]
    features = {f["id"]: f for f in document["features"]}
    assert set(features) == {"way/10", "relation/20", "way/13", "node/300", "node/301",
                             "node/304"}
    hospital = features["way/10"]["properties"]
    assert hospital["osm_id"] == "way/10" and hospital["osm_tag"] == "amenity=hospital"
    assert "radius_m" not in hospital
    assert features["node/301"]["properties"]["radius_m"] == 50
    assert "Café" not in output.read_text(encoding="utf-8")


def test_summary_counts_kinds_and_what_was_skipped(extract, tmp_path):
    output = tmp_path / "zones.geojson"
    _, _, err = _run("zones", "from-osm", str(extract), "-o", str(output))

    assert err.startswith(f"wrote 6 zones to {output} (3 areas, 3 points): hospital 1, "
                          "pharmacy 2, school 1, toilets 1, military 1")
    assert "; skipped 2 (broken geometry 1, way not closed 1)" in err
    assert "; left out 1 node inside an area of its kind" in err


def test_kinds_keeps_only_those_named(extract, tmp_path):
    zones = _build(extract, tmp_path / "zones.geojson", "--kinds", "pharmacy, military")
    assert sorted(zone.kind for zone in zones.values()) == ["military", "pharmacy", "pharmacy"]

    # The hospital's own node lies inside its area and is left out.
    zones = _build(extract, tmp_path / "zones.geojson", "--kinds", "hospital")
    assert set(zones) == {"St. Mary's Hospital"}


def test_a_photo_taken_inside_the_hospital_is_rejected(extract, tmp_path):
    output = tmp_path / "zones.geojson"
    _build(extract, output)
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "ward.jpg").write_bytes(imaging.jpeg(gps=(52.523, 13.405)))
    (photos / "hole.jpg").write_bytes(imaging.jpeg(gps=(52.523, 13.425)))

    code, out, _ = _run("scan", str(photos), "--zones", str(output), "--jobs", "1")

    records = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
    ward = {f["code"]: f for f in records["ward.jpg"]["findings"]}
    assert "PLC101" in ward and "St. Mary" in json.dumps(ward["PLC101"]["evidence"])
    assert records["ward.jpg"]["decision"] == "reject" and code == 1
    assert "PLC101" not in {f["code"] for f in records["hole.jpg"]["findings"]}


def test_the_output_is_replaced_whole_or_left_alone(extract, tmp_path):
    output = tmp_path / "zones.geojson"
    _build(extract, output)
    before = output.read_bytes()

    truncated = tmp_path / "cut.osm.pbf"
    truncated.write_bytes(extract.read_bytes()[:200])
    code, _, err = _run("zones", "from-osm", str(truncated), "-o", str(output))
    assert code == 2 and err.startswith("vmscreen: error: ") and err.count("\n") == 1
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut.osm.pbf", "zones.geojson"]

    _build(extract, output, "--kinds", "toilets")
    assert [zone.kind for zone in load_zones(output)] == ["toilets"]


@pytest.mark.parametrize(
    "source, output, message",
    [
        ("missing.osm.pbf", "zones.geojson", "no such file"),
        ("notes.txt", "zones.geojson", "is not an OSM extract"),
        ("text.osm.pbf", "zones.geojson", "is not an OSM extract"),
        ("{extract}", "{extract}", "is the extract itself"),
        ("{extract}", "{extract}/zones.geojson", "lies inside the extract"),
        ("{extract}", "{tmp}", "is a folder"),
        ("{extract}", "{tmp}/no/such/zones.geojson", "no such folder"),
        ("{extract}", "{tmp}/zones.geojson --kinds hospital,spa", "unknown kind 'spa'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(extract, tmp_path, source, output, message):
    (tmp_path / "notes.txt").write_text("shopping list\n")
    (tmp_path / "text.osm.pbf").write_text("<not>a pbf</not>\n")
    size = extract.stat().st_size

    def fill(text: str) -> list[str]:
        return [part.format(extract=extract, tmp=tmp_path) for part in text.split()]

    source_arg = fill(source)[0] if "{" in source else str(tmp_path / source)
    output_args = fill(output) if "{" in output else [str(tmp_path / output)]
    code, out, err = _run("zones", "from-osm", source_arg, "--output", *output_args)

    assert code == 2
    assert out == "" and err.count("\n") == 1 and err.startswith("vmscreen: error: ")
    assert message in err
    assert extract.stat().st_size == size
    assert not (tmp_path / "zones.geojson").exists()
