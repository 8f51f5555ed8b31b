# -*- coding: utf-8 -*-
"""A play that builds a new realm can be dry-run: with --check --diff on a server without the
realm, every task plans (changed, with its diff) and warns about what an earlier task creates;
nothing is written. The same play for real then builds it, and a rerun changes nothing."""

import os
import subprocess
import sys
import textwrap
import uuid

BIN = os.path.dirname(sys.executable)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PLAY = textwrap.dedent("""\
    - hosts: localhost
      gather_facts: false
      module_defaults:
        group/iam.keycloak.keycloak:
          auth_keycloak_url: "{url}"
          auth_username: "{user}"
          auth_password: "{password}"
          realm: {realm}
      tasks:
        - iam.keycloak.keycloak_realm: {{display_name: Dry run}}
        - iam.keycloak.keycloak_role: {{name: auditor}}
        - iam.keycloak.keycloak_group: {{path: /employees}}
        - iam.keycloak.keycloak_client_scope: {{name: department}}
        - iam.keycloak.keycloak_client:
            client_id: portal
            redirect_uris: [https://portal.example.org/cb, https://portal.example.org/cb]
            default_client_scopes: [department]
        - iam.keycloak.keycloak_user:
            username: jane
            groups: [/employees]
            realm_roles: [auditor]
        - iam.keycloak.keycloak_role_mapping: {{group: /employees, realm_roles: [auditor]}}
        - iam.keycloak.keycloak_user_info: {{username: jane}}
    """)


def play(tmp_path, keycloak_url, realm, *flags):
    path = tmp_path / "play.yml"
    path.write_text(PLAY.format(url=keycloak_url, realm=realm, user=os.environ["KEYCLOAK_ADMIN_USER"],
                                password=os.environ["KEYCLOAK_ADMIN_PASSWORD"]))
    command = [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", "ansible_python_interpreter=%s" % sys.executable, str(path)] + list(flags)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, ".cache", "collections"), ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_NOCOLOR="1")
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return result.returncode, result.stdout + result.stderr


def recap(output):
    line = [text for text in output.splitlines() if text.startswith("localhost")][-1]
    return dict((key, int(value)) for key, value in (item.split("=") for item in line.split()[2:]))


def test_dry_run_of_a_new_realm_plans_every_task(tmp_path, keycloak_url, admin):
    realm = "dry-%s" % uuid.uuid4().hex[:6]
    try:
        code, output = play(tmp_path, keycloak_url, realm, "--check", "--diff")
        assert code == 0, output[-4000:]
        counts = recap(output)
        assert counts["failed"] == 0 and counts["changed"] == 7, (counts, output[-4000:])
        assert realm not in [item["realm"] for item in admin.get_realms()], "check mode created the realm"
        folded = " ".join(output.split())
        for missing in ("realm '%s' does not exist" % realm, "group '/employees' does not exist"):
            assert missing in folded, (missing, output[-4000:])
        # The diff of the planned client, with its redirect URI once.
        assert folded.count("https://portal.example.org/cb") >= 1

        code, output = play(tmp_path, keycloak_url, realm, "--diff")
        assert code == 0, output[-4000:]
        assert recap(output)["changed"] == 7, output[-4000:]
        code, output = play(tmp_path, keycloak_url, realm)
        assert code == 0 and recap(output)["changed"] == 0, output[-4000:]
    finally:
        try:
            admin.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass
