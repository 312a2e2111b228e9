"""Metadata readers: EXIF with GPS, XMP, IPTC-IIM; hostile blocks recorded, never raised."""

from __future__ import annotations

import time

import pytest

from tests import imaging
from vmscreen.media import open_media


@pytest.mark.parametrize("position", [(52.520008, 13.404954), (-33.8688, 151.2093),
                                      (40.7128, -74.006), (-22.9068, -43.1729)])
def test_gps_from_exif_with_hemisphere_signs(position):
    gps = open_media(imaging.jpeg(gps=position)).metadata.gps
    assert gps is not None and gps.source == "exif"
    assert gps.latitude == pytest.approx(position[0], abs=1e-5)
    assert gps.longitude == pytest.approx(position[1], abs=1e-5)


def test_gps_from_xmp_and_null_island_ignored():
    xmp = imaging.xmp_packet(exif_GPSLatitude="51,30.0750N", exif_GPSLongitude="0,7.6560W")
    gps = open_media(imaging.jpeg(xmp=xmp)).metadata.gps
    assert gps.source == "xmp"
    assert gps.latitude == pytest.approx(51.50125) and gps.longitude == pytest.approx(-0.1276)
    assert open_media(imaging.jpeg(gps=(0.0, 0.0))).metadata.gps is None


def test_camera_fields_from_exif():
    data = imaging.jpeg(tags={0x0131: "Adobe Photoshop 25.0", 0x8298: "(c) Reuters",
                              0x013B: "Ann Lee"},
                        camera={0xA430: "Ann Lee", 0xA431: "SN-4711"})
    exif = open_media(data).metadata.exif
    assert exif["Software"] == "Adobe Photoshop 25.0"
    assert exif["Copyright"] == "(c) Reuters" and exif["Artist"] == "Ann Lee"
    assert exif["CameraOwnerName"] == "Ann Lee" and exif["BodySerialNumber"] == "SN-4711"


def test_xmp_lists_and_structures():
    xmp = imaging.xmp_packet(dc_creator=["Ann Lee", "Bo Chan"], dc_rights=["© 2026 Ann Lee"],
                             photoshop_City="Zürich", Iptc4xmpCore_Location="Kita Sonnenschein")
    fields = open_media(imaging.jpeg(xmp=xmp)).metadata.xmp
    assert fields["dc:creator"] == ("Ann Lee", "Bo Chan")
    assert fields["dc:rights"] == ("© 2026 Ann Lee",)
    assert fields["photoshop:City"] == ("Zürich",)
    assert fields["Iptc4xmpCore:Location"] == ("Kita Sonnenschein",)


def test_utf16_xmp_is_read():
    packet = imaging.xmp_packet(dc_creator=["Ann Lee"]).decode("utf-8").encode("utf-16-be")
    assert open_media(imaging.jpeg(xmp=packet)).metadata.xmp["dc:creator"] == ("Ann Lee",)


def test_iptc_iim_utf8_and_repeated_datasets():
    iptc = {80: ["Jörg Müller", "Ann Lee"], 116: "© Agence France-Presse", 90: "Kraków",
            92: "St Mary's Hospital", 110: "AFP", 115: "AFP"}
    fields = open_media(imaging.jpeg(iptc=iptc)).metadata.iptc
    assert fields["By-line"] == ("Jörg Müller", "Ann Lee")
    assert fields["CopyrightNotice"] == ("© Agence France-Presse",)
    assert fields["City"] == ("Kraków",) and fields["Sub-location"] == ("St Mary's Hospital",)


def test_billion_laughs_is_refused_quickly_and_recorded():
    start = time.perf_counter()
    metadata = open_media(imaging.jpeg(xmp=imaging.billion_laughs_xmp())).metadata
    assert time.perf_counter() - start < 5  # a sanity bound on a hang, not a speed test
    assert any("XMP" in error for error in metadata.errors)
    assert "dc:creator" not in metadata.xmp


def test_damaged_exif_is_recorded_not_raised():
    metadata = open_media(imaging.garbage_exif_jpeg()).metadata
    assert any("EXIF" in error for error in metadata.errors)


def test_png_text_chunks_are_metadata():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Copyright", "Getty Images")
    info.add_text("Software", "GIMP 2.10")
    data = imaging.encode(imaging.picture(), "PNG", pnginfo=info)
    text = open_media(data).metadata.text
    assert text == {"Copyright": "Getty Images", "Software": "GIMP 2.10"}
