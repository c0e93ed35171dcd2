#!/usr/bin/env python3
"""Checks a Zero to JupyterHub values file for the course (default: z2jh-values.yaml beside this).

No cluster is needed, and none is used: it checks what can be checked without one.
  * It is valid YAML, and every key it sets is one the chart knows (the keys of chart 4.4.0 that the
    course uses are listed below, from the chart's values.schema.yaml and its documentation at
    https://z2jh.jupyter.org/en/stable/resources/reference.html); hub.config is JupyterHub's own.
  * It runs the course's image: the image named after the repository in environment/course.properties
    (binder.url), started with jupyterhub-singleuser, opening the lessons.
  * It keeps what the image holds visible: the student's volume is not mounted over /home/jovyan,
    where the image keeps the course and PyTorch's natives extracted at build time.
  * Each student gets the same budget as the class hub's default (2G, one CPU) and idle servers stop.
With --chart DIR (the chart's folder, jupyterhub/ in the chart's source at version 4.4.0), it also
merges the file over the chart's values.yaml, as helm does, and validates the result against the
chart's values.schema.yaml with jsonschema, as helm does before rendering.

    check-z2jh-values.py [VALUES] [--chart CHART_DIR]

Prints what it checked; exits 1 with every problem found.
"""
import argparse
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# The chart's keys this course sets (chart 4.4.0). A key outside these is a typo or a key of another
# chart version: the chart would reject it (its schema forbids unknown keys) or silently ignore it.
KNOWN = {
    "hub": {"config": None},
    "singleuser": {
        "image": {"name": str, "tag": str, "pullPolicy": str, "pullSecrets": list},
        "cmd": str,
        "defaultUrl": str,
        "memory": {"limit": str, "guarantee": str},
        "cpu": {"limit": (int, float), "guarantee": (int, float)},
        "startTimeout": int,
        "storage": {"type": str, "capacity": str, "homeMountPath": str},
        "lifecycleHooks": {"postStart": {"exec": {"command": list}}},
        "extraEnv": dict,
    },
    "cull": {"enabled": bool, "timeout": int, "every": int},
    "prePuller": {"hook": {"enabled": bool}, "continuous": {"enabled": bool}},
}


def unknown_keys(values, known, path=""):
    problems = []
    for key, value in values.items():
        where = f"{path}.{key}" if path else key
        if key not in known:
            problems.append(f"{where}: not a key the course's chart version (4.4.0) has here; expected one of {sorted(known)}")
            continue
        expected = known[key]
        if expected is None:  # free-form (JupyterHub's own configuration)
            continue
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                problems.append(f"{where}: should be a mapping, not {value!r}")
            else:
                problems += unknown_keys(value, expected, where)
        elif not isinstance(value, expected) or isinstance(value, bool) and expected is not bool:
            problems.append(f"{where}: {value!r} is not of the type the chart expects ({expected})")
    return problems


def get(values, dotted):
    for part in dotted.split("."):
        if not isinstance(values, dict) or part not in values:
            return None
        values = values[part]
    return values


def course_checks(values):
    problems = []
    binder_url = next((line.split("=", 1)[1].strip() for line in
                       (ROOT / "environment" / "course.properties").read_text().splitlines()
                       if line.startswith("binder.url=")), "")
    parts = binder_url.split("/v2/gh/", 1)[-1].split("/")
    repository = "/".join(parts[:2]).lower()
    image = get(values, "singleuser.image.name") or ""
    if not repository or not image.lower().endswith("/" + repository.split("/", 1)[1]):
        problems.append(f"singleuser.image.name {image!r} is not the course's image: build it from this repository "
                        f"({repository or 'binder.url in environment/course.properties'}) with repo2docker and name it after it")
    if not get(values, "singleuser.image.tag"):
        problems.append("singleuser.image.tag is not set: name the tag you pushed (never 'latest' for a class)")
    if get(values, "singleuser.cmd") != "jupyterhub-singleuser":
        problems.append("singleuser.cmd must be jupyterhub-singleuser (the image's entrypoint stays)")
    mount = (get(values, "singleuser.storage.homeMountPath") or "/home/jovyan").rstrip("/")
    if get(values, "singleuser.storage.type") != "none" and mount == "/home/jovyan":
        problems.append("singleuser.storage.homeMountPath is /home/jovyan: the student's volume would hide the course "
                        "and PyTorch's natives that the image keeps there; mount it at /home/jovyan/work")
    default_url = get(values, "singleuser.defaultUrl") or ""
    if not default_url.startswith("/lab/tree/") or not default_url.rstrip("/").endswith("notebooks"):
        problems.append(f"singleuser.defaultUrl {default_url!r} does not open the lessons in JupyterLab")
    command = get(values, "singleuser.lifecycleHooks.postStart.exec.command") or []
    if not any(str(c).endswith("copy-lessons.py") for c in command):
        problems.append("singleuser.lifecycleHooks.postStart does not give students their own copy of the lessons "
                        "(environment/jupyterhub/copy-lessons.py)")
    if get(values, "singleuser.memory.limit") != "2G" or get(values, "singleuser.cpu.limit") != 1:
        problems.append("each student should get 2G and one CPU, as on Binder and the class hub "
                        f"(memory.limit {get(values, 'singleuser.memory.limit')!r}, cpu.limit {get(values, 'singleuser.cpu.limit')!r})")
    if get(values, "cull.enabled") is not True:
        problems.append("cull.enabled should be true: idle servers hold memory other students need")
    if get(values, "hub.config.JupyterHub.authenticator_class") is None:
        problems.append("hub.config.JupyterHub.authenticator_class is not set: the chart's default lets anyone in")
    return problems


def merged(defaults, values):
    """Helm's merge of user values over a chart's defaults: mappings merge key by key, the rest is replaced."""
    result = dict(defaults)
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def schema_problems(values, chart):
    import jsonschema

    schema = yaml.safe_load((Path(chart) / "values.schema.yaml").read_text())
    defaults = yaml.safe_load((Path(chart) / "values.yaml").read_text())
    validator = jsonschema.Draft7Validator(schema)
    return [f"schema: {'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(merged(defaults, values)), key=lambda e: list(map(str, e.absolute_path)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("values", nargs="?", default=str(HERE / "z2jh-values.yaml"))
    parser.add_argument("--chart", help="the chart's folder (values.yaml, values.schema.yaml) to validate against")
    args = parser.parse_args()

    try:
        values = yaml.safe_load(Path(args.values).read_text())
    except yaml.YAMLError as e:
        sys.exit(f"{args.values}: not valid YAML: {e}")
    if not isinstance(values, dict):
        sys.exit(f"{args.values}: expected a mapping of the chart's values at the top")
    problems = unknown_keys(values, KNOWN) + course_checks(values)
    if args.chart:
        problems += schema_problems(values, args.chart)
    if problems:
        print(f"{args.values}: {len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        sys.exit(1)
    print(f"{args.values}: valid YAML, only keys of chart 4.4.0, runs {values['singleuser']['image']['name']}:"
          f"{values['singleuser']['image']['tag']} with 2G and one CPU per student"
          + (f"; merged over {args.chart}/values.yaml it is valid against its values.schema.yaml" if args.chart else ""))


if __name__ == "__main__":
    main()
