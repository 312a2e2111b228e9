"""python -m benchmarks.banks: reference banks measured on real media.

Pictures: every image of ../shared/datasets/real, art and private (read in place, never
copied) is banked; a copy of each under every transform a re-upload meets (the seven other
rotations and flips, half and double size, JPEG at quality 50 and 70, brighter, crops of 2%,
2-5% and 5-10%) is matched against the bank: recall, per transform and overall. Each picture
is banked as `vmscreen bank add` banks it: its 512-pixel view's hash and its crops'. Every pair
of two different images, each under its eight rotations and flips, is a chance of a false
match: the count of those under the threshold (against every hash of the other's entry).
Cost: matching one picture (its eight hashes) against a bank of 100,000 hashes (the real ones,
topped up with random hashes), in ms and as a ratio to hashing the same picture (from its
decoded 512-pixel view, as the screen does).

Sound: the recordings of ../shared/datasets/audio and the soundtracks of ../shared/datasets/
video long enough to fingerprint are banked; each re-encoded to MP3 (64 kbit/s) and Opus
(32 kbit/s) with PyAV is matched against the bank: recall, and false matches across
recordings.

Results: benchmarks/results/banks.json and banks.md.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import time
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageOps

from tests.clips import write_audio
from vmscreen.analyses.banks import (
    AUDIO_MAX_BER,
    PDQ_THRESHOLD,
    Bank,
    LoadedBanks,
    banked_hashes,
    best_alignment,
    fingerprint,
    pdq_of,
)
from vmscreen.analyses.banks.pdq import HASH_SIDE
from vmscreen.media import MediaError, open_media
from vmscreen.media.audio import SPEECH_RATE

HERE = Path(__file__).resolve().parent
DATASETS = HERE.parent.parent / "shared" / "datasets"
RESULTS = HERE / "results"
IMAGE_SETS = ("real", "art", "private")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif", ".mpo",
                  ".avif"}
WORK_SIDE = 1024  # originals are reduced to this before they are transformed (for speed)
BANK_SIZE = 100_000
# Pairs of files in the datasets that hold the same picture (looked at side by side: the same
# photo in two sets, a copy with its faces pixelated or its watermark removed, the same
# specimen passport scanned twice). Their matches are true ones, counted apart.
SAME_PICTURE = frozenset(frozenset(pair) for pair in (
    ("real/deface/city.jpg", "real/deface/city_anonymized_mosaic.jpg"),
    ("real/exiv2_testdata/Stonehenge.heic", "real/exiv2_testdata/exiv2-bug1199.webp"),
    ("real/exiv2_testdata/exiv2-bug440.jpg", "real/exiv2_testdata/exiv2-bug540.jpg"),
    ("real/nyu_densedepth/11_image.png", "private/densedepth/11_image.png"),
    ("real/nyu_densedepth/267_image.png", "private/densedepth/267_image.png"),
    ("real/nyu_densedepth/312_image.png", "private/densedepth/312_image.png"),
    ("real/nyu_densedepth/358_image.png", "private/densedepth/358_image.png"),
    ("real/passporteye/100_pass-uto.jpg", "real/passporteye/passport-td3.jpg"),
    ("real/watermark_marathon/sample_img__sample_watermarked_no_watermark.png",
     "real/watermark_marathon/sample_thumbnail.jpeg"),
))


def _images() -> list[tuple[str, Image.Image]]:
    import pillow_heif

    pillow_heif.register_heif_opener()
    found = []
    for name in IMAGE_SETS:
        folder = DATASETS / name
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            try:
                with Image.open(path) as raw:
                    image = ImageOps.exif_transpose(raw).convert("RGB")
            except Exception:  # noqa: BLE001 - a file PIL cannot read is left out
                continue
            image.thumbnail((WORK_SIDE, WORK_SIDE))
            found.append((f"{name}/{path.relative_to(folder)}", image))
    return found


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def _crop(image: Image.Image, total: float, rng: random.Random) -> Image.Image:
    """``total`` of the width and of the height cut off, split at random between the sides."""
    w, h = image.size
    fx, fy = rng.random(), rng.random()
    return image.crop((round(w * total * fx), round(h * total * fy),
                       w - round(w * total * (1 - fx)), h - round(h * total * (1 - fy))))


def _transforms(image: Image.Image, rng: random.Random) -> dict[str, Image.Image]:
    w, h = image.size
    t = Image.Transpose
    out = {name: image.transpose(op) for name, op in (
        ("rotate-90", t.ROTATE_90), ("rotate-180", t.ROTATE_180), ("rotate-270", t.ROTATE_270),
        ("flip-x", t.FLIP_LEFT_RIGHT), ("flip-y", t.FLIP_TOP_BOTTOM),
        ("transpose", t.TRANSPOSE), ("transverse", t.TRANSVERSE))}
    out["resize-0.5"] = image.resize((max(1, w // 2), max(1, h // 2)), Image.Resampling.LANCZOS)
    out["resize-2"] = image.resize((w * 2, h * 2), Image.Resampling.BICUBIC)
    out["jpeg-50"] = _jpeg(image, 50)
    out["jpeg-70"] = _jpeg(image, 70)
    out["brighter"] = Image.fromarray(np.clip(np.asarray(image, np.float32) * 1.1 + 8, 0, 255)
                                      .astype(np.uint8))
    out["crop-2%"] = _crop(image, 0.02, rng)
    out["crop-2-5%"] = _crop(image, rng.uniform(0.02, 0.05), rng)
    out["crop-5-10%"] = _crop(image, rng.uniform(0.05, 0.10), rng)
    return out


def _view(image: Image.Image) -> Image.Image:
    """The view of a picture a screen hashes (and ``bank add`` banks)."""
    view = image.copy()
    view.thumbnail((HASH_SIDE, HASH_SIDE))
    return view


def _bank_of(entries: list[tuple[bytes, ...]], name: str = "bench") -> Bank:
    bank = Bank.empty(name)
    for number, hashes in enumerate(entries):
        bank = bank.with_entry(number.to_bytes(32, "big"), "", list(hashes), [])
    return bank


def _entry_minimum(distances: np.ndarray, entry: np.ndarray, entries: int) -> np.ndarray:
    """The smallest of (8, N) distances for each entry: (entries,)."""
    out = np.full(entries, 256, np.int32)
    np.minimum.at(out, entry, distances.min(axis=0).astype(np.int32))
    return out


def pictures() -> dict[str, object]:
    rng = random.Random(17)
    images = _images()
    hashes = [pdq_of(image) for _, image in images]
    banked = [banked_hashes(_view(image)) for _, image in images]
    usable = [i for i, h in enumerate(banked) if h]
    bank = _bank_of([banked[i] for i in usable])
    loaded = LoadedBanks.of([bank])
    entry_of = {i: n for n, i in enumerate(usable)}
    found: dict[str, list[int]] = {}
    distances: dict[str, list[int]] = {}
    for index in usable:
        want = number_id(entry_of[index])
        for name, copy in _transforms(images[index][1], rng).items():
            query = pdq_of(copy)
            matches = loaded.match_image(query)
            found.setdefault(name, []).append(int(any(m.entry == want for m in matches)))
            distances.setdefault(name, []).append(int(_entry_minimum(
                loaded.distances(query), bank.pdq_entry, len(usable))[entry_of[index]]))
    recall = {name: round(sum(v) / len(v), 4) for name, v in found.items()}
    everything = [x for v in found.values() for x in v]
    without_crop = [x for name, v in found.items() if name != "crop-5-10%" for x in v]

    # Unrelated pairs: every two different images, the query under its eight transforms.
    pairs = false = same = 0
    close: list[tuple[str, str, int]] = []
    for n, index in enumerate(usable):
        d = _entry_minimum(loaded.distances(hashes[index]), bank.pdq_entry, bank.entries)
        others = np.arange(len(usable)) > n  # each pair once
        for m in np.flatnonzero(others):
            names = (images[index][0], images[usable[m]][0])
            if frozenset(names) in SAME_PICTURE:
                same += int(d[m] <= PDQ_THRESHOLD)
                continue
            pairs += 1
            if d[m] <= PDQ_THRESHOLD:
                false += 1
                close.append((*names, int(d[m])))

    # Cost against a bank of 100,000 hashes.
    rng_np = np.random.default_rng(0)
    filler = rng_np.integers(0, 256, (BANK_SIZE - len(bank.pdq), 32), dtype=np.uint8)
    big = bank.with_entry(b"\xff" * 32, "", [bytes(row) for row in filler], [])
    large = LoadedBanks.of([big])
    views = [_view(images[i][1]) for i in usable[:: max(1, len(usable) // 60)]]
    hash_ms, match_ms = [], []
    for view in views:
        start = time.perf_counter()
        query = pdq_of(view)
        hash_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        large.match_image(query)
        match_ms.append((time.perf_counter() - start) * 1000)
    return {
        "images": len(images), "banked": len(usable), "banked_hashes": len(bank.pdq),
        "low_quality_skipped": len(images) - len(usable),
        "threshold": PDQ_THRESHOLD,
        "recall": recall,
        "recall_overall": round(sum(everything) / len(everything), 4),
        "recall_without_crop_5_10": round(sum(without_crop) / len(without_crop), 4),
        "median_distance": {k: statistics.median(v) for k, v in distances.items()},
        "unrelated_pairs": pairs, "false_matches": false,
        "false_match_pairs": close[:20],
        "same_picture_pairs": len(SAME_PICTURE), "same_picture_pairs_matched": same,
        "bank_hashes": large.hashes,
        "match_ms_median": round(statistics.median(match_ms), 3),
        "match_ms_p90": round(float(np.percentile(match_ms, 90)), 3),
        "hash_ms_median": round(statistics.median(hash_ms), 3),
        "match_to_hash_ratio": round(statistics.median(match_ms) / statistics.median(hash_ms),
                                     2),
    }


def number_id(number: int) -> str:
    return number.to_bytes(32, "big").hex()[:16]


# -- sound ------------------------------------------------------------------------------------

def _encode(samples: np.ndarray, codec: str, fmt: str, rate: int, bitrate: int) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "mono"
        stream.bit_rate = bitrate
        write_audio(out, stream, samples, SPEECH_RATE)
    return buffer.getvalue()


def _recordings() -> list[tuple[str, np.ndarray]]:
    found = []
    for name in ("audio", "video"):
        folder = DATASETS / name
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.suffix.lower() in {".md", ".csv"} or not path.is_file():
                continue
            try:
                media = open_media(path)
            except MediaError:
                continue
            for track in getattr(media, "tracks", ()):
                try:
                    samples = track.samples()
                except Exception:  # noqa: BLE001 - a track that does not decode is left out
                    continue
                if len(samples) >= 6 * SPEECH_RATE:
                    found.append((f"{name}/{path.relative_to(folder)}#{track.index}",
                                  np.array(samples, np.float32)))
    return found


def sound() -> dict[str, object]:
    recordings = _recordings()
    prints = [fingerprint(samples, SPEECH_RATE) for _, samples in recordings]
    bank = Bank.empty("tunes")
    for number, words in enumerate(prints):
        bank = bank.with_entry(number.to_bytes(32, "big"), "", [], [words])
    loaded = LoadedBanks.of([bank])
    results = {}
    false = pairs = 0
    for codec, fmt, rate, bitrate in (("libmp3lame", "mp3", 44100, 64000),
                                      ("libopus", "ogg", 48000, 32000)):
        hits = []
        for number, (_, samples) in enumerate(recordings):
            track = open_media(_encode(samples, codec, fmt, rate, bitrate)).tracks[0]
            words = fingerprint(track.samples(), SPEECH_RATE)
            matched = {m.entry for m in loaded.match_audio(words)}
            hits.append(int(number_id(number) in matched))
            false += len(matched - {number_id(number)})
            pairs += len(recordings) - 1
        results[fmt] = round(sum(hits) / len(hits), 4) if hits else None
    rates = [best_alignment(prints[i], prints[j])
             for i in range(len(prints)) for j in range(len(prints)) if i != j]
    lowest = min((r[0] for r in rates if r is not None), default=None)
    return {"recordings": [name for name, _ in recordings], "max_bit_error_rate": AUDIO_MAX_BER,
            "recall": results, "unrelated_pairs": pairs, "false_matches": false,
            "lowest_unrelated_bit_error_rate": None if lowest is None else round(lowest, 3)}


def _markdown(results: dict[str, dict[str, object]]) -> str:
    p, s = results["pictures"], results["sound"]
    lines = ["# Reference banks", "",
             f"Pictures: {p['banked']} real images banked ({p['low_quality_skipped']} too flat "
             f"to hash) as {p['banked_hashes']:,} hashes with their crops, PDQ threshold "
             f"{p['threshold']} bits of 256.", "",
             "| transform | recall | median distance |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value:.3f} | {p['median_distance'][name]} |"
              for name, value in p["recall"].items()]  # type: ignore[union-attr]
    lines += ["", f"- recall over every transform: {p['recall_overall']:.3f} "
              f"(without the 5-10% crop: {p['recall_without_crop_5_10']:.3f})",
              f"- false matches: {p['false_matches']} in {p['unrelated_pairs']:,} unrelated "
              "pairs (each under its eight rotations and flips); the "
              f"{p['same_picture_pairs']} pairs of files in the datasets that hold the same "
              f"picture, set apart: {p['same_picture_pairs_matched']} matched",
              f"- matching one picture against {p['bank_hashes']:,} hashes: "
              f"{p['match_ms_median']} ms median, {p['match_ms_p90']} ms p90; hashing it "
              f"{p['hash_ms_median']} ms (ratio {p['match_to_hash_ratio']})",
              "", f"Sound: {len(s['recordings'])} recordings banked "  # type: ignore[arg-type]
              f"(bit error rate threshold {s['max_bit_error_rate']}).", "",
              f"- recall after re-encoding: {s['recall']}",
              f"- false matches: {s['false_matches']} in {s['unrelated_pairs']} unrelated pairs; "
              f"lowest bit error rate between different recordings: "
              f"{s['lowest_unrelated_bit_error_rate']}", ""]
    return "\n".join(lines)


def main() -> None:
    if not DATASETS.is_dir():
        print(f"no datasets at {DATASETS}: nothing to measure")
        return
    start = time.perf_counter()
    results = {"pictures": pictures(), "sound": sound()}
    results["seconds"] = round(time.perf_counter() - start, 1)  # type: ignore[assignment]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "banks.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "banks.md").write_text(_markdown(results))  # type: ignore[arg-type]
    print(_markdown(results))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
