"""A model is its folder plus one line in models/model_list.hpp (docs/developer/extending.md):
every line's model has its folder, factory, test and page and is known to the command line,
every model folder has its line, and neither the engine nor the CLI includes a model's own
headers, so registering a model needs no engine-side change."""

import json
import pathlib
import re

REPO = pathlib.Path(__file__).resolve().parents[2]
LINE = re.compile(r"^OSTEON_MODEL\((?P<id>[a-z0-9_]+)\)$")


def registered_ids():
    lines = (REPO / "models" / "model_list.hpp").read_text(encoding="utf-8").splitlines()
    return [m.group("id") for m in map(LINE.match, lines) if m]


def test_every_registered_model_has_its_folder_factory_test_and_page():
    ids = registered_ids()
    assert "ayati2010" in ids  # the guide's worked example
    for model_id in ids:
        folder = REPO / "models" / model_id
        assert (folder / f"{model_id}.hpp").is_file(), model_id
        assert f"make_{model_id}()" in (folder / "register.cpp").read_text(encoding="utf-8"), model_id
        assert (REPO / "tests" / "models" / f"{model_id}_test.cpp").is_file(), model_id
        page = (REPO / "docs" / "models" / f"{model_id}.md").read_text(encoding="utf-8")
        assert f"<!-- BEGIN GENERATED: osteon describe {model_id} --format md -->" in page, model_id


def test_every_model_folder_is_registered():
    folders = {p.name for p in (REPO / "models").iterdir() if p.is_dir() and (p / "register.cpp").is_file()}
    assert folders == set(registered_ids())


def test_the_command_line_lists_and_describes_exactly_the_registered_models(osteon):
    listed = osteon("models")
    assert listed.returncode == 0, listed.stderr
    ids = [line for line in listed.stdout.splitlines() if line and not line[0].isspace()]
    assert ids == registered_ids()
    for model_id in ids:
        described = osteon("describe", model_id, "--format", "json")
        assert described.returncode == 0, described.stderr
        assert json.loads(described.stdout)["id"] == model_id


def test_engine_and_cli_include_no_model_header():
    model_include = re.compile(r'#include\s+"(?:models/)?(?:%s)/' % "|".join(registered_ids() + ["modules"]))
    for folder in ("engine", "cli"):
        for source in (REPO / folder).rglob("*"):
            if source.suffix in (".hpp", ".cpp", ".h"):
                found = model_include.search(source.read_text(encoding="utf-8"))
                assert found is None, f"{source.relative_to(REPO)} includes {found.group(0)}"
