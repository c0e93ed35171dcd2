#!/usr/bin/env python3
"""Starts the installed course kernel once and loads DJL's PyTorch engine in it.

The first time a JVM loads the engine, DJL copies PyTorch's native libraries (about 450 MB) out of the
pytorch-native jar into its cache, ~/.djl.ai/pytorch/<version>-cpu-<platform>/ by default, or
$ENGINE_CACHE_DIR/pytorch/... when that is set. That takes seconds to a minute; done at build time
(Binder's image, a class hub's set-up), a student's first cell finds the libraries there.

    python environment/load-engine.py                       # fill the cache (build step)
    python environment/load-engine.py --expect-cached       # fail if the kernel had to extract anything
    python environment/load-engine.py --engine-cache DIR    # use DIR instead of ~/.djl.ai (shared by a hub)

It uses the kernelspec that Jupyter finds for this Python (the course kernel, "dl10-java"), so it
proves the installed kernel starts and runs a cell, with the JVM options written into kernel.json.
Exits non-zero, saying why, when the kernel does not start, the cell fails, or the cache is not
where it should be.
"""
import argparse
import os
import pwd
import sys
import time
from pathlib import Path

MARKER = "libtorch-dir="
# Java run in the kernel: load the engine, name where the natives came from.
CELL = (
    'var engine = ai.djl.engine.Engine.getEngine("PyTorch");\n'
    'System.out.println("engine " + engine.getEngineName() + " " + engine.getVersion());\n'
    f'System.out.println("{MARKER}" + ai.djl.pytorch.jni.LibUtils.getLibtorchPath());'
)


def cache_root(env):
    """Where DJL keeps the PyTorch engine for a kernel with this environment, as DJL's
    Utils.getEngineCacheDir("pytorch") decides: $ENGINE_CACHE_DIR, else $DJL_CACHE_DIR, else
    ~/.djl.ai, where ~ is Java's user.home: the account's home in the password database, not $HOME."""
    for name in ("ENGINE_CACHE_DIR", "DJL_CACHE_DIR"):
        if env.get(name):
            return Path(env[name]) / "pytorch"
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / ".djl.ai" / "pytorch"


def listing(root):
    """Every file under root with its size and modification time (nanoseconds)."""
    if not root.is_dir():
        return {}
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_cell(kernel_name, env, timeout):
    """Starts the kernel, runs CELL, returns its printed text; raises with the kernel's error."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=kernel_name, env=env, startup_timeout=timeout)
    text, errors = [], []

    def on_output(msg):
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            text.append(content["text"])
        elif kind == "error":
            errors.append(f'{content["ename"]}: {content["evalue"]}')

    try:
        reply = kc.execute_interactive(CELL, timeout=timeout, output_hook=on_output)
        if reply["content"]["status"] != "ok" or errors:
            raise RuntimeError("the kernel could not load the PyTorch engine: "
                               + ("; ".join(errors) or str(reply["content"])))
        return "".join(text)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kernel", default="dl10-java", help="kernelspec name (default: dl10-java)")
    parser.add_argument("--engine-cache", help="DJL engine cache (ENGINE_CACHE_DIR) the kernel uses")
    parser.add_argument("--expect-cached", action="store_true",
                        help="fail unless the natives were already in the cache and nothing was extracted")
    parser.add_argument("--timeout", type=int, default=300, help="seconds for the kernel to start and for the cell")
    args = parser.parse_args()

    env = dict(os.environ)
    if args.engine_cache:
        Path(args.engine_cache).mkdir(parents=True, exist_ok=True)
        env["ENGINE_CACHE_DIR"] = str(Path(args.engine_cache).resolve())
    root = cache_root(env)
    before = listing(root)
    if args.expect_cached and not before:
        sys.exit(f"error: DJL's PyTorch cache {root} is empty; the build step (environment/build-image.sh) did not fill it")

    started = time.monotonic()
    try:
        out = run_cell(args.kernel, env, args.timeout)
    except Exception as e:  # the kernel's own message is the useful part
        sys.exit(f"error: kernel '{args.kernel}': {e}")
    seconds = time.monotonic() - started
    sys.stdout.write(out)

    dirs = [line[len(MARKER):].strip() for line in out.splitlines() if line.startswith(MARKER)]
    if not dirs:
        sys.exit("error: the kernel did not say where it loaded PyTorch from")
    libdir = Path(dirs[0]).resolve()
    if root.resolve() not in libdir.parents:
        sys.exit(f"error: PyTorch's natives were loaded from {libdir}, not from DJL's cache {root}")
    if not any(libdir.glob("libtorch_cpu.*")):
        sys.exit(f"error: {libdir} holds no libtorch_cpu library: {sorted(p.name for p in libdir.iterdir())}")

    after = listing(root)
    size_mb = sum(size for size, _ in after.values()) / 1e6
    if args.expect_cached:
        if after != before:
            changed = sorted(set(after.items()) ^ set(before.items()))
            sys.exit(f"error: the kernel changed DJL's cache {root} although it was filled at build time: {changed[:5]}")
        print(f"PyTorch natives found in {libdir} ({size_mb:.0f} MB), nothing extracted; engine loaded in {seconds:.1f} s")
    else:
        print(f"PyTorch natives in {libdir} ({size_mb:.0f} MB, {len(after)} files); kernel started and engine loaded in {seconds:.1f} s")


if __name__ == "__main__":
    main()
