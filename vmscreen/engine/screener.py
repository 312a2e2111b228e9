"""Screen one medium: every detector on every frame within the limits, failures isolated,
then the policy.

A Screener is built once and reused: it holds the policy, the detectors, the engines the
analyses run on (models load lazily and are kept) and frozen settings. It has no mutable state
of its own, so one instance can serve many threads at once. For each medium it runs the
file-scope detectors once, then, frame by frame, every frame-scope detector on that frame's
shared analyses, and lets go of the frame's pixels before the next. Frames beyond the limits,
and a frame that cannot be decoded, are reported as unscreened: never a silent pass.
"""

from __future__ import annotations

import logging
import os
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PIL import Image

from vmscreen.analyses import Engines, FrameAnalyses
from vmscreen.analyses.banks import ReferenceBanks
from vmscreen.analyses.marks import ClipMarks
from vmscreen.analyses.ocr.carried import CarriedReadings
from vmscreen.analyses.scene_model import SceneModel
from vmscreen.analyses.track import TrackAnalyses
from vmscreen.codes import (
    CORE_BY_CODE,
    FILE_TIMEOUT,
    FRAMES_NOT_SCREENED,
    OVER_LIMITS,
    TRAILING_DATA,
    UNREADABLE,
)
from vmscreen.detectors.base import Detector, Subject
from vmscreen.engine.clip_families import clip_output_path
from vmscreen.engine.records import read_record, record_bytes, recorded_findings, sidecar_of
from vmscreen.engine.redaction import (
    Redaction,
    output_path,
    regions,
    sanitised_bytes,
    uncovered,
)
from vmscreen.engine.registry import catalogue, discover_detectors
from vmscreen.engine.runs import RunOutcome, run_detector, scrub
from vmscreen.engine.spans import merge_spans
from vmscreen.engine.video_copies import ClipRefused, sanitised_clip
from vmscreen.engine.writing import write_new
from vmscreen.findings import Finding
from vmscreen.media import (
    AnyMedia,
    AudioTrack,
    Limits,
    Media,
    MediaError,
    Readable,
    Sampling,
    TimedMedia,
    media_from_array,
    media_from_pil,
    open_media,
    stream_name,
)
from vmscreen.models import ModelRef
from vmscreen.policy import Policy, default_policy
from vmscreen.result import DetectorRun, Result
from vmscreen.zones import Zone

Source = str | Path | bytes | Readable | Image.Image | np.ndarray

log = logging.getLogger("vmscreen")

# Which way a run ended weighs more when a detector's runs over several frames are summed up.
_STATUS_WEIGHT = {"not-run": 0, "ok": 1, "failed": 2, "timeout": 3}
# The view a later frame is decoded at before any detector sees it, so a damaged frame is
# caught once (most detectors ask for this size or smaller).
_CHECK_SIDE = 1024


@dataclass
class _Tally:
    """One detector's runs over a medium's frames, summed up as they end (local to a screen)."""

    status: str = "not-run"
    ms: float = 0.0
    frames: int = 0
    models: set[ModelRef] = field(default_factory=set)
    analyses: set[str] = field(default_factory=set)

    def add(self, outcome: RunOutcome) -> None:
        if _STATUS_WEIGHT[outcome.status] > _STATUS_WEIGHT[self.status]:
            self.status = outcome.status
        self.ms += outcome.ms
        self.frames += 1
        self.models |= outcome.models
        self.analyses |= outcome.analyses

    def run(self, detector: Detector) -> DetectorRun:
        info = detector.info
        return DetectorRun(info.name, info.version, info.licence,
                           tuple(sorted(self.models, key=lambda m: m.name)), self.status,
                           round(self.ms, 2), self.frames, tuple(sorted(self.analyses)))


class Screener:
    """Screens media with one policy and one set of detectors. Thread-safe; reuse it."""

    def __init__(
        self,
        policy: Policy | None = None,
        detectors: Sequence[Detector] | None = None,
        *,
        zones: Iterable[Zone] = (),
        limits: Limits | None = None,
        ocr: str = "ppocr",
        faces: str = "yunet",
        threads: int = 0,
        engines: Engines | None = None,
        sampling: Sampling | None = None,
        banks: str | Path | ReferenceBanks | None = None,
    ) -> None:
        self.policy = policy or default_policy()
        chosen = discover_detectors() if detectors is None else list(detectors)
        self.detectors: tuple[Detector, ...] = tuple(sorted(chosen, key=lambda d: d.info.name))
        self.zones: tuple[Zone, ...] = (*self.policy.zones, *zones)
        # threads: inference threads per model (0: all cores, or $VMSCREEN_THREADS, for a single
        # call; batch workers use 1, since the worker processes already use the cores). It
        # reaches every model.
        self.engines = engines or Engines.create(ocr=ocr, faces=faces, threads=threads)
        # banks: a directory of reference banks (vmscreen bank add), matched against every
        # frame and audio track; the banks the policy names must be in it.
        if banks is not None or self.policy.banks:
            if not isinstance(banks, ReferenceBanks):
                banks = ReferenceBanks(banks, required=[b.name for b in self.policy.banks])
            self.engines = replace(self.engines, banks=banks)
        # The policy's own scene model (its [scene_model]), unless the engines run that one.
        scene = self.policy.scene_model
        if scene is not None and (self.engines.scene is None
                                  or self.engines.scene.spec != scene):
            self.engines = replace(self.engines,
                                   scene=SceneModel(scene, self.engines.threads))
        self.limits = limits or Limits()
        # Which frames of a video are screened (vmscreen.media.sampling).
        self.sampling = sampling or Sampling()
        self.codes = catalogue(self.detectors)

    def _open(self, source: Source) -> AnyMedia:
        if isinstance(source, Image.Image):
            return media_from_pil(source, self.limits)
        if isinstance(source, np.ndarray):
            return media_from_array(source, self.limits)
        return open_media(source, self.limits, self.sampling)  # type: ignore[arg-type]

    def screen(self, source: Source, *, name: str | None = None,
               record: str | Path | None = None) -> Result:
        """Screen one path, bytes, binary file object (an open file, an upload: read from where
        it stands, left open), PIL image or RGB array. Never raises for bad media.

        A sanitised copy is screened with its record (``photo.jpg.vmscreen.json``, found beside
        a path, or given as ``record``): what the original held is added to what the copy
        holds, so the copy gets the original's decision."""
        return self._screen(source, name, record)[1]

    def redact(self, source: Source, destination: str | Path, *, fill: bool = False,
               name: str | None = None) -> Redaction:
        """Screen a medium and write a sanitised copy to ``destination`` (its suffix follows
        the format written; a folder: inside it, under the input's file name), and its record
        beside it: faces blurred, the boxes of the other findings the policy does not accept
        filled, each on its own frame, no metadata. A medium whose screen did not run
        completely is not copied; no file that exists is ever written over, the source
        included. A video's copy covers every frame, and keeps its sound only where the policy
        accepts everything heard in it (engine.video_copies)."""
        media, result = self._screen(source, name, None)
        if media is None or result.errors:
            why = ", ".join(sorted({f.code for f in result.errors}))
            return Redaction(result.path, None, 0, (), result, skipped=f"not screened ({why})")
        destination = _into_folder(Path(destination), result.path)
        if os.path.isdir(destination):
            return Redaction(result.path, None, 0, (), result,
                             skipped=f"{destination} is a folder, and this input has no file "
                             "name to give its copy there: pass the copy's path, or a name")
        left = uncovered(result.findings, self.policy, self.codes)
        sound: str | None = None
        dropped: tuple[str, ...] = ()
        if isinstance(media, TimedMedia):
            try:
                clip = sanitised_clip(media, result.findings, self.policy, self.codes,
                                      self.engines, fill=fill)
            except ClipRefused as exc:
                return Redaction(result.path, None, 0, (), result, skipped=exc.reason)
            data, chosen, covered = clip.data, clip.regions, clip.codes
            left = tuple(code for code in left if code not in clip.dropped)  # sound dropped
            path = clip_output_path(destination, clip.suffix)
            if media.tracks:
                sound, dropped = ("kept" if clip.audio_kept else "dropped"), clip.dropped
        else:
            chosen = regions(result.findings, self.policy, self.codes, fill=fill)
            data, suffix = sanitised_bytes(media, chosen)
            covered = tuple(sorted({r.code for r in chosen}))
            path = output_path(destination, suffix)
        sidecar = sidecar_of(path)
        try:
            write_new(path, data)
        except FileExistsError:
            return Redaction(result.path, None, 0, (), result,
                             skipped=f"{path} exists: a copy never replaces a file")
        except OSError as exc:  # a full disk, a folder it may not write in: said, not raised
            return Redaction(result.path, None, 0, (), result,
                             skipped=f"the copy could not be written: {exc.strerror or exc}")
        try:
            write_new(sidecar, record_bytes(result, path, data, chosen, left, sound=sound,
                                            sound_codes=dropped))
        except OSError as exc:
            path.unlink(missing_ok=True)  # a copy without its record would lose what it lost
            return Redaction(result.path, None, 0, (), result,
                             skipped=f"its record could not be written: {exc.strerror or exc}")
        return Redaction(result.path, str(path), len(chosen), covered, result, uncovered=left,
                         record=str(sidecar), sound=sound, sound_codes=dropped)

    def _screen(self, source: Source, name: str | None,
                record: str | Path | None) -> tuple[Media | None, Result]:
        start = time.perf_counter()
        label = name or (str(source) if isinstance(source, (str, Path)) else
                         stream_name(source) if hasattr(source, "read") else None)
        tallies = {d.info.name: _Tally() for d in self.detectors}
        timings: Counter[str] = Counter()
        findings: list[Finding] = []
        media: Media | None = None
        _check_source(source)
        try:
            media = self._open(source)
        except MediaError as exc:
            findings.append(CORE_BY_CODE[exc.code].finding("media", 1.0, exc.message))
        except Exception as exc:  # noqa: BLE001 - bad media never raises: it is unscreened
            findings.append(_unexpected("the file could not be opened", exc))
        if media is not None:
            try:
                findings += self._screen_media(media, tallies, timings,
                                               start + _budget(media, self.limits))
            except Exception as exc:  # noqa: BLE001 - likewise: what did not run is no pass
                findings.append(_unexpected("screening stopped", exc))
            findings += _recorded(source, record, media)
        return media, Result.decided(
            label or (media.source if media else "<input>"),
            self.policy,
            findings,
            media=media.info if media else None,
            detectors=[tallies[d.info.name].run(d) for d in self.detectors],
            elapsed_ms=round((time.perf_counter() - start) * 1000, 2),
            analyses=timings,
        )

    def _run_all(self, detectors: Sequence[Detector], subject: Subject,
                 tallies: dict[str, _Tally], deadline: float, frame_scope: bool
                 ) -> tuple[list[Finding], list[str]]:
        """Run detectors on one subject: their findings, and the names of those not started
        because the file's time budget had run out."""
        findings: list[Finding] = []
        for position, detector in enumerate(detectors):
            left = deadline - time.perf_counter()
            if left <= 0:
                return findings, [d.info.name for d in detectors[position:]]
            outcome = run_detector(detector, subject, seconds_left=left, frame_scope=frame_scope)
            tallies[detector.info.name].add(outcome)
            findings.extend(outcome.findings)
        return findings, []

    def _screen_media(self, media: AnyMedia, tallies: dict[str, _Tally],
                      timings: Counter[str], deadline: float) -> list[Finding]:
        if isinstance(media, TimedMedia):
            return self._screen_timed(media, tallies, timings, deadline)
        first = media.frame(0)
        first_analyses = FrameAnalyses(first, self.engines)
        try:
            return self._screen_frames(media, first_analyses, tallies, timings, deadline)
        finally:
            timings.update(first_analyses.timings())

    def _screen_frames(self, media: Media, first_analyses: FrameAnalyses,
                       tallies: dict[str, _Tally], timings: Counter[str],
                       deadline: float) -> list[Finding]:
        by_file = [d for d in self.detectors if d.info.scope == "file"]
        by_frame = [d for d in self.detectors if d.info.scope == "frame"]
        first = first_analyses.frame
        findings, skipped = self._run_all(by_file, Subject(media, first, first_analyses,
                                                           self.zones),
                                          tallies, deadline, frame_scope=False)
        if skipped:
            return [*findings, _out_of_time(media, 0, skipped + [d.info.name for d in by_frame])]
        if media.damage:
            findings.append(UNREADABLE.finding(
                "media", 1.0, f"damaged {media.format} file: {media.damage}; what could be "
                "decoded was screened"))
        size, kind = media.trailing
        if size:
            findings.append(TRAILING_DATA.finding(
                "media", 1.0, f"{size} bytes of {kind or 'data'} after the end of the image "
                "were not screened", evidence={"bytes": size, "kind": kind or "data"}))
        limits = self.limits
        looked_at = 0
        for index in range(media.frame_count):
            if time.perf_counter() >= deadline:
                findings.append(_out_of_time(media, index, []))
                break
            if index >= limits.max_screened_frames:
                findings.append(_beyond(media, index, "frames"))
                break
            try:
                frame = first if index == 0 else media.frame(index)
                if looked_at + frame.pixels > limits.max_screened_pixels:
                    findings.append(_beyond(media, index, "pixels"))
                    break
                frame.image(_CHECK_SIDE)
            except MediaError as exc:
                findings.append(_undecodable(media, index, exc))
                break
            looked_at += frame.pixels
            analyses = first_analyses if index == 0 else FrameAnalyses(frame, self.engines)
            found, skipped = self._run_all(by_frame, Subject(media, frame, analyses, self.zones),
                                           tallies, deadline, frame_scope=True)
            findings += found
            frame.release()
            if index:
                timings.update(analyses.timings())
            if skipped:
                findings.append(_out_of_time(media, index, skipped))
                break
        return findings


    # -- video and audio ----------------------------------------------------------------------

    def _screen_timed(self, media: TimedMedia, tallies: dict[str, _Tally],
                      timings: Counter[str], deadline: float) -> list[Finding]:
        """A video or audio file: file-scope detectors on its metadata, frame-scope detectors
        on its cover art and sampled frames (the same finding on consecutive samples merged
        into one with its time span), track-scope detectors on each audio track."""
        by_file = [d for d in self.detectors if d.info.scope == "file"]
        findings, skipped = self._run_all(by_file, Subject(media, None, None, self.zones),
                                          tallies, deadline, frame_scope=False)
        if skipped:
            return [*findings, _clip_out_of_time(None, skipped)]
        if media.damage:
            findings.append(UNREADABLE.finding("media", 1.0, f"damaged {media.format} file: "
                                               f"{media.damage}; what decoded was screened"))
        if media.unscreened_streams:
            findings.append(FRAMES_NOT_SCREENED.finding(
                "media", 1.0, f"{', '.join(media.unscreened_streams)} not screened: vmscreen "
                "screens a clip's first video stream and its audio tracks"))
        seen, stopped = self._screen_samples(media, tallies, timings, deadline)
        findings += seen
        if stopped:
            return findings
        for track in media.tracks:
            try:
                found, stopped = self._screen_track(media, track, tallies, timings, deadline)
            except Exception as exc:  # noqa: BLE001 - what the frames showed is kept
                found, stopped = [_unexpected(f"audio track {track.index} was not screened",
                                              exc)], False
            findings += found
            if stopped:
                break
        return findings

    def _screen_samples(self, media: TimedMedia, tallies: dict[str, _Tally],
                        timings: Counter[str], deadline: float) -> tuple[list[Finding], bool]:
        """Every frame-scope detector on each sampled frame; a repeat of the last screened
        picture carries its findings over. Returns the findings and whether time ran out."""
        by_frame = [d for d in self.detectors if d.info.scope == "frame"]
        # Text that stays on screen is read once, not on every sample (vmscreen.analyses.ocr.
        # carried); the clip's own engines, dropped with it.
        # Likewise the marks that stay while its scenes change (vmscreen.analyses.marks).
        engines = replace(self.engines, ocr=CarriedReadings(self.engines.ocr),
                          marks=ClipMarks())
        gaps: list[MediaError] = []
        sightings: list[tuple[float | None, list[Finding]]] = []
        stopped: list[Finding] = []
        last: list[Finding] = []
        samples = media.samples(gaps)
        try:
            for sample in samples:
                frame = sample.frame
                if time.perf_counter() >= deadline:
                    stopped.append(_clip_out_of_time(frame.time, []))
                    break
                if sample.repeat:
                    sightings.append((frame.time, [replace(f, frame=frame.index, time=frame.time)
                                                   for f in last]))
                    continue
                try:
                    frame.image(_CHECK_SIDE)
                except MediaError as exc:
                    gaps.append(exc)
                    break
                analyses = FrameAnalyses(frame, engines)
                found, skipped = self._run_all(by_frame, Subject(media, frame, analyses,
                                                                 self.zones),
                                               tallies, deadline, frame_scope=True)
                frame.release()
                timings.update(analyses.timings())
                sightings.append((frame.time, found))
                last = found
                if skipped:
                    stopped.append(_clip_out_of_time(frame.time, skipped))
                    break
        except Exception as exc:  # noqa: BLE001 - the frames screened before it are kept
            at = f" after {sightings[-1][0]:.1f} s" if sightings and sightings[-1][0] else ""
            gaps.append(MediaError("UNS001", scrub(f"video decoding stopped{at}: "
                                                   f"{type(exc).__name__}")))
        finally:
            samples.close()  # the decoder's container, if the loop left early
        problems = [CORE_BY_CODE[gap.code].finding("media", 1.0, gap.message) for gap in gaps]
        return [*merge_spans(sightings), *problems, *stopped], bool(stopped)

    def _screen_track(self, media: TimedMedia, track: AudioTrack, tallies: dict[str, _Tally],
                      timings: Counter[str], deadline: float) -> tuple[list[Finding], bool]:
        """Every track-scope detector on one audio track, and what of it was not heard."""
        by_track = [d for d in self.detectors if d.info.scope == "track"]
        evidence = {"track": track.index}
        try:
            # Decoded even with no detector to hear it, so a cut or damaged track is reported.
            if not len(track.samples()) and not track.damage:
                return [UNREADABLE.finding("media", 1.0, f"audio track {track.index} holds no "
                                           "sound", evidence=evidence)], False
            analyses = TrackAnalyses(track, self.engines)
            found, skipped = self._run_all(by_track, Subject(media, None, None, self.zones,
                                                             track=analyses),
                                           tallies, deadline, frame_scope=False)
            timings.update(analyses.timings())
            if track.damage:
                found.append(UNREADABLE.finding(
                    "media", 1.0, f"{track.damage}: the rest of the track was not screened",
                    evidence=evidence))
            if track.cut_at is not None:
                found.append(FRAMES_NOT_SCREENED.finding(
                    "media", 1.0, f"audio track {track.index} from {track.cut_at:.0f} s on not "
                    "screened: over the limit max_duration_s", evidence=evidence))
            if skipped:
                found.append(FILE_TIMEOUT.finding(
                    "screener", 1.0, f"the file's time budget ran out: {', '.join(skipped)} "
                    f"not run on audio track {track.index}", evidence=evidence))
            return found, bool(skipped)
        finally:
            track.release()


# A clip's time budget grows with its length: seconds of screening per second of media, up to
# this many times the file budget (a batch gives the worker that long before it stops it).
CLIP_SECONDS_PER_SECOND = 4.0
CLIP_BUDGET_TIMES = 4


def _budget(media: AnyMedia, limits: Limits) -> float:
    """The file's time budget: ``max_seconds``, or for a long clip four seconds a second (at
    most four times ``max_seconds``)."""
    if isinstance(media, TimedMedia) and media.duration:
        return min(max(limits.max_seconds, CLIP_SECONDS_PER_SECOND * media.duration),
                   CLIP_BUDGET_TIMES * limits.max_seconds)
    return limits.max_seconds


def _clip_out_of_time(at: float | None, skipped: Sequence[str]) -> Finding:
    """The time budget ran out while screening a video or audio file."""
    where = "the clip" if at is None else f"the clip from {at:.1f} s on"
    left = f"{', '.join(skipped)} not run; " if skipped else ""
    return FILE_TIMEOUT.finding("screener", 1.0, f"the file's time budget ran out: {left}"
                                f"{where} and its audio not screened")


def _into_folder(destination: Path, label: str) -> Path:
    """Where a copy goes: the destination, or inside it under the input's own file name when
    it is a folder (as cp does). An input without a name (bytes, "<stream>") keeps the
    folder, which the caller refuses."""
    own = Path(label).name
    if os.path.isdir(destination) and own and not label.startswith("<"):  # never raises
        return destination / own
    return destination


def _recorded(source: Source, record: str | Path | None, media: Media) -> list[Finding]:
    """The original's findings from a sanitised copy's record, if it has one."""
    if record is None and isinstance(source, (str, Path)):
        record = sidecar_of(Path(source))
    if record is None:
        return []
    found = read_record(Path(record))
    return recorded_findings(found, media.info.sha256) if found is not None else []


def _check_source(source: object) -> None:
    """A source of a type vmscreen cannot read is the caller's mistake, not bad media."""
    if not isinstance(source, (str, Path, bytes, bytearray, memoryview, Image.Image,
                               np.ndarray)) and not hasattr(source, "read"):
        raise TypeError(f"cannot screen a {type(source).__name__}: pass a path, bytes, a binary "
                        "file object, a PIL image or an array")


def _unexpected(what: str, error: Exception) -> Finding:
    """An error nobody foresaw, while reading or screening a file: reported as unscreened
    (never a pass, never an exception out of the API), logged for whoever maintains vmscreen."""
    message = scrub(f"{what}: {type(error).__name__}: {error}")
    log.warning("%s", message)
    # Where it happened, frames only: the exception's own text may hold what it read.
    log.debug("raised at:\n%s", "".join(traceback.format_tb(error.__traceback__)))
    if isinstance(error, MemoryError):  # too large for this process, not a damaged file
        return OVER_LIMITS.finding("media", 1.0, f"{what}: not enough memory")
    return UNREADABLE.finding("media", 1.0, message)


def _from(media: Media, index: int) -> str:
    """'frames 3 to 9 of 10' and the like: what is left from frame ``index`` on."""
    if media.frame_count == 1:
        return "the image"
    last = media.frame_count - 1
    if index == last:
        return f"frame {index} of {media.frame_count}"
    return f"frames {index} to {last} of {media.frame_count}"


def _at(finding: Finding, index: int) -> Finding:
    return replace(finding, frame=index)


def _beyond(media: Media, index: int, what: str) -> Finding:
    limit = "max_screened_frames" if what == "frames" else "max_screened_pixels"
    return _at(FRAMES_NOT_SCREENED.finding(
        "screener", 1.0, f"{_from(media, index)} not screened: over the limit on {what} "
        f"looked at ({limit})", evidence={"frames": media.frame_count, "limit": limit}), index)


def _undecodable(media: Media, index: int, error: MediaError) -> Finding:
    return _at(CORE_BY_CODE[error.code].finding(
        "media", 1.0, f"{error.message}; {_from(media, index)} not screened",
        evidence={"frames": media.frame_count}), index)


def _out_of_time(media: Media, index: int, skipped: Sequence[str]) -> Finding:
    """The file's time budget ran out at frame ``index``: ``skipped`` detectors did not run on
    it (none: the frame was not started), nor anything on the frames after it."""
    if skipped:
        where = "the image" if media.frame_count == 1 else f"frame {index}"
        left = f"{', '.join(skipped)} not run on {where}"
        if index + 1 < media.frame_count:
            left += f"; {_from(media, index + 1)} not screened"
    else:
        left = f"{_from(media, index)} not screened"
    return _at(FILE_TIMEOUT.finding("screener", 1.0, f"the file's time budget ran out: {left}",
                                    evidence={"frames": media.frame_count}), index)


def screen(
    source: Source,
    *,
    policy: Policy | None = None,
    zones: Iterable[Zone] = (),
    name: str | None = None,
) -> Result:
    """Screen one medium with the default (or given) policy. For many files, reuse a Screener."""
    return Screener(policy=policy, zones=zones).screen(source, name=name)
