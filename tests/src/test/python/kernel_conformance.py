"""The public Jupyter kernel conformance suite (jupyter_kernel_test) run against the course's Java kernel.

Every test the suite offers gets a sample that Java can express; ConformanceSuiteTest (JUnit) runs this
file with the project's Python environment against the kernelspec installed into a private JUPYTER_PATH
and fails the build if any test fails or is skipped without a reason listed there.

    DL10_KERNEL_NAME=dl10-java JUPYTER_PATH=... python -m unittest -v kernel_conformance
"""
import os
import unittest

import jupyter_kernel_test as jkt

KERNEL_NAME = os.environ.get("DL10_KERNEL_NAME", "dl10-java")


class JavaKernelConformance(jkt.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("careful: stderr");'

    completion_samples = [
        {"text": '"course".toUpp', "matches": {"toUpperCase("}},
        {"text": "Math.sqr", "matches": {"sqrt("}},
        {"text": "java.util.concurrent.atomic.AtomicInt", "matches": {"AtomicInteger", "AtomicIntegerArray", "AtomicIntegerFieldUpdater"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "void greet() { System.out.println(1); }",
                             "%time 1 + 1", "record Point(int x, int y) {}"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y =", "void f() {", "class A {"]
    invalid_code_samples = ["int z = 1; )", "}"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"hello, " + "world"', "result": "hello, world"},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": "new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)", "mime": "image/png"},
    ]

    code_display_data = [
        {"code": 'display("shown as text");', "mime": "text/plain"},
        {"code": "display(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]

    # a glob (* and ?) that matches exactly one of the codes above, "1 + 2", as the unique search expects
    code_history_pattern = "1 + ?"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = 'System.out.println("gone soon"); clearOutput();'


if __name__ == "__main__":
    unittest.main(verbosity=2)
