"""Distributed batch on a local Ray instance started here: a dataset of paths and one of
bytes screened on an actor pool, written as JSON Lines and as Parquet, and the CLI's
``--engine ray``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import ray
from click.testing import CliRunner
from PIL import Image

from tests.plugins import write_13_px_plugin
from vmscreen.cli import main
from vmscreen.engine.batch import BatchSettings
from vmscreen.ray import RETRIES, screen_dataset, screen_paths, write_jsonl

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "media"
EXPECTED = {"portrait.jpg": ("reject", ["FAC101"]), "clean-landscape.jpg": ("accept", []),
            "truncated-upload.jpg": ("review", ["UNS001"])}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ray-inputs")
    for name in EXPECTED:
        shutil.copy(SAMPLES / name, folder / name)
    # A detector that kills its actor on 13-pixel-wide pictures, as a native decoder's crash
    # would, on the actors' import path (only this test's own files are that narrow).
    plugins = tmp_path_factory.mktemp("ray-plugins")
    write_13_px_plugin(plugins, "crashy", "os._exit(3)")
    # Two actors of one CPU each, and room for the tasks that read the files into the dataset.
    ray.init(num_cpus=3, include_dashboard=False, logging_level="WARNING",
             log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": str(plugins)}})
    yield folder
    ray.shutdown()


def _by_name(rows) -> dict[str, tuple[str, list[str]]]:
    return {Path(row["path"]).name: (row["decision"], list(row["codes"])) for row in rows}


def test_a_dataset_of_bytes_is_screened_and_written_as_jsonl_and_parquet(cluster, tmp_path):
    files = ray.data.read_binary_files(str(cluster), include_paths=True)
    screened = screen_dataset(files, BatchSettings(), actors=2).materialize()
    rows = screened.take_all()
    assert _by_name(rows) == EXPECTED
    assert all(row["unscreened"] == (name == "truncated-upload.jpg")
               for name, row in ((Path(r["path"]).name, r) for r in rows))

    lines = tmp_path / "results.jsonl"
    assert write_jsonl(screened, lines) == len(EXPECTED)
    written = [json.loads(line) for line in lines.read_text().splitlines()]
    assert {Path(r["path"]).name: r["decision"] for r in written} == {
        name: decision for name, (decision, _) in EXPECTED.items()}
    assert all({"findings", "reasons", "detectors", "media"} <= r.keys() for r in written)

    screened.write_parquet(str(tmp_path / "parquet"))
    table = pq.read_table(tmp_path / "parquet")
    assert set(table.column_names) == {"path", "decision", "codes", "unscreened", "result"}
    assert _by_name(table.to_pylist()) == EXPECTED


def test_a_file_that_kills_every_actor_it_meets_comes_back_not_screened(cluster, tmp_path):
    """Ray restarts a dead actor and tries its file again, RETRIES times, then gives the file
    up: screen_paths reports it as not screened (UNS006) rather than losing it."""
    crash = tmp_path / "crash.png"
    Image.new("RGB", (13, 30), (90, 120, 60)).save(crash)
    good = cluster / "clean-landscape.jpg"

    results = {Path(r.path).name: r for r in screen_paths([crash, good], BatchSettings())}

    assert results.keys() == {"crash.png", "clean-landscape.jpg"}
    lost = results["crash.png"]
    assert [f.code for f in lost.findings] == ["UNS006"]
    assert f"died {RETRIES + 1} times" in lost.findings[0].message
    assert lost.decision.value == "review"
    assert results["clean-landscape.jpg"].decision.value == "accept"


def test_a_file_name_that_is_not_utf8_is_screened_and_kept(cluster, tmp_path):
    """Arrow holds only UTF-8 text: such a name (Latin-1, as old cameras and zip files write
    it) failed the actor's batch three times and came back UNS006, unscreened."""
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.jpg")
    shutil.copy(SAMPLES / "clean-landscape.jpg", raw)

    (result,) = screen_paths([os.fsdecode(raw)], BatchSettings())

    assert result.path == os.fsdecode(raw)  # exactly the name given, to match it by
    assert result.decision.value == "accept" and not result.errors


def test_scan_joins_a_running_cluster_by_its_address(cluster, tmp_path):
    """As on a cluster: the command, a separate driver process, joins the instance this test
    started by its address and writes what the local engine writes."""
    output = tmp_path / "ray.jsonl"
    address = ray.get_runtime_context().gcs_address
    answer = subprocess.run(
        [sys.executable, "-m", "vmscreen", "scan", str(cluster), "--engine", "ray", "--jobs",
         "1", "--address", address, "--output", str(output)],
        capture_output=True, text=True, timeout=300)
    assert answer.returncode == 1, answer.stderr  # some files flagged
    rows = [json.loads(line) for line in output.read_text().splitlines()]
    assert {r["path"] for r in rows} == {str(cluster / name) for name in EXPECTED}
    assert {Path(r["path"]).name: (r["decision"], [x["code"] for x in r["reasons"]])
            for r in rows} == EXPECTED
    assert "screened 3 files" in answer.stderr


def test_an_address_without_the_ray_engine_is_a_usage_error(tmp_path):
    answer = CliRunner().invoke(main, ["scan", str(SAMPLES / "portrait.jpg"), "--address",
                                       "auto"])
    assert answer.exit_code == 2 and "--address needs --engine ray" in answer.output
