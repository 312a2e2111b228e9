"""python -m benchmarks.memory [--update-readme]: peak memory of one worker on the worst files
that pass the limits, each screened and redacted in a fresh process, its peak resident size
read from the kernel. Results go to benchmarks/results/memory.json and memory.md;
``--update-readme`` copies the table into README.md between its memory markers.

The files are made here (never kept in the repository): a 16-bit PNG, an RGBA PNG and a
float TIFF just under the 120 MP pixel limit, a 12 MP JPEG, a 32-frame GIF, an APNG and a
TIFF of 32 frames or pages at the 400 MP screening limit, and a 48 MP HEIC. Each run is
a separate process, so one file's peak does not hide another's. Each peak is also given as a
ratio to the file's decoded size (all its frames as 8-bit RGB), what a peak grows with.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

import vmscreen.media  # noqa: F401 - registers the HEIF plugin, which writes the HEIC case
from benchmarks import report as reporting

HERE = Path(__file__).resolve().parent
README_START, README_END = "<!-- memory:start -->", "<!-- memory:end -->"

_CHILD = """
import sys
from pathlib import Path
from vmscreen import Screener
screener = Screener(threads=1)
source = Path(sys.argv[1])
if sys.argv[2] == "screen":
    result = screener.screen(source)
    outcome = result.decision.value + " " + ",".join(sorted({f.code for f in result.errors}))
else:
    done = screener.redact(source, Path(sys.argv[3]) / source.name)
    if done.written:
        from PIL import Image
        with Image.open(done.output) as copy:
            frames = getattr(copy, "n_frames", 1)
            outcome = f"copied, {frames} frame{'s' if frames > 1 else ''}"
    else:
        outcome = "skipped: " + str(done.skipped)
# The high-water mark of this process's own memory (ru_maxrss can carry its parent's over).
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(int(hwm.split()[1]) / 1024, outcome.strip())
"""


def _noise(width: int, height: int, seed: int) -> Image.Image:
    """A photo-like picture: coarse noise, smoothly enlarged (it compresses like a photo)."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, (max(1, height // 64), max(1, width // 64), 3), np.uint8)
    return Image.fromarray(small).resize((width, height), Image.Resampling.BICUBIC)


def _deep_png(path: Path) -> None:
    side = 10_950  # 119.9 megapixels: just under the 120 MP limit
    rows = np.zeros((side, side), np.uint16)
    rows[::97] = 40_000
    Image.fromarray(rows).save(path)


def _rgba_png(path: Path) -> None:
    side = 10_950
    pixels = np.zeros((side, side, 4), np.uint8)
    pixels[::97] = 200
    pixels[..., 3] = 255
    Image.fromarray(pixels, "RGBA").save(path)


def _float_tiff(path: Path) -> None:
    side = 10_950
    values = np.zeros((side, side), np.float32)
    values[::97] = 1.5
    Image.fromarray(values, "F").save(path, compression="tiff_deflate")


def _frames(path: Path, fmt: str, count: int, size: tuple[int, int], **save: object) -> None:
    """Frames that compress to almost nothing: flat, with a small square that moves. A small
    file that decodes to hundreds of megapixels is what the limits are there for."""
    frames = []
    for index in range(count):
        frame = Image.new("RGB", size, (40 + index * 5, 90, 160))
        frame.paste(_noise(256, 256, index), (index * 64 % (size[0] - 256), size[1] // 3))
        frames.append(frame)
    frames[0].save(path, fmt, save_all=True, append_images=frames[1:], **save)


CASES: dict[str, Callable[[Path], None]] = {
    "16-bit PNG, 10950 x 10950 (120 MP)": _deep_png,
    "RGBA PNG, 10950 x 10950 (120 MP)": _rgba_png,
    "32-bit float TIFF, 10950 x 10950 (120 MP)": _float_tiff,
    "JPEG, 4000 x 3000": lambda p: _noise(4000, 3000, 1).save(p, "JPEG", quality=90),
    "GIF, 32 frames of 1600 x 1200": lambda p: _frames(p, "GIF", 32, (1600, 1200),
                                                       duration=100),
    "APNG, 32 frames of 3500 x 3500 (392 MP)": lambda p: _frames(p, "PNG", 32, (3500, 3500),
                                                                 duration=100),
    # Pillow's TIFF writer takes its pages as a list: every page is held while the copy is
    # written, so this is the redaction's worst case.
    "TIFF, 32 pages of 3500 x 3500 (392 MP)": lambda p: _frames(
        p, "TIFF", 32, (3500, 3500), compression="tiff_deflate"),
    "HEIC, 8000 x 6000": lambda p: _noise(8000, 6000, 2).save(p, "HEIF"),
}
SUFFIXES = {"16-bit": ".png", "RGBA": ".png", "32-bit": ".tiff", "JPEG": ".jpg", "GIF": ".gif",
            "APNG": ".png", "TIFF": ".tiff", "HEIC": ".heic"}


def _decoded_mib(path: Path) -> float:
    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
        if frames == 1 or image.format in ("GIF", "PNG", "WEBP"):  # frames share one canvas
            return round(frames * image.width * image.height * 3 / 2**20, 1)
        total = 0
        for index in range(frames):
            image.seek(index)
            total += image.width * image.height * 3
        return round(total / 2**20, 1)


def _peak(path: Path, mode: str, out: Path) -> tuple[float, str]:
    answer = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode, str(out)],
                            capture_output=True, text=True, check=True)
    peak, _, outcome = answer.stdout.strip().partition(" ")
    return round(float(peak), 1), outcome


def measure() -> dict[str, object]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for index, (name, make) in enumerate(CASES.items()):
            path = root / f"case{index}{SUFFIXES[name.split(',')[0].split()[0]]}"
            make(path)
            screen_mb, screened = _peak(path, "screen", root / f"out{index}")
            redact_mb, copied = _peak(path, "redact", root / f"out{index}")
            rows.append({"file": name, "bytes": path.stat().st_size,
                         "decoded_mb": _decoded_mib(path), "screen_mb": screen_mb,
                         "screen": screened, "redact_mb": redact_mb, "redact": copied})
    return {"rows": rows, "worst_screen_mb": max(r["screen_mb"] for r in rows),
            "worst_redact_mb": max(r["redact_mb"] for r in rows)}


def markdown(report: dict[str, object]) -> str:
    lines = ["| file | size | decoded MiB | screen: peak MiB | ÷ decoded | decision | "
             "redact: peak MiB | ÷ decoded | copy |",
             "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"]
    for row in report["rows"]:  # type: ignore[union-attr]
        decoded = row["decoded_mb"]
        lines.append(f"| {row['file']} | {row['bytes'] // 1024} KiB | {decoded} | "
                     f"{row['screen_mb']} | {row['screen_mb'] / decoded:.2f} | {row['screen']} | "
                     f"{row['redact_mb']} | {row['redact_mb'] / decoded:.2f} | "
                     f"{row['redact']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__)
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the table into README.md between its memory markers")
    wanted = parser.parse_args()
    report = measure()
    table = markdown(report)
    reporting.publish("memory", report, table, update=wanted.update_readme,
                      start=README_START, end=README_END)


if __name__ == "__main__":
    main()
