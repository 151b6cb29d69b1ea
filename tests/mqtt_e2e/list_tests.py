#!/usr/bin/python3
"""Prints the id of every test case under this folder, one a line, so that
CMake registers each one as its own CTest test."""

import os
import sys
import unittest


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
suite = unittest.defaultTestLoader.discover(here, pattern="test_*.py", top_level_dir=here)
ids = [test.id() for test in flatten(suite)]
broken = [i for i in ids if i.startswith("unittest.loader._FailedTest")]
if broken:
    sys.exit("cannot load: " + ", ".join(broken))
print("\n".join(ids))
