"""Builders for the small video and audio files the tests make themselves, with PyAV: a clip
from a function of time, with an optional tone or signal as its soundtrack and container tags.
Plain functions returning bytes."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import av
import numpy as np
from PIL import Image

from tests import imaging

# container format, video codec, audio codec, pixel format for each family the tests write
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    "mp4": ("mp4", "libx264", "aac", "yuv420p"),
    "mov": ("mov", "libx264", "aac", "yuv420p"),
    "3gp": ("3gp", "libx264", "aac", "yuv420p"),
    "webm": ("webm", "libvpx", "libopus", "yuv420p"),
    "mkv": ("matroska", "mpeg4", "mp2", "yuv420p"),
    "avi": ("avi", "mpeg4", "mp2", "yuv420p"),
    "mpg": ("mpeg", "mpeg1video", "mp2", "yuv420p"),
}
AUDIO_FAMILIES: dict[str, tuple[str, str, int]] = {
    "wav": ("wav", "pcm_s16le", 16000),
    "flac": ("flac", "flac", 16000),
    "mp3": ("mp3", "libmp3lame", 44100),
    "ogg": ("ogg", "libopus", 48000),
    "m4a": ("ipod", "aac", 44100),
    "aiff": ("aiff", "pcm_s16be", 16000),
}

Painter = Callable[[float], Image.Image]


def still(image: Image.Image) -> Painter:
    return lambda t: image


def moving_picture(width: int = 160, height: int = 120) -> Painter:
    """A gradient that changes a little every frame, like a camera's noise."""
    return lambda t: imaging.picture(width, height, seed=int(t * 1000))


def tone(seconds: float, rate: int = 16000, hz: float = 440.0, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (level * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def clip(paint: Painter, *, seconds: float = 2.0, fps: int = 10, family: str = "mp4",
         audio: np.ndarray | None = None, audio_rate: int = 16000,
         tags: Mapping[str, str] | None = None, options: Mapping[str, str] | None = None,
         rotate: int = 0) -> bytes:
    """A clip whose frame at time t is ``paint(t)``, with ``audio`` (mono float32 at
    ``audio_rate``) as its soundtrack and ``tags`` as container metadata; ``rotate`` degrees
    (counter-clockwise) in the display matrix, as phones store portrait clips."""
    fmt, vcodec, acodec, pix = FAMILIES[family]
    first = paint(0.0)
    # A muxer's second pass (MP4's faststart) reopens its output by name: write to a file.
    folder = tempfile.TemporaryDirectory()
    target = f"{folder.name}/clip"
    with folder, av.open(target, "w", format=fmt, options=dict(options or {})) as out:
        for key, value in (tags or {}).items():
            out.metadata[key] = value
        video = out.add_stream(vcodec, rate=fps if family != "mpg" else 25)
        video.width, video.height = first.width - first.width % 2, first.height - first.height % 2
        video.pix_fmt = pix
        if rotate:
            video.set_display_rotation(rotate)
        sound = None
        if audio is not None:
            sound = out.add_stream(acodec, rate=48000 if acodec == "libopus" else 44100)
            sound.layout = "mono"
        frames = int(seconds * (fps if family != "mpg" else 25))
        rate = fps if family != "mpg" else 25
        for index in range(frames):
            picture = paint(index / rate).convert("RGB").crop((0, 0, video.width, video.height))
            frame = av.VideoFrame.from_image(picture)
            frame.pts = None
            for packet in video.encode(frame):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        if sound is not None and audio is not None:
            write_audio(out, sound, audio, audio_rate)
        out.close()
        return Path(target).read_bytes()


def write_audio(out: av.container.OutputContainer, stream: av.AudioStream, signal: np.ndarray,
                 rate: int) -> None:
    resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono",
                                  rate=stream.codec_context.sample_rate)
    chunk = 1024
    for start in range(0, len(signal), chunk):
        part = signal[start:start + chunk].astype(np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(part, format="flt", layout="mono")
        frame.sample_rate = rate
        frame.pts = None
        for resampled in resampler.resample(frame):
            for packet in stream.encode(resampled):
                out.mux(packet)
    for resampled in resampler.resample(None):
        for packet in stream.encode(resampled):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)


def audio_file(signal: np.ndarray, *, rate: int = 16000, family: str = "wav",
               tags: Mapping[str, str] | None = None, cover: Image.Image | None = None) -> bytes:
    """An audio-only file holding ``signal`` (mono float32 at ``rate``), with ``cover`` as its
    embedded cover art (an attached picture: MP3, M4A, FLAC)."""
    fmt, codec, out_rate = AUDIO_FAMILIES[family]
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=fmt) as out:
        for key, value in (tags or {}).items():
            out.metadata[key] = value
        stream = out.add_stream(codec, rate=out_rate)
        stream.layout = "mono"
        if cover is not None:
            art = out.add_stream("png")
            art.width, art.height, art.pix_fmt = cover.width, cover.height, "rgb24"
            art.disposition = av.stream.Disposition.attached_pic
            packet = av.Packet(imaging.encode(cover.convert("RGB"), "PNG"))
            packet.stream, packet.pts, packet.dts = art, 0, 0
            out.mux(packet)
        write_audio(out, stream, signal, rate)
    return buffer.getvalue()


def cut(data: bytes, keep: float) -> bytes:
    """The first ``keep`` share of the file's bytes: an upload that stopped early."""
    return data[: int(len(data) * keep)]
