#!/usr/bin/env bash
# Sets up and starts the course: builds the kernel and library if needed, installs the Java kernel
# into your Jupyter, makes sure a Jupyter front end exists, and opens notebooks/.
# Re-running it is fast and safe: nothing is rebuilt or reinstalled unless something changed.
#
#   environment/start.sh                 # build if needed, install the kernel, open JupyterLab/Notebook
#   environment/start.sh --no-launch     # everything but opening the front end
#   environment/start.sh -- --no-browser # options after -- go to jupyter
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
launch=1
jupyter_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-launch) launch=0 ;;
    --) shift; jupyter_args=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
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

# 3. A Jupyter front end: JupyterLab if installed, else the classic Notebook
frontend=""
if command -v jupyter-lab >/dev/null 2>&1; then frontend=lab
elif command -v jupyter-notebook >/dev/null 2>&1; then frontend=notebook
elif command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; then
  bash "$root/environment/install-system-packages.sh"
  frontend=notebook
else
  echo "error: no Jupyter front end found and apt-get is not available here." >&2
  echo "Install JupyterLab with:  python3 -m pip install --user jupyterlab" >&2
  exit 1
fi

# 4. The kernelspec (writing it again is quick and picks up a changed DL10_JAVA_OPTS): the kernel jar
#    plus the course's class path, the library and its dependencies, whose renderers the kernel plugs in
java -jar "$jar" install --user --classpath "$root/lib/target/dl10-lib.jar:$root/lib/target/lib/*"

if [ "$launch" -eq 0 ]; then
  echo "ready: run 'jupyter $frontend' in $root/notebooks"
  exit 0
fi
cd "$root/notebooks"
echo "opening notebooks/ in Jupyter ${frontend}..."
exec jupyter "$frontend" "${jupyter_args[@]}"
