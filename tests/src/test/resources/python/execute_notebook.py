"""Executes a notebook with a named Jupyter kernel through nbclient, as JupyterLab's "Run All" does.

    python execute_notebook.py KERNEL_NAME TIMEOUT_SECONDS IN.ipynb OUT.ipynb

The notebook runs in its own folder. The executed notebook is written even when a cell fails; the exit
code is then 1 and the error (cell and message) goes to standard error.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(kernel_name, timeout, source, target):
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel_name, timeout=int(timeout), allow_errors=False,
                            resources={'metadata': {'path': os.path.dirname(os.path.abspath(source))}})
    status = 0
    try:
        client.execute()
    except CellExecutionError as error:
        print(f'{source}: {error}', file=sys.stderr)
        status = 1
    finally:
        nbformat.write(nb, target)
    return status


if __name__ == '__main__':
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
