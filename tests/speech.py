"""Sound the audio tests make themselves: speech synthesised by flite (Debian's ``flite``
package, CMU's synthesiser) with its 16 kHz 'kal16' voice, silence, noise and a music-like
chord, all as 16 kHz mono float32 in -1..1; and what a track-scope detector is handed.

flite rather than espeak-ng: PocketSphinx's acoustic model hears espeak-ng's formant voice
poorly (in 54 renderings of a card number or an SSN in six espeak voices at three speeds, none
had every digit right), while it reads flite's kal16 reliably. The speech and the engines are
made once per test session, so the recognisers load once.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import wave
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from vmscreen import Engines, open_media
from vmscreen.analyses import TrackAnalyses
from vmscreen.analyses.speech import DigitModel, DigitReader, DigitRun, SpeechSegment
from vmscreen.detectors.base import Subject
from vmscreen.media import AudioTrack
from vmscreen.models import ModelRef, models_used, note_use

RATE = 16_000
VOICE = "kal16"
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

CARD = "4532015112830366"  # Luhn-valid, a Visa test-range number
SSN = "536214870"  # a valid form: area 536, group 21, serial 4870
CARD_SENTENCE = "My card number is {}, and it expires next March."
SSN_SENTENCE = "My social security number is {}."
ORDINARY = ("The weather was lovely this morning, so we walked to the market and bought "
            "some bread.")


def read_out(number: str, groups: tuple[int, ...]) -> str:
    """A number as words, in groups parted by commas: '4532...' -> 'four five three two, ...'."""
    parts, at = [], 0
    for size in groups:
        parts.append(" ".join(WORDS[int(c)] for c in number[at:at + size]))
        at += size
    return ", ".join(parts)


@cache
def speech(text: str) -> np.ndarray:
    """``text`` said by flite's kal16 voice."""
    if shutil.which("flite") is None:
        raise RuntimeError("the audio tests need flite (Debian: apt-get install flite)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speech.wav"
        subprocess.run(["flite", "-voice", VOICE, "-t", text, "-o", str(path)], check=True,
                       capture_output=True)
        with wave.open(str(path)) as reader:
            assert reader.getframerate() == RATE and reader.getnchannels() == 1
            pcm = np.frombuffer(reader.readframes(reader.getnframes()), "<i2")
    samples = pcm.astype(np.float32) / 32768
    samples.flags.writeable = False
    return samples


def with_silence(samples: np.ndarray, before: float = 1.0, after: float = 1.0) -> np.ndarray:
    return np.concatenate([silence(before), samples, silence(after)])


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), np.float32)


def white_noise(seconds: float, level: float = 0.3, seed: int = 1) -> np.ndarray:
    noise = np.random.default_rng(seed).normal(0, level / 3, int(seconds * RATE))
    return np.clip(noise, -1, 1).astype(np.float32)


def pink_noise(seconds: float, level: float = 0.3, seed: int = 2) -> np.ndarray:
    """Noise whose power falls as 1/f, like rain, wind or traffic."""
    count = int(seconds * RATE)
    spectrum = np.fft.rfft(np.random.default_rng(seed).normal(0, 1, count))
    spectrum /= np.sqrt(np.maximum(np.arange(len(spectrum)), 1))
    noise = np.fft.irfft(spectrum, count)
    return (noise / np.abs(noise).max() * level).astype(np.float32)


def chord(seconds: float, level: float = 0.3) -> np.ndarray:
    """A music-like sound: an A major chord with harmonics, struck twice a second."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = sum(sum(np.sin(2 * np.pi * f * k * t) / k for k in (1, 2, 3))
               for f in (220.0, 277.18, 329.63))
    envelope = np.exp(-3 * (t % 0.5))
    signal = tone * envelope
    return (signal / np.abs(signal).max() * level).astype(np.float32)


def wav_bytes(samples: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


class SessionDigits:
    """The real digit reader, remembering what it read of each sound for the session (several
    tests read the same sentence), and noting the models it ran on every call as it did."""

    def __init__(self, reader: DigitModel) -> None:
        self.reader = reader
        self.read: dict[tuple[bytes, tuple[SpeechSegment, ...]],
                        tuple[tuple[DigitRun, ...], frozenset[ModelRef]]] = {}

    def runs(self, samples: np.ndarray,
             segments: tuple[SpeechSegment, ...]) -> tuple[DigitRun, ...]:
        key = (np.asarray(samples).tobytes(), tuple(segments))
        if key not in self.read:
            with models_used() as ran:
                found = self.reader.runs(samples, segments)
            self.read[key] = (found, frozenset(ran))
        found, ran = self.read[key]
        note_use(*ran)
        return found


@lru_cache(maxsize=1)
def speech_engines() -> Engines:
    """The built-in engines, one thread each, shared by every audio test of the session."""
    return replace(Engines.create(threads=1), digits=SessionDigits(DigitReader()))


def track_subject(samples: np.ndarray, engines: Engines | None = None,
                  index: int = 0) -> Subject:
    """What a track-scope detector sees of a WAV file holding ``samples``."""
    track = AudioTrack.from_samples(samples, index=index)
    return Subject(open_media(wav_bytes(samples)), None, None,
                   track=TrackAnalyses(track, engines or speech_engines()))
