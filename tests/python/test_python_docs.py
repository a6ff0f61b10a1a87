"""The Python examples of docs/python.md run: its ```python blocks are executed in order, in one
namespace, from a directory that sees the repository's scenarios (```py blocks are
illustrations that need files of the reader's own and are not run)."""

import os
import re

import matplotlib

matplotlib.use("Agg")

from python_package import REPO  # noqa: E402  (skips the module when the package is not built)

PAGE = REPO / "docs" / "python.md"


def test_python_md_examples_run(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 6
    (tmp_path / "scenarios").symlink_to(REPO / "scenarios")
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "docs_python_md"}
    for i, block in enumerate(blocks):
        try:
            exec(compile(block, f"{PAGE}#python-block-{i}", "exec"), namespace)  # noqa: S102
        except Exception as error:  # name the block in the failure
            raise AssertionError(f"docs/python.md python block {i} failed:\n{block}") from error
    assert namespace["where"] == ("<my_case with changes>", 12, 11, "parameters.alpha1")
    assert os.path.getsize(tmp_path / "trajectories.png") > 5000
    assert (tmp_path / "my_case.yaml").read_text().startswith("osteon: 1")


def test_the_multiprocessing_example_runs_as_a_script(tmp_path):
    """Issue 19: the example had no `__main__` guard (and used `s` from an earlier block), so as a
    script every "spawn" worker started a pool of its own and the run failed."""
    import subprocess
    import sys

    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    script = next(b for b in blocks if "multiprocessing" in b)
    (tmp_path / "scenarios").symlink_to(REPO / "scenarios")
    (tmp_path / "parallel_runs.py").write_text(script + "    print(len(results), 'results')\n")
    done = subprocess.run([sys.executable, "parallel_runs.py"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3 results"
