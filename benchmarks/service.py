"""python -m benchmarks.service [--workers N] [--soak N] [--update-readme]: the HTTP service
under load, as an upload service would call it.

`vmscreen serve` runs in its own process on 127.0.0.1; clients in threads send a small photo
(samples/media/clean-landscape.jpg, 640 x 427) as a multipart upload at concurrency 1, 4 and
16: requests per second, p50 and p95 latency, and errors. Then a soak of ``--soak`` requests
(2,000) at concurrency 4, with the resident size of every worker read from the kernel every
250 requests: memory should stay flat. Last, hostile and malformed uploads, each of which must
get its JSON error or an unscreened result, never a 500. Results go to
benchmarks/results/service.json and service.md; ``--update-readme`` copies the table into
README.md between its service markers.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from benchmarks import metrics
from benchmarks import report as reporting
from benchmarks.runner import machine
from tests import imaging
from tests.service.serving import free_port, wait_ready
from vmscreen import __version__

HERE = Path(__file__).resolve().parent
PHOTO = HERE.parent / "samples" / "media" / "clean-landscape.jpg"
README_START, README_END = "<!-- service:start -->", "<!-- service:end -->"
LEVELS = (1, 4, 16)
PER_LEVEL = 120
SOAK_CONCURRENCY = 4
RSS_EVERY = 250


def _say(message: str) -> None:
    print(f"service: {message}", file=sys.stderr, flush=True)


def _workers_rss_mib(server: int) -> list[float]:
    """Resident size of each worker process of the server (its children but the
    multiprocessing resource tracker), in MiB."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
            if int(fields[1]) != server or b"resource_tracker" in command:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        sizes.append(round(int(rss.split()[1]) / 1024, 1))
    return sorted(sizes)


def _load(base: str, concurrency: int, count: int, data: bytes) -> dict[str, Any]:
    """``count`` uploads of ``data`` from ``concurrency`` clients at once."""
    local = threading.local()

    def one(_: int) -> tuple[int, float]:
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=300)
        start = time.perf_counter()
        answer = local.client.post(f"{base}/v1/screen",
                                   files={"file": (PHOTO.name, data, "image/jpeg")})
        return answer.status_code, (time.perf_counter() - start) * 1000

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as clients:
        answers = list(clients.map(one, range(count)))
    wall = time.perf_counter() - start
    latency = metrics.median_p95([ms for _, ms in answers])
    return {"concurrency": concurrency, "requests": count,
            "requests_per_s": round(count / wall, 2), "p50_ms": latency["median"],
            "p95_ms": latency["p95"], "errors": sum(status != 200 for status, _ in answers)}


def _soak(base: str, server: int, total: int, data: bytes) -> dict[str, Any]:
    samples = [{"after": 0, "rss_mib": _workers_rss_mib(server)}]
    errors = 0
    for done in range(RSS_EVERY, total + 1, RSS_EVERY):
        errors += _load(base, SOAK_CONCURRENCY, RSS_EVERY, data)["errors"]
        samples.append({"after": done, "rss_mib": _workers_rss_mib(server)})
        _say(f"soak: {done} requests, workers at {samples[-1]['rss_mib']} MiB")
    first, last = sum(samples[0]["rss_mib"]), sum(samples[-1]["rss_mib"])
    middle = sum(samples[len(samples) // 2]["rss_mib"])
    return {"requests": total, "concurrency": SOAK_CONCURRENCY, "errors": errors,
            "samples": samples, "growth_mib": round(last - first, 1),
            "second_half_growth_mib": round(last - middle, 1)}


def _hostile(base: str) -> list[dict[str, Any]]:
    """Each upload's status and, for a screened one, its decision and unscreened codes."""
    cases: dict[str, dict[str, Any]] = {
        "truncated JPEG": {"content": imaging.truncated_jpeg()},
        "decompression bomb": {"content": imaging.decompression_bomb()},
        "billion laughs in XMP": {"content": imaging.billion_laughs_xmp()},
        "random bytes": {"content": bytes(range(256)) * 64},
        "empty body": {"content": b""},
        "broken multipart": {"content": b"--b\r\nno headers", "headers": {
            "content-type": "multipart/form-data; boundary=b"}},
        "form without its file": {"files": {"photo": ("a.jpg", PHOTO.read_bytes())}},
    }
    rows = []
    for name, request in cases.items():
        answer = httpx.post(f"{base}/v1/screen", timeout=300, **request)
        body = answer.json()
        outcome = (f"{body['decision']} {','.join(e['code'] for e in body['errors'])}"
                   if answer.status_code == 200 else body["error"]["code"])
        rows.append({"upload": name, "status": answer.status_code, "outcome": outcome.strip()})
    return rows


def measure(workers: int, soak: int) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "vmscreen", "serve", "--port", str(port),
                               "--workers", str(workers)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    data = PHOTO.read_bytes()
    try:
        wait_ready(base, in_a_row=4 * workers)
        _load(base, workers, 20, data)  # every worker past its first requests
        levels = []
        for concurrency in LEVELS:
            levels.append(_load(base, concurrency, PER_LEVEL, data))
            _say(f"concurrency {concurrency}: {levels[-1]}")
        soaked = _soak(base, server.pid, soak, data)
        hostile = _hostile(base)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    return {"vmscreen": __version__, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": machine(), "workers": workers, "photo": f"{PHOTO.name} (640 x 427)",
            "levels": levels, "soak": soaked, "hostile": hostile}


def markdown(report: dict[str, Any]) -> str:
    lines = [f"vmscreen {report['vmscreen']}, {report['when']}, {report['machine']['cores']} "
             f"cores; `vmscreen serve --workers {report['workers']}` on 127.0.0.1, each request "
             f"a multipart upload of {report['photo']}.", "",
             "| clients at once | requests | requests/s | p50 (ms) | p95 (ms) | errors |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    lines += [f"| {r['concurrency']} | {r['requests']} | {r['requests_per_s']} | "
              f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['errors']} |" for r in report["levels"]]
    soak = report["soak"]
    first, last = soak["samples"][0]["rss_mib"], soak["samples"][-1]["rss_mib"]
    lines += ["", f"Memory over {soak['requests']} requests at {soak['concurrency']} clients "
              f"({soak['errors']} errors): the workers' resident sizes went from "
              f"{' + '.join(map(str, first))} MiB to {' + '.join(map(str, last))} MiB "
              f"({soak['growth_mib']:+} MiB in all, {soak['second_half_growth_mib']:+} MiB over "
              "the second half).", "",
              "| hostile or malformed upload | status | outcome |", "| --- | ---: | --- |"]
    lines += [f"| {r['upload']} | {r['status']} | {r['outcome']} |" for r in report["hostile"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.service", description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--soak", type=int, default=2000, help="requests in the memory soak")
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the table into README.md between its service markers")
    wanted = parser.parse_args()
    report = measure(wanted.workers, wanted.soak)
    table = markdown(report)
    reporting.publish("service", report, table, update=wanted.update_readme,
                      start=README_START, end=README_END)


if __name__ == "__main__":
    main()
