# -*- coding: utf-8 -*-
"""No secret reaches Ansible's output, at the highest verbosity, with --diff, in check mode or not."""

import json
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


def play(tasks):
    """A play on localhost whose Keycloak tasks log in through module_defaults (a format string: url, admin_user,
    admin_password); ``tasks`` is the YAML of its tasks, indented as it likes."""
    return textwrap.dedent("""\
        - hosts: localhost
          gather_facts: false
          module_defaults:
            group/iam.keycloak.keycloak:
              auth_keycloak_url: "{url}"
              auth_username: "{admin_user}"
              auth_password: "{admin_password}"
          tasks:
        """) + textwrap.indent(textwrap.dedent(tasks), "    ")


def playbook(realm):
    return play("""\
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


# Ansible writes "Invoked with <the task's arguments>" to the system log (journal or syslog) of the host a module runs
# on, as the module starts. This machine has no /dev/log: a sitecustomize of the module's interpreter records instead.
SYSLOG_RECORDER = textwrap.dedent("""\
    import syslog

    def _record(*args):
        with open({path!r}, "a") as handle:
            handle.write("%r\\n" % (args,))

    syslog.syslog = _record
    syslog.openlog = lambda *args, **kwargs: _record("openlog", *args)
    """)

LOGGED = {
    "document-user": "Doc-User-Secret-%s" % uuid.uuid4().hex[:8],
    "document-client": "Doc-Client-Secret-%s" % uuid.uuid4().hex[:8],
    "document-idp": "Doc-Idp-Secret-%s" % uuid.uuid4().hex[:8],
    "document-smtp": "Doc-Smtp-Secret-%s" % uuid.uuid4().hex[:8],
    "representation": "Representation-Secret-%s" % uuid.uuid4().hex[:8],
    "idp-config": "Idp-Config-Secret-%s" % uuid.uuid4().hex[:8],
}


def test_no_secret_in_the_system_log(tmp_path, keycloak_url, admin, monkeypatch):
    """Secrets inside maps (a realm document, a representation, an IdP's config) have no option of their own to carry
    no_log, and Ansible logs the arguments before a module can name them: they are masked by key in that log."""
    realm = "syslog-%s" % uuid.uuid4().hex[:6]
    log = tmp_path / "syslog.txt"
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SYSLOG_RECORDER.format(path=str(log)))
    monkeypatch.setenv("PYTHONPATH", str(site) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    path = tmp_path / "play.yml"
    path.write_text(play("""\
            - iam.keycloak.keycloak_realm_config:
                realm: {realm}
                config:
                  realm: {realm}
                  enabled: true
                  smtpServer: {{host: smtp.example.com, from: sso@example.com, auth: "true", user: sso, password: "{document-smtp}"}}
                  clients:
                    - {{clientId: logged, publicClient: false, secret: "{document-client}"}}
                  identityProviders:
                    - {{alias: logged-idp, providerId: oidc, config: {{clientId: sso, clientSecret: "{document-idp}",
                        authorizationUrl: "https://idp.example.com/auth", tokenUrl: "https://idp.example.com/token"}}}}
                  users:
                    - {{username: logged-user, enabled: true, credentials: [{{type: password, value: "{document-user}"}}]}}
            - iam.keycloak.keycloak_client:
                realm: {realm}
                client_id: represented
                public_client: false
                representation: {{secret: "{representation}"}}
            # Ansible shows the lines above a failed task: keep the secrets away from it.
            - ansible.builtin.debug:
                msg: a task between
            # Refused (the secret belongs in client_secret), but Ansible logged the arguments before the module saw them.
            - iam.keycloak.keycloak_identity_provider:
                realm: {realm}
                alias: configured
                provider_id: oidc
                config: {{clientId: sso, clientSecret: "{idp-config}", authorizationUrl: "https://idp.example.com/auth",
                          tokenUrl: "https://idp.example.com/token"}}
              ignore_errors: true
        """).format(url=keycloak_url, realm=realm, admin_user=os.environ["KEYCLOAK_ADMIN_USER"],
                    admin_password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], **LOGGED))
    try:
        for check in (True, False):
            result = run_playbook(str(path), check)
            output = result.stdout + result.stderr
            (tmp_path / ("output-check.txt" if check else "output.txt")).write_text(output)
            assert result.returncode == 0, output[-3000:]
            for name, secret in LOGGED.items():
                assert secret not in output, "the %s secret leaked into the output (check=%s)" % (name, check)
        logged = log.read_text()
        # The arguments were logged (each module's start), without a secret.
        for module in ("keycloak_realm_config", "keycloak_client", "keycloak_identity_provider"):
            assert "ansible-iam.keycloak.%s" % module in logged
        assert logged.count("Invoked with") >= 6, logged[:2000]
        assert "logged-user" in logged and "represented" in logged
        for name, secret in LOGGED.items():
            assert secret not in logged, "the %s secret reached the system log" % name
        assert os.environ["KEYCLOAK_ADMIN_PASSWORD"] not in logged
        # The secrets did reach Keycloak.
        in_realm = KeycloakAdmin(server_url=keycloak_url, realm_name=realm, user_realm_name="master",
                                 username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"])
        assert in_realm.get_client_secrets(in_realm.get_client_id("logged"))["value"] == LOGGED["document-client"]
        assert in_realm.get_client_secrets(in_realm.get_client_id("represented"))["value"] == LOGGED["representation"]
    finally:
        if realm in [found["realm"] for found in admin.get_realms()]:
            admin.delete_realm(realm)


def test_no_password_of_a_big_document_in_the_output(tmp_path, keycloak_url):
    """A document with more secrets than realm_config names to Ansible (SECRET_VALUES_LIMIT): masked by key all the same."""
    realm = "bigdoc-%s" % uuid.uuid4().hex[:6]
    passwords = ["Big-Doc-Password-%03d-%s" % (number, uuid.uuid4().hex[:6]) for number in range(120)]
    document = {"realm": realm, "enabled": True,
                "users": [{"username": "user-%03d" % number, "enabled": True, "credentials": [{"type": "password", "value": password}]}
                          for number, password in enumerate(passwords)]}
    variables = tmp_path / "vars.json"
    variables.write_text(json.dumps({"document": document}))
    path = tmp_path / "play.yml"
    path.write_text(textwrap.dedent("""\
        - hosts: localhost
          gather_facts: false
          tasks:
            - iam.keycloak.keycloak_realm_config:
                auth_keycloak_url: "{url}"
                auth_username: "{admin_user}"
                auth_password: "{admin_password}"
                realm: {realm}
                config: "{{{{ document }}}}"
        """).format(url=keycloak_url, realm=realm, admin_user=os.environ["KEYCLOAK_ADMIN_USER"],
                    admin_password=os.environ["KEYCLOAK_ADMIN_PASSWORD"]))
    # Check mode: the realm does not exist, so nothing is written, and the whole document is planned and echoed.
    result = run_playbook(str(path), True, variables=str(variables))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "user-119" in output
    leaked = [password for password in passwords if password in output]
    assert not leaked, "%d password(s) leaked, the first: %s" % (len(leaked), leaked[0])
