#!/bin/sh
# Remakes data/mnist and data/fashion-mnist from the full IDX files, and copies the small files.
# Usage: data/make-subsets.sh [FULL_DATASETS_DIR]
#   FULL_DATASETS_DIR holds the full files as packaged (see README.md); default: ../shared/datasets
#   beside the checkout.
set -eu
DATA="$(cd "$(dirname "$0")" && pwd)"
SRC="${1:-$DATA/../../shared/datasets}"
if [ ! -d "$SRC/mnist" ] || [ ! -d "$SRC/fashion-mnist" ]; then
  echo "error: $SRC does not hold mnist/ and fashion-mnist/ with the full IDX files;" >&2
  echo "pass the folder that does: data/make-subsets.sh FULL_DATASETS_DIR (README.md says where each file comes from)" >&2
  exit 1
fi
java "$DATA/MakeSubsets.java" "$SRC" "$DATA"
for f in iris.csv moby_dick.txt.gz karate_edges.csv karate_labels.csv AirPassengers.csv; do
  cp "$SRC/$f" "$DATA/$f"
  chmod 644 "$DATA/$f"
done
