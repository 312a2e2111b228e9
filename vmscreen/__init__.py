"""vmscreen: screen photos before they are uploaded to a machine-learning data collection."""

from vmscreen._version import __version__
from vmscreen.catalogue import catalogue
from vmscreen.detectors.base import Detector, DetectorInfo, ModelRef, ScreenContext
from vmscreen.findings import Box, Category, CodeInfo, Finding
from vmscreen.media import Limits, Media, MediaError, open_media
from vmscreen.policy import Decision, Policy, PolicyError, Reason, default_policy, load_policy
from vmscreen.result import DetectorRun, Result
from vmscreen.screener import Screener, screen
from vmscreen.zones import Zone, ZoneError, load_zones

__all__ = [
    "Box",
    "Category",
    "CodeInfo",
    "Decision",
    "Detector",
    "DetectorInfo",
    "DetectorRun",
    "Finding",
    "Limits",
    "Media",
    "MediaError",
    "ModelRef",
    "Policy",
    "PolicyError",
    "Reason",
    "Result",
    "ScreenContext",
    "Screener",
    "Zone",
    "ZoneError",
    "__version__",
    "catalogue",
    "default_policy",
    "load_policy",
    "load_zones",
    "open_media",
    "screen",
]
