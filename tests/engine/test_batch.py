"""Batch screening: directory walking, worker processes, crash isolation, resume."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image

from vmscreen.batch import BatchSettings, iter_files, read_finished, screen_files
from vmscreen.policy import Decision
from vmscreen.report import jsonl_line
from vmscreen.screener import Screener


def _photo(path: Path, width: int = 64, height: int = 48, fmt: str = "JPEG") -> Path:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, fmt)
    return path


def test_iter_files_walks_directories_in_order_and_skips_hidden(tmp_path):
    _photo(tmp_path / "b.jpg")
    _photo(tmp_path / "a" / "z.png", fmt="PNG")
    _photo(tmp_path / "a" / "deeper" / "y.jpg")
    _photo(tmp_path / ".git" / "x.jpg")
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    (tmp_path / "notes.txt").write_text("not an image")
    single = _photo(tmp_path / "elsewhere" / "single.jpg")

    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path, single])]

    assert found == [
        "a/deeper/y.jpg", "a/z.png", "b.jpg", "elsewhere/single.jpg", "notes.txt",
        "elsewhere/single.jpg",
    ]


def test_worker_processes_give_the_same_results_as_in_process(tmp_path):
    files = [_photo(tmp_path / f"{i}.jpg", 40 + i, 30) for i in range(5)]
    (tmp_path / "bad.jpg").write_text("text with a photo's name")
    files.append(tmp_path / "bad.jpg")
    settings = BatchSettings()

    pooled = {r.path: r for r in screen_files(files, settings, jobs=2)}
    local = Screener()
    expected = {str(p): local.screen(p) for p in files}

    assert pooled.keys() == expected.keys()
    for path, result in pooled.items():
        assert result.decision == expected[path].decision
        assert result.findings == expected[path].findings
    assert pooled[str(tmp_path / "bad.jpg")].decision is Decision.REVIEW


def _crashing_plugin(root: Path) -> None:
    """A third-party detector that kills its process on 13-pixel-wide images."""
    (root / "crashy_detector.py").write_text(textwrap.dedent("""
        import os
        from vmscreen.detectors.base import DetectorInfo

        class CrashyDetector:
            info = DetectorInfo(name="crashy", version="0.0.1", codes=())

            def detect(self, media, context):
                if media.width == 13:
                    os._exit(3)  # what a segfault in a native decoder looks like from outside
                return []
    """))
    dist = root / "crashy_detector-0.0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: crashy-detector\nVersion: 0.0.1\n")
    (dist / "entry_points.txt").write_text(
        "[vmscreen.detectors]\ncrashy = crashy_detector:CrashyDetector\n"
    )


def test_a_crashing_worker_costs_only_its_own_file(tmp_path, monkeypatch):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    _crashing_plugin(plugins)
    monkeypatch.syspath_prepend(str(plugins))  # spawned workers inherit sys.path
    media = tmp_path / "media"
    good = [_photo(media / f"good{i}.jpg", 40, 30) for i in range(4)]
    crash = _photo(media / "crash.jpg", 13, 30)

    results = {r.path: r for r in screen_files([*good[:2], crash, *good[2:]], BatchSettings(), 2)}

    assert len(results) == 5
    crashed = results[str(crash)]
    assert [f.code for f in crashed.findings] == ["UNS006"]
    assert crashed.decision is Decision.REVIEW
    for path in good:
        result = results[str(path)]
        assert result.decision is Decision.ACCEPT
        assert "crashy" in {run.name for run in result.detectors}


def test_read_finished_drops_a_torn_last_line_and_keeps_the_rest(tmp_path):
    screener = Screener()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    first = screener.screen(buffer.getvalue(), name="one.png")
    second = screener.screen(b"not an image", name="two.png")
    output = tmp_path / "out.jsonl"
    torn = jsonl_line(second)[:40]
    output.write_text(jsonl_line(first) + "{damaged\n" + jsonl_line(second) + torn)

    finished = read_finished(output)

    assert [r.path for r in finished] == ["one.png", "two.png"]
    assert finished[0] == first
    # The torn line is cut, the damaged one left in place: nothing readable is lost.
    assert output.read_text() == jsonl_line(first) + "{damaged\n" + jsonl_line(second)
