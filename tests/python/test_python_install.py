"""The two documented ways to use the package (docs/python.md): PYTHONPATH=<build>/python,
and `pip install --no-build-isolation -e python` in a venv with system site packages."""

import os
import pathlib
import subprocess
import sys

from python_package import REPO, build_dir

CHECK = ("import osteon, sys; r = osteon.run(sys.argv[1]); "
         "print(osteon.__file__); print(float(r['z'][0][r.times == 100.0][0]))")


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OSTEON_BUILD_DIR", "PYTHONHOME")}
    env.update(extra)
    return env


def check_output(done):
    assert done.returncode == 0, done.stderr
    where, z100 = done.stdout.split()
    # Komarova 2003 Fig. 2 reference: z(100 d) = 99.774 %.
    assert abs(float(z100) - 99.774) < 5e-4
    return pathlib.Path(where)


def test_pythonpath_to_the_build_tree(tmp_path):
    build = build_dir()
    done = subprocess.run(["/usr/bin/python3", "-c", CHECK, str(REPO / "scenarios/literature/komarova2003_fig2.yaml")],
                          env=clean_env(PYTHONPATH=str(build / "python")), cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert check_output(done) == build / "python" / "osteon" / "__init__.py"


def test_editable_install_in_a_venv(tmp_path):
    before = sorted(p.relative_to(REPO) for p in (REPO / "python").rglob("*") if "__pycache__" not in p.parts)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-build-isolation", "--no-index", "-q",
                          "-e", str(REPO / "python")], env=clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1"),
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    done = subprocess.run([str(venv / "bin" / "python"), "-c", CHECK,
                           str(REPO / "scenarios/literature/komarova2003_fig2.yaml")],
                          env=clean_env(OSTEON_BUILD_DIR=str(build_dir())), cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    # The editable package is the source tree's; its extension comes from the build directory.
    assert check_output(done) == REPO / "python" / "osteon" / "__init__.py"
    after = sorted(p.relative_to(REPO) for p in (REPO / "python").rglob("*") if "__pycache__" not in p.parts)
    assert after == before  # the install leaves nothing behind in the source tree
