"""Prints one line per unittest case found in the folder given as argument:
`<unittest id>|slow` or `<unittest id>|normal` (a method marked with a true
`stove_slow` attribute is slow). CMake registers each line as its own CTest
test, so a new test method needs no CMake edit; an import error fails
configure instead of silently dropping tests."""

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
    folder = os.path.abspath(sys.argv[1])
    sys.path.insert(0, folder)
    suite = unittest.defaultTestLoader.discover(folder, pattern="test_*.py", top_level_dir=folder)
    for case in cases(suite):
        if isinstance(case, unittest.loader._FailedTest):
            sys.exit(f"cannot load {case.id()}: {case._exception}")
        method = getattr(case, case._testMethodName)
        print(f"{case.id()}|{'slow' if getattr(method, 'stove_slow', False) else 'normal'}")


if __name__ == "__main__":
    main()
