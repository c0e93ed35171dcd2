#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the course needs beyond a JDK 17+ and Maven:
# the Jupyter command line (classic Notebook, the nbconvert command, nbclient, nbformat) and fonts for
# headless charts. Safe to re-run: it does nothing when everything is already there.
set -euo pipefail

packages=(jupyter-notebook jupyter-nbconvert python3-nbconvert python3-nbclient python3-nbformat jupyter-client
          python3-venv fonts-dejavu-core fontconfig)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present (${packages[*]})"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing ${missing[*]} and no apt-get on this machine." >&2
  echo "Install Jupyter yourself (e.g. 'python3 -m pip install jupyterlab nbconvert') and fonts, then re-run." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: missing ${missing[*]}; run as root: apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi
echo "system packages: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
