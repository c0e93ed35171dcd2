#!/usr/bin/env bash
# Re-executes every lesson in place with the headless runner, so the committed notebooks carry
# their outputs (charts as PNG) and read well on GitHub, then renders the runner's report into
# RESULTS.md. Fails if a lesson fails or a notebook grows beyond 2 MB.
#
#   environment/execute-notebooks.sh                       # all lessons
#   environment/execute-notebooks.sh notebooks/01-dnn.ipynb # some lessons (RESULTS.md lists those)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash environment/start.sh --no-launch >/dev/null
jar=runner/target/dl10-runner.jar
binder=$(sed -n 's/^binder.url=//p' environment/course.properties)

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=(notebooks/*.ipynb); fi
mkdir -p target
status=0
java -jar "$jar" run "${notebooks[@]}" --inplace --report target/notebook-report.json || status=$?
java -jar "$jar" results target/notebook-report.json RESULTS.md --binder "$binder"

limit=$((2 * 1024 * 1024))
for nb in "${notebooks[@]}"; do
  size=$(stat -c %s "$nb")
  if [ "$size" -gt "$limit" ]; then
    echo "error: $nb is $size bytes, over the 2 MB limit for committed notebooks; make its images smaller" >&2
    status=1
  fi
done
exit $status
