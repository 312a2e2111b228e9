"""A service running for real in this process: uvicorn in a thread on a free port of
127.0.0.1, answering over real sockets (so concurrent requests really overlap)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(base: str, seconds: float = 180.0, in_a_row: int = 1) -> None:
    """Until /readyz answers 200 ``in_a_row`` times running (each a new connection, so that
    with several workers each is likely asked)."""
    deadline = time.monotonic() + seconds
    row = 0
    while time.monotonic() < deadline:
        try:
            row = row + 1 if httpx.get(f"{base}/readyz", timeout=5).status_code == 200 else 0
        except httpx.TransportError:
            row = 0
        if row >= in_a_row:
            return
        time.sleep(0.1 if row else 0.3)
    raise TimeoutError(f"{base} was not ready within {seconds} s")


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """The app served on 127.0.0.1; yields its base URL once it is ready."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)
