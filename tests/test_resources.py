"""The data-file loader: libyaml and the pure-Python parser must read every shipped file the same."""

from __future__ import annotations

import yaml

from newsevents.resources import YAML_LOADER, data_path, load_data


def _yaml_files():
    stack = [data_path()]
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                stack.append(child)
            elif child.name.endswith((".yaml", ".yml")):
                yield child


def test_every_data_file_reads_the_same_with_both_yaml_parsers():
    files = list(_yaml_files())
    assert len(files) > 10
    for node in files:
        text = node.read_text(encoding="utf-8")
        fast, plain = yaml.load(text, Loader=YAML_LOADER), yaml.load(text, Loader=yaml.SafeLoader)
        # repr as well as ==: True == 1 and 1.0 == 1, but a lexicon must not change type
        assert fast == plain and repr(fast) == repr(plain), node.name


def test_load_data_parses_yaml_once_per_process():
    first = load_data("link", "linking.yaml")
    assert isinstance(first, dict) and first
    assert load_data("link", "linking.yaml") is first
