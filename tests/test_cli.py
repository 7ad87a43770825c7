"""The CLI: one-line errors with exit 2 for bad input, JSON output that follows the contract."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsevents.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_version_and_help():
    assert invoke("--version").output.startswith("newsevents ")
    help_text = invoke("extract", "--help").output
    assert "--published" in help_text and "Examples" in help_text


def test_extract_json(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Russia and China signed a trade agreement in Moscow on Monday, officials said.")
    result = invoke("extract", str(path), "--published", "2024-05-16", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["article"]["published"] == "2024-05-16"
    assert any(a["name"] in {"Russia", "China"} for a in data["actors"])


def test_extract_text_summary(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Russia and China signed a trade agreement in Moscow on Monday, officials said.")
    result = invoke("extract", str(path))
    assert result.exit_code == 0
    assert "Actors" in result.stdout and "Events" in result.stdout


def _assert_one_line_error(result, name: str, reason: str) -> None:
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and reason in lines[0]
    assert "Traceback" not in result.output


def test_bad_inputs_exit_2_with_one_line(tmp_path, fixtures_dir):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    _assert_one_line_error(invoke("extract", str(empty)), "empty.txt", "empty")
    png = tmp_path / "pic.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    _assert_one_line_error(invoke("extract", str(png)), "pic.png", "binary")
    _assert_one_line_error(invoke("extract", str(fixtures_dir / "german.txt")), "german.txt", "not English")
    _assert_one_line_error(invoke("extract", str(tmp_path / "missing.txt")), "missing.txt", "cannot read")


def test_jsonl_with_a_malformed_line(tmp_path):
    path = tmp_path / "two.jsonl"
    good = {
        "id": "ok",
        "text": "Russia and China signed a trade agreement in Moscow on Monday, officials said.",
    }
    path.write_text(json.dumps(good) + "\n{broken\n")
    result = invoke("extract", str(path), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout.splitlines()[0])["article"]["id"] == "ok"
    assert "two.jsonl:2" in result.stderr and "malformed" in result.stderr
