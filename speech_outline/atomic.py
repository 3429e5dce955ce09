"""Files that appear whole or not at all: how every output file is written.

Used by the command line for -o, and by batch's workers for --output-dir (each
worker writes its own outputs, so the parent process is not the bottleneck).
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import IO, Optional

__all__ = ["AtomicFile", "write_file", "write_fully"]


def write_fully(stream: IO[bytes], data: bytes) -> None:
    """Write all of `data`: a pipe whose reader goes away mid-write takes part of it and
    reports no error; the next write raises BrokenPipeError."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        view = view[written if written is not None else len(view):]


def write_file(path: str, data: bytes) -> None:
    """Write `data` to `path` atomically, creating its folder. Raises OSError."""
    folder = os.path.dirname(path)
    if folder:
        try:
            os.makedirs(folder, exist_ok=True)
        except FileExistsError:  # a file where the folder should be
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), folder) from None
    sink = AtomicFile(path)
    try:
        sink.write(data)
        sink.commit()
    finally:
        sink.discard()


class AtomicFile:
    """A file that appears at `path` whole, or not at all.

    Written to a temporary file in the same folder, flushed to disk, then
    renamed over `path`: a reader never sees it half-written and a failure
    leaves the old file. A symlink is followed (the link stays a link); a
    device or FIFO (-o /dev/null) is written directly.
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.realpath(path)
        self.tmp: Optional[str] = None
        self.file: Optional[IO[bytes]] = None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.file = open(self.path, "wb")
            return
        self.mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
        fd, self.tmp = tempfile.mkstemp(dir=os.path.dirname(self.path),
                                        prefix=f".{os.path.basename(self.path)}.", suffix=".tmp")
        self.file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        write_fully(self.file, data)

    def commit(self) -> None:
        self.file.flush()
        if self.tmp is None:
            self.file.close()
            return
        os.fsync(self.file.fileno())
        self.file.close()
        os.chmod(self.tmp, self.mode)
        os.replace(self.tmp, self.path)
        self.tmp = None
        try:  # make the rename itself durable
            fd = os.open(os.path.dirname(self.path), os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def discard(self) -> None:
        """Forget the temporary file (nothing happens after `commit`)."""
        if self.file is not None and not self.file.closed:
            try:
                self.file.close()
            except OSError:
                pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


_UMASK: Optional[int] = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK
