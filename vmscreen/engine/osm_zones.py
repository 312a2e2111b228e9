"""Restricted zones from an OpenStreetMap extract: ``vmscreen zones from-osm``.

The extract is read with pyosmium, twice (its area handler first collects the multipolygon
relations, then assembles them and the closed ways into areas). A place mapped as an area
becomes a Polygon or MultiPolygon; one mapped as a node, a Point with a radius for its kind
(vmscreen.rules.osm_tags). A node inside an area of the same kind adds nothing and is left out.
An area libosmium cannot assemble (a ring that does not close, a node missing from the
extract), or a way that is not closed, is skipped and counted.

The output is the GeoJSON ``vmscreen scan --zones`` reads, one feature a line, with the OSM id
and the tag that made each zone. It is written whole or not at all (a temporary file beside
it, renamed over it), never over or inside the extract. OpenStreetMap data is under the ODbL:
the file carries its attribution.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import osmium
import shapely
import shapely.wkb
from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.strtree import STRtree

from vmscreen.engine.writing import new_file_mode
from vmscreen.rules.osm_tags import KEYS, KINDS, RADIUS_M, match_tags
from vmscreen.zones import MAX_FILE_BYTES

ATTRIBUTION = "© OpenStreetMap contributors, under the ODbL 1.0 (openstreetmap.org/copyright)"
# libosmium guesses a format from the file name; these are the names it knows.
_OSM_SUFFIXES = (".osm", ".osm.gz", ".osm.bz2", ".pbf", ".o5m", ".opl")
# A PBF file starts with the length of its first block header, then that header's type.
_PBF_MAGIC = b"OSMHeader"

# Why a feature was skipped, as the summary says it.
BROKEN = "broken geometry"
LINE = "way not closed"
NOT_MULTIPOLYGON = "relation not a multipolygon"
NO_LOCATION = "node without a location"


class OsmZonesError(ValueError):
    """The extract cannot be read or the output cannot be written: one line says why."""


@dataclass(frozen=True)
class ZonesBuilt:
    """What ``build_zones`` wrote: zones per kind, areas and points, and what it skipped."""

    output: Path
    counts: tuple[tuple[str, int], ...]   # (kind, zones), in KINDS order, kinds with zones
    areas: int
    points: int
    skipped: tuple[tuple[str, int], ...]  # (reason, features)
    repaired: int                         # invalid areas made valid (self-intersections)
    merged: int                           # nodes left out: inside an area of their kind

    def summary(self, shown_output: str) -> str:
        total = self.areas + self.points
        kinds = ", ".join(f"{kind} {count}" for kind, count in self.counts) or "none"
        line = (f"wrote {_count(total, 'zone')} to {shown_output} ("
                f"{_count(self.areas, 'area')}, {_count(self.points, 'point')}): {kinds}")
        skipped = sum(count for _, count in self.skipped)
        why = ", ".join(f"{reason} {count}" for reason, count in self.skipped)
        line += f"; skipped {skipped}" + (f" ({why})" if why else "")
        if self.repaired:
            line += f"; repaired {self.repaired} invalid area(s)"
        if self.merged == 1:
            line += "; left out 1 node inside an area of its kind"
        elif self.merged:
            line += f"; left out {self.merged} nodes inside areas of their kind"
        return line


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def parse_kinds(text: str) -> frozenset[str]:
    """The kinds named in a comma-separated list ("hospital,school")."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in KINDS]
    if unknown or not names:
        shown = f"unknown kind {unknown[0]!r}" if unknown else "no kinds given"
        raise OsmZonesError(f"--kinds: {shown}; choose from {','.join(KINDS)}")
    return frozenset(names)


@dataclass(frozen=True)
class _Zone:
    kind: str
    tag: str
    name: str
    osm_id: str  # "way/123", OSM's usual notation
    geometry: BaseGeometry  # a Polygon or MultiPolygon, or the Point of a node

    @property
    def is_point(self) -> bool:
        return isinstance(self.geometry, Point)

    def feature(self) -> dict[str, Any]:
        properties: dict[str, Any] = {"name": self.name, "kind": self.kind,
                                      "osm_id": self.osm_id, "osm_tag": self.tag}
        if self.is_point:
            properties["radius_m"] = RADIUS_M[self.kind]
        return {"type": "Feature", "id": self.osm_id, "properties": properties,
                "geometry": mapping(self.geometry)}


def _osm_format(source: Path) -> str:
    """The libosmium format to read ``source`` as ("" to go by its name), or OsmZonesError
    when it is plainly not an OSM file (so libosmium never reports on a text file)."""
    if not source.exists():
        raise OsmZonesError(f"no such file: {source}")
    if source.is_dir():
        raise OsmZonesError(f"{source} is a folder, not an OSM extract (.osm.pbf)")
    try:
        with source.open("rb") as stream:
            head = stream.read(32)
    except OSError as exc:
        raise OsmZonesError(f"cannot read {source}: {exc.strerror or exc}") from None
    if _PBF_MAGIC in head:
        return "pbf"
    name = source.name.lower()
    if name.endswith(_OSM_SUFFIXES) and not name.endswith(".pbf"):
        return ""  # OSM XML and friends: libosmium reports what is wrong with them
    raise OsmZonesError(f"{source} is not an OSM extract: it does not start like an .osm.pbf "
                        "file")


def _check_output(source: Path, output: Path) -> None:
    """Never write over or inside the extract, nor over a folder."""
    src, out = source.resolve(), output.resolve()
    if out == src or (output.exists() and os.path.samefile(source, output)):
        raise OsmZonesError(f"--output {output} is the extract itself: name another file")
    if src in out.parents:
        raise OsmZonesError(f"--output {output} lies inside the extract {source}")
    if output.is_dir():
        raise OsmZonesError(f"--output {output} is a folder: name a file in it")
    if not out.parent.is_dir():
        raise OsmZonesError(f"--output {output}: no such folder {output.parent}")


def _rounded(geometry: BaseGeometry) -> BaseGeometry:
    # OSM stores degrees to 7 decimals; rounding drops the noise of the conversion to floats.
    return shapely.transform(geometry, lambda xy: np.round(xy, 7))


def _polygonal(geometry: BaseGeometry) -> tuple[BaseGeometry | None, bool]:
    """A valid Polygon or MultiPolygon (rings wound as GeoJSON asks) and whether it had to be
    repaired; None when nothing of an area is left."""
    geometry = _rounded(geometry)
    repaired = False
    if not geometry.is_valid:
        repaired = True
        geometry = _rounded(shapely.make_valid(geometry))
    # make_valid may return a collection with lines or points beside the polygons.
    parts = [orient(p, 1.0) for p in shapely.get_parts(shapely.get_parts(geometry))
             if isinstance(p, Polygon) and not p.is_empty]
    if not parts:
        return None, repaired
    result: BaseGeometry = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return (result, repaired) if result.is_valid else (None, repaired)


def _name(tags: dict[str, str], kind: str, osm_id: str) -> str:
    name = " ".join(tags.get("name", "").split())
    return name or f"{kind} ({osm_id.replace('/', ' ')})"


def _objects(processor: osmium.FileProcessor, source: Path) -> Iterator[Any]:
    """The processor's objects; libosmium's read errors become one-line OsmZonesErrors."""
    try:
        yield from processor
    except RuntimeError as exc:
        reason = " ".join(str(exc).split())
        raise OsmZonesError(f"{source} is not a readable OSM extract: {reason}") from None


@dataclass(frozen=True)
class _Reading:
    zones: tuple[_Zone, ...]
    skipped: Counter[str]
    repaired: int


def _read(source: Path, fmt: str, kinds: frozenset[str]) -> _Reading:
    # Only objects with a key some rule looks at go further (the filters run in libosmium);
    # the area handler still sees every way and node location it needs.
    processor = (osmium.FileProcessor(osmium.io.File(str(source), fmt))
                 .with_areas(osmium.filter.KeyFilter(*KEYS))
                 .with_filter(osmium.filter.KeyFilter(*KEYS)))
    factory = osmium.geom.WKBFactory()
    zones: list[_Zone] = []
    skipped: Counter[str] = Counter()
    expected: set[str] = set()   # the ways and relations that should have become areas
    assembled: set[str] = set()  # those that did
    repaired = 0
    for obj in _objects(processor, source):
        tags = dict(obj.tags)
        match = match_tags(tags)
        if match is None or match.kind not in kinds:
            continue
        if obj.is_node():
            osm_id = f"node/{obj.id}"
            if not obj.location.valid():
                skipped[NO_LOCATION] += 1
                continue
            point = Point(round(obj.location.lon, 7), round(obj.location.lat, 7))
            zones.append(_Zone(match.kind, match.tag, _name(tags, match.kind, osm_id), osm_id,
                               point))
        elif obj.is_way():
            if obj.is_closed() and len(obj.nodes) >= 4:
                expected.add(f"way/{obj.id}")
            else:
                skipped[LINE] += 1
        elif obj.is_relation():
            if tags.get("type") in ("multipolygon", "boundary"):
                expected.add(f"relation/{obj.id}")
            else:  # a site or route relation has no area of its own
                skipped[NOT_MULTIPOLYGON] += 1
        elif obj.is_area():
            osm_id = f"{'way' if obj.from_way() else 'relation'}/{obj.orig_id()}"
            assembled.add(osm_id)
            try:
                raw = shapely.wkb.loads(factory.create_multipolygon(obj), hex=True)
            except RuntimeError:  # libosmium marks an area it could not assemble as invalid
                skipped[BROKEN] += 1
                continue
            geometry, fixed = _polygonal(raw)
            if geometry is None:
                skipped[BROKEN] += 1
                continue
            repaired += fixed
            zones.append(_Zone(match.kind, match.tag, _name(tags, match.kind, osm_id), osm_id,
                               geometry))
    # Rings that never closed, or nodes missing from the extract: no area object at all.
    skipped[BROKEN] += len(expected - assembled)
    return _Reading(tuple(zones), +skipped, repaired)


def _without_covered_nodes(zones: Iterable[_Zone]) -> tuple[list[_Zone], int]:
    """The zones less the nodes that lie inside an area of their own kind."""
    zones = list(zones)
    areas = [z for z in zones if not z.is_point]
    if not areas:
        return zones, 0
    tree = STRtree([z.geometry for z in areas])
    kept: list[_Zone] = []
    for zone in zones:
        if zone.is_point and any(areas[i].kind == zone.kind
                                 and areas[i].geometry.covers(zone.geometry)
                                 for i in tree.query(zone.geometry)):
            continue
        kept.append(zone)
    return kept, len(zones) - len(kept)


def _document(zones: Iterable[_Zone]) -> bytes:
    # One feature a line: a zones file kept under version control diffs by place.
    lines = ",\n".join(json.dumps(z.feature(), ensure_ascii=False, separators=(",", ":"))
                       for z in zones)
    head = json.dumps({"type": "FeatureCollection", "attribution": ATTRIBUTION},
                      ensure_ascii=False)[:-1]
    return f'{head}, "features": [\n{lines}\n]}}\n'.encode()


def _order(zone: _Zone) -> tuple[int, int, str, int]:
    kind, _, number = zone.osm_id.partition("/")
    return KINDS.index(zone.kind), zone.is_point, kind, int(number)


def build_zones(source: Path, output: Path, kinds: frozenset[str] = frozenset(KINDS)
                ) -> ZonesBuilt:
    """Read the OSM extract ``source`` and write the restricted zones of ``kinds`` to
    ``output`` as GeoJSON. Any problem with either file is an OsmZonesError."""
    fmt = _osm_format(source)
    _check_output(source, output)
    # The temporary file first: an output that cannot be written fails before a long read.
    try:
        handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.",
                                             suffix=".tmp")
    except OSError as exc:
        raise OsmZonesError(f"cannot write --output {output}: {exc.strerror or exc}") from None
    stream = os.fdopen(handle, "wb")
    try:
        with stream:
            reading = _read(source, fmt, kinds)
            zones, merged = _without_covered_nodes(reading.zones)
            zones.sort(key=_order)
            data = _document(zones)
            if len(data) > MAX_FILE_BYTES:
                raise OsmZonesError(
                    f"the zones come to {len(data) / 2**20:.0f} MB, more than the "
                    f"{MAX_FILE_BYTES // 2**20} MB vmscreen reads from a zones file: choose "
                    "fewer --kinds or a smaller extract")
            try:
                stream.write(data)
                stream.close()
                os.chmod(temporary, new_file_mode())  # mkstemp's 0600 would hide it
                os.replace(temporary, output)
            except OSError as exc:
                raise OsmZonesError(f"cannot write --output {output}: "
                                    f"{exc.strerror or exc}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    counts = Counter(z.kind for z in zones)
    points = sum(z.is_point for z in zones)
    return ZonesBuilt(output=output,
                      counts=tuple((k, counts[k]) for k in KINDS if counts[k]),
                      areas=len(zones) - points, points=points,
                      skipped=tuple(sorted(reading.skipped.items())),
                      repaired=reading.repaired, merged=merged)
