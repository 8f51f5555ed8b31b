# -*- coding: utf-8 -*-
"""A play that builds a new realm can be dry-run: with --check --diff on a server without the
realm, every task plans (changed, with its diff) against what the earlier tasks plan (the play's
plan, kept by the collection's action plugin), silently; nothing is written. The same play for
real then builds it, and a rerun changes nothing. A typo (a group no task creates) fails the dry
run naming it, as the real run would; ``keycloak_play_plan: warn`` plans it with a warning. A
flow an earlier task unbinds from the realm may be deleted in the same dry run."""

import copy
import os
import subprocess
import sys
import textwrap
import uuid

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

BIN = os.path.dirname(sys.executable)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Every play of the test: one host, the admin login and the realm for every module of the collection.
HEADER = textwrap.dedent("""\
    - hosts: localhost
      gather_facts: false
      module_defaults:
        group/iam.keycloak.keycloak:
          auth_keycloak_url: "{url}"
          auth_username: "{user}"
          auth_password: "{password}"
          realm: {realm}
      tasks:
    """)


def tasks(text):
    """A play's tasks, under HEADER's ``tasks:``."""
    return textwrap.indent(textwrap.dedent(text), "  ")


PLAY = HEADER + tasks("""\
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
            groups: ["{group}"]
            realm_roles: [auditor]
        - iam.keycloak.keycloak_role_mapping: {{group: /employees, realm_roles: [auditor]}}
        - iam.keycloak.keycloak_user_info: {{username: jane}}
    """)


FLOWS = HEADER + tasks("""\
        - iam.keycloak.keycloak_realm: {{browser_flow: "{group}"}}
        - iam.keycloak.keycloak_flow: {{alias: custom browser, state: absent}}
    """)


SETUP = HEADER + tasks("""\
        - iam.keycloak.keycloak_realm: {{display_name: Flows}}
        - iam.keycloak.keycloak_flow: {{alias: custom browser, copy_from: browser, bind_as: [browser]}}
    """)


def play(tmp_path, keycloak_url, realm, *flags, group="/employees", text=PLAY):
    path = tmp_path / "play.yml"
    path.write_text(text.format(url=keycloak_url, realm=realm, user=os.environ["KEYCLOAK_ADMIN_USER"],
                                password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], group=group))
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
        # What an earlier task plans is known: no warning that it is assumed.
        assert "does not exist" not in folded and "[WARNING]" not in folded.replace("[WARNING]: No inventory", ""), output[-4000:]
        # The diff of the planned client, with its redirect URI once.
        assert folded.count("https://portal.example.org/cb") >= 1
        # A typo: no task creates the group, so the dry run fails there, naming it (the real run would fail too).
        code, output = play(tmp_path, keycloak_url, realm, "--check", group="/employes")
        assert code != 0 and recap(output)["failed"] == 1 and recap(output)["changed"] == 5, output[-4000:]
        assert "group '/employes' does not exist, and no earlier task of the play creates it" in " ".join(output.split()), output[-4000:]
        # Turned off: planned as if something created it, with a warning.
        code, output = play(tmp_path, keycloak_url, realm, "--check", "-e", "keycloak_play_plan=warn", group="/employes")
        assert code == 0 and recap(output)["changed"] == 7, output[-4000:]
        assert "group '/employes' does not exist; planned as if an earlier task creates it" in " ".join(output.split()), output[-4000:]
        assert realm not in [item["realm"] for item in admin.get_realms()], "check mode created the realm"

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


def test_a_flow_an_earlier_task_unbinds_may_be_deleted_in_the_dry_run(tmp_path, keycloak_url, admin):
    realm = "dry-%s" % uuid.uuid4().hex[:6]
    try:
        code, output = play(tmp_path, keycloak_url, realm, text=SETUP)
        assert code == 0, output[-4000:]
        # Still bound by the first task: the dry run refuses the delete, as the real run would.
        code, output = play(tmp_path, keycloak_url, realm, "--check", group="custom browser", text=FLOWS)
        assert code != 0 and "still in use, so not deleted: the realm's browser flow" in " ".join(output.split()), output[-4000:]
        # The first task binds the built-in flow again: the delete is planned, and the real run does it.
        code, output = play(tmp_path, keycloak_url, realm, "--check", group="browser", text=FLOWS)
        assert code == 0 and recap(output)["changed"] == 2, output[-4000:]
        code, output = play(tmp_path, keycloak_url, realm, group="browser", text=FLOWS)
        assert code == 0 and recap(output)["changed"] == 2, output[-4000:]
        kc = KeycloakAdmin(connection=copy.copy(admin.connection))
        kc.change_current_realm(realm)
        assert "custom browser" not in [flow["alias"] for flow in kc.get_authentication_flows()]
    finally:
        try:
            admin.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass


LOOP = HEADER + tasks("""\
        - iam.keycloak.keycloak_realm: {{display_name: Loop}}
        - iam.keycloak.keycloak_group: {{path: "{{{{ item }}}}"}}
          loop: [/a, /a/b, "{group}"]
        - iam.keycloak.keycloak_user: {{username: jane, groups: [/a/b/c]}}
    """)


def test_a_loop_plans_item_after_item(tmp_path, keycloak_url, admin):
    """Each item of a loop sees what the items before it plan (a subgroup's parent); the task after it sees every item."""
    realm = "dry-%s" % uuid.uuid4().hex[:6]
    code, output = play(tmp_path, keycloak_url, realm, "--check", group="/a/b/c", text=LOOP)
    assert code == 0 and recap(output)["changed"] == 3, output[-4000:]
    code, output = play(tmp_path, keycloak_url, realm, "--check", group="/a/b/d", text=LOOP)
    assert code != 0 and "group '/a/b/c' does not exist, and no earlier task of the play creates it" in " ".join(output.split()), output[-4000:]
    assert realm not in [item["realm"] for item in admin.get_realms()]


WHOLE_REALM = HEADER + tasks("""\
        - iam.keycloak.keycloak_realm: {{display_name: Whole realm}}
        - iam.keycloak.keycloak_realm_config:
            config: {{realm: {realm}, roles: {{realm: [{{name: auditor}}]}}, groups: [{{name: staff, subGroups: [{{name: paris}}]}}]}}
        - iam.keycloak.keycloak_realm_import:
            realm: {realm}-imported
            representation: {{realm: {realm}-imported, groups: [{{name: lyon}}]}}
        - iam.keycloak.keycloak_user: {{username: jane, groups: ["{group}"], realm_roles: [auditor]}}
        - iam.keycloak.keycloak_user: {{realm: {realm}-imported, username: joe, groups: [/lyon]}}
    """)


def test_what_a_whole_realm_task_creates_may_be_named_by_the_tasks_after_it(tmp_path, keycloak_url, admin):
    realm = "dry-%s" % uuid.uuid4().hex[:6]
    # The realm's own task first (as make demo's play, then its realm role, do): the document plans the realm's create too.
    code, output = play(tmp_path, keycloak_url, realm, "--check", group="/staff/paris", text=WHOLE_REALM)
    assert code == 0 and recap(output)["changed"] == 5, output[-4000:]
    assert "does not exist" not in " ".join(output.split()), output[-4000:]
    code, output = play(tmp_path, keycloak_url, realm, "--check", group="/staff/pariss", text=WHOLE_REALM)
    assert code != 0 and "group '/staff/pariss' does not exist, and no earlier task of the play creates it" in " ".join(output.split()), output[-4000:]
    existing = [item["realm"] for item in admin.get_realms()]
    assert realm not in existing and realm + "-imported" not in existing
