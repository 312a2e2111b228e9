"""Media: a file recognised by its content, checked against limits, read as a sequence of
frames (a photo: one; an animation, a multi-page TIFF, a multi-picture JPEG: several; a video:
sampled) and audio tracks, with the metadata it carries."""

from vmscreen.media.audio import AudioTrack
from vmscreen.media.decoding import format_of
from vmscreen.media.frames import Frame
from vmscreen.media.limits import Limits, MediaError
from vmscreen.media.medium import (
    Media,
    MediaInfo,
    Readable,
    media_from_array,
    media_from_pil,
    read_source,
    stream_name,
)
from vmscreen.media.metadata import GpsFix, MediaMetadata
from vmscreen.media.opening import AnyMedia, open_media
from vmscreen.media.sampling import Sampling
from vmscreen.media.timed import Sample, TimedInfo, TimedMedia

__all__ = [
    "AnyMedia",
    "AudioTrack",
    "Frame",
    "GpsFix",
    "Limits",
    "Media",
    "MediaError",
    "MediaInfo",
    "MediaMetadata",
    "Readable",
    "Sample",
    "Sampling",
    "TimedInfo",
    "TimedMedia",
    "format_of",
    "media_from_array",
    "media_from_pil",
    "open_media",
    "read_source",
    "stream_name",
]
