"""The video-and-audio set: the shared real clips and recordings, labelled from their READMEs'
labels.csv, plus clips this module makes, each with the window in which its finding must fall.

Made here (never kept in the repository), in a folder the caller gives:
- a payment card held up for one second (6.3 s to 7.3 s) in a ten-second clip;
- a face that appears in the last second of a ten-second clip;
- GPS in a QuickTime container's location tag;
- a card number and an SSN read out (flite's voice), as WAV files and as a clip's soundtrack;
- negatives: a clip of a drawn landscape panning, silence, noise.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np
from PIL import Image

from benchmarks.sets import synthetic_documents as docs

SHARED = Path(__file__).resolve().parents[3] / "shared" / "datasets"
CARD = "4111111111111111"
SSN = "078051120"
_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@dataclass(frozen=True)
class Clip:
    """One labelled clip: its categories, and for a made clip the code that must be found and
    the window (seconds) its time must fall in."""

    path: Path
    source: str  # "made" or "shared"
    categories: frozenset[str]
    kind: str
    must_find: str | None = None
    window: tuple[float, float] | None = None
    # Cannot be screened whole, so must come back unscreened: the truncated phone clip, the
    # empty WAV.
    unreadable: bool = False


# -- made clips --------------------------------------------------------------------------------


def _landscape(width: int, height: int, shift: float = 0.0) -> Image.Image:
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    sky = np.stack([120 + 40 * np.sin((x + shift) / 60), 160 + 30 * np.cos(y / 50),
                    210 + 0 * x], axis=-1)
    ground = np.stack([60 + 30 * np.sin((x + shift) / 25), 120 + 20 * np.cos((x + y) / 40),
                       50 + 0 * x], axis=-1)
    picture = np.where((y > height * 0.55)[..., None], ground, sky)
    return Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8))


def _pasted(background: Image.Image, thing: Image.Image, at: tuple[int, int]) -> Image.Image:
    out = background.copy()
    out.paste(thing, at)
    return out


def write_clip(path: Path, paint: Callable[[float], Image.Image], *, seconds: float,
               fps: int = 25, audio: np.ndarray | None = None,
               tags: dict[str, str] | None = None, fmt: str = "mp4") -> Path:
    """An H.264 clip whose frame at time t is ``paint(t)``, with a mono 16 kHz soundtrack."""
    with av.open(str(path), "w", format=fmt) as out:
        for key, value in (tags or {}).items():
            out.metadata[key] = value
        first = paint(0.0)
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = first.width, first.height, "yuv420p"
        sound = out.add_stream("aac", rate=16000) if audio is not None else None
        if sound is not None:
            sound.layout = "mono"
        for index in range(int(seconds * fps)):
            for packet in video.encode(av.VideoFrame.from_image(paint(index / fps))):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        if sound is not None and audio is not None:
            _encode_audio(out, sound, audio, "fltp")
    return path


def _encode_audio(out: Any, stream: Any, signal: np.ndarray, sample_format: str) -> None:
    """``signal`` (16 kHz mono float32) encoded into ``stream`` and muxed."""
    resampler = av.AudioResampler(format=sample_format, layout="mono", rate=16000)
    for start in range(0, len(signal), 1024):
        chunk = signal[start:start + 1024].reshape(1, -1).astype(np.float32)
        frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
        frame.sample_rate = 16000
        for resampled in resampler.resample(frame):
            for packet in stream.encode(resampled):
                out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)


def speech(text: str) -> np.ndarray:
    """``text`` spoken by flite's kal16 voice, as 16 kHz mono float32 (PocketSphinx reads this
    voice reliably; it read no number espeak-ng spoke whole)."""
    if shutil.which("flite") is None:
        raise RuntimeError("flite is needed to make the spoken clips (apt-get install flite)")
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "speech.wav"
        subprocess.run(["flite", "-voice", "kal16", "-t", text, "-o", str(wav)], check=True)
        with av.open(str(wav)) as source:
            resampler = av.AudioResampler(format="flt", layout="mono", rate=16000)
            parts = [out.to_ndarray().reshape(-1) for frame in source.decode(audio=0)
                     for out in resampler.resample(frame)]
    return np.concatenate(parts)


def write_wav(path: Path, signal: np.ndarray) -> Path:
    with av.open(str(path), "w", format="wav") as out:
        stream = out.add_stream("pcm_s16le", rate=16000)
        stream.layout = "mono"
        _encode_audio(out, stream, signal, "s16")
    return path


def _spoken(digits: str) -> str:
    return " ".join(_WORDS[int(d)] for d in digits)


def build(folder: Path) -> list[Clip]:
    """Make the clips in ``folder`` and label them."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(16)
    room = _landscape(640, 480)
    card = docs.payment_card(rng, "visa", number=CARD)
    card = card.resize((320, round(320 * card.height / card.width)))
    held = _pasted(room, card, (160, 150))
    face = _pasted(room, docs.portrait((180, 230), np.random.default_rng(4)), (230, 120))
    digits_said = speech(f"my card number is {_spoken(CARD)}")
    ssn_said = speech(f"my social security number is {_spoken(SSN)}")
    plain_said = speech("the weather was lovely and we walked along the river to the old mill")
    clips = [
        Clip(write_clip(folder / "card-one-second.mp4",
                        lambda t: held if 6.3 <= t < 7.3 else room, seconds=10),
             "made", frozenset({"sensitive-id"}), "card-held-up", "PAN101", (6.3, 7.3)),
        Clip(write_clip(folder / "face-last-second.mp4",
                        lambda t: face if t >= 9.0 else room, seconds=10),
             "made", frozenset({"other-people"}), "face-at-the-end", "FAC101", (9.0, 10.0)),
        Clip(write_clip(folder / "gps-in-container.mov",
                        lambda t: _landscape(320, 240, 40 * t), seconds=3, fmt="mov",
                        tags={"location": "+51.4987-000.1195/"}),
             "made", frozenset({"metadata"}), "container-gps", "MET101"),
        Clip(write_wav(folder / "card-read-out.wav", digits_said), "made",
             frozenset({"sensitive-id", "other-people"}), "card-read-out", "SPK101"),
        Clip(write_wav(folder / "ssn-read-out.wav", ssn_said), "made",
             frozenset({"sensitive-id", "other-people"}), "ssn-read-out", "SPK102"),
        Clip(write_clip(folder / "card-read-out-in-clip.mp4",
                        lambda t: _landscape(320, 240, 20 * t),
                        seconds=len(digits_said) / 16000 + 0.5, audio=digits_said),
             "made", frozenset({"sensitive-id", "other-people"}), "card-read-out-in-clip",
             "SPK101"),
        Clip(write_wav(folder / "plain-speech.wav", plain_said), "made",
             frozenset({"other-people"}), "speech", "VOI101"),
        Clip(write_clip(folder / "landscape-pan.mp4", lambda t: _landscape(640, 480, 30 * t),
                        seconds=8), "made", frozenset(), "clean-clip"),
        Clip(write_wav(folder / "silence.wav", np.zeros(48000, np.float32)), "made",
             frozenset(), "silence"),
        Clip(write_wav(folder / "noise.wav",
                       (0.1 * rng.standard_normal(48000)).astype(np.float32)), "made",
             frozenset(), "noise"),
    ]
    return clips


# -- the shared clips --------------------------------------------------------------------------


def _video_categories(row: dict[str, str]) -> frozenset[str]:
    notes = row["notes"].lower()
    found = set()
    real_face = row["has_faces"] == "yes" and "animated" not in notes and "cartoon" not in notes
    talking = any(word in notes for word in ("speech", "talking", "dialogue"))
    if real_face or talking:
        found.add("other-people")
    if row["has_gps"] == "yes":
        found.add("metadata")
    if "copyrighted" in row["licence"].lower() or "copyrighted" in notes:
        found.add("copyright")
    return frozenset(found)


def shared(root: Path = SHARED) -> list[Clip]:
    """The real clips and recordings, if the shared datasets are beside the project."""
    clips: list[Clip] = []
    video, audio = root / "video", root / "audio"
    if (video / "labels.csv").is_file():
        with (video / "labels.csv").open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                clips.append(Clip(video / row["file"], "shared", _video_categories(row),
                                  "video", unreadable="truncated" in row["notes"].lower()))
    if (audio / "labels.csv").is_file():
        with (audio / "labels.csv").open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                categories = {"other-people"} if row["kind"] == "speech" else set()
                if "commercial song" in row["notes"].lower() or "ID3 Title" in row["notes"]:
                    categories.add("copyright")
                clips.append(Clip(audio / row["file"], "shared", frozenset(categories),
                                  f"audio-{row['kind']}",
                                  unreadable=row["notes"].startswith("EMPTY")))
    return clips
