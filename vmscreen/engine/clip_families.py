"""The container families a sanitised copy of a video or audio file is written in: the muxer,
the encoders in order of preference, their options, and the copy's file name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vmscreen.media.containers import recognise


@dataclass(frozen=True)
class Family:
    """How a copy of one container family is written: the muxer, and the encoders in order of
    preference (the first this FFmpeg build has wins)."""

    suffix: str
    muxer: str
    video: tuple[str, ...]
    audio: tuple[str, ...]
    constant_rate: bool = False  # one frame every 1/rate: timestamps in frames
    same: tuple[str, ...] = ()  # other suffixes of files already in this format


FAMILIES: dict[str, Family] = {
    "mp4": Family(".mp4", "mp4", ("libx264", "mpeg4"), ("aac",), same=(".m4v",)),
    "m4a": Family(".m4a", "ipod", ("libx264",), ("aac",)),
    "mkv": Family(".mkv", "matroska", ("libx264", "mpeg4"), ("aac",), same=(".mka",)),
    "webm": Family(".webm", "webm", ("libvpx-vp9", "libvpx"), ("libopus",)),
    "avi": Family(".avi", "avi", ("mpeg4",), ("ac3", "mp2"), constant_rate=True),
    # MPEG-1 and -2 video want one of their standard frame rates; MPEG files have them.
    "mpg": Family(".mpg", "mpeg", ("mpeg2video", "mpeg1video"), ("mp2",), constant_rate=True,
                   same=(".mpeg",)),
    "ts": Family(".ts", "mpegts", ("libx264", "mpeg2video"), ("aac", "mp2"), same=(".mts",)),
    "wav": Family(".wav", "wav", (), ("pcm_s16le",)),
    "flac": Family(".flac", "flac", (), ("flac",)),
    "mp3": Family(".mp3", "mp3", (), ("libmp3lame",)),
    "ogg": Family(".ogg", "ogg", (), ("libopus",), same=(".oga", ".opus")),
    "aac": Family(".aac", "adts", (), ("aac",)),
    "aiff": Family(".aiff", "aiff", (), ("pcm_s16be",), same=(".aif",)),
    "amr": Family(".amr", "amr", (), ("libopencore_amrnb",)),
}
_BY_KIND = {"AVI": "avi", "MPEG-PS": "mpg", "MPEG-ES": "mpg", "MPEG-TS": "ts", "WAV": "wav",
            "FLAC": "flac", "OGG": "ogg", "MP3": "mp3", "AAC": "aac", "AIFF": "aiff",
            "AMR": "amr"}
_AUDIO_BRANDS = (b"M4A ", b"M4B ", b"M4P ")
HEAD_BYTES = 512  # enough to recognise any family (an MPEG-TS needs three 188-byte packets)
# Quality: visually close to the original at a modest size; presets for two cores.
VIDEO_OPTIONS: dict[str, dict[str, str]] = {
    "libx264": {"crf": "21", "preset": "veryfast"},
    "libvpx-vp9": {"crf": "32", "b": "0", "deadline": "realtime", "cpu-used": "8",
                   "row-mt": "1"},
    "libvpx": {"crf": "8", "b": "4M", "deadline": "realtime", "cpu-used": "8"},
}
FRAME_CLOCK = ("mpeg4", "mpeg1video", "mpeg2video")  # encoders that count time in frames
QSCALE = 3  # and their fixed quantiser (2 best .. 31 worst)
MUXER_OPTIONS: dict[str, dict[str, str]] = {
    "mp3": {"id3v2_version": "0", "write_xing": "0"},  # no ID3 tag, no LAME/encoder header
}
NO_SEI = "filter_units=remove_types=6"  # x264's SEI: its version and every setting


def family_name(data: bytes) -> str | None:
    kind = recognise(data)
    if kind == "MP4":
        return "m4a" if data[8:12] in _AUDIO_BRANDS else "mp4"
    if kind == "MKV":  # the EBML header's DocType says webm or matroska
        return "webm" if b"webm" in data[:64] else "mkv"
    return _BY_KIND.get(kind or "")


def clip_suffix(data: bytes) -> str | None:
    """The suffix of a copy of the video or audio file starting with ``data`` (its first
    ``HEAD_BYTES`` are enough), or None for what is not one."""
    name = family_name(data)
    return FAMILIES[name].suffix if name else None


def clip_output_path(destination: Path, suffix: str) -> Path:
    """The destination, with ``suffix`` added where its own suffix is not of that format (a
    MOV's MP4 copy is clip.mov.mp4, an M4V's stays clip.m4v)."""
    family = next((f for f in FAMILIES.values() if f.suffix == suffix), None)
    own = {suffix, *(family.same if family else ())}
    if destination.suffix.lower() in own:
        return destination
    return destination.with_name(destination.name + suffix)
