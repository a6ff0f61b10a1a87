"""The generated part of every docs/models/<id>.md follows the code: a model
page whose tables differ from `osteon describe <id> --format md` fails here."""

import pathlib
import shutil
import subprocess

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "update-model-docs"


def build_dir(osteon_binary: pathlib.Path) -> pathlib.Path:
    return osteon_binary.parent.parent  # <build>/bin/osteon


def update(osteon_binary, *args):
    return subprocess.run(["/usr/bin/python3", str(SCRIPT), str(build_dir(osteon_binary)), *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_model_pages_are_up_to_date(osteon_binary):
    done = update(osteon_binary, "--check")
    assert done.returncode == 0, done.stderr + "\nRun: scripts/update-model-docs <build dir>"


def test_check_finds_a_stale_page_and_update_fixes_it(osteon_binary, repo, tmp_path):
    docs = tmp_path / "models"
    docs.mkdir()
    page = docs / "komarova2003.md"
    shutil.copy(repo / "docs" / "models" / "komarova2003.md", page)
    original = page.read_text()
    page.write_text(original.replace("| `g11` | g₁₁ | 0.5 |", "| `g11` | g₁₁ | 0.6 |"))

    done = update(osteon_binary, "--check", "--docs", docs)
    assert done.returncode == 1
    assert "komarova2003.md" in done.stderr
    assert "0.6 |" in page.read_text()  # --check writes nothing

    done = update(osteon_binary, "--docs", docs)
    assert done.returncode == 0, done.stderr
    assert page.read_text() == original
    assert update(osteon_binary, "--check", "--docs", docs).returncode == 0
