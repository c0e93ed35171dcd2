#!/usr/bin/env python3
"""Start-up and round-trip benchmark of the course kernel (not a test).

Installs the kernelspec twice into private JUPYTER_PATHs with the kernel's own installer and the course
class path (--classpath, as environment/start.sh installs it), once as students get it (with the
class-data sharing archive made at install time) and once without the archive
(DL10_STARTUP_ARCHIVE=off), then measures with jupyter_client, for each:
  * start: from starting the kernel process to the execute_reply of `1+1`, over --starts fresh kernels
    (median; the kernel's CPU seconds at that moment too, which a busy machine distorts less)
  * round trip: median time of a trivial cell (`1+1`) over --rounds cells on one warm kernel, and the
    kernel's CPU per cell
and checks that interrupting `while (true) {}` ends the cell and the kernel keeps working.

Usage: .venv/bin/python kernel/bench/kernel_benchmark.py [--starts N] [--rounds N] [--jar PATH] [--classpath PATH]
(the project's Python environment has jupyter_client; so does Debian's /usr/bin/python3 with
python3-jupyter-client).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager


def cpu_seconds(pid):
    """user+sys CPU seconds of a process (and its finished children) from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf(os.sysconf_names["SC_CLK_TCK"])
    return sum(int(x) for x in fields[11:15]) / ticks


def install(jar, class_path, jupyter_path, archive):
    env = dict(os.environ)
    if not archive:
        env["DL10_STARTUP_ARCHIVE"] = "off"
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
    command = [java, "-jar", jar, "install", "--jupyter-path", jupyter_path]
    if class_path:
        command += ["--classpath", class_path]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return KernelSpecManager(kernel_dirs=[os.path.join(jupyter_path, "kernels")])


def start(ksm):
    km = KernelManager(kernel_name="dl10-java", kernel_spec_manager=ksm)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    reply = kc.execute_interactive("1+1", timeout=180, output_hook=lambda m: None)
    wall = time.perf_counter() - t0
    assert reply["content"]["status"] == "ok", reply
    return km, kc, wall, cpu_seconds(km.provisioner.pid)


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def measure(label, ksm, starts, rounds, interrupt):
    walls, cpus = [], []
    for _ in range(starts):
        km, kc, wall, cpu = start(ksm)
        walls.append(wall)
        cpus.append(cpu)
        stop(km, kc)
    print(f"[{label}] start to first execute_reply of 1+1 over {starts} starts: median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}); kernel CPU median {statistics.median(cpus):.2f} s")
    if not rounds:
        return
    km, kc, _, _ = start(ksm)
    try:
        for _ in range(20):  # warm up the JIT the way a first few cells do
            kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
        pid = km.provisioner.pid
        before = cpu_seconds(pid)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
            times.append(time.perf_counter() - t)
        per_cell = (cpu_seconds(pid) - before) / rounds
        print(f"[{label}] round trip of 1+1 over {rounds} cells: median {statistics.median(times) * 1000:.1f} ms "
              f"(min {min(times) * 1000:.1f} ms); kernel CPU per cell {per_cell * 1000:.1f} ms")
        if interrupt:
            msg_id = kc.execute("while (true) {}")
            time.sleep(1.0)
            t = time.perf_counter()
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=30)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=30)
            print(f"[{label}] interrupt of while(true): reply status {reply['content']['status']} "
                  f"({reply['content'].get('ename')}) after {time.perf_counter() - t:.2f} s")
            reply = kc.execute_interactive("2+2", timeout=60, output_hook=lambda m: None)
            print(f"[{label}] kernel alive after interrupt: {reply['content']['status']}")
    finally:
        stop(km, kc)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5, help="fresh kernels started per variant")
    parser.add_argument("--rounds", type=int, default=50, help="trivial cells timed on one warm kernel")
    parser.add_argument("--jar", default=os.path.join(here, "..", "target", "dl10-kernel.jar"))
    lib = os.path.abspath(os.path.join(here, "..", "..", "lib", "target"))
    parser.add_argument("--classpath", default=os.path.join(lib, "dl10-lib.jar") + os.pathsep + os.path.join(lib, "lib", "*"),
                        help="the course class path of the kernelspec (default: the built course library; '' for none)")
    args = parser.parse_args()
    jar = os.path.abspath(args.jar)
    try:
        load = os.getloadavg()
        print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores "
              "(a busy machine inflates wall times; CPU seconds are steadier)")
    except OSError:
        pass
    with tempfile.TemporaryDirectory() as root:
        with_archive = install(jar, args.classpath, os.path.join(root, "with-archive"), True)
        without_archive = install(jar, args.classpath, os.path.join(root, "without-archive"), False)
        measure("with start-up archive", with_archive, args.starts, args.rounds, True)
        measure("without archive", without_archive, args.starts, args.rounds, False)


if __name__ == "__main__":
    sys.exit(main())
