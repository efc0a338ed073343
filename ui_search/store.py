"""Where an index lives on disk, and how a new version replaces the old one atomically.

    indexes/<name>/
        current -> v-<stamp>        symlink, swapped with one rename()
        v-<stamp>/designs.db        SQLite (sqlite-utils): designs + facts
        v-<stamp>/vectors.faiss     FAISS index whose ids are designs.pk
        .build.lock                 one build at a time

A build writes a fresh `.tmp-*` folder and only then points `current` at it, so a crash or kill -9
at any moment leaves the previous version untouched and queryable. Published versions are never
written again.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Iterator

from .errors import IndexNotFound, UISearchError

CURRENT = "current"
DB_FILE = "designs.db"
VECTORS_FILE = "vectors.faiss"
LOCK_FILE = ".build.lock"
KEEP_OLD_VERSIONS = 1  # a reader that resolved `current` just before a swap still finds its files
INDEXES_ENV = "UI_SEARCH_INDEXES"


def indexes_root() -> Path:
    return Path(os.environ.get(INDEXES_ENV, "indexes"))


def resolve_index_dir(name_or_path: str | os.PathLike | None) -> Path:
    """An index is named (`default` -> indexes/default) or given as a folder path."""
    value = str(name_or_path or "default")
    candidate = Path(value)
    if os.sep in value or value.startswith(".") or (candidate / CURRENT).exists():
        return candidate
    return indexes_root() / value


def current_version(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    if not (target / DB_FILE).exists() or not (target / VECTORS_FILE).exists():
        return None
    return target


def require_version(index_dir: Path) -> Path:
    version = current_version(index_dir)
    if version is None:
        raise IndexNotFound(f"no index at {index_dir}: build one with `ui-search index CATALOG --name {index_dir.name}`")
    return version


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UISearchError(f"another build of {index_dir} is running; try again when it ends") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_staging_dir(index_dir: Path) -> Path:
    """A private folder for a build; only the build lock holder calls this."""
    for stale in index_dir.glob(".tmp-*"):
        # left by a build that crashed or was killed: nobody reads staging folders
        shutil.rmtree(stale, ignore_errors=True)
    staging = index_dir / f".tmp-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    return staging


def publish(index_dir: Path, staging: Path) -> Path:
    """Make a finished staging folder the current version in one atomic rename."""
    for file in staging.iterdir():
        _fsync_file(file)
    version = index_dir / f"v-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    staging.rename(version)
    link_tmp = index_dir / f".{CURRENT}-{uuid.uuid4().hex[:6]}"
    os.symlink(version.name, link_tmp)
    os.replace(link_tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    _drop_old_versions(index_dir, keep=version)
    return version


def _drop_old_versions(index_dir: Path, keep: Path) -> None:
    versions = sorted((p for p in index_dir.glob("v-*") if p.is_dir() and p != keep), key=lambda p: p.stat().st_mtime)
    for old in versions[: max(0, len(versions) - KEEP_OLD_VERSIONS)]:
        shutil.rmtree(old, ignore_errors=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
