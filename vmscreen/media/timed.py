"""Video and audio files, read with FFmpeg's demuxers and decoders through PyAV.

A timed medium is recognised by its first bytes (vmscreen.media.containers), opened once to
check its streams against the limits (duration, resolution, bytes) before any frame is decoded,
and then read as:
- pictures: embedded cover art (an attached picture stream), each opened as an image;
- sampled frames of its video stream (vmscreen.media.sampling), decoded in one forward pass
  while the screen runs, each converted to RGB only when sampled, at the size asked for;
- audio tracks (vmscreen.media.audio), each decoded on first use to 16 kHz mono.
What is not looked at is reported, never passed: a stream that stops decoding, a clip shorter
than its container declares (a truncated upload), frames past the decode limits.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
from PIL import Image

from vmscreen.media.audio import SPEECH_RATE, AudioTrack, Decoded
from vmscreen.media.containers import declared_size, load_av, open_container, recognise
from vmscreen.media.formats import fit
from vmscreen.media.frames import Frame
from vmscreen.media.limits import Limits, MediaError
from vmscreen.media.medium import Media, MediaInfo
from vmscreen.media.metadata import MediaMetadata
from vmscreen.media.sampling import THUMB_WIDTH, Sampler, Sampling, Verdict

logging.getLogger("libav").setLevel(logging.CRITICAL)  # FFmpeg's own chatter about bad data

_MIMES = {
    "MP4": "video/mp4", "AVI": "video/x-msvideo", "MKV": "video/x-matroska",
    "MPEG-PS": "video/mpeg", "MPEG-ES": "video/mpeg", "MPEG-TS": "video/mp2t",
    "WAV": "audio/wav", "FLAC": "audio/flac", "OGG": "audio/ogg", "MP3": "audio/mpeg",
    "AAC": "audio/aac", "AIFF": "audio/aiff", "AMR": "audio/amr",
}
# Codecs FFmpeg can decode at 1/2, 1/4 or 1/8 size ("lowres"): used for frames far larger than
# any detector reads. H.264, HEVC, VP8/9 and AV1 cannot, and are decoded at full size.
_LOWRES_CODECS = ("mpeg1video", "mpeg2video", "mpeg4", "h263", "h263p", "msmpeg4v1",
                  "msmpeg4v2", "msmpeg4v3", "wmv1", "wmv2", "mjpeg")
_LOWRES_ABOVE = 2048
# A stream that ends this much before the container says it should was cut off. A video's last
# frame starts a frame before its end, and a container's duration may include its audio's
# tail (on the real clips: at most 0.27 s, three frames); decoded audio came within 0.03 s.
_SHORT_BY_S = 0.35
_SHORT_BY_FRAMES = 3
_SHORT_AUDIO_BY_S = 0.1
_SHORT_BY_SHARE = 0.001
_TOLERATED_PACKETS = 3
# 8-bit formats whose first plane is the picture's luma: the sampling thumbnail is read from it
# directly (converting a 1600 px frame to grey would cost as much as decoding it).
_LUMA_FIRST = ("yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12",
               "nv21", "yuv410p", "yuv411p", "gray")


def is_timed(data: bytes) -> bool:
    """Whether ``data`` starts like a video or audio file vmscreen reads."""
    return recognise(data) is not None


def _seconds(value: Any, base: Fraction | None) -> float | None:
    if value is None or base is None:
        return None
    seconds = float(value * base)
    return seconds if seconds > 0 else None


@dataclass(frozen=True)
class Sample:
    """A sampled video frame, and whether it repeats the picture last screened."""

    frame: Frame
    repeat: bool = False


@dataclass(frozen=True)
class TimedInfo(MediaInfo):
    """What every result records of a video or audio file: a photo's facts (``frames`` is the
    count the video stream declares, 0 for none), its duration and its audio tracks."""

    duration: float | None
    audio_tracks: int


class TimedMedia:
    """A video or audio file. Frames and tracks decode on demand; the bytes stay in memory."""

    def __init__(self, data: bytes, source: str, limits: Limits,
                 sampling: Sampling | None = None) -> None:
        self.data = data
        self.source = source
        self.limits = limits
        self.sampling = sampling or Sampling()
        self.trailing: tuple[int, str | None] = (0, None)
        self.damage: str | None = None
        kind = recognise(data)
        if kind is None:
            raise MediaError("UNS002", "not a video or audio format vmscreen reads")
        stated = declared_size(data)
        # Some writers count the size field's own 8 bytes in it (a WAV among the real clips
        # does): 8 bytes over is that slip, not a cut.
        if stated is not None and stated > len(data) + 8:
            self.damage = (f"the file states {stated} bytes but holds {len(data)} "
                           "(a truncated upload)")
        self.format = kind
        self.mime = _MIMES[kind]
        self._probe()

    # -- probe --------------------------------------------------------------------------------

    def _probe(self) -> None:
        limits = self.limits
        if len(self.data) > limits.max_bytes:
            raise MediaError("UNS003", f"file is {len(self.data)} bytes, over the "
                             f"{limits.max_bytes} limit")
        container = open_container(self.data)
        try:
            video = [s for s in container.streams.video if not attached_picture(s)]
            pictures = [s for s in container.streams.video if attached_picture(s)]
            audio = list(container.streams.audio)
            if not (video or audio or pictures):
                raise MediaError("UNS001", f"{self.format} file holds no video or audio stream")
            self.duration = _duration(container, [*video, *audio])
            if self.duration is not None and self.duration > limits.max_duration_s:
                raise MediaError("UNS003", f"lasts {self.duration:.0f} s, over the "
                                 f"{limits.max_duration_s:.0f} s limit (max_duration_s)")
            self._video_index = video[0].index if video else None
            # What no detector looks at: a second video stream, subtitles (text), attachments
            # (a Matroska file can carry any file). Data streams are telemetry and timecode,
            # read as metadata.
            self.unscreened_streams = tuple(
                f"{kind} stream {stream.index}" for kind, streams in (
                    ("video", video[1:]), ("subtitle", container.streams.subtitles),
                    ("attachment", container.streams.attachments))
                for stream in streams)
            self.width = self.height = 0
            self.frame_count = 0
            self.codec: str | None = None
            if video:
                stream = video[0]
                width, height = stream.codec_context.width, stream.codec_context.height
                if width * height > limits.max_pixels:
                    raise MediaError("UNS003", f"video is {width}x{height}, over the pixel "
                                     "limit")
                self.width, self.height = width, height
                self.frame_count = int(stream.frames or 0)
                self.codec = stream.codec_context.name
                self._video_duration = _seconds(stream.duration, stream.time_base)
                rate = float(stream.average_rate or 0)
                if self.frame_count and rate:
                    # An AVI cut before its index reads as a shorter clip, but its header
                    # still counts every frame.
                    self._video_duration = max(self._video_duration or 0.0,
                                               self.frame_count / rate)
            declared = [_seconds(s.duration, s.time_base) or self.duration for s in audio]
            self.tracks = tuple(
                AudioTrack(s.index, s.codec_context.name, seconds,
                           self._track_decoder(s.index, seconds))
                for s, seconds in zip(audio, declared, strict=True))
            self._picture_packets = tuple(_picture_bytes(container, s) for s in pictures)
        except MediaError:
            raise
        except Exception as exc:  # noqa: BLE001 - FFmpeg's and PyAV's many errors: damage
            raise MediaError("UNS001", f"{self.format} container cannot be read: "
                             f"{type(exc).__name__}") from None
        finally:
            container.close()
        self.kind = "video" if self._video_index is not None else "audio"

    # -- pictures and frames ------------------------------------------------------------------

    @property
    def pictures(self) -> int:
        """How many pictures (cover art) the file embeds."""
        return len(self._picture_packets)

    def samples(self, gaps: list[MediaError]) -> Iterator[Sample]:
        """Cover art, then the sampled frames of the video stream, in one decoding pass. What
        could not be looked at is appended to ``gaps`` (codes UNS001, UNS007) as it is met."""
        index = 0
        for number, data in enumerate(self._picture_packets, 1):
            try:  # read as any image is, with its limits
                first = Media(data, f"{self.source} (cover art {number})", self.limits).frame(0)
            except MediaError as exc:
                gaps.append(MediaError(exc.code, f"cover art {number}: {exc.message}"))
                continue
            yield Sample(Frame(index, None, (first.width, first.height), first.image))
            index += 1
        if self._video_index is None:
            return
        yield from self._video_samples(index, gaps)

    def _video_samples(self, index: int, gaps: list[MediaError]) -> Iterator[Sample]:
        limits = self.limits
        container = open_container(self.data)
        decoded, last = 0, 0.0
        try:
            stream = container.streams[self._video_index]
            stream.thread_type = "AUTO"
            if self.codec in _LOWRES_CODECS and max(self.width, self.height) > _LOWRES_ABOVE:
                scale = 1
                while max(self.width, self.height) >> scale > _LOWRES_ABOVE and scale < 3:
                    scale += 1
                stream.codec_context.options = {"lowres": str(scale)}
            sampler = Sampler(self.sampling, self._video_duration or self.duration)
            rate = float(stream.average_rate or 25)
            # Times from the start of the clip: MPEG streams start at an offset (0.5 s is usual).
            start = _seconds(stream.start_time, stream.time_base) or 0.0
            frames = TolerantFrames(container, [stream], "video stream")
            for _, vf in frames:
                decoded += 1
                time = (max(0.0, vf.time - start) if vf.time is not None
                        else (decoded - 1) / rate)
                last = max(last, time)
                if decoded > limits.max_decoded_frames or time > limits.max_duration_s:
                    which = ("max_decoded_frames" if decoded > limits.max_decoded_frames
                             else "max_duration_s")
                    gaps.append(MediaError("UNS007", f"video from {time:.1f} s on not "
                                           f"screened: over the limit {which}"))
                    return
                if sampler.full:  # only where the clip declared no duration to spread over
                    gaps.append(MediaError("UNS007", f"video from {time:.1f} s on not "
                                           "screened: over the sampling limit max_samples"))
                    return
                verdict = sampler.decide(time, _thumbnail(vf))
                if verdict is Verdict.SKIP:
                    continue
                frame = video_frame(index, time, vf)
                yield Sample(frame, repeat=verdict is Verdict.REPEAT)
                index += 1
        finally:
            container.close()
        if frames.damage:
            gaps.append(MediaError("UNS001", f"{frames.damage}: the rest was not screened"))
            return
        declared = self._video_duration or self.duration
        if decoded == 0:
            gaps.append(MediaError("UNS001", "no frame of the video stream could be decoded "
                                   "(a truncated or damaged file)"))
        elif declared and declared - last > max(_SHORT_BY_S, _SHORT_BY_FRAMES / rate,
                                                _SHORT_BY_SHARE * declared):
            gaps.append(MediaError("UNS001", f"the video stream ends at {last:.1f} s of the "
                                   f"{declared:.1f} s its container declares (truncated): the "
                                   "rest was not screened"))

    # -- audio --------------------------------------------------------------------------------

    def _track_decoder(self, index: int, declared: float | None) -> Callable[[], Decoded]:
        return lambda: _decode_track(self.data, index, self.limits.max_duration_s, declared)

    # -- facts --------------------------------------------------------------------------------

    @cached_property
    def metadata(self) -> MediaMetadata:
        # Imported here, as FFmpeg is: a screen of photos alone never loads it.
        from vmscreen.media.container_metadata import read_container_metadata

        return read_container_metadata(self.data)

    @cached_property
    def info(self) -> TimedInfo:
        return TimedInfo(
            format=self.format, mime=self.mime, width=self.width, height=self.height,
            frames=self.frame_count, bytes=len(self.data),
            sha256=hashlib.sha256(self.data).hexdigest(),
            duration=round(self.duration, 3) if self.duration else None,
            audio_tracks=len(self.tracks),
        )


def attached_picture(stream: Any) -> bool:
    """A cover-art picture stored as a one-packet video stream."""
    disposition = stream.disposition
    return bool(disposition & type(disposition).attached_pic)


def _duration(container: Any, streams: list[Any]) -> float | None:
    if container.duration is not None and container.duration > 0:
        return float(container.duration) / 1_000_000
    found = [_seconds(s.duration, s.time_base) for s in streams]
    return max((d for d in found if d), default=None)


def _picture_bytes(container: Any, stream: Any) -> bytes:
    """An attached picture's bytes (FFmpeg keeps them as the stream's only packet)."""
    for packet in container.demux(stream):
        if packet.size:
            return bytes(packet)
    return b""


def _thumbnail(vf: Any) -> np.ndarray:
    """The frame as a small grey array about ``THUMB_WIDTH`` wide, for the sampling
    decisions: every n-th luma sample where the decoder's output has a luma plane."""
    step = max(1, vf.width // THUMB_WIDTH)
    if vf.format.name in _LUMA_FIRST:
        plane = vf.planes[0]
        luma = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)
        return luma[:vf.height:step, :vf.width:step].copy()
    height = max(1, round(vf.height / step))
    return vf.to_ndarray(format="gray", width=max(1, vf.width // step), height=height,
                         interpolation="FAST_BILINEAR")


def upright(vf: Any) -> tuple[tuple[int, int], int]:
    """The frame's upright size and the quarter turns (counter-clockwise) that make it so."""
    turns = round((vf.rotation or 0) / 90) % 4
    size = (vf.width, vf.height)
    return (size[::-1] if turns % 2 else size), turns


_TURNS = {1: Image.Transpose.ROTATE_90, 2: Image.Transpose.ROTATE_180,
          3: Image.Transpose.ROTATE_270}


def video_frame(index: int, time: float, vf: Any) -> Frame:
    """A Frame over a decoded video frame: each view is converted straight from the decoder's
    YUV at the size asked for (one scaling and conversion pass, no full-size RGB copy)."""
    size, turns = upright(vf)
    lock = threading.Lock()

    def decode(max_side: int | None) -> Image.Image:
        stored = (vf.width, vf.height)
        width, height = fit(stored, max_side) if max_side else stored
        try:
            with lock:
                image = vf.reformat(width=width, height=height, format="rgb24",
                                    interpolation="BILINEAR").to_image()
        except Exception as exc:  # noqa: BLE001 - FFmpeg's errors: this frame is damaged
            raise MediaError("UNS001", f"video frame at {time:.1f} s cannot be converted: "
                             f"{type(exc).__name__}") from None
        return image.transpose(_TURNS[turns]) if turns else image

    return Frame(index, time, size, decode, derive=False)


class TolerantFrames:
    """The decoded frames of some streams of a container, as (stream index, frame), read
    packet by packet. Players skip a packet the decoder refuses, and so does this, a few times
    a stream: ``_TOLERATED_PACKETS`` bad packets (an AC-3 stream whose first packet is cut,
    common in AVI files) cost at most a few hundred milliseconds. Past that the stream is
    damaged: iteration stops, and ``damage`` says where (the caller reports the rest as not
    screened, or makes no copy)."""

    def __init__(self, container: Any, streams: list[Any], what: str) -> None:
        self._container = container
        self._streams = streams
        self._what = what
        self.damage: str | None = None

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        av = load_av()
        bad: dict[int, int] = {}
        last = 0.0
        try:
            for packet in self._container.demux(self._streams):
                index = packet.stream.index
                try:
                    frames = packet.decode()
                except av.FFmpegError as exc:
                    bad[index] = bad.get(index, 0) + 1
                    if bad[index] > _TOLERATED_PACKETS:
                        self.damage = (f"{self._what} damaged after {last:.1f} s "
                                       f"({type(exc).__name__})")
                        return
                    continue
                for frame in frames:
                    if frame.time is not None:
                        last = max(last, frame.time)
                    yield index, frame
        except av.FFmpegError as exc:  # the demuxer itself: the container is cut or damaged
            self.damage = f"{self._what} damaged after {last:.1f} s ({type(exc).__name__})"


def _decode_track(data: bytes, index: int, max_seconds: float,
                  declared: float | None) -> Decoded:
    """One audio stream as 16 kHz mono float32, up to ``max_seconds``; shorter than the
    ``declared`` duration by more than a second or a tenth, it is reported as truncated."""
    av = load_av()
    limit = int(max_seconds * SPEECH_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    cut_at = None
    container = open_container(data)
    try:
        stream = container.streams[index]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SPEECH_RATE)
        frames = TolerantFrames(container, [stream], f"audio track {index}")
        for _, frame in frames:
            for out in resampler.resample(frame):
                chunk = out.to_ndarray().reshape(-1)
                chunks.append(chunk)
                total += len(chunk)
            if total > limit:
                cut_at = max_seconds
                break
        else:
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    finally:
        container.close()
    samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    damage = frames.damage
    got = len(samples) / SPEECH_RATE
    if damage is None and cut_at is None and declared and (
            declared - got > max(_SHORT_AUDIO_BY_S, _SHORT_BY_SHARE * declared)):
        damage = (f"audio track {index} ends at {got:.1f} s of the {declared:.1f} s its "
                  "container declares (truncated)")
    return Decoded(np.clip(samples[:limit], -1.0, 1.0), cut_at, damage)
