# -*- coding: utf-8 -*-
"""No secret reaches Ansible's output, at the highest verbosity, with --diff, in check mode or not."""

import os
import sys
import textwrap
import uuid

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "modules"))
from harness import run_playbook  # noqa: E402  pylint: disable=import-error,wrong-import-position

SECRETS = {
    "smtp": "Smtp-Secret-%s" % uuid.uuid4().hex[:8],
    "client": "Client-Secret-%s" % uuid.uuid4().hex[:8],
    "user": "User-Secret-%s" % uuid.uuid4().hex[:8],
}


def playbook(realm):
    return textwrap.dedent("""\
        - hosts: localhost
          gather_facts: false
          module_defaults:
            group/iam.keycloak.keycloak:
              auth_keycloak_url: "{url}"
              auth_username: "{admin_user}"
              auth_password: "{admin_password}"
          tasks:
            - iam.keycloak.keycloak_realm:
                realm: {realm}
                smtp_server: {{host: smtp.example.com, from: sso@example.com, auth: true, user: sso, password: "{smtp}"}}
                update_password: always
            - iam.keycloak.keycloak_client:
                realm: {realm}
                client_id: leaky
                public_client: false
                secret: "{client}"
            - iam.keycloak.keycloak_user:
                realm: {realm}
                username: leaky-user
                password: "{user}"
                update_password: always
            - iam.keycloak.keycloak_client_info:
                realm: {realm}
                client_id: leaky
            - iam.keycloak.keycloak_realm_info:
                realm: {realm}
            - iam.keycloak.keycloak_user_info:
                realm: {realm}
                username: leaky-user
                include: [credentials]
        """)


def test_no_secret_in_verbose_diff_output(tmp_path, keycloak_url, admin):
    realm = "leak-%s" % uuid.uuid4().hex[:6]
    path = tmp_path / "play.yml"
    path.write_text(playbook(realm).format(url=keycloak_url, realm=realm, admin_user=os.environ["KEYCLOAK_ADMIN_USER"],
                                           admin_password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], **SECRETS))
    try:
        for check in (True, False, False):
            result = run_playbook(str(path), check)
            output = result.stdout + result.stderr
            if not check:
                assert result.returncode == 0, output[-3000:]
            for name, secret in SECRETS.items():
                assert secret not in output, "the %s secret leaked (check=%s)" % (name, check)
            assert os.environ["KEYCLOAK_ADMIN_PASSWORD"] not in output
        # The secrets did reach Keycloak.
        assert admin.get_realm(realm)["smtpServer"]["password"] == "**********"
        in_realm = KeycloakAdmin(server_url=keycloak_url, realm_name=realm, user_realm_name="master",
                                 username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"])
        assert in_realm.get_client_secrets(in_realm.get_client_id("leaky"))["value"] == SECRETS["client"]
    finally:
        admin.delete_realm(realm)
