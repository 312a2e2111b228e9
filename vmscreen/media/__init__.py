"""Media: a file recognised by its content, checked against limits, read as a sequence of
frames (a photo: one; an animation, a multi-page TIFF, a multi-picture JPEG: several), with the
metadata it carries."""

from vmscreen.media.decoding import format_of
from vmscreen.media.frames import Frame
from vmscreen.media.limits import Limits, MediaError
from vmscreen.media.medium import (
    Media,
    MediaInfo,
    media_from_array,
    media_from_pil,
    open_media,
    read_source,
)
from vmscreen.media.metadata import GpsFix, MediaMetadata

__all__ = [
    "Frame",
    "GpsFix",
    "Limits",
    "Media",
    "MediaError",
    "MediaInfo",
    "MediaMetadata",
    "format_of",
    "media_from_array",
    "media_from_pil",
    "open_media",
    "read_source",
]
