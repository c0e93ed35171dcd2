#!/bin/sh
# Remakes data/mnist and data/fashion-mnist from the full IDX files, and copies the small files.
# Usage: data/make-subsets.sh [SHARED_DATASETS_DIR]   (default /work/shared/datasets)
set -eu
SRC="${1:-/work/shared/datasets}"
DATA="$(cd "$(dirname "$0")" && pwd)"
java "$DATA/MakeSubsets.java" "$SRC" "$DATA"
for f in iris.csv digits.csv.gz moby_dick.txt.gz karate_edges.csv karate_labels.csv AirPassengers.csv sunspots.csv; do
  cp "$SRC/$f" "$DATA/$f"
  chmod 644 "$DATA/$f"
done
