"""Other people: a voice in an audio track (a video's soundtrack, an audio file), found by the
track's shared speech analysis (Silero VAD).

A voice identifies a person by other means than a face: someone who knows the speaker
recognises them from a word or two. vmscreen cannot tell whose voice it is, so every track
holding speech is reported, once, with when the speech starts and ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding

NAME = "voices"
# Total speech below which a track is not reported. Silero already drops bursts under 250 ms;
# half a second holds a word or two, the least from which a listener who knows the speaker
# could recognise the voice. On the real recordings, music, foley noise and silence hold no
# speech at all, and the shortest speech (one Mandarin phrase) holds 0.83 s.
MIN_SPEECH_S = 0.5

IDENTIFIABLE_VOICE = CodeInfo(
    "VOI101", "identifiable-voice", Category.OTHER_PEOPLE,
    "An audio track holds speech: a voice that can identify the speaker.",
    "Silero's voice activity model (run offline, with its reference settings) finds at least "
    "half a second of speech in the track. The contributor policy excludes any person who can "
    "be individually identified, and a voice identifies a person by other means than a face: "
    "people who know the speaker recognise them from a few words. vmscreen cannot tell whose "
    "voice it is: the contributor's own (who may consent to sending it) or someone else's, "
    "so the default policy sends the file to review, where a person listens. An operator "
    "collecting contributors' own speech can accept VOI101 in their policy. Speech is not "
    "transcribed for this finding. The score is the model's mean speech probability over the "
    "speech; evidence gives the seconds of speech, the number of stretches of it and the "
    "track's index in its file; the finding's time and until are the first speech's start and "
    "the last speech's end, in seconds.",
)


class VoiceDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.0.0",
        codes=(IDENTIFIABLE_VOICE,),
        licence="Apache-2.0",
        scope="track",
        time_budget_s=120.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        track = subject.track
        if track is None:
            return []
        segments = track.speech()
        seconds = sum(segment.duration for segment in segments)
        if seconds < MIN_SPEECH_S:
            return []
        score = sum(s.probability * s.duration for s in segments) / seconds
        index = track.track.index
        finding = IDENTIFIABLE_VOICE.finding(
            NAME, round(min(1.0, score), 3),
            f"speech on audio track {index}: {seconds:.1f} s in {len(segments)} "
            f"stretch{'es' if len(segments) != 1 else ''}",
            evidence={"speech_s": round(seconds, 1), "segments": len(segments),
                      "track": index})
        return [replace(finding, time=segments[0].start, until=segments[-1].end)]
