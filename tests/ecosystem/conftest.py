# -*- coding: utf-8 -*-
"""Fixtures of the ecosystem checks: the local Keycloak (as the integration tests find it) and the tools' paths."""

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SERVER = os.path.join(REPO, "tests", "keycloak", "server.py")
BIN = os.path.dirname(sys.executable)


def tool_env(**extra):
    """The environment a tool of the venv runs in: the venv first on PATH, Ansible's state inside the repository."""
    env = dict(os.environ)
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env.setdefault("ANSIBLE_HOME", os.path.join(REPO, ".cache", "ansible"))
    env.setdefault("ANSIBLE_COLLECTIONS_PATH", os.path.join(REPO, ".cache", "collections"))
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def keycloak_url():
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
def admin(keycloak_url):
    from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

    return KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"],
                         password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], realm_name="master")


@pytest.fixture(scope="session")
def tarball(tmp_path_factory):
    """The collection built as `make build` builds it."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(dist), REPO],
                   check=True, capture_output=True, text=True, env=tool_env())
    found = sorted(dist.glob("iam-keycloak-*.tar.gz"))
    assert len(found) == 1, found
    return found[0]
