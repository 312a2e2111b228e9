"""The metadata detector: what a file's EXIF, XMP, IPTC, PNG text and video or audio container
tags (QuickTime and MP4 atoms, ID3 frames, Vorbis comments, Matroska and RIFF tags) and GoPro
telemetry say about it.

Five checks, all on metadata parsed once per medium:
- facts that reveal the contributor (GPS, owner name, camera serial, editing software, when and
  on what device a recording was made);
- rights and creator fields, scored by whether they name an agency, an organisation or a person;
- the tags of a published track or film (a title with its artist, album or publisher);
- location names that point to a private place;
- the GPS position against restricted zones.
No metadata value leaves this module: findings carry the field names, the kind of value, a name
from a fixed list (a software family, an agency, a place keyword) or the operator's zone name,
and a keyed hash (vmscreen.hashing) where a stable identity helps deduplicate. Coordinates,
names, serial numbers and free text such as the Software field are never repeated.
"""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.codes import DETECTOR_FAILED
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding
from vmscreen.hashing import keyed_hash
from vmscreen.media import MediaMetadata
from vmscreen.rules.place_names import match_place
from vmscreen.rules.rights_holders import classify_rights_holder
from vmscreen.rules.software import OTHER, software_family
from vmscreen.zones import Zone

NAME = "metadata"

GPS = CodeInfo(
    "MET101", "gps-position", Category.METADATA, "The file records where it was taken.",
    "EXIF or XMP, a video's location tag (QuickTime and MP4 ©xyz, the 3GPP loci box, Apple's "
    "ISO 6709 key) or GoPro GPMF telemetry holds a GPS position. It can reveal the "
    "contributor's home or routine, and it is what restricted-zone checks (PLC101) use. Not a "
    "reason to reject: the remedy is to strip the metadata before upload. The coordinates are "
    "never written to results or logs. A position that is recorded but cannot be read (degrees "
    "written as 0/0 or out of range, an XMP coordinate or a location tag that does not parse) "
    "is reported too, since other readers may still make something of it; when restricted "
    "zones are configured, an unscreened finding (UNS004) says they could not be checked "
    "against it.",
)
OWNER = CodeInfo(
    "MET102", "owner-name", Category.METADATA, "The file names the camera's owner.",
    "EXIF CameraOwnerName, XMP aux:OwnerName, the Windows XPAuthor field or a video's author "
    "tag holds a person's name, set once in the camera or phone and then written into every "
    "photo or clip. It identifies the contributor. Remedy: strip the metadata. The name is "
    "recorded only as a keyed hash.",
)
SERIAL = CodeInfo(
    "MET103", "camera-serial", Category.METADATA, "The file records a camera or lens serial.",
    "A body or lens serial number links every photo from the same camera, across services and "
    "years, back to its owner. Remedy: strip the metadata. Recorded only as a keyed hash.",
)
SOFTWARE = CodeInfo(
    "MET104", "editing-software", Category.METADATA, "The file was processed by editing software.",
    "EXIF Software or XMP CreatorTool names the program that last wrote the file. Desktop "
    "editors (score 0.6) suggest the image was edited or composed, which matters for training "
    "data provenance; camera firmware and phone pipelines score 0.2. Informational. The field "
    "is free text, so it is never repeated: evidence names the program's family from a fixed "
    "list (Adobe, GIMP, Apple, Canon... or 'other').",
)
RIGHTS = CodeInfo(
    "CPR101", "rights-metadata", Category.COPYRIGHT, "Rights or creator metadata names a holder.",
    "EXIF Copyright or Artist, XMP dc:rights, dc:creator or xmpRights, IPTC CopyrightNotice, "
    "By-line, Credit or Source, and the copyright, artist, composer, author and publisher tags "
    "of a video or audio container name who owns, supplied or made the file. A stock or news "
    "agency (score 0.95) means the photo came from a library or publication the contributor "
    "does not own; an organisation scores 0.75; a supplier in IPTC Credit or Source, or a "
    "publisher or label tag of a video or audio file, 0.6; a "
    "copyright notice or a person named as owner 0.5; a personal name only as creator 0.3, "
    "since that is usually the photographer's own camera setting, often the contributor's. "
    "Evidence names an agency from a fixed list, but records other holders only as a keyed "
    "hash.",
)
RECORDING = CodeInfo(
    "MET105", "recording-details", Category.METADATA,
    "The file records when and on what device it was recorded.",
    "A video or audio container holds the time of recording (creation_time, Apple's "
    "creationdate) or the device that made it (make and model, Apple's and Android's make, "
    "model and system version, a GoPro's firmware). With other uploads these place the "
    "contributor at a time and link their recordings to one phone. Not a reason to reject: the "
    "remedy is to strip the metadata. Evidence names the fields and the device's maker from a "
    "fixed list (Apple, Samsung, Google, GoPro... or 'other' with a keyed hash), never the "
    "time, the model or the version.",
)
PUBLISHED = CodeInfo(
    "CPR102", "published-work-tags", Category.COPYRIGHT,
    "The file carries the tags of a published track or film.",
    "A video or audio container holds a title together with an artist, album, composer, "
    "publisher, label, track number or ISRC: the tags a record label, a store or a ripping "
    "program writes, not those of a home recording (phones write a creation time, a location "
    "and their own model, never a title and an artist). It suggests the file is music or a film "
    "the contributor does not own. Scored 0.6, and 0.8 where an industry identifier (ISRC, "
    "publisher, label, catalogue number) or three or more such tags are present. A title alone, "
    "or tags naming only the program that encoded the file, do not count. Evidence names the "
    "fields and a keyed hash of the title.",
)
PLACE_NAME = CodeInfo(
    "PLC102", "private-place-name", Category.PRIVATE_PLACE,
    "A location name in the metadata points to a private or restricted place.",
    "IPTC or XMP location fields (City, Sub-location, Location, LocationName), or a video's "
    "or audio file's location name tag, contain a word "
    "for a hospital, clinic, nursery, school, changing room, gym, spa or a restricted site, in "
    "one of several languages. Photos in such places are excluded by policy. A street named "
    "after a hospital can match, so the default policy reviews rather than rejects.",
)
IN_ZONE = CodeInfo(
    "PLC101", "restricted-zone", Category.PRIVATE_PLACE,
    "The GPS position lies inside a restricted zone.",
    "The file's GPS position falls inside a zone from the zones file (GeoJSON Polygon, "
    "MultiPolygon, or Point with radius_m). Operators list hospitals, schools, sites where "
    "photography is restricted; the finding names the zone, not the coordinates.",
)

_OWNER_FIELDS = (
    "CameraOwnerName", "aux:OwnerName", "XPAuthor", "author", "com.apple.quicktime.author",
)
_SERIAL_FIELDS = (
    "BodySerialNumber", "LensSerialNumber", "CameraSerialNumber", "aux:SerialNumber",
    "exifEX:BodySerialNumber", "exifEX:LensSerialNumber", "aux:LensSerialNumber",
)
_SOFTWARE_FIELDS = ("Software", "xmp:CreatorTool", "ProcessingSoftware")
# Rights fields by role: a notice claims ownership, a supplier field names who provided the
# picture or published the track (a news desk's Credit and Source, a record label), a creator
# field names who took or made it. Container tags are in lower case, as FFmpeg names them.
_RIGHTS_ROLES: dict[str, str] = {
    **dict.fromkeys(("Copyright", "dc:rights", "xmpRights:Owner", "xmpRights:UsageTerms",
                     "xmpRights:WebStatement", "plus:CopyrightOwnerName", "plus:LicensorName",
                     "CopyrightNotice", "copyright", "com.apple.quicktime.copyright", "license"),
                    "notice"),
    **dict.fromkeys(("photoshop:Credit", "photoshop:Source", "Credit", "Source", "publisher",
                     "label", "com.apple.quicktime.publisher"), "supplier"),
    **dict.fromkeys(("Artist", "dc:creator", "By-line", "Author", "artist", "album_artist",
                     "composer", "author", "performer", "com.apple.quicktime.artist",
                     "com.apple.quicktime.author"), "creator"),
}
_LOCATION_FIELDS = (
    "City", "Sub-location", "photoshop:City", "Iptc4xmpCore:Location", "Iptc4xmpExt:Sublocation",
    "Iptc4xmpExt:LocationName", "Iptc4xmpExt:City", "location", "com.apple.quicktime.location.name",
)
# When and on what a recording was made. The device fields name a maker (or a model or firmware
# that tells it); the system versions only that a phone was used.
_RECORDING_TIME = ("creation_time", "com.apple.quicktime.creationdate", "date_recorded")
_RECORDING_DEVICE = (
    "make", "com.apple.quicktime.make", "com.android.manufacturer", "model",
    "com.apple.quicktime.model", "com.android.model", "firmware",
)
_RECORDING_SYSTEM = ("com.apple.quicktime.software", "com.android.version")
# A published work: a title together with the tags a label, a store or a ripping program
# writes. Industry identifiers weigh more. A title alone (a phone's clip named by its owner, a
# Matroska test file) is not enough.
_TITLE_FIELDS = ("title", "com.apple.quicktime.title")
_WORK_FIELDS = (
    "artist", "album_artist", "album", "composer", "performer", "publisher", "label", "isrc",
    "track", "disc", "show", "network", "episode_id", "copyright", "barcode", "catalognumber",
    "com.apple.quicktime.artist", "com.apple.quicktime.album", "com.apple.quicktime.publisher",
    "com.apple.quicktime.copyright",
)
_INDUSTRY_FIELDS = frozenset((
    "isrc", "publisher", "label", "barcode", "catalognumber", "network",
    "com.apple.quicktime.publisher",
))
# How a GPS source is named in messages (evidence keeps the short name).
_GPS_SOURCES = {"container": "the container's location tag", "gpmf": "GoPro GPMF telemetry"}


def _gps_source(source: str) -> str:
    return _GPS_SOURCES.get(source, source.upper())


def _field_label(metadata: MediaMetadata, key: str) -> str:
    """'EXIF:Copyright' style labels, so a reader knows which block a value came from; a
    container's tags by their family ('MP4:copyright', 'ID3:title', 'VORBIS:artist')."""
    if key in metadata.container:
        return f"{metadata.container_format or 'CONTAINER'}:{key}"
    if ":" in key:
        return f"XMP:{key}"
    if key in metadata.iptc:
        return f"IPTC:{key}"
    if key in metadata.text:
        return f"PNG:{key}"
    return f"EXIF:{key}"


class MetadataDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.3.0",
        codes=(GPS, OWNER, SERIAL, SOFTWARE, RECORDING, RIGHTS, PUBLISHED, PLACE_NAME, IN_ZONE),
        licence="Apache-2.0",
        scope="file",
        time_budget_s=10.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        metadata = subject.media.metadata
        findings: list[Finding] = []
        findings += self._revealing(metadata)
        findings += self._recording(metadata)
        findings += self._rights(metadata)
        findings += self._published(metadata)
        findings += self._place_names(metadata)
        findings += self._zones(metadata, subject.zones)
        for problem in metadata.errors:
            # A block we could not read may hide GPS or rights: not a pass.
            findings.append(
                DETECTOR_FAILED.finding(
                    NAME, 1.0, f"metadata detector: {problem}", evidence={"detector": NAME}
                )
            )
        return findings

    def _revealing(self, metadata: MediaMetadata) -> list[Finding]:
        out: list[Finding] = []
        if metadata.gps is not None:
            out.append(
                GPS.finding(
                    NAME, 1.0, f"GPS position recorded in {_gps_source(metadata.gps.source)}",
                    evidence={"source": metadata.gps.source},
                )
            )
        elif metadata.gps_unreadable:
            source = metadata.gps_unreadable
            out.append(
                GPS.finding(
                    NAME, 1.0,
                    f"GPS position recorded in {_gps_source(source)}, but it could not be read",
                    evidence={"source": source, "readable": False},
                )
            )
        for code, fields, what in ((OWNER, _OWNER_FIELDS, "owner name"),
                                   (SERIAL, _SERIAL_FIELDS, "serial number")):
            values = metadata.values(*fields)
            if values:
                labels = sorted({_field_label(metadata, key) for key, _ in values})
                out.append(
                    code.finding(
                        NAME, 1.0, f"{what} recorded in {', '.join(labels)}",
                        evidence={"fields": ",".join(labels), "hash": keyed_hash(values[0][1])},
                    )
                )
        software = [(software_family(value), key) for key, value in
                    metadata.values(*_SOFTWARE_FIELDS)]
        if software:
            # An editor named anywhere is what matters; else the first field that names a program.
            family, key = next((item for item in software if item[0].editor), software[0])
            # The field is free text (a card number has been found there): only the family, from
            # the rule's fixed list, is reported.
            kind = "editing software" if family.editor else "camera or phone software"
            out.append(
                SOFTWARE.finding(
                    NAME, 0.6 if family.editor else 0.2,
                    f"written by {kind} ({family.family} family)",
                    evidence={"field": _field_label(metadata, key), "family": family.family,
                              "editor": family.editor},
                )
            )
        return out

    def _recording(self, metadata: MediaMetadata) -> list[Finding]:
        container = metadata.container
        time = [key for key in _RECORDING_TIME if key in container]
        device = [key for key in _RECORDING_DEVICE if key in container]
        system = [key for key in _RECORDING_SYSTEM if key in container]
        if not (time or device or system):
            return []
        labels = [_field_label(metadata, key) for key in (*time, *device, *system)]
        evidence: dict[str, str] = {"fields": ",".join(labels)}
        if device:
            # Model and firmware are free text: only the maker's family, from the rule's fixed
            # list, is reported; a maker not on it as a keyed hash.
            value = container[device[0]]
            family = software_family(value).family
            evidence["family"] = family
            if family == OTHER:
                evidence["hash"] = keyed_hash(value)
        what = " and ".join(part for part, found in (("time", time), ("device", device or system))
                            if found)
        return [RECORDING.finding(NAME, 1.0, f"recording {what} in {', '.join(labels)}",
                                  evidence=evidence)]

    def _published(self, metadata: MediaMetadata) -> list[Finding]:
        container = metadata.container
        titles = [key for key in _TITLE_FIELDS if key in container]
        companions = [key for key in _WORK_FIELDS if key in container]
        if not (titles and companions):
            return []
        industry = any(key in _INDUSTRY_FIELDS for key in companions)
        score = 0.8 if industry or len(companions) >= 3 else 0.6
        labels = [_field_label(metadata, key) for key in (titles[0], *companions)]
        return [
            PUBLISHED.finding(
                NAME, score, f"tags of a published work: {', '.join(labels)}",
                evidence={"fields": ",".join(labels), "hash": keyed_hash(container[titles[0]])},
            )
        ]

    def _rights(self, metadata: MediaMetadata) -> list[Finding]:
        values = metadata.values(*_RIGHTS_ROLES)
        if not values:
            return []
        # Keep the strongest classification; list every field that contributed.
        classified = [
            (classify_rights_holder(value, _RIGHTS_ROLES[key]), key, value) for key, value in values
        ]
        holder, _, value = max(classified, key=lambda item: item[0].score)
        labels = sorted({_field_label(metadata, key) for _, key, _ in classified})
        evidence: dict[str, str] = {"holder": holder.kind, "fields": ",".join(labels)}
        if holder.agency:
            evidence["agency"] = holder.agency
            message = f"rights metadata names the agency {holder.agency}"
        else:
            evidence["hash"] = keyed_hash(value)
            message = "rights metadata names " + {
                "organisation": "an organisation", "supplier": "a picture supplier",
                "notice": "a copyright notice", "person": "a person as owner",
                "creator": "a creator",
            }[holder.kind]
        return [RIGHTS.finding(NAME, holder.score, f"{message} ({', '.join(labels)})",
                               evidence=evidence)]

    def _place_names(self, metadata: MediaMetadata) -> list[Finding]:
        best = None
        for key, value in metadata.values(*_LOCATION_FIELDS):
            match = match_place(value)
            if match and (best is None or match.score > best[0].score):
                best = (match, key)
        if best is None:
            return []
        match, key = best
        label = _field_label(metadata, key)
        return [
            PLACE_NAME.finding(
                NAME, match.score, f"location name in {label} suggests a {match.place} place",
                evidence={"place": match.place, "keyword": match.keyword, "field": label},
            )
        ]

    def _zones(self, metadata: MediaMetadata, zones: tuple[Zone, ...]) -> list[Finding]:
        if not zones:
            return []
        out: list[Finding] = []
        if metadata.gps_unreadable:
            # A position is recorded but could not be read: the zones were not checked against
            # it, which is not a pass.
            source = _gps_source(metadata.gps_unreadable)
            out.append(
                DETECTOR_FAILED.finding(
                    NAME, 1.0,
                    f"metadata detector: the GPS position in {source} could not be read, so the "
                    "restricted-zone check could not run on it",
                    evidence={"detector": NAME, "check": "restricted-zones"},
                )
            )
        gps = metadata.gps
        if gps is not None:
            out += [
                IN_ZONE.finding(
                    NAME, 1.0, f"GPS position lies inside restricted zone '{zone.name}'",
                    evidence={"zone": zone.name, "kind": zone.kind, "source": gps.source},
                )
                for zone in zones
                if zone.contains(gps.latitude, gps.longitude)
            ]
        return out
