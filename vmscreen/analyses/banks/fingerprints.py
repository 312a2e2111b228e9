"""Chromaprint audio fingerprints (the AcoustID fingerprinter): a 32-bit word for every
~0.124 s of sound, each bit a comparison of energies in chroma bands, robust to re-encoding,
resampling and volume. Computed with the Chromaprint C library (LGPL-2.1; Debian
``libchromaprint1``) through pyacoustid's ``chromaprint`` ctypes module (MIT).

The library is a system package, not a wheel: where it is missing, ``fingerprint`` raises
``ChromaprintUnavailable`` and the detector reports the track as not checked (unscreened).
"""

from __future__ import annotations

from typing import Any

import numpy as np

# Chromaprint's default algorithm (TEST2), the one fpcalc and AcoustID use; a fingerprint made
# with another cannot be compared with it.
ALGORITHM = 1
# Chromaprint's item rate: one word per 4096/3 samples at its internal 11025 Hz.
ITEMS_PER_SECOND = 11025 / (4096 / 3)


class ChromaprintUnavailable(RuntimeError):
    """The Chromaprint library (or pyacoustid) is not installed."""


def _library() -> Any:
    try:
        import chromaprint  # pyacoustid's ctypes wrapper; loads libchromaprint.so.1
    except ImportError as exc:  # the module, or the C library it looks for, is missing
        raise ChromaprintUnavailable(
            "the Chromaprint library is not installed (apt-get install libchromaprint1; "
            "pip install pyacoustid)") from exc
    return chromaprint


def chromaprint_available() -> bool:
    try:
        _library()
    except ChromaprintUnavailable:
        return False
    return True


def fingerprint(samples: np.ndarray, rate: int) -> np.ndarray:
    """The raw fingerprint (uint32 words) of mono float samples in -1..1 at ``rate`` Hz. Empty
    for sound too short to fingerprint (Chromaprint needs about three seconds)."""
    library = _library()
    pcm = (np.clip(np.asarray(samples, np.float32), -1.0, 1.0) * 32767).astype("<i2")
    printer = library.Fingerprinter(ALGORITHM)
    printer.start(rate, 1)
    printer.feed(pcm.tobytes())
    encoded = printer.finish()
    if not encoded:
        return np.zeros(0, np.uint32)
    words, _algorithm = library.decode_fingerprint(encoded)
    return np.asarray(words, dtype=np.int64).astype(np.uint32)
