# -*- coding: utf-8 -*-
"""Fixtures for tests against a real Keycloak.

The server comes from ``tests/keycloak/server.py`` (started here when it is not
running; ``KEYCLOAK_STATE_DIR`` picks which one), or from ``KEYCLOAK_TEST_URL``.
Each test module that asks for ``realm`` gets a fresh realm of its own, deleted after.
"""

import os
import subprocess
import sys
import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(os.path.dirname(HERE), "keycloak", "server.py")
ADMIN_USER = os.environ["KEYCLOAK_ADMIN_USER"]
ADMIN_PASSWORD = os.environ["KEYCLOAK_ADMIN_PASSWORD"]


def _server_url():
    url = os.environ.get("KEYCLOAK_TEST_URL")
    if url:
        return url.rstrip("/")
    result = subprocess.run([sys.executable, SERVER, "status"], stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        result = subprocess.run([sys.executable, SERVER, "start"], stdout=subprocess.PIPE, text=True, check=False)
        if result.returncode != 0:
            pytest.exit("could not start Keycloak (see the message above)", returncode=3)
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def keycloak_url():
    return _server_url()


@pytest.fixture(scope="session")
def admin_credentials(keycloak_url):
    """The connection options a module or client needs to log into master as admin."""
    return {
        "auth_keycloak_url": keycloak_url,
        "auth_realm": "master",
        "auth_username": ADMIN_USER,
        "auth_password": ADMIN_PASSWORD,
    }


@pytest.fixture(scope="session")
def admin(keycloak_url):
    """A client logged into master, managing master."""
    client = KeycloakAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master")
    _SHARED_ADMINS.append(client)
    return client


# The session's ``admin`` is shared by every test a worker runs: a test that switches its realm (or a client built on
# its connection) and does not switch back would leave the next test, in any module, managing a realm that is gone.
_SHARED_ADMINS = []


def _back_on_master():
    for client in _SHARED_ADMINS:
        client.change_current_realm("master")


@pytest.fixture(autouse=True, scope="module")
def _admin_on_master_for_each_module():
    """Before a module's own fixtures (autouse ones of a scope come first) and after its last teardown."""
    _back_on_master()
    yield
    _back_on_master()


@pytest.fixture(autouse=True)
def _admin_on_master_after_each_test():
    yield
    _back_on_master()


@pytest.fixture(scope="session")
def keycloak_version(admin):
    """The running server's version as a tuple of ints, e.g. ``(26, 7, 3)``, for behaviour that changed between versions."""
    return version_tuple(admin.get_server_info()["systemInfo"]["version"])


def version_tuple(text):
    numbers = []
    for part in text.split("-", 1)[0].split("."):
        if not part.isdigit():
            break
        numbers.append(int(part))
    return tuple(numbers)


def unique(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


@pytest.fixture(scope="module")
def realm(keycloak_url):
    """A fresh realm for one test module; deleted afterwards."""
    name = unique("it")
    client = KeycloakAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master")
    client.create_realm({"realm": name, "enabled": True})
    yield name
    try:
        client.delete_realm(name)
    except Exception:  # pylint: disable=broad-except
        pass


@pytest.fixture(scope="module")
def realm_admin(keycloak_url, realm):
    """A client logged into master that manages the test module's realm."""
    return KeycloakAdmin(
        server_url=keycloak_url,
        username=ADMIN_USER,
        password=ADMIN_PASSWORD,
        realm_name=realm,
        user_realm_name="master",
    )


def pytest_xdist_make_scheduler(config, log):
    """Under ``--dist loadfile`` (``make integration`` runs ``-n 3 --dist loadfile``): a module's tests stay on one worker,
    in order, since they share its realm, but the EXAMPLES and guide tests (each on realms of its own, a sixth of the
    suite's time) spread over the workers one by one. (``--dist loadgroup`` with marks would say it, but pytest-xdist 3.8
    does not group under pytest 9.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling  # pylint: disable=import-outside-toplevel

    class ModulesAndExamples(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return nodeid if path.endswith("/test_examples.py") else path

    return ModulesAndExamples(config, log)
