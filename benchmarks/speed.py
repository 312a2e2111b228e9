"""python -m benchmarks.speed [--results DIR] [--update-readme] [--quick]: the speed and memory
figures of issue 21, each a ratio or a percentile of times measured together in this run (the
machine is shared and noisy, so no figure here is an absolute promise).

1. Large photos without text: the real set's camera photos of 8 MP or more, and scikit-image's
   sample photographs scaled up to 12 MP: the screen time as a multiple of a full Pillow decode
   of the same file, and where that time goes (each detector, each shared analysis).
2. Card and document photos of the real set against the PP-OCR peer (RapidOCR), as it comes and
   configured for speed as its users would (no angle classifier, detector side capped at 960),
   each timed on the same photos in the same run; the sensitive-id detectors' time over the
   whole real set.
3. Throughput and memory with worker processes: files per second with 1 and 2 workers, and the
   peak resident size of each worker, every batch run in a fresh process of its own.
4. Cold latency (the first screen in a new process, models loading) and warm latency.

Results go to benchmarks/results/speed.json and speed.md (``--results`` elsewhere);
``--update-readme`` copies the report into README.md between its speed markers. ``--quick``
takes a fifth of the synthetic set for the worker runs. Sets whose data is absent are skipped
with a message.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Any

from PIL import Image

import vmscreen
import vmscreen.media  # registers the HEIF plugin, which the decode of a HEIC photo needs
from benchmarks import metrics
from benchmarks import report as reporting
from benchmarks.baselines import ppocr
from benchmarks.runner import SENSITIVE_ENTITIES, full_decode_ms, machine, sensitive_ms
from benchmarks.sets import real, shared_rows

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache" / "speed"
README_START, README_END = "<!-- speed:start -->", "<!-- speed:end -->"
SEED = 20261122

TARGETS: Mapping[str, float] = {
    "large_photo_ratio": 5.0,  # screen ÷ full decode, median over the large photos: at most
    "card_ratio_to_fast_peer": 0.8,  # vmscreen median ÷ speed-configured peer median: at most
    "sensitive_p95_ms": 2000.0,  # sensitive-id detectors' time over the real set: under
    "throughput_ratio": 1.8,  # files/s with 2 workers ÷ with 1: at least
    "worker_peak_mib": 1024.0,  # peak resident size of one worker process: at most
}

# Real photographs among scikit-image's samples (no text pages, charts or textures).
SKIMAGE_PHOTOS = ("astronaut.png", "coffee.png", "chelsea.png", "rocket.jpg",
                  "motorcycle_left.png", "hubble_deep_field.jpg")
LARGE_MIN_PIXELS = 8_000_000
# Real-set flags of files with text or marks on them: not "large photos without text".
TEXT_FLAGS = ("id_document", "card_number", "screenshot", "watermark")
REGISTRY_MEGAPIXELS = 12.0

# RapidOCR 3.x settings (its config.yaml): as it comes, and set up for speed as its users
# would. Det.limit_type "max" caps the longer side; its default, "min", scales the shorter side
# up to 736 (a 600 x 400 card is read at 1104 x 736).
PEER_CONFIGS: Mapping[str, Mapping[str, object]] = {
    "default": {},
    "fast": {"Global.use_cls": False, "Det.limit_side_len": 960, "Det.limit_type": "max"},
}
PEER_TITLES = {"default": "as it comes", "fast": "configured for speed"}
FAST_PEER = "fast"
FAST_DET_SIDE = 960

CARD_PHOTO = "bankcard_ocr/2.jpeg"  # the cold and warm latency's card photo, when present
PORTRAIT = "astronaut.png"  # a small portrait (512 x 512) from scikit-image, as it ships
WARM_REPEATS = 20


def _say(message: str) -> None:
    print(f"speed: {message}", file=sys.stderr, flush=True)


# -- photos -----------------------------------------------------------------------------------


def megapixel_size(width: int, height: int, megapixels: float = REGISTRY_MEGAPIXELS,
                   ) -> tuple[int, int]:
    """The size with the same aspect ratio holding ``megapixels`` million pixels."""
    factor = math.sqrt(megapixels * 1e6 / (width * height))
    return round(width * factor), round(height * factor)


def scale_photo(source: Path, target: Path, megapixels: float = REGISTRY_MEGAPIXELS) -> Path:
    """``source`` scaled (Lanczos) to ``megapixels``, saved as a JPEG of quality 90."""
    with Image.open(source) as image:
        rgb = image.convert("RGB")
    rgb.resize(megapixel_size(*rgb.size, megapixels), Image.Resampling.LANCZOS).save(
        target, "JPEG", quality=90)
    return target


def skimage_data() -> Path:
    """scikit-image's sample folder; FileNotFoundError when scikit-image is not installed."""
    try:
        import skimage
    except ImportError as exc:
        raise FileNotFoundError("scikit-image is not installed (pip install -e '.[bench]')") \
            from exc
    return Path(skimage.__file__).parent / "data"


def registry_photos(cache: Path = CACHE) -> list[Path]:
    """scikit-image's sample photographs scaled to 12 MP, made once into ``cache``."""
    data = skimage_data()
    cache.mkdir(parents=True, exist_ok=True)
    made = []
    for name in SKIMAGE_PHOTOS:
        source = data / name
        with Image.open(source) as image:
            width, height = megapixel_size(*image.size)
        target = cache / f"skimage-{Path(name).stem}-{width}x{height}.jpg"
        made.append(target if target.exists() else scale_photo(source, target))
    return made


def large_rows(rows: Iterable[Mapping[str, str]]) -> list[str]:
    """Paths of the real set's photos of 8 MP or more with no text flag."""
    return [row["path"] for row in rows
            if int(row.get("width") or 0) * int(row.get("height") or 0) >= LARGE_MIN_PIXELS
            and not any(row.get(flag) == "1" for flag in TEXT_FLAGS)]


def large_real_photos(root: Path = real.DEFAULT_ROOT) -> list[Path]:
    return [root / path for path in large_rows(shared_rows(root, "real"))]


def megapixels(path: Path) -> float:
    with Image.open(path) as image:
        return round(image.width * image.height / 1e6, 1)


def best_decode_ms(path: Path, repeats: int = 3) -> float | None:
    """The fastest of ``repeats`` full Pillow decodes of the file's bytes."""
    times = [ms for ms in (full_decode_ms(path) for _ in range(repeats)) if ms is not None]
    return round(min(times), 2) if times else None


# -- 1. large photos --------------------------------------------------------------------------


def _median(values: Sequence[float]) -> float | None:
    return metrics.median_p95(values)["median"]


def split(results: Sequence[vmscreen.Result]) -> dict[str, dict[str, dict[str, Any]]]:
    """Each detector's own time (runs that ended "ok") and each shared analysis's time: the
    median over the results in ms, and the median of its share of each whole screen."""
    parts: dict[str, dict[str, list[tuple[float, float]]]] = {
        "detectors": defaultdict(list), "analyses": defaultdict(list)}
    for result in results:
        whole = result.elapsed_ms or math.nan
        for run in result.detectors:
            if run.status == "ok":
                parts["detectors"][run.name].append((run.ms, run.ms / whole))
        for name, ms in result.analyses:
            parts["analyses"][name].append((ms, ms / whole))
    return {kind: {name: {"median_ms": _median([ms for ms, _ in pairs]),
                          "median_share": _median([share for _, share in pairs]),
                          "n": len(pairs)}
                   for name, pairs in sorted(found.items())}
            for kind, found in parts.items()}


def _name(path: Path) -> str:
    """A file's name as the report shows it: relative to the real set, or the cached copy."""
    for base in (real.DEFAULT_ROOT, CACHE):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return path.name


def screen_large(screener: vmscreen.Screener, path: Path) -> tuple[dict[str, Any],
                                                                      vmscreen.Result]:
    """One file's row: its decode, then a throwaway screen and the screen that is timed."""
    decode = best_decode_ms(path)
    screener.screen(path)
    result = screener.screen(path)
    ratio = round(result.elapsed_ms / decode, 2) if decode else None
    return {"file": _name(path), "megapixels": megapixels(path), "decode_ms": decode,
            "screen_ms": round(result.elapsed_ms, 1), "ratio": ratio}, result


def large_photos(screener: vmscreen.Screener, paths: Sequence[Path],
                 skipped: Sequence[str]) -> dict[str, Any]:
    rows, results = [], []
    for path in paths:
        row, result = screen_large(screener, path)
        _say(f"large photo {row['file']}: ratio {row['ratio']}")
        rows.append(row)
        results.append(result)
    ratios = [row["ratio"] for row in rows if row["ratio"] is not None]
    return {"rows": rows, "median_ratio": _median(ratios), "target": TARGETS["large_photo_ratio"],
            "split": split(results), "skipped": list(skipped)}


def _gather(sources: Iterable[tuple[str, Callable[[], list[Path]]]]) -> tuple[list[Path],
                                                                             list[str]]:
    """Every source's files; a source whose data is absent is named in the second list."""
    found: list[Path] = []
    skipped: list[str] = []
    for name, source in sources:
        try:
            found += source()
        except FileNotFoundError as exc:
            skipped.append(f"{name}: {exc}")
            _say(f"skipped {name}: {exc}")
    return found, skipped


# -- 2. cards against the PP-OCR peer, and the real set ----------------------------------------


class SpeedPeer(ppocr.PPOCRBaseline):
    """The PP-OCR baseline (RapidOCR, then the shared patterns) with extra RapidOCR settings."""

    def __init__(self, label: str, params: Mapping[str, object]) -> None:
        from rapidocr import RapidOCR

        self.name = f"{ppocr.NAME}, {PEER_TITLES.get(label, label)}"
        self.label = label
        self.version = f"rapidocr {version('rapidocr')}"
        self.params = dict(params)
        self._engine = RapidOCR(params={"Global.log_level": "error", **params})

    def check(self, path: Path) -> dict[str, Any]:
        """What the engine actually ran on ``path`` (read after a first call has loaded its
        models): the classifier switch, whether the classifier was ever loaded, the detector's
        limit and the size of the detector's input."""
        self.detect(path)
        engine = self._engine
        shapes: list[tuple[int, ...]] = []
        session = engine.text_det.session

        def recording(tensor: Any) -> Any:
            shapes.append(tuple(tensor.shape))
            return session(tensor)

        engine.text_det.session = recording
        try:
            engine(str(path))
        finally:
            engine.text_det.session = session
        return {"params": self.params, "use_cls": bool(engine.use_cls),
                "classifier_loaded": engine.text_cls is not None,
                "det_limit": f"{engine.text_det.limit_type} {engine.text_det.limit_side_len}",
                "det_input": list(shapes[0][2:]) if shapes else None}


def check_fast(check: Mapping[str, Any]) -> None:
    """Raise unless the speed settings took effect: no classifier, detector side capped."""
    side = max(check["det_input"] or [0])
    if check["use_cls"] or check["classifier_loaded"] or side > FAST_DET_SIDE:
        raise RuntimeError(f"RapidOCR's speed settings did not take effect: {check}")


def _card_row(peers: Sequence[SpeedPeer], path: Path, result: vmscreen.Result,
              ) -> dict[str, Any]:
    row = {"file": _name(path), "vmscreen_ms": round(result.elapsed_ms, 1),
           "vmscreen_flagged": "sensitive-id" in metrics.flagged_categories(result)}
    for peer in peers:
        hit = peer.detect(path)
        row[f"{peer.label}_ms"] = round(hit.ms, 1)
        row[f"{peer.label}_flagged"] = bool(SENSITIVE_ENTITIES & hit.entities)
    return row


def _tool(rows: Sequence[Mapping[str, Any]], key: str) -> dict[str, Any]:
    found = sum(bool(row[f"{key}_flagged"]) for row in rows)
    return {"ms": metrics.median_p95([row[f"{key}_ms"] for row in rows]),
            "sensitive_found": found,
            "sensitive_recall": round(found / len(rows), 4) if rows else None}


def cards_and_real_set(screener: vmscreen.Screener) -> dict[str, Any]:
    """The whole real set screened once; on each card or document photo, right after its
    screen, both peer configurations read the same photo."""
    try:
        labels = real.load()
    except FileNotFoundError as exc:
        _say(f"skipped the cards and the real set: {exc}")
        return {"skipped": str(exc)}
    cards = {label.path for label in labels if "sensitive-id" in label.categories
             and label.visual}
    if not cards:
        return {"skipped": "the real set has no card or document photo"}
    peers = [SpeedPeer(label, params) for label, params in PEER_CONFIGS.items()]
    first = real.DEFAULT_ROOT / min(cards)
    checks = {peer.label: peer.check(first) for peer in peers}
    check_fast(checks[FAST_PEER])
    screener.screen(first)
    rows, sensitive, screens = [], [], []
    for label in labels:
        path = real.DEFAULT_ROOT / label.path
        result = screener.screen(path)
        sensitive.append(sensitive_ms(result))
        screens.append(result.elapsed_ms)
        if label.path in cards:
            rows.append(_card_row(peers, path, result))
    _say(f"screened the real set: {len(labels)} files, {len(rows)} cards and documents")
    tools = {"vmscreen": _tool(rows, "vmscreen")}
    tools.update({peer.label: _tool(rows, peer.label) for peer in peers})
    fast = tools[FAST_PEER]["ms"]["median"]
    ours = tools["vmscreen"]["ms"]["median"]
    return {
        "rows": rows, "tools": tools, "peer_version": peers[0].version, "peer_checks": checks,
        "ratio_to_fast_peer": round(ours / fast, 3) if ours and fast else None,
        "target_ratio": TARGETS["card_ratio_to_fast_peer"],
        "real_set": {"files": len(labels), "sensitive_ms": metrics.median_p95(sensitive),
                     "screen_ms": metrics.median_p95(screens)},
        "target_sensitive_p95_ms": TARGETS["sensitive_p95_ms"],
    }


# -- 3. worker processes ----------------------------------------------------------------------

# Run in a fresh process per batch, so no earlier worker's peak can hide this one's. Each
# worker's own high-water mark (VmHWM, per process) is read from /proc while the batch runs;
# RUSAGE_CHILDREN's ru_maxrss, the largest child's peak, is read after it as a cross-check (it
# can also carry the starting process's own peak over into a child, through exec).
_BATCH_CHILD = """
import json, os, resource, sys, threading, time
from pathlib import Path
from vmscreen.engine.batch import BatchSettings, screen_files

def children():
    for tasks in os.listdir("/proc/self/task"):
        try:
            yield from open(f"/proc/self/task/{tasks}/children").read().split()
        except OSError:
            pass

def hwm_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1])
    return 0

def is_worker(pid):  # not the resource tracker, nor a child not yet started (exec)
    return b"--multiprocessing-fork" in open(f"/proc/{pid}/cmdline", "rb").read()

peaks, running = {}, True
def watch():
    while running:
        for pid in set(children()):
            try:
                if is_worker(pid):
                    peaks[pid] = max(peaks.get(pid, 0), hwm_kib(pid))
            except OSError:
                pass
        time.sleep(0.1)

paths = Path(sys.argv[1]).read_text().splitlines()
watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
start = time.perf_counter()
results = list(screen_files(paths, BatchSettings(), int(sys.argv[2])))
seconds = time.perf_counter() - start
running = False
watcher.join()
print(json.dumps({
    "files": len(results), "seconds": round(seconds, 2),
    "files_per_s": round(len(results) / seconds, 3),
    "unscreened": sum(1 for result in results if result.errors),
    "unscreened_files": sorted([str(result.path), sorted({f.code for f in result.errors})]
                               for result in results if result.errors),
    "worker_peaks_mib": sorted(round(kib / 1024, 1) for kib in peaks.values()),
    "children_maxrss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
}))
"""


def batch_in_fresh_process(paths: Sequence[Path], jobs: int) -> dict[str, Any]:
    """One batch of ``paths`` with ``jobs`` workers, run from a new process."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(str(path) for path in paths))
    try:
        answer = subprocess.run([sys.executable, "-c", _BATCH_CHILD, listing.name, str(jobs)],
                                capture_output=True, text=True, check=True, cwd=ROOT)
    finally:
        os.unlink(listing.name)
    run = json.loads(answer.stdout.strip().splitlines()[-1])
    run["jobs"] = jobs
    run["peak_per_worker_mib"] = max(run["worker_peaks_mib"], default=None)
    return run


def _set_paths(name: str, scale: float) -> tuple[list[Path], str]:
    from benchmarks.__main__ import load_set

    labelled = load_set(name, scale, SEED)
    return [labelled.root / label.path for label in labelled.labels], labelled.name


def worker_runs(scale: float) -> dict[str, Any]:
    """The synthetic set with 1 and 2 workers, the real set with 2."""
    runs: list[dict[str, Any]] = []
    skipped: list[str] = []
    for name, jobs_list in (("synthetic", (1, 2)), ("real", (2,))):
        try:
            paths, _ = _set_paths(name, scale if name == "synthetic" else 1.0)
        except FileNotFoundError as exc:
            skipped.append(f"{name}: {exc}")
            _say(f"skipped the {name} set's worker runs: {exc}")
            continue
        for jobs in jobs_list:
            run = batch_in_fresh_process(paths, jobs)
            run["set"] = name
            _say(f"{name} with {jobs} worker(s): {run['files_per_s']} files/s, "
                 f"peak per worker {run['peak_per_worker_mib']} MiB")
            runs.append(run)
    return summarise_workers(runs, skipped, scale)


def summarise_workers(runs: list[dict[str, Any]], skipped: list[str],
                      scale: float) -> dict[str, Any]:
    rate = {run["jobs"]: run["files_per_s"] for run in runs if run["set"] == "synthetic"}
    ratio = round(rate[2] / rate[1], 3) if 1 in rate and 2 in rate and rate[1] else None
    peaks = [run["peak_per_worker_mib"] for run in runs
             if run["jobs"] == 2 and run["peak_per_worker_mib"] is not None]
    return {"runs": runs, "synthetic_scale": scale, "throughput_ratio": ratio,
            "target_throughput_ratio": TARGETS["throughput_ratio"],
            "peak_per_worker_mib": max(peaks, default=None),
            "target_worker_peak_mib": TARGETS["worker_peak_mib"], "skipped": skipped}


# -- 4. cold and warm latency -----------------------------------------------------------------

_COLD_CHILD = """
import json, sys, time
start = time.perf_counter()
import vmscreen
screener = vmscreen.Screener()
call = time.perf_counter()
result = screener.screen(sys.argv[1])
end = time.perf_counter()
print(json.dumps({"import_to_result_ms": round((end - start) * 1000, 1),
                  "screen_call_ms": round((end - call) * 1000, 1),
                  "elapsed_ms": round(result.elapsed_ms, 1)}))
"""


def cold_latency(path: Path) -> dict[str, Any]:
    """The first screen in a new process: from before ``import vmscreen`` to the result, and
    the screen call alone (models load in it); the process's whole life as the parent saw it."""
    start = time.perf_counter()
    answer = subprocess.run([sys.executable, "-c", _COLD_CHILD, str(path)], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    cold = json.loads(answer.stdout.strip().splitlines()[-1])
    cold["process_ms"] = round((time.perf_counter() - start) * 1000, 1)
    return cold


def warm_latency(screener: vmscreen.Screener, path: Path,
                 repeats: int = WARM_REPEATS) -> dict[str, Any]:
    """``Screener.screen`` on one photo, again and again, as its caller times it."""
    screener.screen(path)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        screener.screen(path)
        times.append((time.perf_counter() - start) * 1000)
    return metrics.median_p95(times)


def latency_photos(registry: Sequence[Path]) -> list[tuple[str, Path]]:
    """A 12 MP photo, a card photo and a small portrait, those that are present."""
    photos = [("12 MP photo", registry[0])] if registry else []
    card = real.DEFAULT_ROOT / CARD_PHOTO
    if card.exists():
        photos.append(("card photo", card))
    try:
        portrait = skimage_data() / PORTRAIT
        if portrait.exists():
            photos.append(("small portrait", portrait))
    except FileNotFoundError:
        pass
    return photos


def latency(screener: vmscreen.Screener, photos: Sequence[tuple[str, Path]]) -> dict[str, Any]:
    rows = []
    for kind, path in photos:
        row = {"photo": kind, "file": _name(path), "megapixels": megapixels(path),
               "cold": cold_latency(path), "warm": warm_latency(screener, path)}
        _say(f"latency {kind}: cold {row['cold']['import_to_result_ms']} ms, "
             f"warm p50 {row['warm']['median']} ms")
        rows.append(row)
    return {"rows": rows}


# -- the whole run ----------------------------------------------------------------------------


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def _timed(report: dict[str, Any], key: str, work: Callable[[], dict[str, Any]]) -> None:
    start = time.perf_counter()
    report[key] = work()
    report[key]["seconds"] = round(time.perf_counter() - start, 1)


def measure(quick: bool = False) -> dict[str, Any]:
    report: dict[str, Any] = {
        "vmscreen": vmscreen.__version__, "quick": quick, "machine": machine(),
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_start": _load(), "targets": dict(TARGETS)}
    registry, registry_skipped = _gather([("registry photos", registry_photos)])
    real_large, real_skipped = _gather([("real set", large_real_photos)])
    screener = vmscreen.Screener()
    _timed(report, "large_photos", lambda: large_photos(
        screener, real_large + registry, real_skipped + registry_skipped))
    _timed(report, "cards", lambda: cards_and_real_set(screener))
    _timed(report, "latency", lambda: latency(screener, latency_photos(registry)))
    _timed(report, "workers", lambda: worker_runs(0.2 if quick else 1.0))
    report["load_average_end"] = _load()
    return report


# -- the report -------------------------------------------------------------------------------

_fmt = reporting._fmt


def _table(header: Sequence[str], rows: Iterable[Sequence[object]],
           digits: Sequence[int] = ()) -> str:
    """A markdown table, the first column left-aligned and the others right; a float in
    column i is shown with digits[i] decimals (2 when not given)."""
    lines = ["| " + " | ".join(header) + " |",
             "| --- |" + " ---: |" * (len(header) - 1)]
    lines += ["| " + " | ".join(_fmt(cell, digits[i] if i < len(digits) else 2)
                                for i, cell in enumerate(row)) + " |" for row in rows]
    return "\n".join(lines)


_RULES: Mapping[str, Callable[[float, float], bool]] = {
    "at most": lambda value, target: value <= target,
    "under": lambda value, target: value < target,
    "at least": lambda value, target: value >= target,
}


def verdict(value: float | None, target: float, rule: str = "at most", unit: str = "") -> str:
    """The target and whether the figure meets it: 'target at most 5: met'."""
    named = f"target {rule} {target:g}{' ' + unit if unit else ''}: "
    if value is None:
        return named + "n/a"
    return named + ("met" if _RULES[rule](value, target) else "not met")


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _skips(section: Mapping[str, Any]) -> list[str]:
    skipped = section.get("skipped") or []
    listed = [skipped] if isinstance(skipped, str) else skipped
    return [f"Skipped: {reason}" for reason in listed]


def large_markdown(section: Mapping[str, Any]) -> list[str]:
    rows = [(row["file"], row["megapixels"], row["decode_ms"], row["screen_ms"], row["ratio"])
            for row in section["rows"]]
    rows.append(("**median**", "", "", "", section["median_ratio"]))
    parts = [
        "**Large photos without text** (8 MP or more: the real set's camera photos and "
        "scikit-image's sample photographs scaled to 12 MP, Lanczos, JPEG quality 90): a warm "
        "screen against a full Pillow decode of the same file (best of 3).",
        _table(("file", "MP", "decode ms", "screen ms", "screen ÷ decode"), rows,
               (0, 1, 1, 0, 2)),
        f"Median screen ÷ decode: **{_fmt(section['median_ratio'])}** "
        f"({verdict(section['median_ratio'], section['target'])}).",
        "Where the time goes on these files (median over the files):",
        split_markdown(section["split"]),
    ]
    return parts + _skips(section)


def split_markdown(parts: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str:
    rows = []
    for kind, label in (("detectors", "detector"), ("analyses", "shared analysis")):
        for name, stats in parts.get(kind, {}).items():
            rows.append((f"{label} `{name}`", stats["median_ms"], _share(stats["median_share"])))
    return _table(("part", "median ms", "median share of the screen"), rows, (0, 1))


def cards_markdown(section: Mapping[str, Any]) -> list[str]:
    if "rows" not in section:
        return ["**Card and document photos against the PP-OCR peer**", *_skips(section)]
    tools = section["tools"]
    names = {"vmscreen": "vmscreen, whole screen (every category)"}
    names.update({label: f"PP-OCR ({section['peer_version']}), {title}"
                  for label, title in PEER_TITLES.items()})
    rows = [(names.get(key, key), f"{tool['sensitive_found']}/{len(section['rows'])}",
             tool["ms"]["median"], tool["ms"]["p95"]) for key, tool in tools.items()]
    fast = section["peer_checks"].get(FAST_PEER, {})
    real_set = section["real_set"]
    sensitive, screens = real_set["sensitive_ms"], real_set["screen_ms"]
    return [
        f"**Card and document photos against the PP-OCR peer** ({len(section['rows'])} photos "
        "of the real set), each tool timed on the same photos in the same run; the peer's text "
        "is matched with the shared patterns:",
        _table(("tool", "sensitive-id found", "median ms", "p95 ms"), rows, (0, 0, 0, 0)),
        f"vmscreen median ÷ speed-configured peer median: "
        f"**{_fmt(section['ratio_to_fast_peer'])}** "
        f"({verdict(section['ratio_to_fast_peer'], section['target_ratio'])}). The peer configured "
        f"for speed ran with {_params(fast.get('params', {}))}; checked on the first photo: "
        f"classifier loaded {fast.get('classifier_loaded')}, detector input "
        f"{_shape(fast.get('det_input'))}.",
        f"Sensitive-id detectors' time (their own and the shared analyses they read) over the "
        f"whole real set ({real_set['files']} files): median "
        f"{_fmt(sensitive['median'], 0)} ms, p95 **{_fmt(sensitive['p95'], 0)} ms** "
        f"({verdict(sensitive['p95'], section['target_sensitive_p95_ms'], 'under', 'ms')}); whole "
        f"screen median {_fmt(screens['median'], 0)} ms, p95 {_fmt(screens['p95'], 0)} ms.",
    ]


def _params(params: Mapping[str, object]) -> str:
    return ", ".join(f"`{key}: {value}`" for key, value in params.items()) or "its defaults"


def _shape(shape: Sequence[int] | None) -> str:
    return "n/a" if not shape else " x ".join(str(side) for side in shape)


def workers_markdown(section: Mapping[str, Any]) -> list[str]:
    rows = [(run["set"], run["files"], run["jobs"], run["files_per_s"],
             run["peak_per_worker_mib"], run["children_maxrss_mib"], run["unscreened"])
            for run in section["runs"]]
    ratio, peak = section["throughput_ratio"], section["peak_per_worker_mib"]
    return [
        "**Worker processes** (`screen_files`, each batch started from a fresh process; "
        f"synthetic set at scale {section['synthetic_scale']:g}):",
        _table(("set", "files", "workers", "files/s", "peak per worker MiB (VmHWM)",
                "largest child ru_maxrss MiB", "unscreened"), rows, (0, 0, 0, 2, 0, 0)),
        f"Throughput with 2 workers ÷ 1: **{_fmt(ratio)}** "
        f"({verdict(ratio, section['target_throughput_ratio'], 'at least')}). Peak per worker "
        f"with 2 workers: **{_fmt(peak, 0)} MiB** "
        f"({verdict(peak, section['target_worker_peak_mib'], unit='MiB')}).",
        *_unscreened(section["runs"]),
        *_skips(section),
    ]


def _unscreened(runs: Iterable[Mapping[str, Any]]) -> list[str]:
    listed = [f"`{_name(Path(path))}` ({', '.join(codes)}, {run['jobs']} workers)"
              for run in runs for path, codes in run.get("unscreened_files", [])]
    return ["Unscreened in the worker runs: " + "; ".join(listed[:10])] if listed else []


def latency_markdown(section: Mapping[str, Any]) -> list[str]:
    rows = [(f"{row['photo']} (`{row['file']}`, {row['megapixels']} MP)",
             row["cold"]["process_ms"], row["cold"]["import_to_result_ms"],
             row["cold"]["screen_call_ms"], row["warm"]["median"], row["warm"]["p95"],
             row["warm"]["n"]) for row in section["rows"]]
    return [
        "**Latency**: cold is the first screen in a new process (its models load in it; the "
        "files are in the page cache), from the process's start, from before `import vmscreen`, "
        "and the screen call alone; warm is `Screener.screen` repeated on the same photo.",
        _table(("photo", "cold: process ms", "cold: import to result ms",
                "cold: screen call ms", "warm p50 ms", "warm p95 ms", "warm runs"), rows,
               (0, 0, 0, 0, 0, 0)),
    ]


def markdown(report: Mapping[str, Any]) -> str:
    start, end = report["load_average_start"], report["load_average_end"]
    parts = [
        f"vmscreen {report['vmscreen']}, {report['when']}, {report['machine']['cores']} cores, "
        f"load average {start[0]} at the start and {end[0]} at the end. Every figure is a ratio "
        "or a percentile of times measured together in this run.",
        *large_markdown(report["large_photos"]),
        *cards_markdown(report["cards"]),
        *workers_markdown(report["workers"]),
        *latency_markdown(report["latency"]),
    ]
    return "\n\n".join(parts) + "\n"


def update_readme(readme: Path, body: str) -> None:
    """Replace the text between README.md's speed markers with ``body``."""
    reporting.update_readme(readme, body, README_START, README_END)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=HERE / "results",
                        help="where to write speed.json and speed.md")
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the report into README.md between its speed markers")
    parser.add_argument("--quick", action="store_true",
                        help="a fifth of the synthetic set for the worker runs")
    wanted = parser.parse_args(argv)
    report = measure(quick=wanted.quick)
    text = markdown(report)
    wanted.results.mkdir(parents=True, exist_ok=True)
    (wanted.results / "speed.json").write_text(json.dumps(report, indent=2) + "\n")
    (wanted.results / "speed.md").write_text(text)
    print(text)
    if wanted.update_readme:
        try:
            update_readme(ROOT / "README.md", text)
        except ValueError as exc:
            print(f"README.md not updated: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
