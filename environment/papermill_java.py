"""papermill for the course's Java notebooks.

papermill (https://papermill.readthedocs.io) runs a notebook with new values for the parameters declared
in its code cell tagged ``parameters``, but ships no translator for Java. This module registers one for
notebooks whose language is ``java`` (the course kernel, JJava, IJava) and then runs papermill's own
command line, so ``environment/papermill -p EPOCHS 20 in.ipynb out.ipynb`` works as for Python notebooks.

The parameters cell holds simple declarations, one per line, such as ``int EPOCHS = 6;`` (types int,
long, float, double, boolean, String; ``final`` and a trailing ``// comment`` allowed). papermill asks
the translator to ``inspect`` that cell before it writes the cell tagged ``injected-parameters``; the
translator keeps the declared types and writes each value as a literal of its type (``SEED = 42L;``,
``DROPOUT = 0.5f;``, strings quoted). A name the cell does not declare, a value that does not fit its
type, or a notebook without a parameters cell stops the run with a message saying so, as the course's
own runner does (``java -jar runner/target/dl10-runner.jar run NOTEBOOK -p NAME VALUE``).
"""

import math
import re
import sys

import papermill.cli
from papermill.exceptions import PapermillException
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

DECLARATION = re.compile(
    r"^\s*(?:final\s+)?(?P<type>int|long|float|double|boolean|String)\s+(?P<name>[A-Za-z_$][\w$]*)\s*=\s*"
    r"(?P<value>.*?)\s*;\s*(?://\s*(?P<help>.*))?$")
INT_MIN, INT_MAX = -(2 ** 31), 2 ** 31 - 1
LONG_MIN, LONG_MAX = -(2 ** 63), 2 ** 63 - 1


class JavaParameterError(PapermillException):
    """A value or a name that the notebook's parameters cell does not allow."""


def java_string(text):
    """A Java string literal: quoted, with backslash, quote and control characters escaped."""
    out = ['"']
    for c in text:
        if c == '\\':
            out.append('\\\\')
        elif c == '"':
            out.append('\\"')
        elif c == '\n':
            out.append('\\n')
        elif c == '\r':
            out.append('\\r')
        elif c == '\t':
            out.append('\\t')
        elif ord(c) < 0x20 or ord(c) == 0x7f:
            out.append('\\u%04x' % ord(c))
        else:
            out.append(c)
    out.append('"')
    return ''.join(out)


def literal(java_type, name, value):
    """The Java literal of a papermill value for a parameter declared with java_type."""
    def wrong(kind):
        return JavaParameterError(f"{name} is declared as {java_type} in the parameters cell; {value!r} is not {kind}")

    if java_type == 'String':
        return java_string(value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value))
    if java_type == 'boolean':
        if isinstance(value, bool):
            return 'true' if value else 'false'
        if isinstance(value, str) and value.lower() in ('true', 'false'):
            return value.lower()
        raise wrong('a boolean (true or false)')
    if isinstance(value, bool) or value is None:
        raise wrong(f'a number of type {java_type}')
    if java_type in ('int', 'long'):
        if isinstance(value, str) and re.fullmatch(r'[+-]?\d+', value):
            value = int(value)
        low, high = (INT_MIN, INT_MAX) if java_type == 'int' else (LONG_MIN, LONG_MAX)
        if not isinstance(value, int) or not low <= value <= high:
            raise wrong(f'{"an int" if java_type == "int" else "a long"} (a whole number from {low} to {high})')
        return f'{value}L' if java_type == 'long' else str(value)
    # double and float
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise wrong(f'a {java_type} (a finite number such as 0.01 or 1e-3)') from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise wrong(f'a {java_type} (a finite number such as 0.01 or 1e-3)')
    text = repr(float(value))
    return text + 'f' if java_type == 'float' else text


class JavaTranslator(Translator):
    """papermill's translator for Java notebooks; typed by the declarations of the parameters cell."""

    # name -> Java type, from the last inspected parameters cell; None until a cell was inspected
    declared = None

    @classmethod
    def inspect(cls, parameters_cell):
        parameters = []
        cls.declared = {}
        for line in parameters_cell.source.splitlines():
            match = DECLARATION.match(line)
            if match:
                cls.declared[match.group('name')] = match.group('type')
                parameters.append(Parameter(match.group('name'), match.group('type'), match.group('value'),
                                            (match.group('help') or '').strip()))
        return parameters

    @classmethod
    def comment(cls, cmt_str):
        return f'// {cmt_str}'.strip()

    @classmethod
    def assign(cls, name, str_val):
        return f'{name} = {str_val};'

    @classmethod
    def codify(cls, parameters, comment='Parameters'):
        if cls.declared is None:
            raise JavaParameterError(
                "the notebook has no code cell tagged 'parameters', so -p " + ', '.join(parameters)
                + " has nothing to replace: tag the first code cell, which declares the lesson's sizes such as"
                " int EPOCHS = 6;, with 'parameters'")
        lines = [cls.comment(comment)]
        for name, value in parameters.items():
            if name not in cls.declared:
                declared = ', '.join(f'{t} {n}' for n, t in cls.declared.items()) or 'none (declare them as int EPOCHS = 6;)'
                raise JavaParameterError(f'{name} is not a parameter of this notebook: its parameters cell declares {declared}')
            lines.append(cls.assign(name, literal(cls.declared[name], name, value)))
        return '\n'.join(lines) + '\n'


papermill_translators.register('java', JavaTranslator)


def main(argv=None):
    try:
        return papermill.cli.papermill.main(args=sys.argv[1:] if argv is None else argv, prog_name='papermill',
                                            standalone_mode=True)
    except JavaParameterError as error:
        print(f'papermill: {error}', file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
