"""The metadata of a video or audio container, read with PyAV (FFmpeg's demuxers).

FFmpeg turns each container's own tags into one vocabulary: QuickTime and MP4 atoms (©nam,
©ART, cprt, ©xyz, the 3GPP loci box, Apple's and Android's mdta keys), ID3 frames, Vorbis
comments, Matroska tags and RIFF INFO chunks all come out as ``title``, ``artist``,
``copyright``, ``creation_time``, ``location``, ``com.apple.quicktime.make``... Those tags
become ``MediaMetadata.container`` (keys in lower case: Matroska and Vorbis write them in
capitals), with ``container_format`` naming the family of tags they were read from.

GPS: an ISO 6709 string (``location``, ``com.apple.quicktime.location.ISO6709``) is the
container's position; failing that, the first fix in a GoPro GPMF telemetry track. Both are
bounded: only the listed demuxers are used (none that opens other files or URLs), at most
``MAX_TAGS`` tags are kept, and at most ``MAX_TELEMETRY_BYTES`` of telemetry are read.

Nothing raises for bad input: a container, tag set or telemetry track that cannot be read is
an entry of ``MediaMetadata.errors`` naming the block and the kind of failure, never its content.
A container whose frames are cut off still gives its tags: they are read from its header.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterable, Mapping

import av

from vmscreen.media.containers import open_container
from vmscreen.media.gpmf import read_gps
from vmscreen.media.limits import MediaError
from vmscreen.media.metadata import GpsFix, MediaMetadata, gps_fix

MAX_TAGS = 256
MAX_TELEMETRY_BYTES = 16 * 1024 * 1024  # GoPro writes about 8 KB a second: half an hour
_MAX_PACKET = 1024 * 1024
_MAX_KEY = 128
_MAX_VALUE = 4096  # as the other blocks: tags are labels, not documents

# Tags that describe a file's layout, not the recording or the work.
_STRUCTURAL = frozenset((
    "major_brand", "minor_version", "compatible_brands", "language", "handler_name",
    "vendor_id", "duration", "timecode", "bps", "number_of_frames", "number_of_bytes",
))
# ISO 6709 Annex H: sign and degrees (or DDMM, DDMMSS) for latitude, then longitude, optional
# altitude, optional CRS, and a closing solidus.
_ISO6709 = re.compile(
    r"([+-])(\d+)(\.\d+)?([+-])(\d+)(\.\d+)?(?:[+-]\d+(?:\.\d+)?)?(?:CRS[A-Za-z0-9_]+)?/?"
)
_ISO6709_KEYS = ("com.apple.quicktime.location.iso6709",)


def read_container_metadata(data: bytes,
                            max_telemetry_bytes: int = MAX_TELEMETRY_BYTES) -> MediaMetadata:
    """The container's tags and GPS position. Never raises for bad input."""
    try:
        container = open_container(data)
    except MediaError:
        return MediaMetadata(errors=("container unreadable: no allowed demuxer reads it",))
    errors: list[str] = []
    tags: dict[str, str] = {}
    family = ""
    gps: GpsFix | None = None
    unreadable: str | None = None
    try:
        tags, family = _tags(container, errors), _family(container)
        gps, unreadable = _iso6709_gps(tags)
        if gps is None:
            gps = _telemetry_gps(container, max_telemetry_bytes, errors)
    except Exception as exc:  # noqa: BLE001 - nothing a file holds may stop the screen
        errors.append(f"container metadata unreadable: {type(exc).__name__}")
    finally:
        with contextlib.suppress(Exception):
            container.close()
    return MediaMetadata(container=tags, container_format=family, gps=gps,
                         gps_unreadable=unreadable, errors=tuple(errors))


# -- tags -------------------------------------------------------------------------------------


def _tags(container: av.container.InputContainer, errors: list[str]) -> dict[str, str]:
    """The container's tags, then each stream's where the container lacks them (Ogg keeps its
    Vorbis comments on the stream, MP4 its creation time on each track). An attached picture's
    tags describe the picture ("Cover (front)"): cover art is screened as a picture."""
    tags: dict[str, str] = {}
    try:
        _add(tags, container.metadata)
    except Exception as exc:  # noqa: BLE001 - as above
        errors.append(f"container tags unreadable: {type(exc).__name__}")
    own_title = container.format.name == "ogg"  # elsewhere a track's title is its name
    for stream in container.streams:
        if stream.disposition & av.stream.Disposition.attached_pic:
            continue
        try:
            stream_tags = dict(stream.metadata)
        except Exception as exc:  # noqa: BLE001 - as above
            errors.append(f"stream tags unreadable: {type(exc).__name__}")
            continue
        if not own_title:
            stream_tags.pop("title", None)
        _add(tags, stream_tags, only_new=True)
    return tags


def _add(tags: dict[str, str], found: Mapping[str, str], only_new: bool = False) -> None:
    for key, value in found.items():
        if len(tags) >= MAX_TAGS:
            return
        name = str(key).strip().lower()
        if (not name or len(name) > _MAX_KEY or name in _STRUCTURAL
                or name.startswith("_statistics")):
            continue
        text = str(value).replace("\x00", "").strip()[:_MAX_VALUE]
        if text and not (only_new and name in tags):
            tags[name] = text


def _family(container: av.container.InputContainer) -> str:
    """Which kind of tags a container holds, as evidence labels name it."""
    name = container.format.name
    if name.startswith("mov,"):
        brand = str(container.metadata.get("major_brand", "")).strip().lower()
        return "MOV" if brand == "qt" else "3GP" if brand.startswith("3g") else "MP4"
    families = {"mp3": "ID3", "aac": "ID3", "flac": "VORBIS", "ogg": "VORBIS", "wav": "RIFF",
                "avi": "RIFF", "w64": "RIFF", "matroska,webm": "MKV", "ape": "APE", "wv": "APE"}
    return families.get(name, name.split(",")[0].upper())


# -- GPS --------------------------------------------------------------------------------------


def _iso6709_gps(tags: Mapping[str, str]) -> tuple[GpsFix | None, str | None]:
    """The first readable ISO 6709 position, and "container" if one that is written could not
    be read. A ``location`` that does not start with a sign is a place's name, not a position."""
    candidates = [tags[key] for key in _ISO6709_KEYS if key in tags]
    candidates += [value for key, value in tags.items()
                   if (key == "location" or key.startswith("location-"))
                   and re.match(r"\s*[+-]\s*\d", value)]
    found: GpsFix | None = None
    unreadable = False
    for text in dict.fromkeys(candidates):
        fix, bad = gps_fix(*parse_iso6709(text), "container")
        unreadable = unreadable or bad
        found = found or fix
    return found, "container" if unreadable else None


def parse_iso6709(text: str) -> tuple[float, float]:
    """(latitude, longitude) in decimal degrees from an ISO 6709 string: degrees, degrees and
    minutes, or degrees, minutes and seconds (told by the number of whole digits), each with
    decimals. NaN where the text is not one."""
    m = _ISO6709.fullmatch(text.strip())
    if not m:
        return math.nan, math.nan
    latitude = _angle(m.group(2), m.group(3) or "", degree_digits=2)
    longitude = _angle(m.group(5), m.group(6) or "", degree_digits=3)
    return (-latitude if m.group(1) == "-" else latitude,
            -longitude if m.group(4) == "-" else longitude)


def _angle(whole: str, fraction: str, degree_digits: int) -> float:
    """±DD.D, ±DDMM.M or ±DDMMSS.S (longitude: one more degree digit); writers that drop the
    leading zeros of the degrees (+5.1-3.2/) are read as degrees."""
    digits = len(whole)
    if digits <= degree_digits:
        return float(whole + fraction)
    if digits == degree_digits + 2:
        degrees, minutes, seconds = whole[:-2], float(whole[-2:] + fraction), 0.0
    elif digits == degree_digits + 4:
        degrees, minutes, seconds = whole[:-4], float(whole[-4:-2]), float(whole[-2:] + fraction)
    else:
        return math.nan
    if minutes >= 60 or seconds >= 60:
        return math.nan
    return int(degrees) + minutes / 60 + seconds / 3600


def _telemetry_gps(container: av.container.InputContainer, budget: int,
                   errors: list[str]) -> GpsFix | None:
    """The first fix in the container's GoPro telemetry ('gpmd' tracks, which FFmpeg names
    bin_data), reading at most ``budget`` bytes of it.

    Telemetry that holds GPS data but no fix within the budget is reported, since a fix may
    come later (a receiver can take minutes to lock); so is telemetry of which nothing could be
    read. Telemetry that holds no GPS data is not.
    """
    streams = [s for s in container.streams if s.type == "data" and s.name == "bin_data"]
    if not streams:
        return None
    seen, problem, read, cut = False, None, 0, False
    try:
        for packet in _packets(container, streams):
            if read + len(packet) > budget:
                cut = True
                break
            read += len(packet)
            if len(packet) > _MAX_PACKET:
                problem = problem or "a packet is too large to read"
                continue
            reading = read_gps(packet)
            if reading.fix is not None:
                return gps_fix(reading.fix.latitude, reading.fix.longitude, "gpmf")[0]
            seen = seen or reading.gps_seen
            problem = problem or reading.problem
    except Exception as exc:  # noqa: BLE001 - a cut-off or damaged track
        problem = problem or f"the track could not be read to its end ({type(exc).__name__})"
    if problem:
        errors.append(f"GPMF telemetry unreadable: {problem}")
    elif cut and (seen or not read):
        errors.append(f"GPMF telemetry read in part: no GPS fix in its first {read} bytes")
    return None


def _packets(container: av.container.InputContainer, streams: list) -> Iterable[bytes]:
    for packet in container.demux(*streams):
        if packet.size:
            yield bytes(packet)
