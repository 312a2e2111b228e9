"""Prometheus metrics of one service: requests by route and status, decisions, files that were
not screened completely, and request latency.

With several worker processes each worker counts in files under PROMETHEUS_MULTIPROC_DIR
(prometheus_client's multiprocess mode, set up by ``vmscreen serve``), and ``/metrics``
sums them all, whichever worker answers. Alone, a worker keeps its own registry."""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from vmscreen.result import Result

ENV_MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"
# Seconds: a thumbnail takes a tenth of a second, a 12 MP photo one or two, a clip minutes.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)


class ServiceMetrics:
    def __init__(self) -> None:
        self.multiprocess = bool(os.environ.get(ENV_MULTIPROCESS))
        # In multiprocess mode values live in the shared files, and the metrics belong to no
        # registry; otherwise to this service's own (never the process-wide default).
        self.registry = None if self.multiprocess else CollectorRegistry()
        self.requests = Counter("vmscreen_requests", "HTTP requests answered.",
                                ("route", "status"), registry=self.registry)
        self.decisions = Counter("vmscreen_decisions", "Files screened, by decision.",
                                 ("decision",), registry=self.registry)
        self.unscreened = Counter("vmscreen_unscreened_files",
                                  "Files with a part that was not screened (an unscreened "
                                  "finding).", registry=self.registry)
        self.latency = Histogram("vmscreen_request_seconds", "Request latency, by route.",
                                 ("route",), buckets=LATENCY_BUCKETS, registry=self.registry)

    def screened(self, result: Result) -> None:
        self.decisions.labels(result.decision.value).inc()
        if result.errors:
            self.unscreened.inc()

    def answered(self, route: str, status: int, seconds: float) -> None:
        self.requests.labels(route, str(status)).inc()
        self.latency.labels(route).observe(seconds)

    def render(self) -> bytes:
        if self.registry is not None:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
