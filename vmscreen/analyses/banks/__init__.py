"""Reference banks: the hashes of media an operator knows to refuse (a takedown list, an
agency's catalogue), and how a frame or an audio track is matched against them. PDQ hashes for
pictures (``pdq``), Chromaprint fingerprints for sound (``fingerprints``), one file per bank
(``store``), loaded once per screener and matched in bulk (``matching``)."""

from vmscreen.analyses.banks.fingerprints import (
    ChromaprintUnavailable,
    chromaprint_available,
    fingerprint,
)
from vmscreen.analyses.banks.matching import (
    AUDIO_MAX_BER,
    PDQ_THRESHOLD,
    AudioMatch,
    BankProblem,
    ImageMatch,
    LoadedBanks,
    ReferenceBanks,
    best_alignment,
)
from vmscreen.analyses.banks.pdq import (
    HASH_SIDE,
    MIN_QUALITY,
    TRANSFORMS,
    PdqHash,
    banked_hashes,
    pdq_of,
)
from vmscreen.analyses.banks.store import (
    SUFFIX,
    Bank,
    BankError,
    bank_files,
    bank_path,
    check_name,
    load_bank,
    save_bank,
)

__all__ = ["AUDIO_MAX_BER", "HASH_SIDE", "MIN_QUALITY", "PDQ_THRESHOLD", "SUFFIX", "TRANSFORMS",
           "AudioMatch", "Bank", "BankError", "BankProblem", "ChromaprintUnavailable",
           "ImageMatch", "LoadedBanks", "PdqHash", "ReferenceBanks", "bank_files", "bank_path",
           "banked_hashes",
           "best_alignment", "check_name", "chromaprint_available", "fingerprint", "load_bank",
           "pdq_of", "save_bank"]
