"""Sanitised copies of videos and audio files: every frame covered, the sound kept or dropped as
the policy says, nothing of the original container carried over.

A video is decoded in one forward pass, frame by frame (never held whole), turned upright (the
copy has no display matrix to do it) and, on EVERY frame:
- every face the face model finds is blurred (filled with ``fill``): faces move between the
  sampled frames a screen looks at, so the copy searches the frames again, ten times a second
  or more, and carries each face found to the frames before and after it (``_FaceSearch``);
- the box of every other finding ``regions()`` chooses (what the policy does not accept, and
  what the catalogue covers even when accepted) is covered from ``interval`` seconds before the
  finding was first seen to ``interval`` seconds after it was last seen, ``interval`` being the
  sampling's steady interval: the screen looks at least that often, so whatever it saw may have
  been on screen since just after the sample before, and until just before the sample after.
  Findings on cover art (no time) need nothing: cover art is never copied.
The frames are encoded again in the family of the original (``FAMILIES``), at the original's
frame rate and timestamps. The sound is kept (re-encoded) when the policy accepts everything
heard in it (``from_sound``) and dropped otherwise; an audio file whose sound is not accepted
cannot be sanitised by covering boxes, and is refused (``ClipRefused``), as is a file this
FFmpeg build cannot write.

The copy is a new container holding one video stream and the kept audio tracks, nothing else:
no container or stream tags, no cover art, no chapters, subtitles, data or telemetry streams
(GoPro GPS), and no encoder version strings (FFmpeg's ``bitexact`` flags; x264's settings SEI is
removed from the H.264 stream).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from PIL import Image

from vmscreen.analyses.engines import Engines
from vmscreen.analyses.faces import find_faces
from vmscreen.engine.clip_families import (
    FAMILIES,
    FRAME_CLOCK,
    MUXER_OPTIONS,
    NO_SEI,
    QSCALE,
    VIDEO_OPTIONS,
    Family,
    family_name,
)
from vmscreen.engine.redaction import Region, cover, regions
from vmscreen.findings import Box, Category, CodeInfo, Finding
from vmscreen.media import Frame, TimedMedia
from vmscreen.media.containers import load_av, open_container
from vmscreen.media.timed import TolerantFrames, attached_picture, upright, video_frame
from vmscreen.policy import Decision, Policy

# Codes of what is heard rather than seen: a voice, spoken numbers.
AUDIO_PREFIXES = ("VOI", "SPK")
_FACE_CODE = "FAC101"  # the code a face found by the frame-by-frame search is covered as
FACE_STEP_S = 0.1  # the face search runs at least this often ...
MAX_WAITING = 3  # ... and on at least every fourth frame (frames held while waiting for it)
CARRY_MARGIN = 0.5  # a face carried to another frame grows by this share of its size per side


class ClipRefused(Exception):
    """No sanitised copy can be written; ``reason`` says why, for the contributor."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ClipCopy:
    """A sanitised copy of a video or audio file, and what it covers."""

    data: bytes
    suffix: str
    regions: tuple[Region, ...]  # the findings' boxes, each covered over its span
    codes: tuple[str, ...]  # codes covered by a region or removed with the sound
    audio_kept: bool  # False: the copy has no sound (dropped, or there was none)
    dropped: tuple[str, ...] = ()  # codes heard in the sound the copy leaves out
    frames: int = 0  # video frames written
    faces: int = 0  # faces the copy's own face search found, summed over its searches


def from_sound(finding: Finding) -> bool:
    """Whether a finding is about what is heard: a code of the audio detectors, or a finding
    that names the audio track it was found on and has no box (a frame's findings have one,
    or a frame index)."""
    if finding.box is not None or finding.frame is not None:
        return False
    return finding.code.startswith(AUDIO_PREFIXES) or "track" in finding.evidence_dict


def sanitised_clip(media: TimedMedia, findings: Sequence[Finding], policy: Policy,
                   codes: Mapping[str, CodeInfo], engines: Engines, *, fill: bool = False,
                   heard: Callable[[Finding], bool] = from_sound) -> ClipCopy:
    """A sanitised copy of a screened video or audio file, or ClipRefused saying why there can
    be none. ``findings`` are the screen's; ``heard`` picks those about the sound."""
    if any(f.category is Category.UNSCREENED for f in findings):
        raise ClipRefused("not screened completely: a copy would look sanitised and not be")
    name = family_name(media.data)
    if name is None:
        raise ClipRefused(f"no sanitised copy is written for {media.format} files")
    family = FAMILIES[name]
    refused = sorted({f.code for f in findings if heard(f)
                      and policy.outcome(f)[0] is not Decision.ACCEPT})
    if media.kind == "audio":
        if refused:
            raise ClipRefused(
                f"the policy does not accept what is heard in it ({', '.join(refused)}): a "
                "copy can cover what is seen, not what is heard, and an audio file without "
                "its sound would be empty")
        if not media.tracks:
            raise ClipRefused("the file holds no sound to copy")
    keep_audio = not refused and bool(media.tracks)
    spans = _spans(media, findings, policy, codes, fill)
    writer = _Writer(media, family, spans, engines, fill, keep_audio)
    data = writer.write()
    chosen = tuple(region for region, _, _ in spans)
    dropped = tuple(refused) if media.tracks else ()
    return ClipCopy(data, family.suffix, chosen,
                    tuple(sorted({r.code for r in chosen} | set(dropped))), keep_audio,
                    dropped, writer.frames, writer.faces)


def _spans(media: TimedMedia, findings: Iterable[Finding], policy: Policy,
           codes: Mapping[str, CodeInfo], fill: bool) -> list[tuple[Region, float, float]]:
    """Each region to cover, with the first and last second it is covered on."""
    interval = media.sampling.steady_interval(media.duration)
    spans = []
    for finding in findings:
        if finding.time is None:  # cover art, or the whole file: no frame of the copy
            continue
        for region in regions([finding], policy, codes, fill=fill):
            spans.append((region, finding.time - interval,
                          (finding.until or finding.time) + interval))
    return spans


def _encoder(names: Sequence[str], what: str) -> str:
    av = load_av()
    for name in names:
        try:
            av.Codec(name, "w")
        except (av.FFmpegError, ValueError):
            continue
        return name
    raise ClipRefused(f"this FFmpeg build cannot write {what} (no {' or '.join(names)} "
                      "encoder)")


def _even(size: tuple[int, int]) -> tuple[int, int]:
    """Encoders of 4:2:0 video want even sides: an odd last row or column is cut off."""
    return max(2, size[0] - size[0] % 2), max(2, size[1] - size[1] % 2)


class _Writer:
    """One pass over the original: decode, cover, encode, mux into memory."""

    def __init__(self, media: TimedMedia, family: Family,
                 spans: list[tuple[Region, float, float]], engines: Engines, fill: bool,
                 keep_audio: bool) -> None:
        self.media = media
        self.family = family
        self.spans = spans
        self.engines = engines
        self.fill = fill
        self.keep_audio = keep_audio
        self.frames = 0
        self.faces = 0

    def write(self) -> bytes:
        av = load_av()
        source = open_container(self.media.data)
        buffer = io.BytesIO()
        try:
            video_in = next((s for s in source.streams.video if not attached_picture(s)), None)
            audio_in = [source.streams[t.index] for t in self.media.tracks] \
                if self.keep_audio else []
            options = {"fflags": "+bitexact", **MUXER_OPTIONS.get(self.family.muxer, {})}
            with av.open(buffer, "w", format=self.family.muxer, options=options) as out:
                origin = max(0.0, (source.start_time or 0) / 1_000_000)
                video = None
                if video_in is not None:
                    size = _upright_size(self.media.data, video_in.index)
                    video = _VideoOut(out, video_in, self.family, origin, size)
                sounds = {s.index: _AudioOut(out, s, self.family, origin) for s in audio_in}
                chosen = [s for s in (video_in, *audio_in) if s is not None]
                faces = _FaceSearch(self.engines.faces, float(video.rate), self.fill) \
                    if video is not None else None
                for index, frame in _decoded(source, chosen):
                    if video is not None and faces is not None and index == video_in.index:
                        self._frame(video, faces, frame)
                    elif index in sounds:
                        sounds[index].write(frame)
                if video is not None and faces is not None:
                    self._write(video, faces.flush())
                    video.close()
                    self.faces = faces.count
                for sound in sounds.values():
                    sound.close()
        except ClipRefused:
            raise
        except (av.FFmpegError, ValueError, OSError) as exc:
            raise ClipRefused(f"FFmpeg could not encode the copy ({type(exc).__name__}): its "
                              "size, frame rate or sound may be beyond the encoder's range"
                              ) from None
        finally:
            source.close()
        if video_in is not None and self.frames == 0:
            raise ClipRefused("no frame of the video could be decoded")
        return buffer.getvalue()

    def _frame(self, video: _VideoOut, faces: _FaceSearch, vf: Any) -> None:
        limits = self.media.limits
        self.frames += 1
        time = vf.time if vf.time is not None and vf.time >= 0 else self.frames / float(video.rate)
        if self.frames > limits.max_decoded_frames or time > limits.max_duration_s:
            raise ClipRefused(f"the video goes on past {time:.1f} s, beyond the limits a "
                              "screen looks at: what follows was not screened")
        # Views straight from the decoder's YUV, upright: the face search's 640 px view costs
        # no resize of the full frame.
        self._write(video, faces.add(video_frame(self.frames - 1, time, vf)))

    def _write(self, video: _VideoOut, ready: Iterable[tuple[Frame, list[Region]]]) -> None:
        for frame, chosen in ready:
            time = frame.time or 0.0
            chosen += [region for region, start, end in self.spans if start <= time <= end]
            image = frame.image()
            video.write(cover(image, chosen) if chosen else image, time)
            frame.release()


class _FaceSearch:
    """Faces on every frame, searched on every ``every``-th frame (``FACE_STEP_S`` apart, so a
    30 fps clip is searched on every third frame) and carried to the frames around it.

    Each frame is covered with the faces of the last search at or before it and of the first
    search after it; those found on another frame are grown by ``CARRY_MARGIN`` of their size
    on each side, for how far a face moves in ``FACE_STEP_S``. So a face that came into view
    after one search is covered from the frame it appeared on (the next search's box), and a
    face the model missed on one search is still covered by its neighbours' boxes. The frames
    between two searches wait in memory (at most ``MAX_WAITING``)."""

    def __init__(self, model: Any, rate: float, fill: bool) -> None:
        self.model = model
        self.every = max(1, min(MAX_WAITING + 1, round(rate * FACE_STEP_S)))
        self.blur = not fill
        self.waiting: list[Frame] = []
        self.last: list[Box] = []  # the last search's faces
        self.count = 0  # faces found, summed over the searches

    def add(self, frame: Frame) -> Iterator[tuple[Frame, list[Region]]]:
        """The frames ready to write (with the faces to cover) once this one is added."""
        self.waiting.append(frame)
        if len(self.waiting) >= self.every:
            yield from self._search()

    def flush(self) -> Iterator[tuple[Frame, list[Region]]]:
        if self.waiting:
            yield from self._search()

    def _search(self) -> Iterator[tuple[Frame, list[Region]]]:
        frame = self.waiting[-1]
        size = (frame.width, frame.height)
        found = [face.pixel_box(*size) for face in find_faces(frame, self.model)]
        self.count += len(found)
        before = [_grown(box, size) for box in self.last]
        after = [_grown(box, size) for box in found]
        for earlier in self.waiting[:-1]:
            yield earlier, self._regions(before + after)
        yield frame, self._regions(found + before)
        self.waiting, self.last = [], found

    def _regions(self, boxes: list[Box]) -> list[Region]:
        return [Region(box, _FACE_CODE, self.blur) for box in boxes]


def _grown(box: Box, size: tuple[int, int]) -> Box:
    dx, dy = round(box.width * CARRY_MARGIN), round(box.height * CARRY_MARGIN)
    return Box(max(0, box.x0 - dx), max(0, box.y0 - dy), min(size[0], box.x1 + dx),
               min(size[1], box.y1 + dy))


class _VideoOut:
    """The copy's video stream: upright frames in, timestamps kept (in frames of the original
    rate for constant-rate families, in the original's time base otherwise)."""

    def __init__(self, out: Any, source: Any, family: Family, origin: float,
                 size: tuple[int, int]) -> None:
        av = load_av()
        self.out = out
        self.origin = origin
        name = _encoder(family.video, f"{family.suffix} video")
        rate = Fraction(source.guessed_rate or source.average_rate or 25)
        if family.constant_rate or name in FRAME_CLOCK:
            # A clock that ticks once a frame, on at most 16 bits (MPEG-4 part 2's limit).
            self.time_base = (1 / rate).limit_denominator(65_535)
            rate = 1 / self.time_base
        else:
            self.time_base = Fraction(source.time_base or Fraction(1, 90_000))
        self.rate = rate
        self.size = _even(size)
        self.stream = out.add_stream(name, rate=rate)
        self.stream.width, self.stream.height = self.size
        self.stream.pix_fmt = "yuv420p"
        context = self.stream.codec_context
        context.time_base = self.time_base
        context.flags |= av.codec.context.Flags.bitexact  # no encoder string in the stream
        context.options = dict(VIDEO_OPTIONS.get(name, {}))
        if name in FRAME_CLOCK:
            context.qscale = True
            context.global_quality = QSCALE * 118  # FF_QP2LAMBDA
        self.filter = av.BitStreamFilterContext(NO_SEI, self.stream) \
            if name == "libx264" else None
        self.last: int | None = None

    def write(self, image: Image.Image, time: float) -> None:
        av = load_av()
        if image.size != self.size:
            image = image.crop((0, 0, *self.size))
        frame = av.VideoFrame.from_image(image)
        pts = round((time - self.origin) / self.time_base)
        if self.last is not None and pts <= self.last:
            pts = self.last + 1  # two frames on one tick of a coarser clock: keep both
        frame.pts, frame.time_base, self.last = pts, self.time_base, pts
        self._mux(self.stream.encode(frame))

    def close(self) -> None:
        self._mux(self.stream.encode(None))
        if self.filter is not None:
            self._mux(self.filter.filter(None), filtered=True)

    def _mux(self, packets: Iterable[Any], filtered: bool = False) -> None:
        for packet in packets:
            if self.filter is None or filtered:
                self.out.mux(packet)
            else:
                for clean in self.filter.filter(packet):
                    clean.stream = self.stream
                    self.out.mux(clean)


def _upright_size(data: bytes, index: int) -> tuple[int, int]:
    """The upright size of the video stream's first decodable frame: the muxer needs the
    copy's size before the first frame of the single pass arrives (an audio packet may come
    first), and only a decoded frame tells the rotation."""
    container = open_container(data)
    try:
        for _, frame in _decoded(container, [container.streams[index]]):
            return upright(frame)[0]
    finally:
        container.close()
    raise ClipRefused("no frame of the video could be decoded")


class _AudioOut:
    """One kept audio track, resampled to what the family's encoder takes (at most stereo) and
    stamped sample by sample, so a skipped bad packet cannot break the encoder's clock."""

    def __init__(self, out: Any, source: Any, family: Family, origin: float) -> None:
        av = load_av()
        self.out = out
        self.origin = origin
        name = _encoder(family.audio, f"{family.suffix} audio")
        codec = av.Codec(name, "w")
        context = source.codec_context
        layout = "mono" if (context.channels or 1) == 1 or name == "libopencore_amrnb" \
            else "stereo"
        self.rate = _sample_rate(context.sample_rate or 44_100, codec.audio_rates)
        self.stream = out.add_stream(name, rate=self.rate, layout=layout)
        self.stream.codec_context.flags |= av.codec.context.Flags.bitexact
        if name == "libopencore_amrnb":
            self.stream.codec_context.bit_rate = 12_200
        self.resampler = av.AudioResampler(format=self.stream.codec_context.format.name,
                                           layout=layout, rate=self.rate)
        self.next: int | None = None

    def write(self, frame: Any) -> None:
        if self.next is None:
            start = frame.time if frame.time is not None else self.origin
            self.next = max(0, round((start - self.origin) * self.rate))
        frame.pts = None  # the resampler's clock, not the demuxer's, stamps its output
        for out in self.resampler.resample(frame):
            self._encode(out)

    def close(self) -> None:
        if self.next is not None:
            for out in self.resampler.resample(None):
                self._encode(out)
        for packet in self.stream.encode(None):
            self.out.mux(packet)

    def _encode(self, frame: Any) -> None:
        frame.pts, frame.time_base = self.next, Fraction(1, self.rate)
        self.next = (self.next or 0) + frame.samples
        for packet in self.stream.encode(frame):
            self.out.mux(packet)


def _sample_rate(rate: int, supported: Sequence[int] | None) -> int:
    """The source's rate where the encoder takes it, else the nearest higher one it takes."""
    if not supported or rate in supported:
        return rate
    higher = [r for r in supported if r >= rate]
    return min(higher) if higher else max(supported)


def _decoded(container: Any, streams: list[Any]) -> Iterator[tuple[int, Any]]:
    """(stream index, decoded frame) in file order, skipping a few bad packets per stream as
    the screen did; past that, or a demuxer error, no copy is made (its end would be
    missing)."""
    frames = TolerantFrames(container, streams, "the file")
    yield from frames
    if frames.damage:
        raise ClipRefused(f"{frames.damage}: a copy would lose its end")

