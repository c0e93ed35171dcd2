#!/usr/bin/env bash
# The course's build steps for a shared server: the Binder image (binder/postBuild runs this; the same
# image serves Zero to JupyterHub) and a class hub on one machine (environment/jupyterhub/install.sh).
# CI runs it on every change as a non-root user against a fresh venv (environment/check-image-build.sh).
#
# It expects the pinned Python packages (environment/requirements.txt) already installed in PREFIX,
# as repo2docker does from binder/requirements.txt before postBuild, and then:
#   1. builds the course library and the kernel (Maven, no tests);
#   2. installs the course kernelspec into PREFIX, so every user of that Python sees it, with the JVM
#      options of environment/course.properties' binder.java.opts (about 2 GB per user, as on Binder)
#      and the course library and its dependencies (DJL, PyTorch, XChart...) on the kernel's class path;
#   3. starts that kernel once and loads PyTorch, so DJL extracts its native libraries now and a
#      student's first cell finds them (environment/load-engine.py).
#
#   environment/build-image.sh [--prefix PREFIX] [--engine-cache DIR]
#
# PREFIX defaults to $NB_PYTHON_PREFIX (repo2docker's notebook environment), else $VIRTUAL_ENV.
# --engine-cache puts PyTorch's natives in DIR (the kernel then needs ENGINE_CACHE_DIR=DIR, as the
# class hub sets); by default they go where DJL puts them for this user, ~/.djl.ai/pytorch/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${NB_PYTHON_PREFIX:-${VIRTUAL_ENV:-}}
engine_cache=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a folder}; shift ;;
    --engine-cache) engine_cache=${2:?--engine-cache needs a folder}; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "$prefix" ]; then
  echo "error: no Python environment to install into: pass --prefix (a venv with environment/requirements.txt installed)" >&2
  exit 2
fi
python="$prefix/bin/python"
if [ ! -x "$python" ] || ! "$python" -c 'import jupyter_client' 2>/dev/null; then
  echo "error: $prefix has no Python with Jupyter; install the course's packages first:" >&2
  echo "  $prefix/bin/pip install -r $root/environment/requirements.txt" >&2
  exit 1
fi
for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: no '$tool' on PATH; install a JDK 17 and Maven (Debian/Ubuntu: openjdk-17-jdk-headless maven, as in binder/apt.txt)" >&2
    exit 1
  fi
done

java_opts=$(sed -n 's/^binder\.java\.opts=//p' "$root/environment/course.properties")
if [ -z "$java_opts" ]; then
  echo "error: environment/course.properties has no binder.java.opts line (the kernel's JVM options on Binder)" >&2
  exit 1
fi

echo "build-image: building the course library and kernel"
(cd "$root" && mvn -B -q package -DskipTests -pl lib,kernel -am)

echo "build-image: installing the course kernel into $prefix with JVM options: $java_opts"
DL10_JAVA_OPTS="$java_opts" java -jar "$root/kernel/target/dl10-kernel.jar" install --prefix "$prefix" \
  --classpath "$root/lib/target/dl10-lib.jar:$root/lib/target/lib/*"

echo "build-image: loading PyTorch once so its native libraries are extracted now"
if [ -n "$engine_cache" ]; then
  "$python" "$root/environment/load-engine.py" --engine-cache "$engine_cache"
else
  "$python" "$root/environment/load-engine.py"
fi
