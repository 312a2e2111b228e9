"""Restricted zones from GeoJSON: Polygons, MultiPolygons, and Points with a ``radius_m``.

Coordinates follow GeoJSON (longitude, latitude). A point zone is a circle measured on the
sphere, so a 200 m radius means 200 m at any latitude.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

_EARTH_RADIUS_M = 6_371_008.8


class ZoneError(ValueError):
    """A zones file that cannot be used. The message names the feature and the problem."""


@dataclass(frozen=True)
class Zone:
    name: str
    kind: str
    geometry: BaseGeometry | None = None
    centre: tuple[float, float] | None = None  # (lon, lat) of a point zone
    radius_m: float | None = None

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


def _zone(feature: Mapping[str, Any], index: int) -> Zone:
    geometry = feature.get("geometry")
    props = feature.get("properties") or {}
    if not isinstance(geometry, Mapping) or not isinstance(props, Mapping):
        raise ZoneError(f"feature {index}: needs a geometry object and a properties object")
    name = str(props.get("name") or f"zone {index}")
    kind = str(props.get("kind") or "restricted")
    gtype = geometry.get("type")
    if gtype == "Point":
        radius = props.get("radius_m")
        if not isinstance(radius, (int, float)) or isinstance(radius, bool) or radius <= 0:
            raise ZoneError(f"feature {index} ({name}): a Point zone needs a positive radius_m")
        coords = geometry.get("coordinates")
        if not (isinstance(coords, list) and len(coords) >= 2):
            raise ZoneError(f"feature {index} ({name}): Point coordinates must be [lon, lat]")
        lon, lat = float(coords[0]), float(coords[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ZoneError(f"feature {index} ({name}): coordinates out of range (lon, lat order)")
        return Zone(name=name, kind=kind, centre=(lon, lat), radius_m=float(radius))
    if gtype not in ("Polygon", "MultiPolygon"):
        raise ZoneError(
            f"feature {index} ({name}): {gtype!r} is not supported; "
            "use Polygon, MultiPolygon, or Point with radius_m"
        )
    try:
        geom = shape(geometry)
    except Exception as exc:  # noqa: BLE001 - shapely raises several types on bad input
        raise ZoneError(f"feature {index} ({name}): bad coordinates: {exc}") from None
    if geom.is_empty or not geom.is_valid:
        raise ZoneError(f"feature {index} ({name}): invalid polygon: {explain_validity(geom)}")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ZoneError(f"feature {index} ({name}): coordinates out of range (lon, lat order)")
    return Zone(name=name, kind=kind, geometry=geom)


def parse_zones(document: Mapping[str, Any]) -> tuple[Zone, ...]:
    """Zones from a GeoJSON FeatureCollection, a Feature, or a bare geometry."""
    if not isinstance(document, Mapping):
        raise ZoneError("zones must be a GeoJSON object")
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise ZoneError("FeatureCollection has no features list")
    elif kind == "Feature":
        features = [document]
    elif kind in ("Polygon", "MultiPolygon", "Point"):
        features = [{"type": "Feature", "geometry": document, "properties": {}}]
    else:
        raise ZoneError(f"unsupported GeoJSON type {kind!r}")
    return tuple(_zone(feature, i) for i, feature in enumerate(features))


def load_zones(path: str | Path) -> tuple[Zone, ...]:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ZoneError(f"cannot read zones file {path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ZoneError(f"zones file {path} is not valid JSON: {exc}") from None
    try:
        return parse_zones(document)
    except ZoneError as exc:
        raise ZoneError(f"{path}: {exc}") from None
