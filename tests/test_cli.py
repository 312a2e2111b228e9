"""The vmscreen command: scan formats, outputs, resume, summary, exit codes, codes, explain."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import resource
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from tests import clips, imaging
from vmscreen.cli import main

REQUIRED_KEYS = {"path", "decision", "reasons", "findings", "errors", "policy"}
FINDING_KEYS = {"code", "category", "detector", "score", "box", "evidence"}

# A position we must never see in any output: 52.520008, 13.404954 (Berlin).
LAT, LON = 52.520008, 13.404954


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4)


def _photo(path: Path, *, copyright: str | None = None, gps: bool = False) -> Path:
    image = Image.linear_gradient("L").resize((96, 64)).convert("RGB")
    exif = image.getexif()
    if copyright:
        exif[0x8298] = copyright
    if gps:
        exif[0x8825] = {1: "N", 2: _dms(LAT), 3: "E", 4: _dms(LON)}
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif)
    return path


@pytest.fixture
def media_dir(tmp_path: Path) -> Path:
    root = tmp_path / "media"
    _photo(root / "clean.jpg")
    _photo(root / "trip" / "gps.jpg", gps=True)
    _photo(root / "trip" / "stock.jpg", copyright="(c) Shutterstock")
    (root / "broken.jpg").write_text("this is text, not a JPEG")
    return root


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_scan_jsonl_has_the_contract_fields_for_every_file(media_dir):
    code, out, err = _run("scan", str(media_dir), "--jobs", "2")

    records = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
    assert set(records) == {"clean.jpg", "gps.jpg", "stock.jpg", "broken.jpg"}
    for record in records.values():
        assert record.keys() >= REQUIRED_KEYS
        assert record["decision"] in ("accept", "review", "reject")
        assert record["policy"]["name"] == "default"
        for finding in record["findings"]:
            assert finding.keys() >= FINDING_KEYS
            assert 0.0 <= finding["score"] <= 1.0
    assert records["clean.jpg"]["decision"] == "accept"
    assert records["gps.jpg"]["decision"] == "accept"
    assert records["gps.jpg"]["remedies"] == ["strip-metadata"]
    assert records["stock.jpg"]["decision"] == "reject"
    assert records["broken.jpg"]["decision"] == "review"
    assert records["broken.jpg"]["errors"][0]["code"] == "UNS002"
    assert code == 1
    assert "screened 4 files" in err
    assert "1 review" in err and "1 reject" in err and "2 accept" in err
    assert "copyright 1" in err and "unscreened 1" in err


def test_no_output_or_summary_reveals_the_gps_position(media_dir):
    _, out, err = _run("scan", str(media_dir), "--format", "json")
    for text in (out, err):
        assert "52.52" not in text and "13.40" not in text


def test_json_and_table_formats_and_output_file(media_dir, tmp_path):
    code, out, _ = _run("scan", str(media_dir), "--format", "json")
    document = json.loads(out)
    paths = [r["path"] for r in document]
    assert len(paths) == 4 and paths == sorted(paths)
    assert code == 1

    target = tmp_path / "report.txt"
    code, out, _ = _run("scan", str(media_dir), "--format", "table", "--output", str(target))
    assert out == ""
    lines = target.read_text().splitlines()
    assert lines[0].split()[:3] == ["DECISION", "CODES", "PATH"]
    stock = next(line for line in lines if line.endswith("stock.jpg"))
    assert stock.startswith("reject") and "CPR101" in stock


def test_exit_code_is_zero_when_everything_is_accepted(tmp_path):
    _photo(tmp_path / "a.jpg")
    _photo(tmp_path / "b.jpg", gps=True)
    code, out, err = _run("scan", str(tmp_path), "--jobs", "1")
    assert code == 0, err
    assert len(out.splitlines()) == 2


def test_scan_never_writes_its_results_over_or_among_its_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    photo = _photo(folder / "a.jpg")
    before = photo.read_bytes()
    (tmp_path / "link.jpg").symlink_to(photo)
    for output, named in ((photo, photo), (folder / "results.jsonl", folder),
                          (tmp_path / "link.jpg", folder)):
        code, _, err = _run("scan", str(named), "--output", str(output), "--jobs", "1")
        assert code == 2 and "--output" in err and "choose a file outside" in err
    assert photo.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.jpg"]
    code, _, err = _run("scan", str(folder), "--output", str(tmp_path / "results.jsonl"),
                        "--jobs", "1")
    assert code == 0, err


def test_broken_and_looping_links_are_unscreened_whether_walked_or_named(tmp_path):
    _photo(tmp_path / "a.jpg")
    (tmp_path / "gone.jpg").symlink_to(tmp_path / "deleted.jpg")
    (tmp_path / "loop1.jpg").symlink_to(tmp_path / "loop2.jpg")
    (tmp_path / "loop2.jpg").symlink_to(tmp_path / "loop1.jpg")
    for named in ([str(tmp_path)], [str(tmp_path / name) for name in
                                     ("a.jpg", "gone.jpg", "loop1.jpg", "loop2.jpg")]):
        code, out, err = _run("scan", *named, "--jobs", "1")
        assert code == 1, err
        results = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
        assert results["a.jpg"]["decision"] == "accept"
        for name in ("gone.jpg", "loop1.jpg", "loop2.jpg"):
            assert results[name]["decision"] == "review"
            assert [f["code"] for f in results[name]["findings"]] == ["UNS001"]


class _Hung(Exception):  # not an OSError, which the code under test may catch
    pass


def _within(seconds: int, *args: str) -> tuple[int, str, str]:
    """_run, failing the test instead of hanging when the command blocks."""
    def expired(*_: object) -> None:
        raise _Hung(f"vmscreen {args[0]} still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        return _run(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_pipe_among_the_inputs_is_reported_not_waited_on(tmp_path):
    # Opening a named pipe blocks until something writes to it, which nothing here will.
    folder = tmp_path / "in"
    folder.mkdir()
    _photo(folder / "a.jpg")
    os.mkfifo(folder / "pipe.jpg")
    code, out, err = _within(60, "scan", str(folder), "--jobs", "1")
    assert code == 1, err
    results = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
    assert [f["code"] for f in results["pipe.jpg"]["findings"]] == ["UNS002"]
    assert results["a.jpg"]["decision"] == "accept"
    code, out, err = _within(60, "redact", str(folder), "-o", str(tmp_path / "copies"),
                             "--jobs", "1")
    assert code == 1 and "pipe.jpg" in out
    assert [p.name for p in (tmp_path / "copies").glob("*.jpg")] == ["a.jpg"]
    code, out, err = _within(60, "bank", "add", "refused", str(folder),
                             "--banks", str(tmp_path / "banks"))
    assert code == 1 and "pipe.jpg: not a regular file" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["scan", "does-not-exist.jpg"], "no such file"),
        (["scan", "{media}", "--policy", "{missing}"], "cannot read policy"),
        (["scan", "{media}", "--zones", "{bad_zones}"], "not valid JSON"),
        (["scan", "{media}", "--resume"], "--resume needs"),
        (["scan", "{media}", "--format", "xml"], "Invalid value"),
        (["explain", "ZZZ999"], "unknown code"),
    ],
)
def test_usage_and_setup_errors_exit_2(media_dir, tmp_path, args, message):
    bad_zones = tmp_path / "zones.geojson"
    bad_zones.write_text("{not json")
    filled = [
        a.format(media=media_dir, missing=tmp_path / "none.toml", bad_zones=bad_zones)
        for a in args
    ]
    code, out, err = _run(*filled)
    assert code == 2
    assert message in err
    assert out == ""


def test_resume_skips_finished_files_and_repairs_a_torn_line(media_dir, tmp_path):
    output = tmp_path / "run.jsonl"
    _run("scan", str(media_dir), "--output", str(output), "--jobs", "1")
    lines = output.read_text().splitlines(keepends=True)
    assert len(lines) == 4
    # Simulate a run killed while writing its third line.
    kept = lines[:2]
    output.write_text("".join(kept) + lines[2][: len(lines[2]) // 2])
    marker_paths = {json.loads(line)["path"] for line in kept}

    code, _, err = _run("scan", str(media_dir), "--output", str(output), "--resume")

    final = [json.loads(line) for line in output.read_text().splitlines()]
    assert sorted(Path(r["path"]).name for r in final) == sorted(
        ["clean.jpg", "gps.jpg", "stock.jpg", "broken.jpg"]
    )
    assert [r["path"] for r in final[:2]] == [json.loads(line)["path"] for line in kept]
    assert "2 screened now, 2 already done" in err
    assert "screened 4 files" in err  # the summary covers the whole run
    assert code == 1
    assert marker_paths <= {r["path"] for r in final}


def test_codes_lists_the_catalogue_and_explain_prints_one():
    code, out, _ = _run("codes")
    listed = [line.split()[0] for line in out.splitlines()]
    assert code == 0
    assert {"UNS001", "UNS004", "MET101", "CPR101", "PLC101", "PLC102"} <= set(listed)
    assert listed == sorted(listed)

    code, out, _ = _run("explain", "met101")
    assert code == 0
    assert out.startswith("MET101 gps-position (metadata)")
    assert "strip-metadata" in out

    _, out, _ = _run("explain", "FAC102")
    assert "its box is blurred, always" in out  # from the catalogue: how a copy covers it

    _, out, _ = _run("codes", "--category", "unscreened")
    assert all(line.startswith("UNS") for line in out.splitlines())


def test_policy_command_prints_a_policy_scan_accepts(tmp_path, media_dir):
    _, text, _ = _run("policy")
    custom = tmp_path / "mine.toml"
    # Make agencies a review instead of a reject, from the printed default.
    custom.write_text(text.replace('min_score = 0.7\ndecision = "reject"',
                                   'min_score = 0.7\ndecision = "review"'))
    _, out, _ = _run("scan", str(media_dir / "trip" / "stock.jpg"), "--policy", str(custom))
    record = json.loads(out)
    assert record["decision"] == "review"
    assert record["reasons"][0]["rule"] == "CPR101 score>=0.7 -> review"


def test_progress_bar_appears_on_a_terminal_only(media_dir):
    command = [sys.executable, "-m", "vmscreen", "scan", str(media_dir), "--jobs", "1"]
    leader, follower = pty.openpty()
    # A real terminal has a size; tqdm draws nothing on a 0x0 one.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert "4/4" in terminal and "file" in terminal  # tqdm's counter reached the end
    assert "screened 4 files" in terminal

    piped = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "4/4" not in piped.stderr
    assert piped.stderr.startswith("screened 4 files")
    assert piped.returncode == 1


@pytest.mark.skipif(not __import__("shutil").which("tesseract"),
                    reason="needs Debian's tesseract-ocr (CI installs it)")
def test_ocr_option_selects_the_engine_and_no_number_is_printed(tmp_path):
    from PIL import ImageDraw

    from benchmarks.sets.synthetic_documents import MONO, font

    image = Image.new("RGB", (1000, 200), "white")
    ImageDraw.Draw(image).text((40, 60), "4111 1111 1111 1111", font=font(MONO[0], 60),
                               fill="black")
    path = tmp_path / "flat-card.png"
    image.save(path)
    for engine in ("ppocr", "tesseract"):
        run = CliRunner().invoke(main, ["scan", str(path), "--ocr", engine, "--jobs", "1"])
        record = json.loads(run.stdout.splitlines()[0])
        assert run.exit_code == 1 and record["decision"] == "reject", engine
        assert [f["code"] for f in record["findings"]] == ["PAN101", "IDD103"]
        assert "4111 1111" not in run.output and "4111111111111111" not in run.output
    bad = CliRunner().invoke(main, ["scan", str(path), "--ocr", "abbyy"])
    assert bad.exit_code == 2


def test_redact_copies_a_tree_without_metadata_and_skips_what_it_could_not_screen(media_dir,
                                                                                  tmp_path):
    before = {p: p.read_bytes() for p in media_dir.rglob("*") if p.is_file()}
    out = tmp_path / "sanitised"
    code, stdout, stderr = _run("redact", str(media_dir), "--output", str(out), "--jobs", "2")

    assert code == 1  # broken.jpg could not be screened, so it was not copied
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == {
        "clean.jpg", "trip/gps.jpg", "trip/stock.jpg", "clean.jpg.vmscreen.json",
        "trip/gps.jpg.vmscreen.json", "trip/stock.jpg.vmscreen.json"}
    assert {p: p.read_bytes() for p in before} == before  # originals untouched
    with Image.open(out / "trip" / "gps.jpg") as copy:
        assert not copy.getexif()
    lines = stdout.splitlines()
    assert any(line.startswith("skipped") and "UNS002" in line and "broken.jpg" in line
               for line in lines)
    assert any("stock.jpg" in line and "not coverable: CPR101" in line for line in lines)
    assert "copied 3 of 4 files" in stderr and f"{LAT:.3f}" not in stdout + stderr


@pytest.mark.parametrize("inside", [".", "trip", "copies"])
def test_redact_never_writes_inside_its_inputs(media_dir, inside):
    before = {p: p.read_bytes() for p in media_dir.rglob("*") if p.is_file()}
    code, _, stderr = _run("redact", str(media_dir), "--output", str(media_dir / inside))
    assert code == 2 and "inside the input" in stderr and len(stderr.splitlines()) == 1
    assert {p: p.read_bytes() for p in media_dir.rglob("*") if p.is_file()} == before


def test_redact_never_writes_over_a_file_and_says_so_before_starting(media_dir, tmp_path):
    out = tmp_path / "out"
    code, _, _ = _run("redact", str(media_dir / "clean.jpg"), "--output", str(out))
    assert code == 0 and (out / "clean.jpg.vmscreen.json").exists()
    first = (out / "clean.jpg").read_bytes()
    code, _, stderr = _run("redact", str(media_dir / "clean.jpg"), "--output", str(out))
    assert code == 2 and "never replaces a file" in stderr
    assert (out / "clean.jpg").read_bytes() == first


def test_a_copy_still_holding_what_no_region_covers_exits_1(media_dir, tmp_path):
    code, stdout, stderr = _run("redact", str(media_dir / "trip" / "stock.jpg"), "--output",
                                str(tmp_path / "out"))
    assert code == 1 and "not coverable: CPR101" in stdout
    assert "1 copies hold what no region could cover" in stderr


def test_redact_needs_an_output_folder(media_dir):
    code, _, stderr = _run("redact", str(media_dir))
    assert code == 2 and "--output" in stderr


def test_scan_can_take_centerface_as_a_second_opinion_and_records_it(media_dir):
    code, out, _ = _run("scan", str(media_dir / "clean.jpg"), "--faces", "yunet+centerface",
                        "--jobs", "1")
    (record,) = map(json.loads, out.splitlines())
    (faces,) = [run for run in record["detectors"] if run["name"] == "faces"]
    assert [m["name"] for m in faces["models"]] == ["centerface_dynamic",
                                                    "face_detection_yunet_2023mar_dynamic"]
    assert code == 0
    assert _run("scan", str(media_dir), "--faces", "haar")[0] == 2


def test_models_lists_every_model_with_its_licence_and_checks_its_hash():
    code, out, _ = _run("models")
    assert code == 0
    for name in ("PP-OCRv6_det_small", "face_detection_yunet_2023mar_dynamic", "nanodet_m_416",
                 "centerface_dynamic", "open_nsfw", "nudenet_320n"):
        (line,) = [line for line in out.splitlines() if line.startswith(name + " ")]
        assert " ok " in line
    assert "AGPL-3.0" in out and "optional extra vmscreen[nudenet]" in out


def test_detectors_lists_what_a_scan_runs_and_what_was_left_out():
    code, out, _ = _run("detectors")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    assert {"barcodes", "faces", "metadata", "offensive-text", "people", "sensitive-id",
            "sexual-content"} <= set(names)
    assert "metadata" in out and " file " in out  # metadata runs once per file, not per frame


def test_the_frame_limit_and_time_budget_can_be_set(tmp_path):
    frames = [imaging.picture(64, 48, seed=i) for i in range(4)]
    pages = tmp_path / "pages.tiff"
    pages.write_bytes(imaging.encode(frames[0], "TIFF", save_all=True, append_images=frames[1:]))
    code, out, _ = _run("scan", str(pages), "--max-frames", "2", "--jobs", "1")
    (record,) = map(json.loads, out.splitlines())
    assert code == 1 and [(e["code"], e["detector"]) for e in record["errors"]] == [
        ("UNS007", "screener")]
    code, out, _ = _run("scan", str(pages), "--jobs", "1")
    assert code == 0 and json.loads(out)["decision"] == "accept"
    code, _, err = _run("scan", str(pages), "--max-seconds", "0")
    assert code == 2 and "max-seconds" in err


def test_an_empty_folder_is_a_usage_error(tmp_path):
    code, out, stderr = _run("scan", str(tmp_path))
    assert (code, out) == (2, "") and "no files to screen" in stderr


def test_a_newline_in_a_file_name_cannot_forge_a_row(tmp_path):
    _photo(tmp_path / "a.jpg\naccept   -   forged.jpg")
    code, out, _ = _run("scan", str(tmp_path), "--format", "table", "--jobs", "1")
    rows = out.splitlines()
    assert code == 0
    assert len(rows) == 2 and "\\n" in rows[1] and not rows[1].startswith("accept   -   forged")


def test_a_file_name_that_is_not_utf8_is_screened_and_resumed(tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.jpg")  # Latin-1 bytes: not UTF-8
    _photo(folder / name)
    _photo(folder / "plain.jpg")
    output = tmp_path / "out.jsonl"
    code, _, _ = _run("scan", str(folder), "--output", str(output), "--jobs", "1")
    assert code == 0
    paths = [json.loads(line)["path"] for line in output.read_text().splitlines()]
    assert str(folder / name) in paths  # the same name, read back from its escape
    code, _, stderr = _run("scan", str(folder), "--output", str(output), "--resume")
    assert code == 0 and "0 screened now, 2 already done" in stderr


def test_ctrl_c_writes_what_was_finished_and_exits_130(tmp_path):
    folder = tmp_path / "media"
    for index in range(40):
        _photo(folder / f"{index:02}.jpg")
    output = tmp_path / "out.jsonl"
    # A test run started in the background inherits SIGINT ignored, and Python then installs
    # no Ctrl-C handler: give the scan the default, as a terminal would.
    scan = subprocess.Popen([sys.executable, "-m", "vmscreen", "scan", str(folder), "--output",
                             str(output), "--jobs", "1", "--no-progress"],
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
            not output.exists() or len(output.read_text().splitlines()) < 2):
        time.sleep(0.05)
    scan.send_signal(signal.SIGINT)
    _, stderr = scan.communicate(timeout=60)
    assert scan.returncode == 130
    finished = output.read_text().splitlines()
    assert 2 <= len(finished) < 40 and all(json.loads(line)["path"] for line in finished)
    assert "of 40 files (interrupted)" in stderr


def test_a_full_disk_stops_the_run_in_one_line_and_resume_goes_on(tmp_path, media_dir):
    output = tmp_path / "out.jsonl"
    # A file size limit makes the second line's write fail (EFBIG) half-way, as a full disk
    # would (Python ignores SIGXFSZ); lines are 3 to 6 kB. It was a traceback, exit 1.
    limited = subprocess.run(
        [sys.executable, "-m", "vmscreen", "scan", str(media_dir), "--output", str(output),
         "--jobs", "1"], capture_output=True, text=True, timeout=300,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (7000, 7000)))
    assert limited.returncode == 2, limited.stderr
    assert limited.stderr.startswith(f"vmscreen: error: cannot write the results to {output}: ")
    assert "the first 1 results were written" in limited.stderr
    assert len(limited.stderr.strip().splitlines()) == 1
    assert output.read_text().count("\n") == 1  # and a torn line, which --resume cuts off
    code, _, err = _run("scan", str(media_dir), "--output", str(output), "--resume")
    assert code == 1 and "3 screened now, 1 already done" in err
    assert len({json.loads(line)["path"] for line in output.read_text().splitlines()}) == 4


def test_results_that_cannot_be_written_are_one_line_and_exit_2(tmp_path, media_dir):
    code, _, err = _run("scan", str(media_dir), "--output", str(tmp_path / "no" / "out.jsonl"))
    assert code == 2 and "cannot write the results to" in err and "No such file" in err
    with open("/dev/full", "w") as full:  # a table is written whole, at the end
        ran = subprocess.run([sys.executable, "-m", "vmscreen", "scan", str(media_dir),
                              "--format", "table"], stdout=full, stderr=subprocess.PIPE,
                             text=True, timeout=300)
    assert ran.returncode == 2 and ran.stderr == (
        "vmscreen: error: cannot write the results to standard output: No space left on "
        "device\n")


def test_a_malformed_hash_key_is_a_set_up_error(media_dir):
    ran = subprocess.run([sys.executable, "-m", "vmscreen", "scan", str(media_dir)],
                         env={**os.environ, "VMSCREEN_HASH_KEY": "not-hex"},
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.startswith("vmscreen: error: VMSCREEN_HASH_KEY is set but is not")
    assert len(ran.stderr.strip().splitlines()) == 1 and "not-hex" not in ran.stderr


@pytest.mark.parametrize("policy", ["min_score = [1]", "policy = 5"])
def test_a_malformed_policy_is_one_line_and_exit_2(tmp_path, media_dir, policy):
    path = tmp_path / "policy.toml"
    path.write_text(policy + "\n")
    code, _, stderr = _run("scan", str(media_dir), "--policy", str(path))
    assert code == 2 and len(stderr.strip().splitlines()) == 1
    assert stderr.startswith("vmscreen: error:") and "Traceback" not in stderr


def test_a_folder_of_clips_is_scanned_and_redacted_with_its_sampling(tmp_path):
    (tmp_path / "in").mkdir()
    scene = imaging.picture(160, 120, seed=3)
    (tmp_path / "in" / "clip.mov").write_bytes(
        clips.clip(clips.still(scene), seconds=3.0, fps=10, family="mov",
                   tags={"location": "+51.5074-000.1657/"}))
    (tmp_path / "in" / "tone.wav").write_bytes(clips.audio_file(clips.tone(1.0)))
    code, out, _ = _run("scan", str(tmp_path / "in"), "--sample-every", "0.5", "--jobs", "1",
                        "--format", "json")
    results = {Path(r["path"]).name: r for r in json.loads(out)}
    assert code == 0 and {r["decision"] for r in results.values()} == {"accept"}
    assert results["clip.mov"]["media"]["duration"] == pytest.approx(3.0, abs=0.2)
    assert [f["code"] for f in results["clip.mov"]["findings"]] == ["MET101"]
    assert "51.50" not in out
    code, out, _ = _run("redact", str(tmp_path / "in"), "--output", str(tmp_path / "out"),
                        "--jobs", "1")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "clip.mov.mp4", "clip.mov.mp4.vmscreen.json", "tone.wav", "tone.wav.vmscreen.json"]
    code, out, _ = _run("scan", str(tmp_path / "in"), "--sample-every", "0")
    assert code == 2
