# -*- coding: utf-8 -*-
"""One login per play: the iam.keycloak.keycloak_token lookup logs in once, every task uses its token through
module_defaults, and tasks that run after the access token expired get a new one with the refresh token before their
first request.

The login realm's access tokens live 10 s here (the master realm's default is 60 s); the play pauses past that.
Every request goes through the recording proxy, which counts the token requests and the refusals.
"""

import os
import subprocess
import sys
import time
import uuid

import yaml

from proxy import Proxy  # tests/keycloak  pylint: disable=import-error
from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

TOKEN_PATH = "/protocol/openid-connect/token"
OPERATOR_PASSWORD = "Operator-secret-1"


def play(url, realm):
    connection = {"auth_keycloak_url": url, "token": "{{ keycloak_login.token }}", "refresh_token": "{{ keycloak_login.refresh_token }}",
                  "auth_realm": realm, "realm": realm}
    # The login has a play of its own, as the guide shows (ansible-core 2.16 templates a play's module_defaults for the set_fact too).
    return [{
        "name": "Log in", "hosts": "localhost", "gather_facts": False,
        "tasks": [
            {"name": "Log in once", "no_log": True, "ansible.builtin.set_fact": {
                "keycloak_login": "{{ lookup('iam.keycloak.keycloak_token', auth_keycloak_url='%s', auth_realm='%s', "
                                  "auth_username='operator', auth_password='%s') }}" % (url, realm, OPERATOR_PASSWORD)}},
        ],
    }, {
        "name": "One login", "hosts": "localhost", "gather_facts": False,
        "module_defaults": {"group/iam.keycloak.keycloak": connection},
        "tasks": [
            {"name": "Roles with that login", "iam.keycloak.keycloak_role": {"name": "{{ item }}"}, "loop": ["first", "second", "third"]},
            {"name": "Outlive the access token", "ansible.builtin.pause": {"seconds": 12}},
            {"name": "Roles after it expired", "iam.keycloak.keycloak_role": {"name": "{{ item }}"}, "loop": ["fourth", "fifth"]},
        ],
    }]


def test_a_play_logs_in_once_and_refreshes_after_expiry(keycloak_url, tmp_path):
    admin = KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                          realm_name="master")
    realm = "token-%s" % uuid.uuid4().hex[:6]
    admin.create_realm({"realm": realm, "enabled": True, "accessTokenLifespan": 10})
    try:
        admin.change_current_realm(realm)
        operator = admin.create_user({"username": "operator", "enabled": True, "email": "operator@example.com", "emailVerified": True,
                                      "firstName": "Op", "lastName": "Erator",
                                      "credentials": [{"type": "password", "value": OPERATOR_PASSWORD, "temporary": False}]})
        management = admin.get_client_id("realm-management")
        admin.assign_client_role(operator, management, [admin.get_client_role(management, "realm-admin")])
        with Proxy(keycloak_url) as proxy:
            path = tmp_path / "play.yml"
            path.write_text(yaml.safe_dump(play(proxy.url, realm), sort_keys=False))
            env = dict(os.environ, ANSIBLE_FORCE_COLOR="0")
            for name in list(env):
                if name.startswith("KEYCLOAK_"):
                    del env[name]  # the play logs in through the lookup alone
            done = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
                                   "-e", "ansible_python_interpreter=%s" % sys.executable, str(path)],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False, timeout=600)
            time.sleep(0.2)
        assert done.returncode == 0, done.stdout[-4000:]
        tokens = [answer for answer in proxy.answers if answer[1].endswith(TOKEN_PATH)]
        refused = [answer for answer in proxy.answers if answer[2] == 401]
        # The login, then one refresh for each task that ran after the access token expired, before its first request:
        # the task reads the token's expiry from the token, so the server refuses nothing.
        assert len(tokens) == 3 and all(answer[2] == 200 for answer in tokens), tokens
        assert refused == [], "\n".join("%s %s %s" % answer[:3] for answer in proxy.answers)
        assert OPERATOR_PASSWORD not in done.stdout
        admin.change_current_realm(realm)
        assert {"first", "second", "third", "fourth", "fifth"} <= set(role["name"] for role in admin.get_realm_roles())
        print("\none login for 5 tasks: %d requests, %d token requests, %d refused" % (len(proxy.answers), len(tokens), len(refused)))
    finally:
        admin.change_current_realm("master")
        admin.delete_realm(realm)
