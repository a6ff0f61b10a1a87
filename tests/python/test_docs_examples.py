"""Every complete scenario shown in the docs is a valid scenario."""

import pathlib
import re

import pytest

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs"


def yaml_examples():
    for page in sorted(DOCS.rglob("*.md")):
        for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)):
            if block.lstrip().startswith("osteon: 1"):
                yield pytest.param(block, id=f"{page.relative_to(DOCS)}#{i}")


@pytest.mark.parametrize("text", list(yaml_examples()))
def test_scenario_example_validates(osteon, tmp_path, text):
    scenario = tmp_path / "example.yaml"
    scenario.write_text(text)
    done = osteon("validate", scenario)
    assert done.returncode == 0, done.stderr


def test_there_are_examples():
    assert len(list(yaml_examples())) >= 2
