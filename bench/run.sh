#!/usr/bin/env bash
# The peer benchmark: the training steps of lessons 01, 02 and 06 through the course library (DJL)
# and through PyTorch in Python, alternating, one thread each. See bench/README.md.
#
#   bench/run.sh                         # 5 rounds of every workload
#   bench/run.sh --rounds 9 --only 02-cnn
#
# The first run creates bench/.venv (about 4.3 GB: PyPI's torch needs its CUDA runtime wheels even
# on a CPU) and builds the library and the benchmark jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

venv=bench/.venv
if ! "$venv/bin/python" -c "import torch" >/dev/null 2>&1; then
  echo "creating $venv with the pinned PyTorch of bench/requirements.txt (a few minutes, about 4.3 GB)..."
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --no-deps -r bench/requirements.txt
fi

echo "building the course library and the benchmark..."
mvn -B -q package -DskipTests -pl bench -am

exec "$venv/bin/python" bench/compare.py "$@"
