"""Writing new files only: a copy never replaces a file that exists, and a reader never sees
half of one."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def new_file_mode() -> int:
    """The mode any new file gets here: 0666 less the process's umask, read without setting it
    (os.umask would change it for every thread for a moment; 022 where the system does not
    say). A temporary file from mkstemp is 0600 until given this."""
    umask = 0o022
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o666 & ~umask


def write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, which must not exist: through a temporary file in the same
    folder, published with a hard link, which fails rather than replace a file that appeared in
    the meantime. The file gets the permissions any new file gets here (0666 less the umask).
    Raises FileExistsError when ``path`` exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder should be: not the file ``path``
        raise NotADirectoryError(errno.ENOTDIR, "a file stands where its folder should be",
                                 str(path.parent)) from None
    if path.exists() or path.is_symlink():
        raise FileExistsError(f"{path} exists")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".vmscreen-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, new_file_mode())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create exclusively instead
            with open(path, "xb") as stream:
                stream.write(data)
    finally:
        Path(temporary).unlink(missing_ok=True)
