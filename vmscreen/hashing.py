"""Keyed hashes of values that must not be stored: owner names, serial numbers, rights holders.

A finding may need a stable identity for a value it must not reveal (to deduplicate, or to see
that two photos name the same owner). A plain hash of a short value is no protection: a camera
serial or a name is found again from its SHA-256 by trying the candidates. ``keyed_hash`` is an
HMAC-SHA256 under a secret key of this installation, cut to 128 bits, so a hash can only be
matched by someone who holds the key.

The key, looked up once per process on first use:

1. ``VMSCREEN_HASH_KEY``: at least 32 bytes written as hex (64 hex digits or more). A key that
   is set but malformed is an error, never silently replaced.
2. Otherwise the key file: ``VMSCREEN_HASH_KEY_FILE`` if set, else
   ``$XDG_CONFIG_HOME/vmscreen/hash-key`` (``~/.config/vmscreen/hash-key`` by default). It is
   created on first use with 32 random bytes (as hex), mode 0600 in a folder made with 0700,
   written to a temporary file and linked into place, so a reader never sees half a key and two
   processes creating it at once end up with the same one.
3. If the file can neither be read nor created (a read-only home, no home at all), a random key
   for this process only, with one warning on the ``vmscreen`` logger: hashes from this run
   cannot be compared with other runs or other processes.

The key file is what makes hashes stable across runs and across processes: a batch's worker
processes read the same file as their parent (whichever process comes first creates it, the
others read it), so they hash alike. Copy the file, or set ``VMSCREEN_HASH_KEY`` from it, to
share hashes between machines; delete it to start afresh (old hashes no longer match).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import tempfile
import threading
from pathlib import Path

ENV_KEY = "VMSCREEN_HASH_KEY"
ENV_KEY_FILE = "VMSCREEN_HASH_KEY_FILE"
PREFIX = "hmac-sha256:"
KEY_BYTES = 32
_HEX_DIGITS = 32  # 128 bits of the HMAC: ample against collisions among one user's values
_MAX_KEY_FILE = 4096

log = logging.getLogger("vmscreen")


class HashKeyError(ValueError):
    """``VMSCREEN_HASH_KEY`` is set but is not a usable key. The message never repeats it."""


# The key, cached for the life of the process: it is read from disk or the environment once,
# not for every hash. A module-level cache is safe here because the value is immutable bytes,
# set once under the lock and never changed afterwards, so threads only ever see None or the
# final key; a forked child inherits the same key, and a spawned one reads the same file.
_key: bytes | None = None
_lock = threading.Lock()


def _new_lock_in_child() -> None:
    global _lock
    _lock = threading.Lock()  # a fork while another thread held the lock must not deadlock


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_lock_in_child)


def keyed_hash(value: str) -> str:
    """'hmac-sha256:' and 32 hex digits: HMAC-SHA256 of ``value`` under the installation key.

    Equal values hash alike wherever the same key is used (every process reading the same key
    file); the value cannot be recovered from the hash without the key. Usable from any thread
    and any process. Raises HashKeyError only if ``VMSCREEN_HASH_KEY`` is malformed.
    """
    data = value.encode("utf-8", "surrogatepass")
    return PREFIX + hmac.new(_installation_key(), data, hashlib.sha256).hexdigest()[:_HEX_DIGITS]


def key_file_path() -> Path:
    """Where the key file is, or would be created: VMSCREEN_HASH_KEY_FILE, else the XDG
    configuration folder. Raises RuntimeError when there is no home folder to default to."""
    override = os.environ.get(ENV_KEY_FILE)
    if override:
        return Path(override).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME", "")
    # The XDG spec ignores a relative XDG_CONFIG_HOME.
    base = Path(config) if config and os.path.isabs(config) else Path.home() / ".config"
    return base / "vmscreen" / "hash-key"


def _installation_key() -> bytes:
    global _key
    key = _key
    if key is not None:
        return key
    with _lock:
        if _key is None:
            _key = _load_key()
        return _key


def _load_key() -> bytes:
    text = os.environ.get(ENV_KEY)
    if text is not None:
        return _parse_key(text, f"{ENV_KEY} is set but is not")
    where = "no home folder"
    try:
        path = key_file_path()
        where = str(path)
        return _read_key_file(path) or _create_key_file(path)
    except (OSError, RuntimeError, HashKeyError) as exc:
        log.warning(
            "vmscreen: the hash key file (%s) can be neither read nor created (%s); using a "
            "random key for this process, so hashes in findings will not be stable across runs "
            "or processes. Set %s to a writable path, or %s to a key.",
            where, type(exc).__name__, ENV_KEY_FILE, ENV_KEY,
        )
        return secrets.token_bytes(KEY_BYTES)


def _parse_key(text: str, what: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        key = b""
    if len(key) < KEY_BYTES:
        raise HashKeyError(f"{what} a key of at least {KEY_BYTES} bytes written as hex")
    return key


def _read_key_file(path: Path) -> bytes | None:
    """The key in the file, None if there is no file yet."""
    try:
        with path.open("rb") as handle:
            content = handle.read(_MAX_KEY_FILE)
    except FileNotFoundError:
        return None
    return _parse_key(content.decode("ascii", "replace"), f"the hash key file {path} is not")


def _create_key_file(path: Path) -> bytes:
    """Write a new random key to ``path`` atomically; if another process got there first, use
    its key instead, so that every process ends up with what the file holds."""
    folder = path.parent
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".hash-key.", dir=folder)  # mode 0600
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES).hex().encode("ascii") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # fails if the file exists: never replaces a key
        except FileExistsError:
            pass  # another process created it first: its key is the key
        except OSError:
            if not path.exists():  # a file system without hard links
                os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    key = _read_key_file(path)
    if key is None:
        raise FileNotFoundError("the hash key file vanished after it was written")
    return key
