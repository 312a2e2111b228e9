"""Keyed evidence hashes: their form, their key's life cycle, and stability across processes.

Every test here starts as a fresh process would (no cached key) and restores the cache after.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from vmscreen import hashing
from vmscreen.findings import redacted_hash
from vmscreen.hashing import ENV_KEY, ENV_KEY_FILE, HashKeyError, keyed_hash

FORM = re.compile(r"hmac-sha256:[0-9a-f]{32}")
HASHING_PY = Path(hashing.__file__)
# A process that loads only vmscreen/hashing.py (not the whole package) and prints a hash.
_HASH_IN_A_CHILD = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('hashing', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "print(module.keyed_hash(sys.argv[2]))\n"
)


@pytest.fixture
def key_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh process's view: no key cached, no key in the environment, a key file not yet
    made in a folder not yet made."""
    monkeypatch.setattr(hashing, "_key", None)
    monkeypatch.delenv(ENV_KEY, raising=False)
    path = tmp_path / "config" / "vmscreen" / "hash-key"
    monkeypatch.setenv(ENV_KEY_FILE, str(path))
    return path


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashing, "_key", None)


def _child_hash(value: str) -> str:
    done = subprocess.run([sys.executable, "-c", _HASH_IN_A_CHILD, str(HASHING_PY), value],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_form_stability_and_no_trace_of_the_value(key_file):
    first = keyed_hash("SN-4711-XY")
    assert FORM.fullmatch(first)
    assert keyed_hash("SN-4711-XY") == first != keyed_hash("SN-4711-XZ")
    assert "4711" not in first
    assert redacted_hash("SN-4711-XY") == first  # the old name is an alias
    assert FORM.fullmatch(keyed_hash("")) and FORM.fullmatch(keyed_hash("\udcff lone surrogate"))


def test_it_is_an_hmac_under_the_key_in_the_file(key_file):
    key_file.parent.mkdir(parents=True)
    key = bytes(range(32))
    key_file.write_text(key.hex() + "\n")
    expected = hmac.new(key, b"Alex Example", hashlib.sha256).hexdigest()[:32]
    assert keyed_hash("Alex Example") == "hmac-sha256:" + expected
    assert keyed_hash("Alex Example") != "hmac-sha256:" + hashlib.sha256(
        b"Alex Example").hexdigest()[:32]


def test_the_key_file_is_created_once_private_and_kept(key_file, monkeypatch):
    assert not key_file.exists()
    first = keyed_hash("Alex Example")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert len(bytes.fromhex(key_file.read_text())) == 32
    content = key_file.read_text()
    _new_process(monkeypatch)  # the next run reads the same file, and so hashes alike
    assert keyed_hash("Alex Example") == first
    assert key_file.read_text() == content
    assert [p.name for p in key_file.parent.iterdir()] == ["hash-key"]  # no temporary left


def test_another_process_sharing_the_key_file_hashes_alike(key_file):
    mine = keyed_hash("Alex Example")
    # The child inherits VMSCREEN_HASH_KEY_FILE, as a batch's spawned workers do.
    child = subprocess.run(
        [sys.executable, "-c", "import vmscreen.hashing as h; print(h.keyed_hash('Alex Example'))"],
        capture_output=True, text=True, timeout=120, check=True)
    assert child.stdout.strip() == mine


def test_processes_creating_the_key_at_once_agree(key_file):
    assert not key_file.exists()
    children = [
        subprocess.Popen([sys.executable, "-c", _HASH_IN_A_CHILD, str(HASHING_PY), "Alex"],
                         stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    hashes = {child.communicate(timeout=60)[0].strip() for child in children}
    assert len(hashes) == 1 and FORM.fullmatch(hashes.pop())
    assert [p.name for p in key_file.parent.iterdir()] == ["hash-key"]


def test_threads_load_the_key_once(key_file, monkeypatch):
    loads = []
    real_load = hashing._load_key

    def counting_load() -> bytes:
        loads.append(1)
        return real_load()

    monkeypatch.setattr(hashing, "_load_key", counting_load)
    start = threading.Barrier(16)
    results: list[str] = []

    def work() -> None:
        start.wait()
        results.append(keyed_hash("Alex Example"))

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 16 and len(set(results)) == 1 and loads == [1]


def test_environment_key_overrides_and_other_keys_hash_differently(key_file, monkeypatch):
    from_file = keyed_hash("Alex Example")
    for index, key in enumerate(("00" * 32, "11" * 32, "AB" * 40)):
        _new_process(monkeypatch)
        monkeypatch.setenv(ENV_KEY, key)
        expected = hmac.new(bytes.fromhex(key), b"Alex Example", hashlib.sha256).hexdigest()[:32]
        assert keyed_hash("Alex Example") == "hmac-sha256:" + expected != from_file, index
    _new_process(monkeypatch)
    monkeypatch.setenv(ENV_KEY, "00" * 32)
    assert _child_hash("Alex Example") == keyed_hash("Alex Example")  # the child inherits it


def test_the_environment_key_needs_no_file(key_file, monkeypatch):
    monkeypatch.setenv(ENV_KEY, "42" * 32)
    keyed_hash("Alex Example")
    assert not key_file.exists() and not key_file.parent.exists()


@pytest.mark.parametrize("bad", ["", "00" * 31, "zz" * 32, "secret-passphrase-of-the-operator"])
def test_a_malformed_environment_key_is_an_error_that_does_not_repeat_it(key_file, monkeypatch,
                                                                           bad):
    monkeypatch.setenv(ENV_KEY, bad)
    with pytest.raises(HashKeyError) as raised:
        keyed_hash("Alex Example")
    assert "VMSCREEN_HASH_KEY" in str(raised.value)
    assert not bad or bad not in str(raised.value)
    assert hashing._key is None  # nothing cached: fixing the variable fixes the next call


def test_the_default_location_follows_xdg_and_home(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_KEY_FILE)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert hashing.key_file_path() == tmp_path / "xdg" / "vmscreen" / "hash-key"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert hashing.key_file_path() == tmp_path / "home" / ".config" / "vmscreen" / "hash-key"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert hashing.key_file_path() == tmp_path / "home" / ".config" / "vmscreen" / "hash-key"


def test_a_key_file_made_in_the_xdg_folder(key_file, monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_KEY_FILE)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    keyed_hash("Alex Example")
    assert (tmp_path / "xdg" / "vmscreen" / "hash-key").is_file()


def _assert_falls_back(monkeypatch, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="vmscreen"):
        first = keyed_hash("Alex Example")
        assert keyed_hash("Alex Example") == first and FORM.fullmatch(first)  # stable in-process
    warnings = [r for r in caplog.records if r.name == "vmscreen" and r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "not be stable across runs" in warnings[0].getMessage()
    _new_process(monkeypatch)
    assert keyed_hash("Alex Example") != first  # another process: another random key


def test_an_unwritable_location_falls_back_with_one_warning(key_file, monkeypatch, caplog,
                                                            tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the configuration folder should be")
    monkeypatch.setenv(ENV_KEY_FILE, str(blocker / "vmscreen" / "hash-key"))
    _assert_falls_back(monkeypatch, caplog)


def test_a_damaged_key_file_falls_back_and_is_left_alone(key_file, monkeypatch, caplog):
    key_file.parent.mkdir(parents=True)
    key_file.write_text("not a key\n")
    _assert_falls_back(monkeypatch, caplog)
    assert key_file.read_text() == "not a key\n"
