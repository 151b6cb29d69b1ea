"""Prints one line per test case for CMake: `<unittest id>|slow` or `<unittest id>|normal`.

CMake registers each line as its own CTest test, so a new test method needs
no CMake edit. Cases marked @stovetest.slow get the `slow` label.
"""

import os
import sys
import unittest


def cases(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from cases(item)
        else:
            yield item


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    suite = unittest.defaultTestLoader.discover(here, pattern="test_*.py", top_level_dir=here)
    for case in cases(suite):
        if isinstance(case, unittest.loader._FailedTest):  # an import error: fail configure
            sys.exit(f"cannot load {case.id()}: {case._exception}")
        method = getattr(case, case._testMethodName)
        print(f"{case.id()}|{'slow' if getattr(method, 'stove_slow', False) else 'normal'}")


if __name__ == "__main__":
    main()
