#!/usr/bin/env bash
# Starts one student's server on the class hub (jupyterhub_config.py names it as the spawner's command).
# Copies the lessons into the student's home first: lessons they do not have yet are added, the ones
# they have (and may have changed) are left alone. Then runs JupyterHub's single-user server.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=${DL10_VENV:-$root/.venv}
cd "$HOME"
"$venv/bin/python" "$root/environment/jupyterhub/copy-lessons.py" "$root/notebooks" "$HOME/notebooks"
exec "$venv/bin/jupyterhub-singleuser" "$@"
