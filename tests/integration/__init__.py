# A package, so that test file names here may repeat those of tests/unit (pytest imports both in one run).
