"""Every CLI command is documented in the README, and the README starts with the two commands."""
from __future__ import annotations

from pathlib import Path

import typer.main

from ui_search.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def _command_paths(group, prefix: str = "ui-search") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):  # a group (typer vendors its own click)
            paths += _command_paths(command, path)
        else:
            paths.append(path)
    return paths


def test_every_command_is_in_the_readme():
    commands = _command_paths(typer.main.get_command(app))
    assert "ui-search index" in commands and "ui-search query" in commands
    missing = [c for c in commands if c not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_readme_starts_with_the_two_commands():
    head = README.split("\n## ", 1)[0]
    assert "make demo" in head and "make test" in head
