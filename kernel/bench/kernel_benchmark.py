#!/usr/bin/env python3
"""Start-up and round-trip benchmark of the course kernel (not a test).

Measures, with jupyter_client (the course's .venv/, made by environment/install-python-env.sh, has it):
  * start: from starting the kernel process to the execute_reply of `1+1`
  * round trip: median time of a trivial cell (`1+1`) afterwards
and checks that interrupting `while (true) {}` ends the cell and the kernel keeps working.

Usage: .venv/bin/python kernel/bench/kernel_benchmark.py [path/to/dl10-kernel.jar] [--rounds N]
"""
import json
import os
import statistics
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager
from jupyter_client.kernelspec import KernelSpecManager


def cpu_seconds(pid):
    """user+sys CPU seconds of a process (and its finished children) from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf(os.sysconf_names["SC_CLK_TCK"])
    return sum(int(x) for x in fields[11:15]) / ticks


def main():
    argv = sys.argv[1:]
    rounds = 20
    if "--rounds" in argv:
        at = argv.index("--rounds")
        rounds = int(argv[at + 1])
        del argv[at:at + 2]
    args = argv
    here = os.path.dirname(os.path.abspath(__file__))
    jar = os.path.abspath(args[0] if args else os.path.join(here, "..", "target", "dl10-kernel.jar"))
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
    opts = os.environ.get("DL10_JAVA_OPTS", "-Xmx2g -XX:+UseSerialGC -Djava.awt.headless=true").split()
    with tempfile.TemporaryDirectory() as spec_root:
        spec_dir = os.path.join(spec_root, "kernels", "dl10-bench")
        os.makedirs(spec_dir)
        with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
            json.dump({"argv": [java] + opts + ["-jar", jar, "kernel", "{connection_file}"],
                       "display_name": "bench", "language": "java", "interrupt_mode": "message"}, f)
        ksm = KernelSpecManager(kernel_dirs=[os.path.join(spec_root, "kernels")])
        km = KernelManager(kernel_name="dl10-bench", kernel_spec_manager=ksm)
        t0 = time.perf_counter()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            reply = kc.execute_interactive("1+1", timeout=120, output_hook=lambda m: None)
            start = time.perf_counter() - t0
            pid0 = km.provisioner.pid if hasattr(km, "provisioner") and km.provisioner else km.kernel.pid
            start_cpu = cpu_seconds(pid0)
            assert reply["content"]["status"] == "ok", reply
            pid = km.provisioner.pid if hasattr(km, "provisioner") and km.provisioner else km.kernel.pid
            cpu_before = cpu_seconds(pid)
            times = []
            for _ in range(rounds):
                t = time.perf_counter()
                reply = kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
                times.append(time.perf_counter() - t)
            cpu_per_cell = (cpu_seconds(pid) - cpu_before) / rounds
            print(f"start to first execute_reply of 1+1: {start:.2f} s wall, kernel CPU {start_cpu:.2f} s")
            print(f"kernel CPU per trivial cell: {cpu_per_cell * 1000:.1f} ms")
            print(f"round trip of 1+1: median {statistics.median(times) * 1000:.1f} ms, "
                  f"min {min(times) * 1000:.1f} ms over {rounds} cells")
            msg_id = kc.execute("while (true) {}")
            time.sleep(1.0)
            t = time.perf_counter()
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=30)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=30)
            print(f"interrupt of while(true): reply status {reply['content']['status']} "
                  f"({reply['content'].get('ename')}) after {time.perf_counter() - t:.2f} s")
            reply = kc.execute_interactive("2+2", timeout=60, output_hook=lambda m: None)
            print("kernel alive after interrupt:", reply["content"]["status"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
