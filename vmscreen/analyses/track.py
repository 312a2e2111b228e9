"""The analyses of one audio track that several detectors share, each computed at most once
(the memo of ``vmscreen.analyses.shared``): where the speech is, and the numbers read out in
it. The Screener builds one per audio track it screens."""

from __future__ import annotations

import numpy as np

from vmscreen.analyses.banks import fingerprint
from vmscreen.analyses.engines import Engines
from vmscreen.analyses.shared import SharedAnalyses
from vmscreen.analyses.speech import DigitRun, SpeechSegment
from vmscreen.media.audio import SPEECH_RATE, AudioTrack


class TrackAnalyses(SharedAnalyses):
    def __init__(self, track: AudioTrack, engines: Engines) -> None:
        super().__init__()
        self.track = track
        self.engines = engines

    def speech(self) -> tuple[SpeechSegment, ...]:
        """The track's speech segments, in time order."""
        return self._get("speech", lambda: self.engines.speech.segments(self.track.samples()))

    def digit_runs(self) -> tuple[DigitRun, ...]:
        """Numbers read out digit by digit, long enough to be a card number or an SSN. Only
        the speech is decoded: a track without speech costs nothing here."""
        def compute() -> tuple[DigitRun, ...]:
            segments = self.speech()
            if not segments:
                return ()
            return self.engines.digits.runs(self.track.samples(), segments)

        return self._get("digit-runs", compute)

    def fingerprint(self) -> np.ndarray:
        """The track's Chromaprint fingerprint (uint32 words, about eight a second). Raises
        ChromaprintUnavailable where the Chromaprint library is not installed."""
        return self._get("fingerprint", lambda: fingerprint(self.track.samples(), SPEECH_RATE))
