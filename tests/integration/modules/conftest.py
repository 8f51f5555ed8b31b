# -*- coding: utf-8 -*-
"""Fixtures for module tests: ``module_runner`` runs a module with the admin login filled in."""

import pytest

from harness import run_module  # pylint: disable=import-error


@pytest.fixture
def module_runner(admin_credentials):
    """``run(module, check_mode=False, diff=False, **args)`` with the admin login filled in."""

    # ``module`` is positional-only: many modules have an option called ``name``.
    def run(module, /, check_mode=False, diff=False, **args):
        full = dict(admin_credentials)
        full.update(args)
        return run_module(module, full, check_mode=check_mode, diff=diff)

    return run


def pytest_terminal_summary(terminalreporter):
    """Print what a no-op rerun of each module sent (the scenario measures it)."""
    from harness import NOOP_COUNTS  # pylint: disable=import-error

    if NOOP_COUNTS:
        terminalreporter.write_line("requests of a no-op rerun (token included): " + ", ".join(
            "%s=%d" % (module, count) for module, count in sorted(NOOP_COUNTS.items())))
