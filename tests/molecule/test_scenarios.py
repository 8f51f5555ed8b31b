# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every Molecule scenario in extensions/molecule, one test each (`make molecule`).

Each runs `molecule test -s <scenario>` on this machine (no containers): its own work folder under the
system's temporary folder, free loopback ports, and the keycloak-quarkus-dist zips of the oldest and the
newest supported versions (fetched with mvn by tests/keycloak/server.py when missing). When a scenario
fails, its cleanup still runs, so no Keycloak or PostgreSQL of a failed run is left behind.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

# tests/keycloak, on the path by tests/conftest.py: the local server's helpers.
import server  # noqa: E402  pylint: disable=import-error

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MOLECULE_DIR = os.path.join(REPO, "extensions", "molecule")
SERVER = os.path.join(REPO, "tests", "keycloak", "server.py")
BIN = os.path.dirname(sys.executable)
# A scenario that hangs must not hold CI: a bound per scenario (the slowest takes about a tenth of it).
TIMEOUT = int(os.environ.get("KC_MOLECULE_TIMEOUT", "1800"))
# Scenarios that install Keycloak as a service need root: a system user, runuser, PostgreSQL as postgres.
NEEDS_ROOT = {"server_single", "server_cluster"}
# Scenarios that manage a realm on the project's local test Keycloak (started when it is not running).
ON_LOCAL_KEYCLOAK = {"realm", "oidc_client"}
# Scenarios a developer may leave out (KC_MOLECULE_CLUSTER=0): listed, so the run shows them as skipped. CI runs them all.
NOT_YET_RUN = {} if os.environ.get("KC_MOLECULE_CLUSTER", "1") != "0" else {
    "server_cluster": "left out by KC_MOLECULE_CLUSTER=0 (two production-mode nodes and a serial restart take 5 to 6 minutes)",
}

SCENARIOS = sorted(
    name for name in os.listdir(MOLECULE_DIR) if os.path.isfile(os.path.join(MOLECULE_DIR, name, "molecule.yml"))
)


def _read(name):
    with open(os.path.join(REPO, "tests", "keycloak", name), encoding="utf-8") as handle:
        return handle.read().strip()


def _dist_zip(version):
    env = dict(os.environ, KEYCLOAK_VERSION=version)
    env.pop("KEYCLOAK_DIST", None)
    result = subprocess.run(
        [sys.executable, SERVER, "zip"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _molecule(action, scenario, env, timeout):
    """Run one Molecule command in a session of its own: on a timeout its whole tree is ended, not just molecule."""
    with subprocess.Popen(
        [os.path.join(BIN, "molecule"), action, "-s", scenario], cwd=REPO, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    ) as process:
        try:
            output = process.communicate(timeout=timeout)[0]
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output = process.communicate()[0]
            output += "\nmolecule %s -s %s: no result after %d s, stopped" % (action, scenario, timeout)
        return process.returncode, output


def _run(scenario, env):
    """``molecule test`` of one scenario; when it fails, its cleanup still runs and the test fails with its output."""
    started = time.monotonic()
    passed = False
    try:
        # Molecule remembers a scenario as prepared across runs (a run stopped halfway never resets it):
        # forget it, so prepare always runs.
        _molecule("reset", scenario, env, 300)
        code, output = _molecule("test", scenario, env, TIMEOUT)
        passed = code == 0
        print("molecule test -s %s: exit %d after %.0f s" % (scenario, code, time.monotonic() - started))
        assert passed, output[-20000:]
    finally:
        if not passed:
            _molecule("cleanup", scenario, env, 300)


def _on_local_keycloak(scenario):
    """Run a scenario against the local test Keycloak (``tests/keycloak/server.py start`` gives its URL)."""
    started = subprocess.run([sys.executable, SERVER, "start"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    assert started.returncode == 0, started.stderr[-3000:]
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""), KC_MOLECULE_URL=started.stdout.strip().splitlines()[-1],
               KC_MOLECULE_ADMIN_USER=os.environ.get("KEYCLOAK_ADMIN_USER", "admin"),
               KC_MOLECULE_ADMIN_PASSWORD=os.environ.get("KEYCLOAK_ADMIN_PASSWORD", "kc-local-admin-secret"))
    _run(scenario, env)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(scenario):
    if scenario in NOT_YET_RUN:
        pytest.skip(NOT_YET_RUN[scenario])
    if scenario in NEEDS_ROOT and os.geteuid() != 0:
        pytest.skip("%s installs Keycloak as a service with a system user: run as root (CI does)" % scenario)
    if scenario in ON_LOCAL_KEYCLOAK:
        _on_local_keycloak(scenario)
        return
    pg_bin = server.postgresql_bin()
    assert pg_bin or scenario not in NEEDS_ROOT, "%s needs PostgreSQL (Debian: apt-get install postgresql)" % scenario
    oldest, newest = _read("OLDEST_VERSION"), _read("VERSION")
    dists = {os.path.dirname(_dist_zip(version)) for version in (oldest, newest)}
    assert len(dists) == 1, dists
    work = tempfile.mkdtemp(prefix="iam-keycloak-molecule-%s-" % scenario)
    os.chmod(work, 0o755)  # the Keycloak and PostgreSQL users traverse it
    names = ["PG_PORT", "HTTP_PORT", "MANAGEMENT_PORT", "HTTP_PORT_2", "MANAGEMENT_PORT_2", "JGROUPS_PORT",
             "JGROUPS_PORT_2"]
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""), KC_MOLECULE_WORK=work,
               KC_MOLECULE_OLDEST=oldest, KC_MOLECULE_NEWEST=newest, KC_MOLECULE_DIST_DIR=dists.pop(), KC_MOLECULE_PG_BIN=pg_bin or "")
    env.update(("KC_MOLECULE_" + name, str(port)) for name, port in zip(names, server.free_ports(len(names))))
    try:
        _run(scenario, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
