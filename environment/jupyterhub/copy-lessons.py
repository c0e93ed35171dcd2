#!/usr/bin/env python3
"""Gives a student their own copy of the lessons: copies every file of SOURCE that DEST lacks and
leaves the files DEST already has alone, so new lessons appear and a student's edits are kept.

    copy-lessons.py SOURCE DEST

Used where a student's server starts: singleuser.sh on the class hub, the postStart hook of
z2jh-values.yaml. (cp -n is no substitute: coreutils 9.2 to 9.4 make it fail when it skips a file.)
"""
import shutil
import sys
from pathlib import Path


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: copy-lessons.py SOURCE DEST")
    source, dest = Path(sys.argv[1]), Path(sys.argv[2])
    if not source.is_dir():
        sys.exit(f"copy-lessons: no lessons at {source}")
    added = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file() or ".ipynb_checkpoints" in path.parts:
            continue
        target = dest / path.relative_to(source)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        added += 1
    print(f"copy-lessons: {added} new file(s) from {source} in {dest}")


if __name__ == "__main__":
    main()
