"""Reference banks: PDQ hashes (checked against pdqhash itself), matching under the eight
rotations and flips, resizing, recompression and mild crops, bank files that hold hashes only,
and Chromaprint fingerprints matched across re-encoding."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from PIL import Image

from tests.banks_media import shapes, tune
from tests.clips import audio_file
from vmscreen.analyses.banks import (
    AUDIO_MAX_BER,
    PDQ_THRESHOLD,
    TRANSFORMS,
    Bank,
    BankError,
    LoadedBanks,
    ReferenceBanks,
    banked_hashes,
    best_alignment,
    fingerprint,
    load_bank,
    pdq_of,
    save_bank,
)
from vmscreen.analyses.banks.pdq import CROPS, reduced
from vmscreen.media import open_media
from vmscreen.media.audio import SPEECH_RATE

SEEDS = range(12)


def _bank(name: str, images: list[Image.Image]) -> Bank:
    bank = Bank.empty(name)
    for number, image in enumerate(images):
        bank = bank.with_entry(bytes([number]) * 32, f"item {number}",
                               list(banked_hashes(image)), [])
    return bank


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def test_the_hash_is_pdqhash_s_own_bit_for_bit():
    image = shapes(3)
    ours = pdq_of(image)
    small = np.asarray(reduced(image))
    assert small.shape == (64, 64, 3)
    vectors, quality = pdqhash.compute_dihedral(small)
    assert ours.quality == quality
    assert ours.hashes == tuple(bytes(np.packbits(np.asarray(v, np.uint8))) for v in vectors)
    single, _ = pdqhash.compute(small)
    assert ours.hash == bytes(np.packbits(np.asarray(single, np.uint8)))


def test_the_vectorised_distances_are_the_bit_counts():
    rng = np.random.default_rng(0)
    hashes = rng.integers(0, 256, (300, 32), dtype=np.uint8)
    bank = Bank.empty("random").with_entry(b"\0" * 32, "", [bytes(h) for h in hashes], [])
    loaded = LoadedBanks.of([bank])
    query = pdq_of(shapes(1))
    expected = np.array([[np.unpackbits(np.frombuffer(q, np.uint8) ^ h).sum() for h in hashes]
                         for q in query.hashes])
    assert (loaded.distances(query) == expected).all()


@pytest.mark.parametrize(("flipped", "matched"), [(31, True), (32, False)])
def test_the_threshold_is_31_bits_of_256(flipped, matched):
    query = pdq_of(shapes(9))
    bits = np.unpackbits(np.frombuffer(query.hash, np.uint8))
    bits[:flipped] ^= 1  # spread over the first words, the ones the prefilter reads
    near = bytes(np.packbits(bits))
    rng = np.random.default_rng(2)
    others = [bytes(h) for h in rng.integers(0, 256, (2000, 32), dtype=np.uint8)]
    bank = Bank.empty("edge").with_entry(b"\0" * 32, "", [*others, near], [])
    matches = LoadedBanks.of([bank]).match_image(query)
    assert [m.distance for m in matches] == ([flipped] if matched else [])


@pytest.mark.parametrize("transform", [
    Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270,
    Image.Transpose.FLIP_LEFT_RIGHT, Image.Transpose.FLIP_TOP_BOTTOM,
    Image.Transpose.TRANSPOSE, Image.Transpose.TRANSVERSE])
def test_a_turned_or_mirrored_copy_matches_its_entry(transform):
    images = [shapes(seed) for seed in SEEDS]
    loaded = LoadedBanks.of([_bank("takedowns", images)])
    (match,) = loaded.match_image(pdq_of(images[5].transpose(transform)))
    assert (match.bank, match.label) == ("takedowns", "item 5") and match.distance <= 10
    assert match.entry == (bytes([5]) * 32).hex()[:16]
    assert match.transform in TRANSFORMS[1:]


@pytest.mark.parametrize("change", ["half", "double", "jpeg", "crop", "brighter"])
def test_a_resized_recompressed_or_mildly_cropped_copy_matches(change):
    images = [shapes(seed, 480, 360) for seed in SEEDS]
    loaded = LoadedBanks.of([_bank("takedowns", images)])
    original = images[7]
    w, h = original.size
    copy = {
        "half": lambda: original.resize((w // 2, h // 2), Image.Resampling.LANCZOS),
        "double": lambda: original.resize((w * 2, h * 2), Image.Resampling.BICUBIC),
        "jpeg": lambda: _jpeg(original, 50),
        "crop": lambda: original.crop((7, 5, w - 5, h - 4)),  # about 2.5% off each side
        "brighter": lambda: Image.fromarray(np.clip(
            np.asarray(original, np.float32) * 1.1 + 8, 0, 255).astype(np.uint8)),
    }[change]()
    matches = loaded.match_image(pdq_of(copy))
    assert [m.label for m in matches] == ["item 7"]
    assert matches[0].distance <= PDQ_THRESHOLD


@pytest.mark.parametrize("cut", [(0.09, 0.01, 0.0, 0.07), (0.0, 0.06, 0.05, 0.05),
                                 (0.04, 0.04, 0.10, 0.0)])
def test_a_copy_cropped_by_up_to_10_percent_matches_through_the_banked_crops(cut):
    images = [shapes(seed, 480, 360) for seed in SEEDS]
    original = images[4]
    w, h = original.size
    left, right, top, bottom = cut
    copy = original.crop((round(w * left), round(h * top), w - round(w * right),
                          h - round(h * bottom)))
    whole_only = Bank.empty("whole").with_entry(b"\1" * 32, "", [pdq_of(original).hash], [])
    assert LoadedBanks.of([whole_only]).match_image(pdq_of(copy)) == ()
    matches = LoadedBanks.of([_bank("takedowns", images)]).match_image(pdq_of(copy))
    assert [m.label for m in matches] == ["item 4"]


def test_a_bank_keeps_the_whole_picture_s_hash_first_then_its_crops_and_nothing_when_flat():
    image = shapes(2, 640, 480)
    kept = banked_hashes(image)
    assert kept[0] == pdq_of(image).hash
    assert len(CROPS) == 121 and 60 < len(kept) <= 121 and len(set(kept)) == len(kept)
    assert banked_hashes(Image.new("RGB", (640, 480), (120, 130, 140))) == ()


def test_unrelated_pictures_do_not_match():
    loaded = LoadedBanks.of([_bank("takedowns", [shapes(seed) for seed in SEEDS])])
    for seed in range(100, 130):
        assert loaded.match_image(pdq_of(shapes(seed))) == ()
    distances = loaded.distances(pdq_of(shapes(200))).min(axis=0)
    assert distances.min() > 2 * PDQ_THRESHOLD


def test_a_bank_file_holds_hashes_and_ids_only(tmp_path):
    image = shapes(1, 640, 480)
    bank = _bank("takedowns", [image])
    path = save_bank(bank, tmp_path)
    assert path == tmp_path / "takedowns.vmbank"
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted(
            f"{k}.npy" for k in ("header", "sources", "pdq", "pdq_entry", "fp_words",
                                 "fp_offsets", "fp_entry"))
    # 32 bytes a hash and little more: a 640x480 picture is 921,600 bytes of pixels
    assert len(bank.pdq) <= len(CROPS) and path.stat().st_size < 3000 + 32 * len(bank.pdq)
    again = load_bank(path)
    assert again.labels == ("item 0",) and bytes(again.pdq[0]) == pdq_of(image).hash
    assert [p.name for p in tmp_path.iterdir()] == ["takedowns.vmbank"]  # no temporary left


@pytest.mark.parametrize("damage", [b"not a bank", b"PK\x03\x04broken"])
def test_a_damaged_bank_is_an_error_not_a_crash(tmp_path, damage):
    path = tmp_path / "bad.vmbank"
    path.write_bytes(damage)
    with pytest.raises(BankError, match=r"bad\.vmbank"):
        load_bank(path)


def test_missing_and_unreadable_banks_are_problems_to_report(tmp_path):
    save_bank(_bank("good", [shapes(1)]), tmp_path)
    (tmp_path / "broken.vmbank").write_bytes(b"junk")
    loaded = ReferenceBanks(tmp_path, required=["good", "agency"]).loaded()
    assert [b.name for b in loaded.banks] == ["good"]
    assert {p.bank for p in loaded.problems} == {"broken", "agency"}
    nowhere = ReferenceBanks(None, required=["agency"]).loaded()
    assert [p.bank for p in nowhere.problems] == ["agency"] and nowhere.hashes == 0


# -- sound --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def banked() -> np.ndarray:
    return fingerprint(tune(1), SPEECH_RATE)


@pytest.mark.parametrize("family", ["mp3", "ogg"])
def test_a_re_encoded_recording_matches_its_fingerprint(banked, family):
    track = open_media(audio_file(tune(1), family=family)).tracks[0]
    rate, offset, overlap = best_alignment(fingerprint(track.samples(), SPEECH_RATE), banked)
    assert rate < 0.1 and offset == 0 and overlap >= len(banked) - 2


def test_an_excerpt_matches_where_it_starts(banked):
    excerpt = fingerprint(tune(1)[4 * SPEECH_RATE:], SPEECH_RATE)
    rate, offset, _ = best_alignment(excerpt, banked)
    assert rate < 0.1 and 28 <= offset <= 36  # about 4 s in, at ~8 words a second


def test_another_tune_does_not_match(banked):
    for seed in (2, 3, 4):
        rate, _, _ = best_alignment(fingerprint(tune(seed), SPEECH_RATE), banked)
        assert rate > AUDIO_MAX_BER


def test_long_fingerprints_are_aligned_by_their_agreeing_words():
    rng = np.random.default_rng(1)
    long = rng.integers(0, 2**32, 3000, dtype=np.uint64).astype(np.uint32)
    part = long[1200:1900] ^ (1 << rng.integers(0, 32, 700)).astype(np.uint32)  # 1 bit off each
    rate, offset, overlap = best_alignment(part, long)
    assert (offset, overlap) == (1200, 700) and rate == pytest.approx(1 / 32)


def test_a_track_too_short_to_fingerprint_matches_nothing(tmp_path):
    bank = Bank.empty("tunes").with_entry(b"\1" * 32, "", [], [fingerprint(tune(1), SPEECH_RATE)])
    loaded = LoadedBanks.of([bank])
    assert loaded.match_audio(fingerprint(tune(1, seconds=2.0), SPEECH_RATE)) == ()
    assert [m.entry for m in loaded.match_audio(fingerprint(tune(1), SPEECH_RATE))] == [
        (b"\1" * 32).hex()[:16]]


def test_an_empty_directory_is_no_bank(tmp_path: Path):
    loaded = ReferenceBanks(tmp_path).loaded()
    assert (loaded.banks, loaded.problems, loaded.hashes) == ((), (), 0)
