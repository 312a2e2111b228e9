"""The metadata detector through a screen: what it finds, how it scores, what it never leaks."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.TiffImagePlugin import IFDRational as R
from PIL.TiffImagePlugin import ImageFileDirectory_v2

import vmscreen
from tests import imaging
from tests.media.test_container_metadata import audio as container_audio
from tests.media.test_container_metadata import video as container_video
from tests.media.test_container_metadata import with_xyz
from vmscreen import Decision, Screener, Subject, screen
from vmscreen.detectors.metadata import MetadataDetector
from vmscreen.findings import Finding
from vmscreen.media import GpsFix, MediaMetadata, open_media
from vmscreen.media.container_metadata import read_container_metadata
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
    assert codes["MET104"].evidence_dict["family"] == "Adobe"
    assert codes["MET104"].message == "written by editing software (Adobe family)"
    assert result.decision is Decision.ACCEPT and result.remedies == ("strip-metadata",)
    text = json.dumps(result.to_dict())
    for secret in ("51.49", "-0.119", "0.1192", "Alex Example", "SN-4711"):
        assert secret not in text


def test_camera_firmware_is_not_called_an_editor():
    finding = _codes(screen(imaging.jpeg(tags={0x0131: "HDR+ 1.0.540104767zd"})))["MET104"]
    assert finding.score == 0.2 and finding.evidence_dict["editor"] is False
    assert finding.evidence_dict == {"field": "EXIF:Software", "family": "Google",
                                     "editor": False}
    assert finding.message == "written by camera or phone software (Google family)"


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
        assert re.fullmatch(r"hmac-sha256:[0-9a-f]{32}", finding.evidence_dict["hash"])
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


# -- GPS that is recorded but partly or wholly unreadable ------------------------------------

METADATA_ONLY = Screener(detectors=[MetadataDetector()])
ZONE_CENTRE = (51.4833333, -0.1166667)  # 51°29'N 0°7'W: the position below, seconds 0/0


def _zone_around(latitude: float, longitude: float, radius_m: int = 300):
    return parse_zones({"type": "Feature",
                        "properties": {"name": "Clinic campus", "kind": "health",
                                       "radius_m": radius_m},
                        "geometry": {"type": "Point", "coordinates": [longitude, latitude]}})


def _gps_jpeg(latitude: tuple, longitude: tuple, lat_ref: str = "N", lon_ref: str = "W") -> bytes:
    """A JPEG whose GPS IFD holds exactly these (degrees, minutes, seconds) rationals."""
    image = imaging.picture()
    exif = image.getexif()
    exif[0x8825] = {1: lat_ref, 2: latitude, 3: lon_ref, 4: longitude}
    return imaging.encode(image, "JPEG", exif=exif)


def _written_gps(data: bytes) -> dict:
    """The GPS IFD as the file holds it, read back with Pillow (what the writer really wrote)."""
    with Image.open(io.BytesIO(data)) as im:
        return dict(im.getexif().get_ifd(0x8825))


def test_gps_seconds_written_as_0_0_still_finds_the_zone():
    data = _gps_jpeg((R(51, 1), R(29, 1), R(0, 0)), (R(0, 1), R(7, 1), R(0, 0)))
    seconds = _written_gps(data)[2][2]
    assert (seconds.numerator, seconds.denominator) == (0, 0)  # the file really holds 0/0
    zones = _zone_around(*ZONE_CENTRE)
    result = Screener(zones=zones, detectors=[MetadataDetector()]).screen(data)
    codes = _codes(result)
    assert codes["MET101"].evidence_dict == {"source": "exif"}
    assert codes["PLC101"].evidence_dict["zone"] == "Clinic campus"
    assert "UNS004" not in codes
    assert result.decision is Decision.REJECT
    # The same photo is accepted (strip metadata) outside the zone.
    elsewhere = Screener(zones=_zone_around(48.85, 2.35), detectors=[MetadataDetector()])
    assert elsewhere.screen(data).decision is Decision.ACCEPT


@pytest.mark.parametrize("latitude, longitude", [
    ((R(0, 0), R(29, 1), R(0, 1)), (R(0, 1), R(7, 1), R(0, 1))),        # degrees 0/0
    ((R(251, 1), R(29, 1), R(0, 1)), (R(0, 1), R(7, 1), R(0, 1))),      # latitude out of range
    ((R(51, 1), R(29, 1), R(0, 1)), (R(900, 1), R(7, 1), R(0, 0))),     # longitude out of range
])
def test_unreadable_gps_degrees_are_reported_and_block_the_zone_check(latitude, longitude):
    data = _gps_jpeg(latitude, longitude)
    with_zones = Screener(zones=_zone_around(*ZONE_CENTRE), detectors=[MetadataDetector()])
    result = with_zones.screen(data)
    codes = _codes(result)
    assert codes["MET101"].evidence_dict == {"source": "exif", "readable": False}
    assert "could not be read" in codes["MET101"].message
    assert codes["UNS004"].detector == "metadata"
    assert codes["UNS004"].evidence_dict["check"] == "restricted-zones"
    assert "PLC101" not in codes
    assert result.decision is Decision.REVIEW
    # Without zones there is nothing that could not be checked: the position is only reported.
    alone = METADATA_ONLY.screen(data)
    assert {f.code for f in alone.findings} == {"MET101"}
    assert alone.decision is Decision.ACCEPT


@pytest.mark.parametrize("latitude, longitude", [
    ("north of the river", "0,7.0W"), ("NaN", "0,7.0W"), ("51,29.0N", "inf"), ("51,29.0N", ""),
])
def test_unparseable_xmp_gps_is_reported_and_blocks_the_zone_check(latitude, longitude):
    packet = imaging.xmp_packet(exif_GPSLatitude=latitude, exif_GPSLongitude=longitude)
    result = Screener(zones=_zone_around(*ZONE_CENTRE),
                      detectors=[MetadataDetector()]).screen(imaging.jpeg(xmp=packet))
    codes = _codes(result)
    assert codes["MET101"].evidence_dict == {"source": "xmp", "readable": False}
    assert codes["UNS004"].evidence_dict["check"] == "restricted-zones"
    assert result.decision is Decision.REVIEW
    assert {f.code for f in METADATA_ONLY.screen(imaging.jpeg(xmp=packet)).findings} == {"MET101"}


def test_null_island_is_still_no_fix():
    data = _gps_jpeg((R(0, 1), R(0, 1), R(0, 0)), (R(0, 1), R(0, 1), R(0, 0)))
    result = Screener(zones=_zone_around(0.0, 0.0), detectors=[MetadataDetector()]).screen(data)
    assert result.findings == () and result.decision is Decision.ACCEPT


# -- metadata blocks of unexpected types -----------------------------------------------------


def _tiff_with_short_xmp(values: tuple[int, ...] = (1000, 2, 3)) -> bytes:
    """A TIFF (with a GPS position) whose XMP tag 700 is typed SHORT, as Pillow writes it."""
    image = imaging.picture()
    ifd = ImageFileDirectory_v2()
    ifd[0x8825] = {1: "N", 2: imaging.dms(POSITION[0]), 3: "W", 4: imaging.dms(POSITION[1])}
    ifd[700] = values
    ifd.tagtype[700] = 3  # SHORT
    return imaging.encode(image, "TIFF", tiffinfo=ifd)


@pytest.mark.filterwarnings("ignore:Metadata Warning, tag 700:UserWarning")
def test_tiff_xmp_tag_typed_short_is_reported_not_raised():
    data = _tiff_with_short_xmp()
    with Image.open(io.BytesIO(data)) as im:  # what the file holds: a SHORT the old code choked on
        assert im.tag_v2.tagtype[700] == 3 and im.info["xmp"] == 1000
    result = METADATA_ONLY.screen(data)
    codes = _codes(result)
    assert "XMP" in codes["UNS004"].message and codes["UNS004"].detector == "metadata"
    assert "UNS001" not in codes  # the file itself was read and screened
    assert codes["MET101"].evidence_dict == {"source": "exif"}  # the EXIF GPS survived
    assert result.decision is Decision.REVIEW


# -- nothing a metadata field holds is repeated ----------------------------------------------

CARD = "4111 1111 1111 1111"
MRZ = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10")


@pytest.mark.parametrize("source, field, family, editor", [
    ({"tags": {0x0131: f"Adobe Photoshop 25.0 {CARD}"}}, "EXIF:Software", "Adobe", True),
    ({"tags": {0x0131: f"{MRZ[0]}\n{MRZ[1]}"}}, "EXIF:Software", "other", False),
    ({"xmp": imaging.xmp_packet(xmp_CreatorTool=f"GIMP 2.10 {CARD}")}, "XMP:xmp:CreatorTool",
     "GIMP", True),
    ({"xmp": imaging.xmp_packet(xmp_CreatorTool=f"{MRZ[0]} {MRZ[1]}".replace("<", "&lt;"))},
     "XMP:xmp:CreatorTool", "other", False),
])
def test_software_field_is_never_echoed(source, field, family, editor):
    result = METADATA_ONLY.screen(imaging.jpeg(**source))
    finding = _codes(result)["MET104"]
    assert finding.evidence_dict == {"field": field, "family": family, "editor": editor}
    assert f"({family} family)" in finding.message
    for text in (json.dumps(result.to_dict()), json.dumps(result.to_dict(), ensure_ascii=False)):
        for secret in (CARD, CARD.replace(" ", ""), "4111", "1111 1111", *MRZ, "ERIKSSON",
                       "L898902C3", "7408122"):
            assert secret not in text


def test_owner_serial_and_rights_are_keyed_hashes():
    data = imaging.jpeg(tags={0x8298: "Copyright 2026 Alex Example"},
                        camera={0xA430: "Alex Example", 0xA431: "SN-4711-XY"})
    result = METADATA_ONLY.screen(data)
    codes = _codes(result)
    for code in ("MET102", "MET103", "CPR101"):
        assert re.fullmatch(r"hmac-sha256:[0-9a-f]{32}", codes[code].evidence_dict["hash"])
    again = _codes(METADATA_ONLY.screen(data))
    assert again["MET103"].evidence_dict["hash"] == codes["MET103"].evidence_dict["hash"]
    text = json.dumps(result.to_dict())
    assert "Alex" not in text and "4711" not in text


# -- property: no exception escapes, no field value is echoed --------------------------------

_BASE_TEXT_TAGS = (0x010E, 0x010F, 0x0110, 0x0131, 0x013B, 0x8298)  # description .. copyright
_CAMERA_TEXT_TAGS = (0xA430, 0xA431, 0xA435)  # owner, body serial, lens serial
_TEXT = st.text(min_size=8, max_size=60)
# vmscreen's own text (code, messages, policy). Hypothesis also draws strings from the code under
# test ("vmscreen", "Getty Images", "ImageMagick"), and the output may hold those of them that
# come from fixed lists: such a run of characters is vmscreen's, not an echo of the field.
_OWN_TEXT = "\n".join(path.read_text(encoding="utf-8") for pattern in ("*.py", "*.toml")
                      for path in Path(vmscreen.__file__).parent.rglob(pattern))


def _windows(value: str, width: int = 8) -> set[str]:
    """Every run of ``width`` characters of ``value`` that holds a letter or digit and is not
    vmscreen's own text."""
    return {value[i:i + width] for i in range(len(value) - width + 1)
            if any(ch.isalnum() for ch in value[i:i + width])
            and value[i:i + width] not in _OWN_TEXT}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tags=st.dictionaries(st.sampled_from(_BASE_TEXT_TAGS), _TEXT, max_size=4),
       camera=st.dictionaries(st.sampled_from(_CAMERA_TEXT_TAGS), _TEXT, max_size=3))
def test_random_exif_text_never_raises_and_is_never_echoed(tags, camera):
    data = imaging.jpeg(24, 16, tags=tags or None, camera=camera or None)
    result = METADATA_ONLY.screen(data)  # must not raise
    # Nor may the detector have failed inside (the engine would turn that into UNS004).
    assert "UNS004" not in {f.code for f in result.findings} and not result.errors
    # Pillow writes EXIF text as ASCII (others become '?'): check the values as read back too.
    seen = [v for v in open_media(data).metadata.exif.values() if isinstance(v, str)]
    outputs = (json.dumps(result.to_dict()), json.dumps(result.to_dict(), ensure_ascii=False))
    for value in (*tags.values(), *camera.values(), *seen):
        for piece in _windows(value.strip()):
            for text in outputs:
                assert piece not in text


# -- video and audio containers ---------------------------------------------------------------
# The media opener reads photos only for now: these hand the detector a stand-in medium that
# carries the container's metadata, as read by vmscreen.media.container_metadata.

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
ANDROID = "+33.9951-118.4762/"


def _container_findings(metadata: MediaMetadata, zones: tuple = ()) -> dict[str, Finding]:
    subject = Subject(SimpleNamespace(metadata=metadata), None, None, zones)
    findings = list(MetadataDetector().detect(subject))
    assert len({f.code for f in findings}) == len(findings)
    return {f.code: f for f in findings}


def _text(findings: dict[str, Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings.values()], ensure_ascii=False)


def test_android_clip_position_and_recording_details():
    data = with_xyz(container_video("mp4", {"creation_time": "2017-07-13T19:16:41Z",
                                            "com.android.version": "7.1.2"},
                                    options={"movflags": "use_metadata_tags"}), ANDROID)
    metadata = read_container_metadata(data)
    zones = _zone_around(33.9951, -118.4762)
    codes = _container_findings(metadata, zones)
    assert set(codes) == {"MET101", "MET105", "PLC101"}
    assert codes["MET101"].evidence_dict == {"source": "container"}
    assert codes["MET101"].message == "GPS position recorded in the container's location tag"
    assert codes["PLC101"].evidence_dict["source"] == "container"
    assert codes["MET105"].evidence_dict == {
        "fields": "MP4:creation_time,MP4:com.android.version"}
    assert codes["MET105"].message == ("recording time and device in MP4:creation_time, "
                                       "MP4:com.android.version")
    text = _text(codes)
    for secret in ("33.99", "118.47", "2017", "7.1.2"):
        assert secret not in text


def test_gopro_telemetry_position_is_reported_with_its_source():
    metadata = MediaMetadata(gps=GpsFix(33.125368, -117.3310641, "gpmf"),
                             container={"firmware": "HD5.02.02.00.00"}, container_format="MP4")
    codes = _container_findings(metadata, _zone_around(33.125368, -117.3310641))
    assert codes["MET101"].evidence_dict == {"source": "gpmf"}
    assert codes["MET101"].message == "GPS position recorded in GoPro GPMF telemetry"
    assert codes["PLC101"].evidence_dict["source"] == "gpmf"
    assert codes["MET105"].evidence_dict == {"fields": "MP4:firmware", "family": "GoPro"}


def test_unreadable_container_position_blocks_the_zone_check():
    data = container_video("mov", {"com.apple.quicktime.location.ISO6709": "+3X.99-118.47/"},
                           options={"movflags": "use_metadata_tags"})
    codes = _container_findings(read_container_metadata(data), _zone_around(*ZONE_CENTRE))
    assert codes["MET101"].evidence_dict == {"source": "container", "readable": False}
    assert codes["UNS004"].evidence_dict["check"] == "restricted-zones"
    assert "the container's location tag could not be read" in codes["UNS004"].message


def test_iphone_make_is_named_from_the_fixed_list_and_author_is_an_owner():
    data = container_video("mov", {"com.apple.quicktime.make": "Apple",
                                   "com.apple.quicktime.model": "iPhone 12 Pro",
                                   "com.apple.quicktime.software": "17.1.2",
                                   "com.apple.quicktime.creationdate": "2024-05-01T10:00:00+0200",
                                   "com.apple.quicktime.author": "Alex Example"},
                           options={"movflags": "use_metadata_tags"})
    codes = _container_findings(read_container_metadata(data))
    assert codes["MET105"].evidence_dict == {
        "fields": "MOV:com.apple.quicktime.creationdate,MOV:com.apple.quicktime.make,"
                  "MOV:com.apple.quicktime.model,MOV:com.apple.quicktime.software",
        "family": "Apple"}
    assert codes["MET102"].evidence_dict["fields"] == "MOV:com.apple.quicktime.author"
    assert re.fullmatch(r"hmac-sha256:[0-9a-f]{32}", codes["MET102"].evidence_dict["hash"])
    assert codes["CPR101"].evidence_dict["holder"] == "creator"  # an author is also a creator
    assert "CPR102" not in codes
    text = _text(codes)
    for secret in ("iPhone", "17.1", "2024", "Alex"):
        assert secret not in text


def test_a_maker_off_the_list_is_hashed():
    metadata = MediaMetadata(container={"make": "Acme Cameras", "model": "AC-1"},
                             container_format="MOV")
    evidence = _container_findings(metadata)["MET105"].evidence_dict
    assert evidence["family"] == "other" and evidence["fields"] == "MOV:make,MOV:model"
    assert re.fullmatch(r"hmac-sha256:[0-9a-f]{32}", evidence["hash"])
    message = _container_findings(metadata)["MET105"].message
    assert message == "recording device in MOV:make, MOV:model"


@pytest.mark.parametrize("tags, score, holder, label", [
    ({"copyright": "© 2026 Getty Images"}, 0.95, "agency", "ID3:copyright"),
    ({"copyright": "℗ 2026 Northwind Records"}, 0.75, "organisation", "ID3:copyright"),
    ({"publisher": "Northwind"}, 0.6, "supplier", "ID3:publisher"),
    ({"copyright": "2026 Alex Example"}, 0.5, "person", "ID3:copyright"),
    ({"artist": "Alex Example"}, 0.3, "creator", "ID3:artist"),
])
def test_rights_tags_of_an_mp3_feed_the_rights_check(tags, score, holder, label):
    metadata = read_container_metadata(container_audio("mp3", "mp3", tags))
    codes = _container_findings(metadata)
    finding = codes["CPR101"]
    assert (finding.score, finding.evidence_dict["holder"]) == (score, holder)
    assert finding.evidence_dict["fields"] == label
    assert "CPR102" not in codes
    assert "Northwind" not in _text(codes) and "Alex" not in _text(codes)


def test_vorbis_comments_are_labelled_as_such():
    metadata = read_container_metadata(container_audio("flac", "flac", {
        "TITLE": "Night Song", "ARTIST": "Alex Example", "ALBUM": "Nights"}))
    codes = _container_findings(metadata)
    assert codes["CPR101"].evidence_dict["fields"] == "VORBIS:artist"
    assert codes["CPR102"].evidence_dict["fields"] == "VORBIS:title,VORBIS:artist,VORBIS:album"


@pytest.mark.parametrize("tags, score", [
    ({"title": "Song", "artist": "Band"}, 0.6),
    ({"title": "Song", "album": "Record"}, 0.6),
    ({"title": "Song", "artist": "Band", "album": "Record", "track": "2"}, 0.8),
    ({"title": "Song", "ISRC": "GBAYE0000001"}, 0.8),
    ({"title": "Song", "publisher": "Label"}, 0.8),
])
def test_published_work_tags(tags, score):
    metadata = read_container_metadata(container_audio("mp3", "mp3", tags))
    finding = _container_findings(metadata)["CPR102"]
    assert finding.score == score and finding.category.value == "copyright"
    assert finding.evidence_dict["fields"].startswith("ID3:title,")
    assert re.fullmatch(r"hmac-sha256:[0-9a-f]{32}", finding.evidence_dict["hash"])
    assert "Song" not in _text({"CPR102": finding})


def test_m4a_atoms_are_labelled_mp4():
    metadata = read_container_metadata(container_audio("ipod", "aac", {
        "title": "Song", "artist": "Band", "copyright": "2026 Band Ltd"}))
    codes = _container_findings(metadata)
    assert codes["CPR101"].evidence_dict["fields"] == "MP4:artist,MP4:copyright"
    assert codes["CPR102"].evidence_dict["fields"] == "MP4:title,MP4:artist,MP4:copyright"


@pytest.mark.parametrize("tags", [
    {},                                                   # encoder only (FFmpeg's own tag)
    {"title": "Holiday 2026"},                            # a title alone
    {"creation_time": "2024-02-03T04:05:06Z"},            # what phones write
    {"title": "Birthday", "comment": "for grandma", "genre": "Home video"},
])
def test_home_recording_tags_are_not_a_published_work(tags):
    metadata = read_container_metadata(container_video("mp4", tags))
    codes = _container_findings(metadata)
    assert "CPR102" not in codes and "CPR101" not in codes
    assert set(codes) <= {"MET105"}
    assert ("MET105" in codes) == ("creation_time" in tags)


def test_a_container_location_name_can_point_to_a_private_place():
    metadata = read_container_metadata(container_audio("flac", "flac", {
        "LOCATION": "St Mary's Hospital, Ward 4"}))
    finding = _container_findings(metadata)["PLC102"]
    assert finding.evidence_dict == {"place": "health", "keyword": "hospital",
                                     "field": "VORBIS:location"}


def test_an_unreadable_container_is_not_a_pass():
    codes = _container_findings(read_container_metadata(b"not a video" * 20))
    assert codes["UNS004"].message.startswith("metadata detector: container unreadable: ")


def _shared(name: str) -> bytes:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"shared datasets not present ({name})")
    return path.read_bytes()


def test_real_files_through_the_detector():
    song = _container_findings(read_container_metadata(
        _shared("audio/moviepy/silent_with_cover_art.mp3")))
    assert song["CPR102"].score == 0.8 and song["CPR101"].evidence_dict["holder"] == "creator"
    assert "Roulette" not in _text(song) and "Momotsuki" not in _text(song)
    phone = _container_findings(read_container_metadata(
        _shared("video/jcodec/android_phone_gps_keyed.mp4")))
    assert set(phone) == {"MET101", "MET105"}
    drone = _container_findings(read_container_metadata(
        _shared("video/gopro/gopro_karma_gps.mp4")))
    assert drone["MET101"].evidence_dict == {"source": "gpmf"}
    assert drone["MET105"].evidence_dict["family"] == "GoPro"
    film = _container_findings(read_container_metadata(_shared("video/jcodec/test1_short.mkv")))
    assert film == {}  # a title and a release date alone
