"""vmscreen: screen photos before they are uploaded to a machine-learning data collection."""

from vmscreen._version import __version__
from vmscreen.analyses import Engines, FrameAnalyses
from vmscreen.detectors.base import Detector, DetectorInfo, DetectorUnavailable, Subject
from vmscreen.engine.registry import catalogue
from vmscreen.engine.screener import Screener, screen
from vmscreen.findings import Box, Category, CodeInfo, Cover, Finding
from vmscreen.media import Frame, Limits, Media, MediaError, open_media
from vmscreen.models import ModelRef
from vmscreen.policy import Decision, Policy, PolicyError, Reason, default_policy, load_policy
from vmscreen.result import DetectorRun, Result
from vmscreen.zones import Zone, ZoneError, load_zones

__all__ = [
    "Box",
    "Category",
    "CodeInfo",
    "Cover",
    "Decision",
    "Detector",
    "DetectorInfo",
    "DetectorRun",
    "DetectorUnavailable",
    "Engines",
    "Finding",
    "Frame",
    "FrameAnalyses",
    "Limits",
    "Media",
    "MediaError",
    "ModelRef",
    "Policy",
    "PolicyError",
    "Reason",
    "Result",
    "Screener",
    "Subject",
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
