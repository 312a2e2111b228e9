"""Video and audio files recognised by their first bytes, before FFmpeg sees them, and the
FFmpeg demuxers vmscreen lets read them (FFmpeg knows hundreds of formats; a hostile file must
not reach the obscure ones by naming itself)."""

from __future__ import annotations

import io
from typing import Any

from vmscreen.media.limits import MediaError

# ISO BMFF brands that are still images (HEIC/HEIF/AVIF): Pillow reads those.
_IMAGE_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis")
# QuickTime files without an ftyp box start with one of these atoms.
_QUICKTIME_ATOMS = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")

# What each recognised kind may be demuxed as (FFmpeg's demuxer names).
DEMUXERS: dict[str, str] = {
    "MP4": "mov,mp4,m4a,3gp,3g2,mj2",
    "AVI": "avi",
    "WAV": "wav",
    "MKV": "matroska,webm",
    "MPEG-PS": "mpeg",
    "MPEG-ES": "mpegvideo",
    "MPEG-TS": "mpegts",
    "FLAC": "flac",
    "OGG": "ogg",
    "MP3": "mp3",
    "AAC": "aac",
    "AIFF": "aiff",
    "AMR": "amr",
}


def _mp3_frame(data: bytes) -> bool:
    """An MPEG audio frame header: sync bits, a valid layer, bitrate and sample rate."""
    if len(data) < 4 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0:
        return False
    version, layer = (data[1] >> 3) & 3, (data[1] >> 1) & 3
    bitrate, rate = data[2] >> 4, (data[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def _adts(data: bytes) -> bool:
    return len(data) >= 7 and data[0] == 0xFF and data[1] & 0xF6 == 0xF0


def recognise(data: bytes) -> str | None:
    """The kind of video or audio file ``data`` starts like (a key of DEMUXERS), or None."""
    head = data[:16]
    if head[4:8] == b"ftyp":
        return None if head[8:12] in _IMAGE_BRANDS else "MP4"
    if head[4:8] in _QUICKTIME_ATOMS:
        return "MP4"
    if head[:4] == b"RIFF":
        return {b"AVI ": "AVI", b"WAVE": "WAV"}.get(head[8:12])
    if head[:4] == b"RF64" and head[8:12] == b"WAVE":
        return "WAV"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "MKV"
    if head[:4] == b"\x00\x00\x01\xba":
        return "MPEG-PS"
    if head[:4] == b"\x00\x00\x01\xb3":
        return "MPEG-ES"
    if len(data) > 376 and data[0] == data[188] == data[376] == 0x47:
        return "MPEG-TS"
    if head[:4] == b"fLaC":
        return "FLAC"
    if head[:4] == b"OggS":
        return "OGG"
    if head[:3] == b"ID3" or _mp3_frame(head):
        return "MP3"
    if _adts(head):
        return "AAC"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "AIFF"
    if head[:6] == b"#!AMR\n":
        return "AMR"
    return None


def declared_size(data: bytes) -> int | None:
    """The file size a RIFF (WAV, AVI) or IFF (AIFF) file states in its header, where it states
    one: FFmpeg trusts the bytes that are there, so a cut WAV would read as a shorter one.
    None where the header holds a streaming writer's placeholder (0 or all ones)."""
    if data[:4] == b"RIFF" or (data[:4] == b"FORM" and data[8:12] in (b"AIFF", b"AIFC")):
        order = "little" if data[:4] == b"RIFF" else "big"
        size = int.from_bytes(data[4:8], order)
        if size in (0, 0xFFFFFFFF):
            return None
        return size + 8 + (size & 1)  # chunks are padded to an even length
    return None


def load_av() -> Any:
    """PyAV, imported on first use: a screen of photos alone never loads FFmpeg."""
    import av

    return av


def open_container(data: bytes) -> Any:
    """An FFmpeg input container over ``data``. Only the demuxers of DEMUXERS may probe it
    (FFmpeg's own ``format_whitelist``), so a hostile file cannot reach a playlist or an
    obscure demuxer by naming one; a file none of them reads is MediaError UNS001."""
    av = load_av()
    try:
        return av.open(io.BytesIO(data), mode="r", metadata_errors="replace",
                       container_options={"format_whitelist": ",".join(DEMUXERS.values())})
    except av.FFmpegError as exc:
        raise MediaError("UNS001", f"container cannot be read: {type(exc).__name__}") from None
