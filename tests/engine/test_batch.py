"""Batch screening: directory walking, worker processes, crash isolation, resume."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from tests.plugins import write_13_px_plugin
from vmscreen.engine.batch import BatchSettings, iter_files, read_finished, screen_files
from vmscreen.engine.screener import Screener
from vmscreen.media import Limits
from vmscreen.policy import Decision
from vmscreen.report import jsonl_line


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

    assert found == ["a/deeper/y.jpg", "a/z.png", "b.jpg", "elsewhere/single.jpg", "notes.txt"]


def test_a_file_named_twice_is_screened_once(tmp_path):
    inner = _photo(tmp_path / "sub" / "a.jpg")
    outer = _photo(tmp_path / "b.jpg")
    named = [tmp_path / "sub", tmp_path, outer, Path(f"{outer}"), tmp_path / "sub" / "." / "a.jpg"]

    assert list(iter_files(named)) == [inner, outer]


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
    # What a segfault in a native decoder looks like from outside.
    write_13_px_plugin(root, "crashy", "os._exit(3)")


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
    assert "exit code 3" in crashed.findings[0].message
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


def test_a_file_stuck_past_its_budget_is_stopped_with_its_worker(tmp_path, monkeypatch):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    # A regular expression that backtracks for ever, holding the interpreter: the screener
    # cannot stop it between steps, so the batch stops its worker.
    # Named to run first on the frame, before the file's budget can run out on other work.
    write_13_px_plugin(plugins, "a-stuck", "re.match(r'(a+)+$', 'a' * 64 + 'b')")
    monkeypatch.syspath_prepend(str(plugins))
    media = tmp_path / "media"
    good = [_photo(media / f"good{i}.jpg", 40, 30) for i in range(3)]
    stuck = _photo(media / "stuck.jpg", 13, 30)
    # Time enough for a good file's screen on a busy machine, models loading included: at
    # 2 s a loaded machine ran the good files out of time too.
    settings = BatchSettings(limits=Limits(max_seconds=5.0), stop_grace_s=1.0)

    start = time.perf_counter()
    results = {r.path: r for r in screen_files([stuck, *good], settings, 2)}

    assert time.perf_counter() - start < 60
    stopped = results[str(stuck)]
    assert [f.code for f in stopped.findings] == ["UNS008"]
    assert "stopped with its worker" in stopped.findings[0].message
    for path in good:
        assert results[str(path)].decision is Decision.ACCEPT


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc), zombies left out."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def test_killing_a_scan_leaves_no_worker_behind(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    write_13_px_plugin(plugins, "a-stuck", "re.match(r'(a+)+$', 'a' * 64 + 'b')")
    media = tmp_path / "media"
    for i in range(3):
        _photo(media / f"stuck{i}.jpg", 13, 30)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugins),
                                                        os.environ.get("PYTHONPATH", "")])}
    scan = subprocess.Popen([sys.executable, "-m", "vmscreen", "scan", str(media), "--jobs", "2",
                             "--no-progress"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = {pid for pid in _children(scan.pid)
                       if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()}
            time.sleep(0.1)
        assert len(workers) == 2
        time.sleep(2)  # the workers are busy with their files now
        scan.send_signal(signal.SIGKILL)
        scan.wait()
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        scan.kill()
