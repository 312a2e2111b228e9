"""`vmscreen serve` as an operator starts it: two worker processes, a bounded load from four
clients at once, metrics summed over the workers, and logs that hold no upload's name."""

from __future__ import annotations

import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.service.serving import free_port, wait_ready

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "media"
EXPECTED = {"portrait.jpg": "reject", "clean-landscape.jpg": "accept"}
REQUESTS = 12


def test_two_workers_answer_a_bounded_load_without_errors(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen([sys.executable, "-m", "vmscreen", "serve", "--port",
                                   str(port), "--workers", "2"], stdout=sink, stderr=sink)
    try:
        wait_ready(base, in_a_row=8)  # each new connection goes to either worker
        names = [list(EXPECTED)[i % len(EXPECTED)] for i in range(REQUESTS)]

        def post(name: str) -> httpx.Response:
            return httpx.post(f"{base}/v1/screen", timeout=120,
                              files={"file": (name, (SAMPLES / name).read_bytes())})

        with ThreadPoolExecutor(4) as clients:
            answers = list(clients.map(post, names))
        metrics = httpx.get(f"{base}/metrics").text
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    assert [a.status_code for a in answers] == [200] * REQUESTS
    assert [a.json()["decision"] for a in answers] == [EXPECTED[n] for n in names]
    assert [a.json()["path"] for a in answers] == names
    served = sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
                 if line.startswith('vmscreen_requests_total{route="/v1/screen",status="200"}'))
    assert served == REQUESTS  # whichever worker answered /metrics, it counts both
    text = log.read_text()
    assert "POST /v1/screen 200" in text
    assert not any(name in text for name in EXPECTED)  # no upload's name in the logs
    assert server.returncode == 0


def test_a_bad_set_up_stops_serve_before_it_listens(tmp_path):
    from click.testing import CliRunner

    from vmscreen.cli import main

    keys, policy = tmp_path / "keys", tmp_path / "policy.toml"
    keys.write_text("too-short\n")
    policy.write_text("[policy]\nname = 'x'\nunknown = 1\n")
    for arguments, message in (
            (["--api-keys", str(keys)], "16 characters"),
            (["--policy", str(policy)], "unknown key"),
            (["--zones", str(tmp_path / "missing.geojson")], "missing.geojson")):
        answer = CliRunner().invoke(main, ["serve", "--port", "1", *arguments])
        assert answer.exit_code == 2, answer.output
        assert message in answer.output
