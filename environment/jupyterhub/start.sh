#!/usr/bin/env bash
# Starts the class hub in the foreground; Ctrl-C stops it and every student's server.
# Settings come from environment variables (see the top of jupyterhub_config.py and README.md), e.g.
#   DL10_HUB_ADMINS=teacher DL10_HUB_MEM_LIMIT=2G environment/jupyterhub/start.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${DL10_VENV:-$(cd "$here/../.." && pwd)/.venv}
if [ ! -x "$venv/bin/jupyterhub" ] || [ ! -x "$here/node_modules/.bin/configurable-http-proxy" ]; then
  echo "error: the class hub is not installed; run environment/jupyterhub/install.sh first" >&2
  exit 1
fi
state=${DL10_HUB_STATE:-/var/lib/dl10-hub}
mkdir -p "$state"
cd "$state"
exec "$venv/bin/jupyterhub" -f "$here/jupyterhub_config.py" "$@"
