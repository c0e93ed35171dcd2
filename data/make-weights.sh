#!/bin/sh
# Remakes the pretrained weights that lessons 7 and 8 load, by running the lesson itself for longer.
# Usage: data/make-weights.sh 07|08        (after building: mvn -B -q package -DskipTests)
#
# The lesson runs headless with the course runner, top to bottom, with its fixed seeds and two
# parameters changed (papermill's convention, the runner's -p): a longer live training run, and
# SAVE_WEIGHTS = true, so that the cell which normally loads data/weights/<file> first writes the freshly
# trained network there. The executed copy goes to a temporary folder; the lesson in notebooks/ is not
# changed. Fixed seeds and one PyTorch thread: a rerun should give the same bytes (data/README.md gives
# the checksum and the run time).
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
  07) NOTEBOOK=07-gan.ipynb; PARAM=ROUNDS; VALUE=40000; WEIGHTS=gan-generator.params ;;
  08) NOTEBOOK=08-diffusion.ipynb; PARAM=TRAIN_STEPS; VALUE=40000; WEIGHTS=ddpm-denoiser.params ;;
  *) echo "usage: data/make-weights.sh 07|08   (07: the GAN generator of lesson 07; 08: the DDPM denoiser of lesson 08)" >&2; exit 2 ;;
esac
RUNNER="$ROOT/runner/target/dl10-runner.jar"
if [ ! -f "$RUNNER" ]; then
  echo "error: $RUNNER is missing; build it first: mvn -B -q package -DskipTests" >&2
  exit 1
fi
WORK="$(mktemp -d)"
echo "running notebooks/$NOTEBOOK with $PARAM = $VALUE, SAVE_WEIGHTS = true"
START=$(date +%s)
DL10_DATA="$ROOT/data" java -jar "$RUNNER" run "$ROOT/notebooks/$NOTEBOOK" -p "$PARAM" "$VALUE" -p SAVE_WEIGHTS true \
  --out "$WORK" --timeout 36000 --report "$WORK/report.json"
END=$(date +%s)
echo "done in $((END - START)) s; executed copy and report in $WORK"
cd "$ROOT/data" && ls -l "weights/$WEIGHTS" && sha256sum "weights/$WEIGHTS"
