#!/usr/bin/env bash
# Installs the course's Python side (JupyterLab, Notebook 7, nbconvert, nbclient, ... exactly as pinned
# in environment/requirements.txt) into the project's own virtual environment, .venv/ at the
# repository root. start.sh, the tests and CI all run Jupyter from there; nothing is installed into
# the system's Python.
#
# Re-running it is quick: when requirements.txt and the Python are the ones the environment was made
# with, it only says so. When either changed, it makes the environment afresh, so that it holds exactly
# what the file pins.
#
#   environment/install-python-env.sh         # make or check .venv/
#   DL10_PYTHON=python3.12 environment/...    # the Python to make it with (default: python3 on PATH)
#   DL10_VENV=/some/dir environment/...       # where the environment goes (default: .venv/ at the root)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
requirements="$root/environment/requirements.txt"
venv="${DL10_VENV:-$root/.venv}"
python="${DL10_PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "error: no '$python' on PATH. The course's Jupyter needs Python 3.9 or newer" >&2
  echo "  (Debian/Ubuntu: apt-get install python3 python3-venv)." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)'; then
  echo "error: $("$python" --version 2>&1) is too old: JupyterLab 4 needs Python 3.9 or newer" >&2
  echo "  (the pinned versions in environment/requirements.txt were resolved on Python 3.11)." >&2
  echo "  Point DL10_PYTHON at a newer one, e.g. DL10_PYTHON=python3.11 $0" >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "error: $(command -v "$python") has no working venv module (its 'venv' or 'ensurepip' is missing)," >&2
  echo "  so the course cannot make its own Python environment in $venv." >&2
  echo "  On Debian/Ubuntu install it with:  sudo apt-get install python3-venv" >&2
  echo "  (or run environment/install-system-packages.sh), then run this again." >&2
  exit 1
fi

# The stamp says what the environment was made from: the requirements file and the Python.
stamp="$venv/.dl10-requirements"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && "$venv/bin/python" -c '' 2>/dev/null \
    && [ -x "$venv/bin/jupyter-lab" ]; then
  echo "python environment up to date: $venv"
  exit 0
fi

echo "making the course's Python environment in $venv (JupyterLab, Notebook 7, nbconvert; first time: about a minute)..."
"$python" -m venv --clear "$venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$requirements"
"$venv/bin/python" -m pip check --disable-pip-version-check >/dev/null || {
  echo "error: the packages in $requirements do not fit together:" >&2
  "$venv/bin/python" -m pip check --disable-pip-version-check >&2 || true
  exit 1
}
echo "$wanted" > "$stamp"
echo "python environment ready: $venv ($("$venv/bin/jupyter-lab" --version | head -1) JupyterLab, $("$venv/bin/python" -m pip show notebook 2>/dev/null | sed -n 's/^Version: //p') Notebook)"
