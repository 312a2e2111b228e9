"""The HTTP service (``vmscreen serve``): screening and sanitised copies over HTTP for upload
services written in any language. Needs the ``vmscreen[serve]`` extra (FastAPI, uvicorn)."""

from vmscreen.service.settings import ServiceSettings

__all__ = ["ServiceSettings"]
