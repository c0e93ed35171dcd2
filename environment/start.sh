#!/usr/bin/env bash
# Sets up and starts the course: builds the kernel and library if needed, installs the Java kernel
# into your Jupyter, makes the course's own pinned Jupyter (.venv/, from environment/requirements.txt)
# and opens notebooks/ in JupyterLab.
# Re-running it is fast and safe: nothing is rebuilt or reinstalled unless something changed.
#
#   environment/start.sh                 # build if needed, install the kernel, open JupyterLab
#   environment/start.sh --classic       # the same, but open the classic-style Notebook 7
#   environment/start.sh --no-launch     # everything but opening the front end
#   environment/start.sh -- --no-browser # options after -- go to jupyter lab / jupyter notebook
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
launch=1
frontend=lab
jupyter_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-launch) launch=0 ;;
    --classic) frontend=notebook ;;
    --) shift; jupyter_args=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# 1. Java 17+ and Maven
if ! command -v java >/dev/null 2>&1; then
  echo "error: no 'java' on PATH. Install a JDK 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)." >&2
  exit 1
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p' | cut -d. -f1)
if [ "${java_major:-0}" -lt 17 ]; then
  echo "error: Java $java_major found; the course needs Java 17 or newer." >&2
  exit 1
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "error: no 'mvn' on PATH. Install Maven (Debian/Ubuntu: apt-get install maven)." >&2
  exit 1
fi

# 2. Build the kernel, the library and the runner unless the jars are newer than every source and pom
jar="$root/kernel/target/dl10-kernel.jar"
if [ ! -f "$jar" ] || [ ! -f "$root/runner/target/dl10-runner.jar" ] \
   || [ -n "$(find "$root/pom.xml" "$root/lib" "$root/kernel" "$root/runner" -newer "$jar" \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -not -path '*/target/*' -print -quit)" ]; then
  echo "building the kernel, the course library and the runner (first time: a few minutes)..."
  (cd "$root" && mvn -B -q package -DskipTests -pl lib,kernel,runner -am)
else
  echo "kernel up to date: $jar"
fi

# 3. The front ends (JupyterLab 4, Notebook 7), pinned in environment/requirements.txt, in the
#    project's own virtual environment (.venv/; quick when nothing changed)
bash "$root/environment/install-python-env.sh"
venv="${DL10_VENV:-$root/.venv}"

# 4. The kernelspec (writing it again is quick and picks up a changed DL10_JAVA_OPTS): the kernel jar
#    plus the course's class path, the library and its dependencies, whose renderers the kernel plugs in
java -jar "$jar" install --user --classpath "$root/lib/target/dl10-lib.jar:$root/lib/target/lib/*"

if [ "$launch" -eq 0 ]; then
  echo "ready: run 'environment/start.sh' (JupyterLab) or 'environment/start.sh --classic' (Notebook 7)"
  exit 0
fi
cd "$root/notebooks"
if [ "$frontend" = lab ]; then
  echo "opening notebooks/ in JupyterLab..."
else
  echo "opening notebooks/ in Notebook 7..."
fi
exec "$venv/bin/jupyter" "$frontend" "${jupyter_args[@]}"
