"""Builders for the small test files the tests make themselves: photos with EXIF, GPS, XMP and
IPTC, every supported format, and hostile files. Plain functions returning bytes."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Mapping

import numpy as np
import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()


def picture(width: int = 96, height: int = 64, seed: int = 0) -> Image.Image:
    """A photo-like gradient with noise, not a flat colour, so encoders behave as on photos."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([x * 255 / max(1, width - 1), y * 255 / max(1, height - 1),
                     np.full_like(x, 128.0)], axis=-1)
    noisy = base + rng.normal(0, 6, base.shape)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 5)


def exif_block(
    image: Image.Image,
    *,
    gps: tuple[float, float] | None = None,
    tags: Mapping[int, object] | None = None,
    camera: Mapping[int, object] | None = None,
    orientation: int | None = None,
) -> Image.Exif:
    """EXIF with base-IFD ``tags``, Exif-IFD ``camera`` tags and a GPS IFD."""
    exif = image.getexif()
    for tag, value in (tags or {}).items():
        exif[tag] = value
    if orientation:
        exif[0x0112] = orientation
    if camera:
        ifd = exif.get_ifd(0x8769)
        for tag, value in camera.items():
            ifd[tag] = value
    if gps:
        lat, lon = gps
        exif[0x8825] = {1: "N" if lat >= 0 else "S", 2: dms(lat),
                        3: "E" if lon >= 0 else "W", 4: dms(lon)}
    return exif


def xmp_packet(**properties: str | list[str]) -> bytes:
    """RDF/XMP with each property (``dc_creator=["A"]``, ``photoshop_City="X"``) as an element.

    Lists become rdf:Seq items, except dc:rights which is a language Alt, as XMP writers do.
    """
    namespaces = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "photoshop": "http://ns.adobe.com/photoshop/1.0/",
        "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
        "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
        "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
        "exif": "http://ns.adobe.com/exif/1.0/",
        "aux": "http://ns.adobe.com/exif/1.0/aux/",
        "xmp": "http://ns.adobe.com/xap/1.0/",
    }
    body = []
    for key, value in properties.items():
        name = key.replace("_", ":", 1)
        if isinstance(value, list):
            container = "rdf:Alt" if name == "dc:rights" else "rdf:Seq"
            items = "".join(
                f'<rdf:li xml:lang="x-default">{v}</rdf:li>' if container == "rdf:Alt"
                else f"<rdf:li>{v}</rdf:li>" for v in value
            )
            body.append(f"<{name}><{container}>{items}</{container}></{name}>")
        else:
            body.append(f"<{name}>{value}</{name}>")
    declarations = " ".join(f'xmlns:{p}="{uri}"' for p, uri in namespaces.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {declarations}>{"".join(body)}</rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def iptc_iim(datasets: Mapping[int, str | list[str]]) -> bytes:
    """IPTC-IIM record 2 datasets, UTF-8 declared by the 1:90 coded character set."""
    def dataset(record: int, number: int, value: bytes) -> bytes:
        return struct.pack(">BBBH", 0x1C, record, number, len(value)) + value

    out = dataset(1, 90, b"\x1b%G")
    for number, value in datasets.items():
        for item in value if isinstance(value, list) else [value]:
            out += dataset(2, number, item.encode("utf-8"))
    return out


def with_iptc(jpeg: bytes, datasets: Mapping[int, str | list[str]]) -> bytes:
    """Insert IPTC as Photoshop's APP13 '8BIM' 0x0404 resource right after the JPEG SOI."""
    iim = iptc_iim(datasets)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim))
    resource += iim + (b"\x00" if len(iim) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def encode(image: Image.Image, fmt: str, **save: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def jpeg(
    width: int = 96,
    height: int = 64,
    *,
    gps: tuple[float, float] | None = None,
    tags: Mapping[int, object] | None = None,
    camera: Mapping[int, object] | None = None,
    orientation: int | None = None,
    xmp: bytes | None = None,
    iptc: Mapping[int, str | list[str]] | None = None,
    seed: int = 0,
) -> bytes:
    image = picture(width, height, seed)
    save: dict[str, object] = {"quality": 90}
    if gps or tags or camera or orientation:
        save["exif"] = exif_block(image, gps=gps, tags=tags, camera=camera,
                                  orientation=orientation)
    if xmp:
        save["xmp"] = xmp
    data = encode(image, "JPEG", **save)
    return with_iptc(data, iptc) if iptc else data


def animated_gif(frames: int = 3, width: int = 40, height: int = 30) -> bytes:
    """Frames of distinct flat colours (a GIF writer merges identical neighbours), 50 ms each."""
    images = [Image.new("RGB", (width, height), (6 * i, 255 - 6 * i, 90)) for i in range(frames)]
    return encode(images[0], "GIF", save_all=True, append_images=images[1:], duration=50, loop=0)


def truncated_jpeg() -> bytes:
    data = jpeg(320, 240)
    return data[: len(data) // 2]


def decompression_bomb() -> bytes:
    """A small PNG whose header declares 50000 x 50000 pixels (one bit each), with the first
    rows of them: written chunk by chunk, since encoding the whole picture takes seconds."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (1 + 50_000 // 8) * 64)  # a filter byte, then the bits
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)
            + chunk(b"IEND", b""))


def billion_laughs_xmp() -> bytes:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE x:xmpmeta [{entities}]>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:creator>&i;</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()


def garbage_exif_jpeg() -> bytes:
    """A JPEG whose APP1 Exif segment holds random bytes after a valid-looking header."""
    rng = np.random.default_rng(7)
    junk = b"Exif\x00\x00MM\x00*" + rng.integers(0, 256, 300, dtype=np.uint8).tobytes()
    data = jpeg()
    segment = b"\xff\xe1" + struct.pack(">H", len(junk) + 2) + junk
    return data[:2] + segment + data[2:]


def mutated(data: bytes, cuts: list[int], flips: list[tuple[int, int]]) -> bytes:
    """``data`` with bytes overwritten (``flips``: offset, value) and then cut short."""
    raw = bytearray(data)
    for at, value in flips:
        raw[at % len(raw)] = value
    for cut in cuts:
        raw = raw[: max(1, cut % (len(raw) + 1))]
    return bytes(raw)
