#!/usr/bin/env bash
# Sets up the class hub on this machine; run it where the hub will run (as root for a real class,
# since each student's server becomes a systemd unit). CI runs it too. Safe to re-run.
#   1. the course's Python environment (.venv in the checkout, or $DL10_VENV) with the hub's pinned
#      packages (environment/jupyterhub/requirements.txt, which includes environment/requirements.txt);
#   2. configurable-http-proxy, pinned in package-lock.json, into environment/jupyterhub/node_modules;
#   3. the course kernel built and installed into that environment for every student, and PyTorch's
#      native libraries extracted once into it (share/djl), shared by all students' kernels.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${DL10_VENV:-$root/.venv}

if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "error: python3 cannot make virtual environments; install Python 3.11+ with venv (Debian/Ubuntu: apt-get install python3-venv)" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 20 ]; then
  echo "error: the hub's proxy (configurable-http-proxy) needs Node.js 20 or newer with npm; found: $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

echo "class hub: Python packages into $venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"

echo "class hub: configurable-http-proxy into $here/node_modules"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

echo "class hub: the course kernel and PyTorch's natives"
bash "$root/environment/build-image.sh" --prefix "$venv" --engine-cache "$venv/share/djl"

# Students' servers run as other users (systemd's dynamic users): they must be able to read the
# checkout (kernel, lessons, data) and the environment.
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
  for path in "$root/kernel/target/dl10-kernel.jar" "$root/data/README.md" "$venv/bin/jupyterhub-singleuser"; do
    if ! runuser -u nobody -- test -r "$path"; then
      echo "warning: students' servers will not be able to read $path;"
      echo "         put the checkout where every user can read it (e.g. /opt/ten-models-java) before serving a class"
      break
    fi
  done
fi
echo "class hub ready: write the class list, then run environment/jupyterhub/start.sh (see environment/jupyterhub/README.md)"
