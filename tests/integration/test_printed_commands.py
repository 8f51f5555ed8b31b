# -*- coding: utf-8 -*-
"""What ``make demo`` tells a user to paste works as printed, from the repository's folder (issue 16).

The command runs through a shell in the repository with none of the Makefile's Ansible settings in
its environment (a user pastes it into a fresh terminal), against the local server; the demo
playbook in check mode plans without a failure.
"""

import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "scripts"))
import demo  # noqa: E402  pylint: disable=wrong-import-position,import-error

ADMIN_USER = os.environ["KEYCLOAK_ADMIN_USER"]
ADMIN_PASSWORD = os.environ["KEYCLOAK_ADMIN_PASSWORD"]


def test_demo_run_it_yourself_command(keycloak_url):
    command = demo.yourself_command(keycloak_url, ADMIN_USER, ADMIN_PASSWORD)
    assert command.startswith("ANSIBLE_COLLECTIONS_PATH=.cache/collections ") and "examples/demo.yml" in command
    env = dict((name, value) for name, value in os.environ.items()
               if not name.startswith(("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_CONFIG", "KEYCLOAK_")))
    # What Ansible writes stays inside the repository, as under make (the user's ~/.ansible is never touched).
    env["ANSIBLE_HOME"] = os.path.join(REPO, ".cache", "ansible")
    demo.collections_path()  # the link make demo leaves
    result = subprocess.run(["bash", "-c", command], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    counts = demo.recap(result.stdout)
    assert counts is not None and counts[2] == 0, result.stdout[-3000:]
    assert ADMIN_PASSWORD not in result.stdout
