"""Drives the peer benchmark: starts the Java side (dl10.bench.PeerBench, the course library on DJL)
and the Python side (peer_torch.py, PyTorch), has the Java side export the lessons' training data for
both, warms both up, then runs every workload in rounds, alternating Java and Python (A B A B), and
prints per workload the median over rounds of each side's per-step median and the median of the
per-round ratios DJL / PyTorch, for wall time and for process CPU time. Run it through bench/run.sh.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The notebook JVMs' defaults, KernelSpec.DEFAULT_JVM_OPTIONS (tests/.../PeerBenchmarkOptionsTest holds
# this copy to the kernel's): what a lesson runs with.
DEFAULT_JAVA_OPTS = ("-Xmx2g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
                     " -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1")
# Steps per run: about a second of training each on this course's 2-core machines.
STEPS = {"01-mlp": 2000, "02-cnn": 120, "06-reversal": 60, "06-charlm": 100}
LESSON = {"01-mlp": "01 MLP 4-64-32-3, Iris, batch 16, Adam",
          "02-cnn": "02 LeNet, MNIST 28x28, batch 64, Adam + cosine",
          "06-reversal": "06 encoder-decoder (d 32, 2 heads), batch 250, Adam",
          "06-charlm": "06 character Transformer (d 64, 4 heads, context 32), batch 64, Adam"}


class Side:
    def __init__(self, name, command, env):
        self.name = name
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                     cwd=ROOT)
        self.hello = self.read()

    def read(self):
        line = self.proc.stdout.readline()
        if not line:
            sys.exit(f"error: the {self.name} side stopped (exit code {self.proc.wait()}); its standard error is above")
        answer = json.loads(line)
        if "error" in answer:
            sys.exit(f"error from the {self.name} side: {answer['error']}")
        return answer

    def ask(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.read()

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait(timeout=60)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per workload (default 5)")
    parser.add_argument("--only", nargs="*", choices=list(STEPS), help="workloads to run (default all)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the steps per run")
    args = parser.parse_args()
    workloads = args.only or list(STEPS)

    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    java_opts = os.environ.get("BENCH_JAVA_OPTS", DEFAULT_JAVA_OPTS).split()
    jar = os.path.join(ROOT, "bench", "target", "dl10-bench.jar")
    data = tempfile.mkdtemp(prefix="dl10-bench-")
    java = Side("Java", ["java", *java_opts, "-jar", jar], env)
    java.ask("export " + data)
    python = Side("Python", [sys.executable, os.path.join(HERE, "peer_torch.py"), data], env)
    print(f"A: course library, {java.hello['engine']}, DJL {java.hello['djl']}, JVM options: {' '.join(java_opts)}")
    print(f"B: {python.hello['engine']} in Python {sys.version.split()[0]}, {python.hello['threads']} thread")
    print(f"load average before: {load()} ({os.cpu_count()} cores)")

    results = {}
    try:
        for w in workloads:
            steps = max(10, int(STEPS[w] * args.scale))
            for side in (java, python):  # warm-up: JIT, allocator, first-call paths
                side.ask(f"run {w} {steps}")
            rows = []
            for r in range(args.rounds):
                a = java.ask(f"run {w} {steps}")
                b = python.ask(f"run {w} {steps}")
                rows.append((a, b))
                print(f"  {w} round {r + 1}: DJL {a['median_us']:9.1f} us (cpu {a['cpu_us']:9.1f})   "
                      f"PyTorch {b['median_us']:9.1f} us (cpu {b['cpu_us']:9.1f})   "
                      f"ratio {a['median_us'] / b['median_us']:.2f} (cpu {a['cpu_us'] / b['cpu_us']:.2f})", flush=True)
            results[w] = (steps, rows)
    finally:
        java.close()
        python.close()

    print(f"load average after: {load()}")
    print()
    print("| Lesson step | steps per run | DJL (course library) median µs/step | PyTorch median µs/step | DJL / PyTorch "
          "| DJL CPU µs/step | PyTorch CPU µs/step | DJL / PyTorch (CPU) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for w, (steps, rows) in results.items():
        med = lambda side, key: statistics.median(r[side][key] for r in rows)  # noqa: E731
        ratio = statistics.median(r[0]["median_us"] / r[1]["median_us"] for r in rows)
        cpu_ratio = statistics.median(r[0]["cpu_us"] / r[1]["cpu_us"] for r in rows)
        print(f"| {LESSON[w]} | {steps} | {med(0, 'median_us'):.0f} | {med(1, 'median_us'):.0f} | {ratio:.2f}× "
              f"| {med(0, 'cpu_us'):.0f} | {med(1, 'cpu_us'):.0f} | {cpu_ratio:.2f}× |")
    print(f"\nMedians over {args.rounds} alternating rounds; a ratio is the median of the per-round ratios.")


if __name__ == "__main__":
    main()
