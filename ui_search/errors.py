"""Errors the engine raises on purpose: the CLI prints them as one line, never a traceback."""
from __future__ import annotations


class UISearchError(Exception):
    """Base for every error a user can cause and fix."""


class CatalogError(UISearchError):
    """A catalog row or file is unusable; names the file, line and field so it can be fixed."""

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None):
        self.path = path
        self.line = line
        self.field = field
        self.reason = message
        where = str(path)
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")


class IndexNotFound(UISearchError):
    pass


class ModelMismatch(UISearchError):
    pass


class DesignNotFound(UISearchError):
    pass


class BadQuery(UISearchError):
    pass
