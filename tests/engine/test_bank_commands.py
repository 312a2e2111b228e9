"""vmscreen bank add | list | remove, and scan --banks: banks are written only in the banks
directory, never inside the inputs, skipped inputs are reported and counted."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.banks_media import shapes, tune
from tests.clips import audio_file, clip, still
from vmscreen.analyses.banks import load_bank
from vmscreen.cli import main


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def _jpeg(seed: int) -> bytes:
    buffer = io.BytesIO()
    shapes(seed).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "refuse"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jpg").write_bytes(_jpeg(1))
    (folder / "sub" / "b.jpg").write_bytes(_jpeg(2))
    (folder / "clip.mp4").write_bytes(clip(still(shapes(3)), seconds=1.0, fps=5,
                                           audio=tune(1, seconds=8.0)))
    (folder / "broken.jpg").write_bytes(_jpeg(4)[:100])
    (folder / "notes.txt").write_text("not media")
    return folder


def test_a_link_that_loops_is_skipped_like_any_unreadable_input(tmp_path, inputs):
    (inputs / "loop1.jpg").symlink_to(inputs / "loop2.jpg")
    (inputs / "loop2.jpg").symlink_to(inputs / "loop1.jpg")
    code, out, err = _run("bank", "add", "takedowns", str(inputs / "a.jpg"),
                          str(inputs / "loop1.jpg"), "--banks", str(tmp_path / "banks"))
    assert code == 1
    assert "1 file(s) added to bank takedowns, 1 skipped" in out
    assert "loop1.jpg" in err


def test_add_list_remove_round_trip_writes_only_in_the_banks_directory(tmp_path, inputs):
    banks = tmp_path / "banks"
    before = _snapshot(inputs)
    code, out, err = _run("bank", "add", "takedowns", str(inputs), "--banks", str(banks),
                          "--label", "notice 12")
    assert code == 1  # two inputs were skipped
    assert "3 file(s) added to bank takedowns, 2 skipped" in out
    assert "skipped" in err and "broken.jpg" in err and "notes.txt" in err
    assert _snapshot(inputs) == before
    assert [p.name for p in banks.iterdir()] == ["takedowns.vmbank"]
    bank = load_bank(banks / "takedowns.vmbank")
    assert bank.entries == 3 and bank.fingerprints == 1 and len(bank.pdq) >= 3
    assert set(bank.labels) == {"notice 12"}

    code, out, _ = _run("bank", "add", "takedowns", str(inputs / "a.jpg"), "--banks",
                        str(banks))
    assert code == 1 and "already in the bank" in _run(
        "bank", "add", "takedowns", str(inputs / "a.jpg"), "--banks", str(banks))[2]

    code, out, _ = _run("bank", "list", env={"VMSCREEN_BANKS": str(banks)})
    assert code == 0 and out.split("\t")[0] == "takedowns" and "3 entries" in out

    code, out, _ = _run("bank", "remove", "takedowns", "--banks", str(banks))
    assert code == 0 and list(banks.iterdir()) == []
    code, _, err = _run("bank", "remove", "takedowns", "--banks", str(banks))
    assert code == 2 and "no bank takedowns" in err


def test_a_banks_directory_inside_an_input_is_refused(inputs):
    before = _snapshot(inputs)
    code, _, err = _run("bank", "add", "x", str(inputs), "--banks", str(inputs / "banks"))
    assert code == 2 and "inside the input" in err
    assert _snapshot(inputs) == before


def test_an_input_inside_the_banks_directory_is_refused(tmp_path):
    banks = tmp_path / "banks"
    (banks / "refuse").mkdir(parents=True)
    (banks / "refuse" / "a.jpg").write_bytes(_jpeg(1))
    code, _, err = _run("bank", "add", "x", str(banks / "refuse"), "--banks", str(banks))
    assert code == 2 and "lies inside the banks directory" in err
    assert not list(banks.glob("*.vmbank"))


@pytest.mark.parametrize("args", [["bank", "add", "bad name!", "a.jpg"], ["bank", "list"]])
def test_usage_errors(tmp_path, args, monkeypatch):
    monkeypatch.delenv("VMSCREEN_BANKS", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.jpg").write_bytes(_jpeg(1))
    code, _, _ = _run(*args, *([] if args[1] == "list" else ["--banks", str(tmp_path / "b")]))
    assert code == 2


def test_scan_with_banks_finds_the_banked_picture_and_sound(tmp_path, inputs):
    banks = tmp_path / "banks"
    _run("bank", "add", "takedowns", str(inputs / "a.jpg"), "--banks", str(banks))
    _run("bank", "add", "tunes", str(inputs / "clip.mp4"), "--banks", str(banks))
    copy = tmp_path / "copy.mp3"
    copy.write_bytes(audio_file(tune(1, seconds=8.0), family="mp3"))
    photo = tmp_path / "photo.png"
    shapes(1).resize((160, 120)).save(photo)
    code, out, _ = _run("scan", str(photo), str(copy), "--banks", str(banks), "--jobs", "1",
                        "--no-progress")
    results = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
    codes = {name: {f["code"] for f in r["findings"]} for name, r in results.items()}
    assert "BNK101" in codes["photo.png"] and "BNK102" in codes["copy.mp3"]
    assert results["photo.png"]["decision"] == "reject" and code == 1


def test_scan_with_a_missing_banks_directory_is_a_usage_error(tmp_path):
    photo = tmp_path / "photo.png"
    shapes(1).save(photo)
    code, _, err = _run("scan", str(photo), "--banks", str(tmp_path / "nowhere"))
    assert code == 2 and "--banks" in err
