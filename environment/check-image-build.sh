#!/usr/bin/env bash
# Runs the Binder image's build steps on this machine, as close to repo2docker's build as a machine
# without a Docker engine allows (neither this machine nor CI has one, so the image itself is never
# built here). CI runs it on every change, so a broken build step fails CI, not a teacher's Binder link.
#
# What repo2docker does for binder/, and what this script does instead:
#   apt.txt as root                   -> apt-get installs the same packages here (Debian, not Ubuntu 24.04)
#   user jovyan, repository in $HOME  -> a throwaway user whose home holds a copy of the repository
#   conda env /srv/conda/envs/notebook
#     (Python from runtime.txt)       -> a fresh venv of this machine's Python 3, owned by that user
#   pip install -r binder/requirements.txt, as the user  -> the same command
#   ./binder/postBuild, as the user   -> the same script, with NB_PYTHON_PREFIX set to the venv
# and then checks what the image must hold: the course kernelspec in the notebook environment with
# binder.java.opts, PyTorch's natives in DJL's cache in the user's home (which was empty before), and
# a kernel started afterwards, as at a student's first cell, that finds them and extracts nothing.
#
# Must run as root (it creates the user dl10-binder, and removes it again unless $CI is set). Takes a
# few minutes: everything is downloaded afresh (Maven artifacts, PyPI packages), as in an image build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
user=dl10-binder
if [ "$(id -u)" -ne 0 ]; then
  echo "error: run as root: this check creates a throwaway user '$user' to build as repo2docker's non-root user does" >&2
  exit 1
fi
python=$(PATH=/usr/local/bin:/usr/bin:/bin command -v python3 || true)
if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "error: no system Python 3 with venv for the user '$user' (Debian/Ubuntu: apt-get install python3-venv)" >&2
  exit 1
fi

step() { echo "check-image-build: $* ($(date +%T))"; }

step "apt.txt: installing what this machine lacks"
mapfile -t apt_packages < <(sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$root/binder/apt.txt")
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

remove_user() {
  if id "$user" >/dev/null 2>&1; then
    step "removing the user $user and its home"
    userdel --remove "$user" 2>/dev/null || { echo "warning: could not remove user $user" >&2; }
    step "removed"
  fi
}
remove_user
# Deleting the home (about 1.5 GB in many files) takes over a minute on a disk mounted with discard:
# CI's machine is thrown away after the run, so there the user and its home are left as they are
# (a later run removes them first); elsewhere they are removed on exit.
if [ -z "${CI:-}" ]; then trap remove_user EXIT; fi
useradd --create-home --shell /bin/bash --comment "course image build check" "$user"
home=$(getent passwd "$user" | cut -d: -f6)

step "copying the repository into $home/course (tracked and new files, as repo2docker copies the folder)"
mkdir "$home/course"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$home/course"
chown -R "$user:$user" "$home/course"

as_user() {
  runuser -u "$user" -- env -i HOME="$home" USER="$user" LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin \
    NB_PYTHON_PREFIX="$home/notebook-env" bash -euo pipefail -c "cd '$home/course'; $1"
}

step "the notebook environment: a venv, then repo2docker's pip command"
as_user "'$python' -m venv \"\$NB_PYTHON_PREFIX\"
         \"\$NB_PYTHON_PREFIX/bin/pip\" install --no-cache-dir -q -r binder/requirements.txt"
if [ -e "$home/.djl.ai" ]; then
  echo "error: $home/.djl.ai exists before postBuild; the check could not tell who filled it" >&2
  exit 1
fi

step "binder/postBuild as $user"
as_user "PATH=\"\$NB_PYTHON_PREFIX/bin:\$PATH\" ./binder/postBuild"

step "checking what the image holds"
as_user "\"\$NB_PYTHON_PREFIX/bin/python\" - <<'EOF'
import json, os, pathlib, sys
home = pathlib.Path.home()
opts = next(l.split('=', 1)[1].split() for l in open('environment/course.properties')
            if l.startswith('binder.java.opts='))
spec = pathlib.Path(os.environ['NB_PYTHON_PREFIX'], 'share/jupyter/kernels/dl10-java/kernel.json')
argv = json.loads(spec.read_text())['argv']
if argv[1:1 + len(opts)] != opts:
    sys.exit(f'error: {spec} starts the JVM with {argv[1:1 + len(opts)]}, not binder.java.opts {opts}')
libs = sorted(home.glob('.djl.ai/pytorch/*/libtorch_cpu.so'))
if not libs:
    sys.exit(f'error: postBuild left no PyTorch natives in {home}/.djl.ai/pytorch')
print(f'kernelspec {spec} starts java {\" \".join(opts)}')
print(f'PyTorch natives extracted by postBuild: {libs[0].parent}')
EOF"

step "a student's first kernel: the natives must already be there"
as_user "\"\$NB_PYTHON_PREFIX/bin/python\" environment/load-engine.py --expect-cached"
step "done: the Binder image's build steps pass"
