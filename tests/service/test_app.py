"""The HTTP service answering over real sockets, with the real screener: what an upload
service calling it would check."""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from fastapi import FastAPI
from PIL import Image

from tests import imaging
from tests.service.serving import running
from vmscreen import Screener
from vmscreen.detectors.base import DetectorInfo
from vmscreen.service.app import create_app
from vmscreen.service.settings import ServiceSettings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "media"
MAX_BYTES = 3_000_000


@pytest.fixture(scope="module")
def app(screener) -> FastAPI:
    return create_app(ServiceSettings(max_bytes=MAX_BYTES), screener=screener)


@pytest.fixture(scope="module")
def service(app: FastAPI) -> Iterator[str]:
    with running(app) as base:
        yield base


def _screen(base: str, **request: object) -> httpx.Response:
    return httpx.post(f"{base}/v1/screen", timeout=120, **request)  # type: ignore[arg-type]


def _codes(answer: dict) -> set[str]:
    return {finding["code"] for finding in answer["findings"]}


def test_a_form_upload_and_a_raw_body_get_the_scan_object(app, service):
    data = (SAMPLES / "card-on-table.jpg").read_bytes()
    form = _screen(service, files={"file": ("card-on-table.jpg", data, "image/jpeg")})
    raw = _screen(service, content=data, params={"name": "uploads/card-on-table.jpg"})
    # The service's own screener, asked directly, as `vmscreen scan` would ask it.
    expected = app.state.service.screener.screen(SAMPLES / "card-on-table.jpg").to_dict()
    for answer in (form, raw):
        assert answer.status_code == 200
        body = answer.json()
        assert body.keys() == expected.keys()
        assert body["path"] == "card-on-table.jpg"  # the file's name, never a folder
        assert body["decision"] == expected["decision"] == "reject"
        assert _codes(body) == {f["code"] for f in expected["findings"]}
        assert "PAN101" in _codes(body)


def test_bad_media_is_unscreened_never_an_error(service):
    hostile = {"truncated.jpg": (imaging.truncated_jpeg(), "UNS001"),
               "bomb.png": (imaging.decompression_bomb(), "UNS003"),
               "laughs.jpg": (imaging.billion_laughs_xmp(), "UNS002"),
               "noise.bin": (bytes(range(256)) * 40, "UNS002"),
               "garbage-exif.jpg": (imaging.garbage_exif_jpeg(), "UNS004")}
    for name, (data, code) in hostile.items():
        answer = _screen(service, content=data, params={"name": name})
        assert answer.status_code == 200, name
        body = answer.json()
        assert body["path"] == name
        assert body["decision"] == "review"
        assert [error["code"] for error in body["errors"]] == [code]
    assert _screen(service, content=imaging.truncated_jpeg()).json()["path"] == "upload"


@pytest.mark.parametrize("request_kwargs, status, code", [
    ({"content": b""}, 400, "empty"),
    ({"content": b"--x\r\nnot a form", "headers": {
        "content-type": "multipart/form-data; boundary=x"}}, 400, "bad-multipart"),
    ({"files": {"other": ("a.jpg", b"123", "image/jpeg")}}, 400, "no-file"),
    ({"content": b"\0" * (MAX_BYTES + 1)}, 413, "too-large"),
    # No Content-Length (chunked): the cap holds as the bytes arrive.
    ({"content": iter([b"\0" * 1_000_000] * 4)}, 413, "too-large"),
    ({"files": {"file": ("big.jpg", b"\0" * (MAX_BYTES + 1), "image/jpeg")}}, 413,
     "too-large"),
])
def test_requests_that_are_not_uploads_get_a_json_error(service, request_kwargs, status, code):
    answer = _screen(service, **request_kwargs)
    assert answer.status_code == status
    assert answer.json()["error"] == {"status": status, "code": code,
                                      "message": answer.json()["error"]["message"]}


def test_redact_returns_the_copy_and_its_record(service):
    data = (SAMPLES / "portrait.jpg").read_bytes()
    answer = httpx.post(f"{service}/v1/redact", files={"file": ("portrait.jpg", data)},
                        timeout=120)
    assert answer.status_code == 200
    body = answer.json()
    copy = body["copy"]
    assert copy["filename"] == "portrait.jpg" and copy["media_type"] == "image/jpeg"
    pixels = base64.b64decode(copy["base64"])
    assert len(pixels) == copy["size"]
    with Image.open(io.BytesIO(pixels)) as copied, Image.open(SAMPLES / "portrait.jpg") as src:
        assert copied.size == src.size
        assert not copied.getexif()  # metadata stripped
        x0, y0, x1, y1 = body["record"]["covered"][0]["box"]
        face = np.asarray(copied.convert("L"), np.int16)[y0:y1, x0:x1]
        before = np.asarray(src.convert("L"), np.int16)[y0:y1, x0:x1]
        assert np.abs(face - before).mean() > 10  # the face is blurred
    assert body["record"]["copy"]["path"] == "portrait.jpg"
    assert {c["code"] for c in body["record"]["covered"]} == {"FAC101"}
    assert body["record"]["result"]["decision"] == "reject"

    refused = httpx.post(f"{service}/v1/redact", content=imaging.truncated_jpeg(),
                         timeout=120).json()
    assert refused["copy"] is None and "UNS001" in refused["skipped"]
    assert refused["result"]["errors"]


def test_codes_policy_and_operations(service):
    codes = httpx.get(f"{service}/v1/codes").json()
    assert {"PAN101", "FAC101", "UNS001"} <= {c["code"] for c in codes}
    pan = httpx.get(f"{service}/v1/codes/pan101").json()
    assert pan["category"] == "sensitive-id" and pan["cover"] == "fill"
    assert pan["policy_outcome"]["decision"] == "reject"
    missing = httpx.get(f"{service}/v1/codes/XYZ999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown-code"
    policy = httpx.get(f"{service}/v1/policy").json()
    assert policy["name"] == "default" and policy["rules"]
    assert httpx.get(f"{service}/healthz").json()["alive"] is True
    assert httpx.get(f"{service}/readyz").json() == {"ready": True}
    spec = httpx.get(f"{service}/openapi.json").json()
    body = spec["paths"]["/v1/screen"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/octet-stream"} <= body.keys()
    assert httpx.get(f"{service}/docs").status_code == 404  # its page would load a CDN's script


def test_metrics_count_requests_decisions_and_unscreened_files(service):
    def value(text: str, series: str) -> float:
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith(series))

    before = httpx.get(f"{service}/metrics").text
    _screen(service, content=imaging.truncated_jpeg())
    _screen(service, content=imaging.jpeg())
    after = httpx.get(f"{service}/metrics").text
    screened = 'vmscreen_requests_total{route="/v1/screen",status="200"}'
    assert value(after, screened) - value(before, screened) == 2
    assert value(after, "vmscreen_unscreened_files_total") - value(
        before, "vmscreen_unscreened_files_total") == 1
    assert value(after, "vmscreen_decisions_total") - value(before,
                                                            "vmscreen_decisions_total") == 2
    assert 'vmscreen_request_seconds_bucket{le="0.05",route="/v1/screen"}' in after


class Sleeping:
    """A detector that takes its time: the screener stays busy while other requests come."""

    info = DetectorInfo(name="sleeping", version="1.0", codes=(), time_budget_s=10)

    def detect(self, subject):
        time.sleep(1.0)
        return []


def _in_background(base: str) -> threading.Thread:
    thread = threading.Thread(target=_screen, args=(base,),
                              kwargs={"content": imaging.jpeg(), "params": {"name": "a.jpg"}})
    thread.start()
    time.sleep(0.3)  # it holds the screener now
    return thread


def test_no_room_to_wait_is_429_and_no_screener_in_time_is_504():
    busy = create_app(ServiceSettings(queue=0),
                      screener=Screener(detectors=[Sleeping()]))
    with running(busy) as base:
        first = _in_background(base)
        answer = _screen(base, content=imaging.jpeg())
        first.join()
    assert answer.status_code == 429 and answer.headers["retry-after"] == "1"
    assert answer.json()["error"]["code"] == "busy"

    slow = create_app(ServiceSettings(queue=1, timeout_s=0.4),
                      screener=Screener(detectors=[Sleeping()]))
    with running(slow) as base:
        first = _in_background(base)
        answer = _screen(base, content=imaging.jpeg())
        first.join()
    assert answer.status_code == 504 and answer.json()["error"]["code"] == "timeout"


def test_api_keys_guard_the_api_but_not_the_probes(tmp_path, monkeypatch):
    keys = tmp_path / "keys"
    keys.write_text("# operators\nfirst-key-0123456789\n")
    monkeypatch.setenv("VMSCREEN_API_KEYS", "second-key-0123456789")
    app = create_app(ServiceSettings(api_keys_file=str(keys)),
                     screener=Screener(detectors=[]))
    with running(app) as base:
        refused = _screen(base, content=imaging.jpeg())
        wrong = _screen(base, content=imaging.jpeg(),
                        headers={"authorization": "Bearer first-key-012345678X"})
        bearer = _screen(base, content=imaging.jpeg(),
                         headers={"authorization": "Bearer first-key-0123456789"})
        header = httpx.get(f"{base}/v1/codes", headers={"x-api-key": "second-key-0123456789"})
        metrics = httpx.get(f"{base}/metrics")
        probes = [httpx.get(f"{base}/{p}").status_code for p in ("healthz", "readyz")]
    assert refused.status_code == wrong.status_code == metrics.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert refused.json()["error"]["code"] == "unauthorised"
    assert bearer.status_code == header.status_code == 200
    assert probes == [200, 200]


def test_short_api_keys_are_refused(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text("short\n")
    with pytest.raises(ValueError, match="16 characters"):
        create_app(ServiceSettings(api_keys_file=str(keys)))


def test_settings_travel_to_workers_as_json():
    settings = ServiceSettings(policy="/etc/p.toml", concurrency=2, queue=3, timeout_s=9.5)
    assert ServiceSettings.from_json(settings.to_json()) == settings
    assert settings.limits.max_seconds == 9.5
    assert json.loads(settings.to_json())["queue"] == 3
