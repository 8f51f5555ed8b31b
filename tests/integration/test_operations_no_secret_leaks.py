# -*- coding: utf-8 -*-
"""No secret an operation handles reaches Ansible's output, at the highest verbosity, with --diff, in check mode or not.

The operations that return a secret do so only from a no_log task: the secret is registered and handed to the
next task without being printed.
"""

import copy
import os
import sys
import textwrap
import uuid

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "modules"))
from harness import run_playbook  # noqa: E402  pylint: disable=import-error,wrong-import-position

SECRETS = {
    "client": "Client-Secret-%s" % uuid.uuid4().hex[:8],
    "password": "User-Password-%s" % uuid.uuid4().hex[:8],
}


def playbook(realm, folder):
    return textwrap.dedent("""\
        - hosts: localhost
          gather_facts: false
          module_defaults:
            group/iam.keycloak.keycloak:
              auth_keycloak_url: "{url}"
              auth_username: "{admin_user}"
              auth_password: "{admin_password}"
              realm: {realm}
          tasks:
            - iam.keycloak.keycloak_realm:
                realm: {realm}
                events_enabled: true
                admin_events_enabled: true
                admin_events_details_enabled: true
            - iam.keycloak.keycloak_client:
                client_id: leaky
                public_client: false
                service_accounts_enabled: true
                secret: "{client}"
            - iam.keycloak.keycloak_user:
                username: leaky-user
                email: leaky@example.com
                first_name: Leaky
                last_name: User
            - iam.keycloak.keycloak_client_secret:
                client_id: leaky
            - iam.keycloak.keycloak_client_secret:
                client_id: leaky
                return_secret: true
              no_log: true
              register: read_secret
            - name: The secret handed on to a later task, through a no_log option
              iam.keycloak.keycloak_client:
                client_id: leaky
                secret: "{{{{ read_secret.secret | default('x') }}}}"
            - iam.keycloak.keycloak_client_secret:
                client_id: leaky
                action: regenerate
                return_secret: true
              no_log: true
              register: new_secret
            - ansible.builtin.copy:
                dest: "{folder}/secret"
                content: "{{{{ new_secret.secret | default('x') }}}}"
                mode: "0600"
              no_log: true
            - iam.keycloak.keycloak_client_installation:
                client_id: leaky
            - iam.keycloak.keycloak_client_installation:
                client_id: leaky
                provider: keycloak-oidc-jboss-subsystem
            - iam.keycloak.keycloak_initial_access_token:
                count: 1
              no_log: true
              register: token
            - iam.keycloak.keycloak_initial_access_token:
                action: list
            - iam.keycloak.keycloak_user_action:
                username: leaky-user
                action: set_password
                password: "{password}"
            - iam.keycloak.keycloak_realm_export:
                include_clients: true
                dest: "{folder}/export.json"
            - iam.keycloak.keycloak_events_info:
                type: admin
            - iam.keycloak.keycloak_session_info:
                client_id: leaky
        """)


def test_no_operation_secret_in_verbose_diff_output(tmp_path, keycloak_url, admin):
    realm = "ops-leak-%s" % uuid.uuid4().hex[:6]
    path = tmp_path / "play.yml"
    path.write_text(playbook(realm, tmp_path).format(url=keycloak_url, realm=realm, folder=tmp_path, admin_user=os.environ["KEYCLOAK_ADMIN_USER"],
                                                     admin_password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], **SECRETS))
    outputs = []
    try:
        for check in (True, False):
            result = run_playbook(str(path), check)
            output = result.stdout + result.stderr
            if not check:
                assert result.returncode == 0, output[-4000:]
            outputs.append(output)
        in_realm = KeycloakAdmin(connection=copy.copy(admin.connection))
        in_realm.change_current_realm(realm)
        regenerated = in_realm.get_client_secrets(in_realm.get_client_id("leaky"))["value"]
        assert (tmp_path / "secret").read_text() == regenerated, "the registered secret was not handed on"
        for output in outputs:
            for name, secret in dict(SECRETS, regenerated=regenerated).items():
                assert secret not in output, "the %s secret leaked" % name
            assert "eyJhbGci" not in output, "a token leaked"
            assert os.environ["KEYCLOAK_ADMIN_PASSWORD"] not in output
    finally:
        try:
            admin.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass
