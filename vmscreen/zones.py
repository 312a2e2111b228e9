"""Restricted zones from GeoJSON: Polygons, MultiPolygons, and Points with a ``radius_m``.

Coordinates follow GeoJSON (longitude, latitude). A point zone is a circle measured on the
sphere, so a 200 m radius means 200 m at any latitude.

Loading is strict, since a zone that silently never matches lets a photo taken inside it pass:
every position is two (or three, with altitude) finite numbers within -180..180 and -90..90,
rings are closed with at least 4 positions, a radius is a finite number of metres in
(0, 1,000 km]. ``name`` and ``kind`` are strings (missing, null or empty: a default). Any
problem is a ZoneError whose one line names the feature (counted from 1) and what is wrong.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from vmscreen.setup_files import describe, read_text

_EARTH_RADIUS_M = 6_371_008.8
# A point zone is a site (a clinic, a school). A bigger circle is a unit slip (feet, or a
# zero too many), and from ~20,000 km a circle covers the whole Earth and flags every photo.
MAX_RADIUS_M = 1_000_000.0
# National boundaries at fine detail are a few MB; far more is the wrong file, and every
# worker holds the zones in memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


class ZoneError(ValueError):
    """A zones file that cannot be used. The message names the feature and the problem."""


@dataclass(frozen=True)
class Zone:
    name: str
    kind: str
    geometry: BaseGeometry | None = None
    centre: tuple[float, float] | None = None  # (lon, lat) of a point zone
    radius_m: float | None = None

    def __post_init__(self) -> None:
        # A NaN radius or centre would never match: refuse it here too, for zones built in code.
        if self.centre is None and self.geometry is None:
            raise ZoneError(f"zone {self.name}: needs a geometry or a centre and radius_m")
        if self.centre is not None:
            _check_radius(self.radius_m, f"zone {self.name}")
            _position(self.centre, f"zone {self.name}: centre")

    def contains(self, latitude: float, longitude: float) -> bool:
        if self.centre is not None and self.radius_m is not None:
            return _haversine_m(self.centre, (longitude, latitude)) <= self.radius_m
        assert self.geometry is not None
        return bool(self.geometry.covers(Point(longitude, latitude)))


def _haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _what(value: Any) -> str:
    return describe(value, table="an object")


def _number(value: Any) -> float | None:
    """A finite float from a JSON number (not a bool); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        result = float(value)
    except OverflowError:  # an integer beyond any float
        return None
    return result if math.isfinite(result) else None


def _check_radius(radius: Any, where: str) -> float:
    value = _number(radius)
    if value is None or not 0 < value <= MAX_RADIUS_M:
        raise ZoneError(
            f"{where}: radius_m must be a finite number of metres above 0 and at most "
            f"{MAX_RADIUS_M:,.0f}, not {_what(radius)}"
        )
    return value


def _position(value: Any, where: str) -> tuple[float, float]:
    """(lon, lat) of a GeoJSON position; an altitude, if any, is checked and dropped."""
    if not isinstance(value, (list, tuple)) or len(value) not in (2, 3):
        got = f"{len(value)} values" if isinstance(value, (list, tuple)) else _what(value)
        raise ZoneError(f"{where}: a position must be [longitude, latitude] or [longitude, "
                        f"latitude, altitude], not {got}")
    numbers = []
    for axis, item in zip(("longitude", "latitude", "altitude"), value, strict=False):
        number = _number(item)
        if number is None:
            raise ZoneError(f"{where}: {axis} must be a finite number, not {_what(item)}")
        numbers.append(number)
    lon, lat = numbers[0], numbers[1]
    if not -180 <= lon <= 180:
        raise ZoneError(f"{where}: longitude {lon:g} is out of range -180..180 (a GeoJSON "
                        "position is [longitude, latitude])")
    if not -90 <= lat <= 90:
        raise ZoneError(f"{where}: latitude {lat:g} is out of range -90..90 (a GeoJSON "
                        "position is [longitude, latitude])")
    return lon, lat


def _array(value: Any, where: str, items: str) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise ZoneError(f"{where}: must be an array of {items}, not {_what(value)}")
    if not value:
        raise ZoneError(f"{where}: the array of {items} is empty")
    return value


def _ring(value: Any, where: str) -> list[tuple[float, float]]:
    positions = _array(value, where, "positions")
    ring = [_position(p, f"{where}, position {i}") for i, p in enumerate(positions, 1)]
    if len(ring) < 4:
        raise ZoneError(f"{where}: a ring needs at least 4 positions, the last repeating the "
                        f"first; it has {len(ring)}")
    if ring[0] != ring[-1]:
        raise ZoneError(f"{where}: the ring is not closed: its last position must repeat the "
                        "first")
    return ring


def _polygon(value: Any, where: str, part: int | None = None) -> Polygon:
    """``part`` numbers the polygon within a MultiPolygon, for the message."""
    rings = _array(value, f"{where}: " + ("coordinates" if part is None else f"polygon {part}"),
                   "rings")
    inside = "" if part is None else f"polygon {part}, "
    checked = [_ring(r, f"{where}: {inside}ring {i}") for i, r in enumerate(rings, 1)]
    return Polygon(checked[0], checked[1:])


def _label(name: str) -> str:
    # A name goes into a one-line message: no line breaks, not endless.
    flat = " ".join(name.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _text(props: Mapping[str, Any], key: str, default: str, where: str) -> str:
    value = props.get(key)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise ZoneError(f"{where}: {key} must be a string, not {_what(value)}")
    return value


def _zone(feature: Any, number: int) -> Zone:
    where = f"feature {number}"
    if not isinstance(feature, Mapping):
        raise ZoneError(f"{where}: must be a GeoJSON Feature object, not {_what(feature)}")
    geometry = feature.get("geometry")
    props = feature.get("properties")
    props = {} if props is None else props
    if not isinstance(geometry, Mapping) or not isinstance(props, Mapping):
        raise ZoneError(f"{where}: needs a geometry object and a properties object")
    name = _text(props, "name", f"zone {number}", where)
    kind = _text(props, "kind", "restricted", where)
    where = f"{where} ({_label(name)})"
    gtype = geometry.get("type")
    coords = geometry.get("coordinates")
    if gtype == "Point":
        if "radius_m" not in props:
            raise ZoneError(f"{where}: a Point zone needs a positive radius_m (metres) in its "
                            "properties")
        radius = _check_radius(props["radius_m"], where)
        centre = _position(coords, f"{where}: coordinates")
        return Zone(name=name, kind=kind, centre=centre, radius_m=radius)
    if gtype == "Polygon":
        geom: BaseGeometry = _polygon(coords, where)
    elif gtype == "MultiPolygon":
        parts = _array(coords, f"{where}: coordinates", "polygons")
        geom = MultiPolygon([_polygon(p, where, i) for i, p in enumerate(parts, 1)])
    else:
        shown = repr(gtype[:40]) if isinstance(gtype, str) else f"({_what(gtype)})"
        raise ZoneError(
            f"{where}: geometry type {shown} is not supported; "
            "use Polygon, MultiPolygon, or Point with radius_m"
        )
    try:
        valid = geom.is_valid
        reason = "" if valid else explain_validity(geom)
    except Exception as exc:  # noqa: BLE001 - GEOS raises several types on odd input
        valid, reason = False, str(exc)
    if geom.is_empty or not valid:
        raise ZoneError(f"{where}: invalid polygon: {' '.join(reason.split())}")
    return Zone(name=name, kind=kind, geometry=geom)


def parse_zones(document: Any) -> tuple[Zone, ...]:
    """Zones from a GeoJSON FeatureCollection, a Feature, or a bare geometry."""
    if not isinstance(document, Mapping):
        raise ZoneError(f"zones must be a GeoJSON object, not {_what(document)}")
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, (list, tuple)):
            raise ZoneError(f"FeatureCollection has no features list (features is "
                            f"{_what(features)})")
    elif kind == "Feature":
        features = [document]
    elif kind in ("Polygon", "MultiPolygon", "Point"):
        features = [{"type": "Feature", "geometry": document, "properties": {}}]
    else:
        shown = repr(kind[:40]) if isinstance(kind, str) else f"({_what(kind)})"
        raise ZoneError(f"unsupported GeoJSON type {shown}: use a FeatureCollection, a Feature "
                        "or a Polygon, MultiPolygon or Point")
    return tuple(_zone(feature, i) for i, feature in enumerate(features, 1))


def load_zones(path: str | Path) -> tuple[Zone, ...]:
    text = read_text(Path(path), MAX_FILE_BYTES, name="zones file", error=ZoneError,
                     too_large=f"{MAX_FILE_BYTES // 2**20} MB: simplify or split the zones",
                     kind="GeoJSON")
    try:
        document = json.loads(text)
    except RecursionError:
        raise ZoneError(f"zones file {path} is nested too deeply to be GeoJSON") from None
    except ValueError as exc:  # JSONDecodeError, or an integer of thousands of digits
        raise ZoneError(f"zones file {path} is not valid JSON: {exc}") from None
    try:
        return parse_zones(document)
    except ZoneError as exc:
        raise ZoneError(f"{path}: {exc}") from None
