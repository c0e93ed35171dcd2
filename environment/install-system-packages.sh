#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the course needs beyond a JDK 17+, Maven and Python 3:
#   - for the course: fonts for the charts, and Python's venv module (the Jupyter front ends are
#     pip-installed into .venv/ by environment/install-python-env.sh, not taken from Debian);
#   - for the tests: Debian's Chromium, which the browser tests drive (tests/browser/).
# Safe to re-run: it does nothing when everything is already there.
#
#   environment/install-system-packages.sh                # course + test packages
#   environment/install-system-packages.sh --course-only  # without the browser (e.g. a course image)
set -euo pipefail

packages=(fonts-dejavu-core fontconfig python3-venv)
case "${1:-}" in
  --course-only) ;;
  "") packages+=(chromium) ;;
  *) echo "error: unknown option '$1' (use --course-only or nothing)" >&2; exit 2 ;;
esac

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
  echo "Install the equivalents yourself (DejaVu fonts, Python's venv module, and Chromium for the" >&2
  echo "browser tests), then re-run." >&2
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
