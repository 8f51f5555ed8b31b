# -*- coding: utf-8 -*-
"""Fixtures for module tests: ``module_runner`` runs a module with the admin login filled in."""

import os
import subprocess
import sys

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from harness import KEYCLOAK_SERVER, run_module  # pylint: disable=import-error


@pytest.fixture
def module_runner(admin_credentials):
    """``run(module, check_mode=False, diff=False, **args)`` with the admin login filled in."""

    # ``module`` is positional-only: many modules have an option called ``name``.
    def run(module, /, check_mode=False, diff=False, **args):
        full = dict(admin_credentials)
        full.update(args)
        return run_module(module, full, check_mode=check_mode, diff=diff)

    return run


@pytest.fixture
def kc_sh_admin(keycloak_url):
    """A client of its own logged into master, for a test that has ``kc.sh export`` write a realm
    (``tests/keycloak/server.py export``/``export-dir``, on a copy of the running server's database): skipped on a server
    that script did not start (one given by URL alone)."""
    result = subprocess.run([sys.executable, KEYCLOAK_SERVER, "url"], stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0 or result.stdout.strip().rstrip("/") != keycloak_url:
        pytest.skip("kc.sh export needs the server tests/keycloak/server.py started")
    return KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                         realm_name="master")


def pytest_terminal_summary(terminalreporter):
    """Print what a no-op rerun of each module sent (the scenario measures it)."""
    from harness import NOOP_COUNTS  # pylint: disable=import-error

    if NOOP_COUNTS:
        terminalreporter.write_line("requests of a no-op rerun (token included): " + ", ".join(
            "%s=%d" % (module, count) for module, count in sorted(NOOP_COUNTS.items())))
