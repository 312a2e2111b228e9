"""Speech in audio tracks: where it is (Silero VAD) and the numbers read out in it, digit by
digit (PocketSphinx)."""

from vmscreen.analyses.speech.digits import DigitModel, DigitReader, DigitRun
from vmscreen.analyses.speech.vad import SileroVad, SpeechModel, SpeechSegment

__all__ = ["DigitModel", "DigitReader", "DigitRun", "SileroVad", "SpeechModel",
           "SpeechSegment"]
