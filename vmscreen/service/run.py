"""Starting the service: uvicorn with one or more worker processes, each importing the
application factory and building its own Screener from the settings passed in the
environment. Several workers share their metrics through a temporary folder (prometheus_client's
multiprocess mode), removed when the service stops."""

from __future__ import annotations

import os
import shutil
import tempfile

from vmscreen.service.metrics import ENV_MULTIPROCESS
from vmscreen.service.settings import ENV_SETTINGS, ServiceSettings

FACTORY = "vmscreen.service.app:app_from_environment"


def serve(settings: ServiceSettings, host: str, port: int, workers: int) -> None:
    """Run the service until it is stopped (Ctrl-C or SIGTERM)."""
    import uvicorn

    os.environ[ENV_SETTINGS] = settings.to_json()
    shared = tempfile.mkdtemp(prefix="vmscreen-metrics-") if workers > 1 else None
    if shared is not None:
        os.environ[ENV_MULTIPROCESS] = shared
    try:
        # uvicorn's access log writes each request's query string (a file name): off; the
        # service logs route, status and time itself.
        uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers,
                    access_log=False, log_level="info", timeout_graceful_shutdown=30)
    finally:
        if shared is not None:
            shutil.rmtree(shared, ignore_errors=True)
