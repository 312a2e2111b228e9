"""A request's file, read with a size cap: the raw body, or the one file part of a multipart
form. Up to ``IN_MEMORY`` bytes stay in memory; a larger upload is written to a file in the
service's own temporary folder, which the screener reads like any path, and which is removed
when the request ends. Nothing is written anywhere else."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

IN_MEMORY = 4 * 1024 * 1024
FIELD = "file"  # the multipart field that holds the file
CHUNK = 1024 * 1024
DEFAULT_NAME = "upload"

Message = MutableMapping[str, Any]


class UploadError(Exception):
    """The request's body is not an acceptable upload: the status to answer and why."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def too_large(limit: int) -> UploadError:
    return UploadError(413, "too-large", f"the upload is larger than {limit} bytes")


@dataclass(frozen=True)
class Upload:
    """The file a request carried: its bytes or the path of its spooled copy, and its name."""

    source: bytes | Path
    name: str


class _Spool:
    def __init__(self, folder: Path, limit: int) -> None:
        self.folder, self.limit = folder, limit
        self.buffer = bytearray()
        self.size = 0
        self.path: Path | None = None
        self._file: Any = None

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise too_large(self.limit)
        if self._file is None and self.size <= IN_MEMORY:
            self.buffer += chunk
            return
        if self._file is None:
            handle, name = tempfile.mkstemp(dir=self.folder, prefix="upload-")
            self.path = Path(name)
            self._file = os.fdopen(handle, "wb")
            self._file.write(self.buffer)
            self.buffer = bytearray()
        self._file.write(chunk)

    def finish(self) -> bytes | Path:
        if self._file is None:
            return bytes(self.buffer)
        self._file.close()
        assert self.path is not None
        return self.path

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def _capped(receive: Callable[[], Awaitable[Message]], limit: int
            ) -> Callable[[], Awaitable[Message]]:
    """``receive``, raising 413 once the body passes ``limit`` bytes (a multipart form's
    boundaries and headers count too), whatever Content-Length claimed."""
    seen = 0

    async def capped() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise too_large(limit)
        return message

    return capped


def _clean_name(name: str | None) -> str:
    """A name for the result's ``path``: the client's file name without folders or control
    characters (it is shown, never opened)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or DEFAULT_NAME


@asynccontextmanager
async def received(request: Request, folder: Path, limit: int) -> AsyncIterator[Upload]:
    """The request's upload, removed from disk when the block ends. Raises UploadError."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise too_large(limit)
    spool = _Spool(folder, limit)
    try:
        name = request.query_params.get("name")
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            capped = Request(request.scope, _capped(request.receive, limit + 64 * 1024))
            try:
                form = await capped.form(max_files=1, max_fields=16)
            except (MultiPartException, HTTPException) as exc:  # Starlette wraps the former
                why = getattr(exc, "detail", None) or getattr(exc, "message", "")
                raise UploadError(400, "bad-multipart", f"the form cannot be read: {why}") \
                    from exc
            part = form.get(FIELD)
            if not isinstance(part, UploadFile):
                raise UploadError(400, "no-file",
                                  f"the form has no file in its {FIELD!r} field")
            try:
                while chunk := await part.read(CHUNK):
                    spool.write(chunk)
            finally:
                await form.close()
            name = name or part.filename
        else:
            async for chunk in request.stream():
                spool.write(chunk)
        if spool.size == 0:
            raise UploadError(400, "empty", "the upload is empty")
        yield Upload(spool.finish(), _clean_name(name))
    finally:
        spool.discard()
