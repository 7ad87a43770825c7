"""The docs stay true: every command is in the README, and the architecture names every stage package."""

from __future__ import annotations

from pathlib import Path

from newsevents.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _command_names() -> set[str]:
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups if g.name}
    return names


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(n for n in _command_names() if f"`newsevents {n}" not in readme)
    assert not missing, f"README.md does not document: {missing}"


def test_architecture_names_every_stage_package():
    architecture = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = [p.name for p in (ROOT / "newsevents").iterdir() if (p / "__init__.py").is_file()]
    missing = sorted(p for p in packages if p != "data" and f"newsevents/{p}/" not in architecture)
    assert not missing, f"docs/ARCHITECTURE.md does not mention: {missing}"


def test_every_environment_variable_the_settings_read_is_in_the_readme():
    import re

    source = (ROOT / "newsevents" / "settings.py").read_text(encoding="utf-8")
    variables = set(re.findall(r'"(NEWSEVENTS_[A-Z_]+)"', source))
    assert variables, "settings.py reads no NEWSEVENTS_ variable: the pattern above is out of date"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(v for v in variables if f"`{v}`" not in readme)
    assert not missing, f"README.md's settings table lacks: {missing}"
