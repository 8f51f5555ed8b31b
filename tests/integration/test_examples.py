# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module's EXAMPLES run against the local Keycloak, and each task is idempotent.

The test finds every module in ``plugins/modules`` (a new module is tested the day it lands),
reads its ``EXAMPLES`` without importing it, and runs them as one play through ansible-runner:

* the connection comes from ``module_defaults: group/iam.keycloak.keycloak`` (a task that sets
  ``auth_keycloak_url`` itself gets the local server's URL instead of the example's);
* every realm an example names (``acme``, ``acme-staging``) becomes a fresh realm of its own,
  created before the play (unless the examples create it) and deleted after;
* the objects the examples refer to but do not create are made first (``TABLE``: fixtures);
* each task runs for real and is then run again at once: the second run must report
  ``changed: false``, unless ``TABLE`` says the task always changes, and why. A task the test
  server cannot run (a preview feature it does not enable) is named in ``TABLE`` with the reason.

An example that does not run is a bug in the example (or in the module).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import copy
import json
import os
import re
import sys
import time
import uuid

import pytest
import yaml

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

ansible_runner = pytest.importorskip("ansible_runner")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = os.path.join(REPO, "plugins", "modules")
BIN = os.path.dirname(sys.executable)
CONNECTION = ("auth_keycloak_url", "url")
GROUP = "group/iam.keycloak.keycloak"
RESULT_EVENTS = ("runner_on_ok", "runner_on_failed", "runner_on_skipped", "runner_on_unreachable")

# The variables the examples use, with the values the local server needs.
EXAMPLE_VARS = {
    "portal_client_secret": "portal-client-secret-example-1",
    "smtp_password": "smtp-password-example-1",
    "new_smtp_password": "smtp-password-example-2",
    "initial_password": "Initial-password-example-1",
    "new_password": "New-password-example-2",
    "temporary_password": "Temporary-password-example-3",
    "vault_ansible_client_secret": "ansible-client-secret-example-1",
    "corp_oidc_client_secret": "corp-oidc-secret-example-1",
    "corp_oidc_new_client_secret": "corp-oidc-secret-example-2",
    "github_client_secret": "github-secret-example-1",
    "vault_password": "vault-password-example-1",
    "ldap_bind_password": "ldap-bind-password-example-1",
    "new_ldap_bind_password": "ldap-bind-password-example-2",
    # An id no resource has: the example reads null (tests/integration/modules/test_keycloak_client_authz_info.py reads a real one).
    "event_resource_id": "00000000-0000-4000-8000-000000000000",
}
# Variables that name a folder the examples write into: each run gets folders of its own.
FOLDER_VARS = ("ci_secrets_dir", "backup_dir", "app_config_dir")
# Server addresses the examples use, replaced by the local server's in every string.
EXAMPLE_SERVERS = ("https://sso.example.com", "http://localhost:8080")


class MailSink:
    """A minimal SMTP server on 127.0.0.1 that accepts every message, for the e-mail examples."""

    def __init__(self):
        import socketserver
        import threading

        messages = self.messages = []

        class Session(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write(line.encode("ascii") + b"\r\n")

            def handle(self):
                self.reply("220 sink ESMTP")
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    verb = line.decode("ascii", "replace").strip().split(" ")[0].upper()
                    if verb == "EHLO":
                        self.reply("250-sink")
                        self.reply("250 8BITMIME")
                    elif verb == "DATA":
                        self.reply("354 end with <CR><LF>.<CR><LF>")
                        body = []
                        for data in iter(self.rfile.readline, b""):
                            if data in (b".\r\n", b".\n"):
                                break
                            body.append(data)
                        messages.append(b"".join(body))
                        self.reply("250 queued")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 ok")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Context:
    """What a Python fixture gets: the admin client, the realm names, and the run's folders."""

    def __init__(self, admin, realms, url, private):
        self.admin, self.realms, self.url, self.private = admin, realms, url, private
        # What a fixture puts in place of the example's own values: strings, and variables.
        self.replacements, self.variables = {}, {}

    def in_realm(self, name):
        self.admin.change_current_realm(self.realms[name])
        return self.admin


def _role(name, realm="acme", **extra):
    return {"iam.keycloak.keycloak_role": dict({"realm": realm, "name": name}, **extra)}


def _client(client_id, realm="acme", **extra):
    return {"iam.keycloak.keycloak_client": dict({"realm": realm, "client_id": client_id}, **extra)}


def _group(path, realm="acme", **extra):
    return {"iam.keycloak.keycloak_group": dict({"realm": realm, "path": path, "parents": "create"}, **extra)}


def _user(username, realm="acme", **extra):
    return {"iam.keycloak.keycloak_user": dict({"realm": realm, "username": username}, **extra)}


def _idp(alias, provider):
    """A Python fixture: an identity provider made with the admin client."""

    def make(ctx):
        ctx.in_realm("acme").create_idp({"alias": alias, "providerId": provider, "enabled": True,
                                         "config": {"clientId": "example", "clientSecret": "example-secret"}})

    return make


def _unmanaged_attributes(realm="acme"):
    """A Python fixture: the realm's user profile keeps attributes it does not declare."""

    def make(ctx):
        admin = ctx.in_realm(realm)
        profile = admin.get_user_profile_config()
        profile["unmanagedAttributePolicy"] = "ENABLED"
        admin.update_user_profile_config(profile)

    return make


def _mail(realm="acme"):
    """A Python fixture: the realm sends its e-mail to a local sink that accepts everything."""

    def make(ctx):
        sink = MailSink()
        ctx.in_realm(realm).update_realm(ctx.realms[realm], {"smtpServer": {
            "host": "127.0.0.1", "port": str(sink.port), "from": "sso@example.com"}})
        return sink.close

    return make


def _otp_user(username, realm="acme", **fields):
    """A Python fixture: a user with an OTP credential, as a partial import gives one (no browser enrolment needed)."""

    def make(ctx):
        otp = {"type": "otp", "userLabel": "phone", "secretData": '{"value":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}',
               "credentialData": '{"subType":"totp","digits":6,"counter":0,"period":30,"algorithm":"HmacSHA1"}'}
        ctx.in_realm(realm).partial_import_realm(ctx.realms[realm], {"ifResourceExists": "FAIL", "users": [
            dict({"username": username, "enabled": True, "credentials": [otp]}, **fields)]})

    return make


def _locked_user(username, password, realm="acme"):
    """A Python fixture: brute-force detection on, and one failed login that locks the user."""

    def make(ctx):
        import requests

        admin = ctx.in_realm(realm)
        admin.update_realm(ctx.realms[realm], {"bruteForceProtected": True, "failureFactor": 1,
                                               "waitIncrementSeconds": 600, "maxFailureWaitSeconds": 900})
        user_id = admin.get_user_id(username)
        admin.set_user_password(user_id, password, temporary=False)
        requests.post("%s/realms/%s/protocol/openid-connect/token" % (ctx.url, ctx.realms[realm]), timeout=30,
                      data={"grant_type": "password", "client_id": "admin-cli", "username": username,
                            "password": password + "-wrong"})
        # Keycloak records a failure off the login's own thread (26.0): the lock shows a moment later.
        deadline = time.time() + 15
        while not admin.get_bruteforce_detection_status(user_id).get("disabled") and time.time() < deadline:
            time.sleep(0.2)
        assert admin.get_bruteforce_detection_status(user_id).get("disabled"), "the fixture user is not locked"

    return make


def _execution_id(variable, flow_alias, authenticator, realm="acme"):
    """A Python fixture: the id of the execution of ``authenticator`` in flow ``flow_alias`` (sub-flows included) in ``variable``."""

    def make(ctx):
        rows = ctx.in_realm(realm).get_authentication_flow_executions(flow_alias)
        ctx.variables[variable] = next(row["id"] for row in rows if row.get("providerId") == authenticator)

    return make


def _master_service_account(client_id, secret):
    """A Python fixture: a service-account client in master with the admin role; removed afterwards."""

    def make(ctx):
        admin = ctx.admin
        admin.change_current_realm("master")
        existing = admin.get_client_id(client_id)
        if existing:
            admin.delete_client(existing)
        uuid_ = admin.create_client({"clientId": client_id, "publicClient": False, "secret": secret,
                                     "serviceAccountsEnabled": True, "standardFlowEnabled": False})
        account = admin.get_client_service_account_user(uuid_)
        admin.assign_realm_roles(account["id"], [admin.get_realm_role("admin")])

        def cleanup():
            admin.change_current_realm("master")
            admin.delete_client(uuid_)

        return cleanup

    return make


def _key_and_certificate(key_path=None, certificate_path=None):
    """A Python fixture: an RSA key (PEM) and a self-signed certificate for it, in the playbook's folder."""

    def make(ctx):
        import datetime  # pylint: disable=import-outside-toplevel

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "iam.keycloak example")])
        now = datetime.datetime.now(datetime.timezone.utc)
        certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                       .serial_number(x509.random_serial_number()).not_valid_before(now)
                       .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256()))
        files = {
            key_path: key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                        serialization.NoEncryption()),
            certificate_path: certificate.public_bytes(serialization.Encoding.PEM),
        }
        for path, content in files.items():
            if path:
                target = os.path.join(ctx.private, "project", path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(content)

    make.writes_files = True
    return make


def _file(path, content):
    """A Python fixture: a file in the playbook's folder; ``content`` may be a callable of the Context."""

    def make(ctx):
        target = os.path.join(ctx.private, "project", path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(content(ctx) if callable(content) else content)

    make.writes_files = True
    return make


def _export_folder(path, realm, settings, users):
    """A Python fixture: a folder as ``kc.sh export --dir`` writes it for the example's realm ``realm`` (its realm's file and
    one users file), with the test's realm name."""

    def make(ctx):
        name = ctx.realms[realm]
        target = os.path.join(ctx.private, "project", path)
        os.makedirs(target, exist_ok=True)
        for file_name, document in (("%s-realm.json" % name, dict(settings, realm=name)), ("%s-users-0.json" % name, {"realm": name, "users": users})):
            with open(os.path.join(target, file_name), "w", encoding="utf-8") as handle:
                json.dump(document, handle)

    make.writes_files = True
    return make


def _ldap():
    """A Python fixture: a private OpenLDAP (tests/ldap/server.py) in place of the examples' directory."""

    def make(ctx):
        import importlib.util  # pylint: disable=import-outside-toplevel

        spec = importlib.util.spec_from_file_location("ldap_test_server", os.path.join(REPO, "tests", "ldap", "server.py"))
        ldap = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(ldap)
        missing = ldap.available()
        if missing:
            pytest.skip("no local LDAP server for the user federation examples: %s" % missing)
        state = os.path.join(os.path.dirname(ctx.private), "ldap")
        previous = os.environ.get("LDAP_STATE_DIR")
        os.environ["LDAP_STATE_DIR"] = state
        try:
            url = ldap.start()
            password = ldap.bind_password()
        finally:
            _restore_env("LDAP_STATE_DIR", previous)
        # The examples' directory is ldaps://ldap.example.org with the suffix dc=example,dc=org, as the private one.
        ctx.replacements.update({"ldaps://ldap.example.org": url, "ldaps://ldap.example.com": url})
        ctx.variables.update(ldap_bind_password=password, new_ldap_bind_password=password)

        def cleanup():
            os.environ["LDAP_STATE_DIR"] = state
            try:
                ldap.stop()
            finally:
                _restore_env("LDAP_STATE_DIR", previous)

        return cleanup

    return make


def _restore_env(name, value):
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _folders(*paths):
    """A Python fixture: folders (under the run's own folder) that the examples write files into."""

    def make(ctx):
        for path in paths:
            os.makedirs(os.path.join(ctx.private, path), exist_ok=True)

    make.writes_files = True
    return make


# For each module whose examples need it, in the examples' own realm names:
#   fixtures        what the examples refer to without creating it: a task (run in a play before the
#                   examples) or a Python callable taking a Context, which may return a cleanup callable
#   always_changes  {task name: why its rerun reports a change}
#   not_run         {task name: why the test server cannot run it}
#   not_run_before  {task name: (the first Keycloak version that runs it, why older ones cannot)}
#   may_skip        {task name: why its `when` is false on the test server}
#   creates         realms the examples create themselves (not made beforehand)
#   check_mode_vars {variable: value} of the check-mode run
#   check_mode_stops_before  {task name: why}: the check-mode run on the empty realms ends before this task (the
#                   later ones may use what it registers): it needs what a fixture makes, or check mode cannot
#                   plan it yet (a gap to fix in the module, said so)
#   known_bug       why the examples cannot run yet: the test is expected to fail (strictly: it turns red once
#                   they run, so the entry goes)
TABLE = {
    "keycloak_attack_detection": {
        "fixtures": [_user("jane.doe"), _locked_user("jane.doe", "Jane-password-example-1")],
        "always_changes": {
            "After a credential-stuffing wave, clear every user's failures":
                "Keycloak keeps no list of locked users to compare with, so clearing all is sent every time",
        },
    },
    "keycloak_cache": {
        "always_changes": {
            "Clear the user cache after a bulk change in the user federation's directory":
                "a cache clear is sent every time it is asked; there is nothing to compare",
            "Fetch the identity providers' signing keys again after they rotated theirs":
                "a cache clear is sent every time it is asked; there is nothing to compare",
        },
    },
    "keycloak_client_certificate": {
        "fixtures": [_key_and_certificate(certificate_path="files/batch-jobs.crt")],
        "always_changes": {
            "Make Keycloak use the new certificate at once":
                "it runs again because the first upload changed; a cache clear is sent every time it is asked",
        },
    },
    "keycloak_component": {
        "fixtures": [_key_and_certificate(key_path="files/signing-key.pem")],
    },
    "keycloak_initial_access_token": {
        "always_changes": {
            "A token that lets the CI pipeline register up to 5 clients this week":
                "each run creates a new token (Keycloak shows a token only when it creates it)",
        },
    },
    "keycloak_client": {
        "fixtures": [
            {"iam.keycloak.keycloak_flow": {"realm": "acme", "alias": "browser with otp", "copy_from": "browser"}},
        ],
    },
    "keycloak_client_authz": {
        "check_mode_stops_before": {
            'One more policy for one permission; everything else stays as it is':
                'a gap of check mode, to fix in the module: a later task does not see the scopes an earlier task of the dry run plans for the permission',
        },
        "fixtures": [_role("auditor"), _client("billing"), _role("invoice-reader", client_id="billing"), _group("/staff")],
    },
    "keycloak_client_authz_info": {
        "fixtures": [
            _client("portal", public_client=False, service_accounts_enabled=True, authorization_services_enabled=True),
            _client("portal", realm="acme-staging", public_client=False, service_accounts_enabled=True,
                    authorization_services_enabled=True),
        ],
    },
    "keycloak_client_info": {
        "fixtures": [_client("portal", redirect_uris=["https://portal.example.com/*"]), _client("reporting-api")],
    },
    "keycloak_client_installation": {
        "fixtures": [_client("billing", public_client=False)],
    },
    "keycloak_client_scope": {
        "fixtures": [_role("staff"), _client("hr-app"), _role("reader", client_id="hr-app")],
    },
    "keycloak_client_scope_info": {
        "fixtures": [{"iam.keycloak.keycloak_client_scope": {"realm": "acme", "name": "department", "type": "optional"}}],
    },
    "keycloak_client_secret": {
        "fixtures": [_client("billing", public_client=False), _folders("project/host_vars/billing"),
                     {"iam.keycloak.keycloak_client_policies": {
                         "realm": "acme",
                         "profiles": [{"name": "rotate-secrets", "executors": [{"executor": "secret-rotation", "configuration": {
                             "expiration-period": 2592000, "rotated-expiration-period": 172800, "remaining-rotation-period": 864000}}]}],
                         "policies": [{"name": "confidential clients rotate", "profiles": ["rotate-secrets"], "conditions": [
                             {"condition": "client-access-type", "configuration": {"type": ["confidential"]}}]}]}}],
        "always_changes": {
            "Replace a leaked secret; the old one stops working now": "regenerate makes a new secret every time it is asked",
            "Rotate without downtime (needs a secret-rotation client policy); the old secret works for the grace period":
                "rotate makes a new secret every time it is asked",
        },
    },
    "keycloak_flow_info": {
        "check_mode_stops_before": {
            'The execution an admin event names (resourcePath authentication/executions/<id>), and the flow that holds it':
                'what a fixture makes on the server (the id of an execution), which the empty realm of the check-mode run has not',
        },
        "fixtures": [_execution_id("event_execution_id", "browser", "auth-username-password-form")],
    },
    "keycloak_group": {
        "fixtures": [_role("developer"), _client("grafana"), _role("viewer", client_id="grafana")],
        "not_run_before": {
            "Describe the group (not on Keycloak 26.0, whose groups have no description)":
                ((26, 1), "Keycloak 26.0 groups have no description: the module refuses the task before any write"),
        },
    },
    "keycloak_group_info": {
        "fixtures": [_group("/engineering/backend/on call")],
    },
    "keycloak_identity_provider": {
        "always_changes": {
            "Rotate the client secret (reports a change on every run)":
                "update_secret: always sends the secret every run; Keycloak never returns it to compare",
        },
    },
    "keycloak_identity_provider_info": {
        "fixtures": [{"iam.keycloak.keycloak_identity_provider": {
            "realm": "acme", "alias": "corp-oidc", "provider_id": "oidc", "client_secret": "corp-oidc-secret-example-1",
            "config": {"clientId": "keycloak-acme", "authorizationUrl": "https://login.corp.example.com/authorize",
                       "tokenUrl": "https://login.corp.example.com/token"},
            "mappers": [{"name": "department", "identity_provider_mapper": "oidc-user-attribute-idp-mapper",
                         "config": {"syncMode": "INHERIT", "claim": "department", "user.attribute": "department"}}]}}],
    },
    "keycloak_management_permissions": {
        "fixtures": [
            {"iam.keycloak.keycloak_realm": {"realm": "acme", "admin_permissions_enabled": True}},
            _group("/help desk"), _group("/group admins"), _group("/engineering"), _group("/sales"),
            {"iam.keycloak.keycloak_client_authz": {"realm": "acme", "client_id": "admin-permissions", "policies": [
                {"name": "help desk members", "type": "group", "groups": [{"path": "/help desk"}]},
                {"name": "group admins", "type": "group", "groups": [{"path": "/group admins"}]}]}},
        ],
        "not_run": dict((name, "the test server runs no fine-grained admin permissions v1 (v2 from Keycloak 26.2); the v1 examples need feature "
                               "admin-fine-grained-authz:v1 (tests/integration/modules/test_keycloak_management_permissions_v1.py "
                               "runs the same tasks against such a server)")
                        for name in ("Holders of the group-manager role may manage the members of /staff (v1)",
                                     "The billing client's v1 permissions on, its configuration left to the ops service account",
                                     "The v1 permissions of /staff off")),
        # With the v1 ones above, nothing runs before 26.2: the fixtures (the realm switch, the admin-permissions
        # client's policies) are v2 too, and are not run either.
        "not_run_before": dict((name, ((26, 2), "fine-grained admin permissions v2 (the realm's admin_permissions_enabled, the "
                                                "admin-permissions client) came with Keycloak 26.2; 26.0 refuses the realm field (400)"))
                               for name in ("Fine-grained admin permissions on in the realm",
                                            "The help desk may view users and reset their passwords",
                                            "Group admins may manage the members of two groups only")),
    },
    "keycloak_realm_import": {
        "creates": ["acme"],
        "fixtures": [_file("files/acme-realm.json", lambda ctx: json.dumps(
            {"realm": ctx.realms["acme"], "enabled": True, "displayName": "ACME"}))],
    },
    "keycloak_realm_config": {
        # The document the dry run reads: the clients and groups the first example made, so a purge deletes nothing.
        "fixtures": [_file("files/acme-realm.yml", "clients:\n  - clientId: portal\ngroups:\n  - name: staff\n    subGroups:\n"
                                                   "      - name: editors\n"),
                     # The folder kc.sh export --dir writes: the realm's file, its users 50 a file (here one user in one).
                     _export_folder("files/acme-export", "acme", {"displayName": "ACME", "enabled": True},
                                    [{"username": "bob", "email": "bob@example.com", "enabled": True, "groups": ["/staff"]}])],
    },
    "keycloak_realm_key": {
        "fixtures": [_key_and_certificate(key_path="files/signing-key.pem", certificate_path="files/signing-cert.pem")],
    },
    "keycloak_realm": {
        "creates": ["acme"],
        "always_changes": {
            "Rotate the SMTP password (reports a change on every run)":
                "update_password: always sends the SMTP password every run; Keycloak never returns it to compare",
        },
    },
    "keycloak_role": {
        "check_mode_stops_before": {
            'Rename it by its id; its holders and the composite roles holding it keep it':
                'the id is read from a role the dry run only plans',
        },
        "fixtures": [_client("billing")],
    },
    "keycloak_role_info": {
        "check_mode_stops_before": {
            'One client role, with the roles it holds and who has it':
                'what a fixture makes on the server (the client billing), which the empty realm of the check-mode run has not',
        },
        "fixtures": [_client("billing"), _role("invoice-admin", client_id="billing"), _role("realm-admin-helper"),
                     _role("auditor", composites=[{"name": "invoice-admin", "client_id": "billing"}, {"name": "realm-admin-helper"}])],
    },
    "keycloak_role_mapping": {
        "fixtures": [
            _role("auditor"), _role("admin"), _client("billing"),
            _role("invoice-reader", client_id="billing"), _role("invoice-writer", client_id="billing"),
            _client("reporting", public_client=False, service_accounts_enabled=True), _client("web"),
            _group("/staff/admins"), _user("alice"),
            {"iam.keycloak.keycloak_client_scope": {"realm": "acme", "name": "billing-scope", "realm_roles": ["auditor"]}},
        ],
    },
    "keycloak_role_mapping_info": {
        "check_mode_stops_before": {
            'Roles mapped directly to a user':
                'what a fixture makes on the server (the user alice), which the empty realm of the check-mode run has not',
        },
        "fixtures": [
            _client("billing"), _role("invoice-reader", client_id="billing"), _role("auditor"),
            _client("reporting", public_client=False, service_accounts_enabled=True), _client("web"),
            _group("/staff/admins"), _user("alice"),
            {"iam.keycloak.keycloak_role_mapping": {"realm": "acme", "user": "alice", "realm_roles": ["auditor"],
                                                    "client_roles": [{"client_id": "billing", "roles": ["invoice-reader"]}]}},
            {"iam.keycloak.keycloak_client_scope": {"realm": "acme", "name": "billing-scope", "realm_roles": ["auditor"]}},
        ],
    },
    "keycloak_server_info": {
        "check_mode_stops_before": {
            'Read everything, connection set once for the whole play':
                'what a fixture makes on the server (a service-account client in master to log in with), which the empty realm of the check-mode run has not',
        },
        "fixtures": [_master_service_account("ansible", EXAMPLE_VARS["vault_ansible_client_secret"])],
    },
    "keycloak_user": {
        "check_mode_stops_before": {
            'A user with a first password, groups and roles':
                'what a fixture makes on the server (a user profile that allows the attributes), which the empty realm of the check-mode run has not',
        },
        "fixtures": [
            _group("/staff"), _group("/engineering/backend"), _role("auditor"), _client("billing"),
            _role("invoice-reader", client_id="billing"), _idp("github", "github"), _unmanaged_attributes(),
        ],
        "always_changes": {
            "Reset the password (reports a change on every run)":
                "update_password: always sets the password every run; Keycloak never returns it to compare",
        },
    },
    "keycloak_session_info": {
        "fixtures": [_user("jane.doe")],
        "may_skip": {
            "Log the user out when a session is older than a day": "jane.doe has no session older than a day here",
        },
    },
    "keycloak_user_federation": {
        "check_mode_stops_before": {
            'A read-only LDAP directory, its groups, and a first full sync':
                'what a fixture makes on the server (an LDAP directory), which the empty realm of the check-mode run has not',
        },
        "fixtures": [_ldap()],
        "always_changes": {
            "A read-only LDAP directory, its groups, and a first full sync":
                "sync_users: full runs a full sync every time it is asked",
            "Import the users changed since the last sync (a change on every run)": "a sync is run every time it is asked",
            "A new bind password": "update_secret: always sends the bind password every run; Keycloak never returns it",
        },
    },
    "keycloak_user_action": {
        "check_mode_stops_before": {
            'Ask a user to choose a new password and set up OTP, with a link valid for one day':
                'what a fixture makes on the server (an SMTP server), which the empty realm of the check-mode run has not',
        },
        "fixtures": [_otp_user("jane.doe", email="jane.doe@example.com", emailVerified=False), _mail()],
        "always_changes": {
            "End every session of a user who left": "a logout is sent every time it is asked",
            "Ask a user to choose a new password and set up OTP, with a link valid for one day":
                "an e-mail is sent every time it is asked",
            "Send the e-mail verification link again": "an e-mail is sent every time it is asked",
            "Reset a password; the user must change it at the next login":
                "a password reset is sent every time it is asked; Keycloak never returns the password to compare",
        },
    },
    "keycloak_user_info": {
        "fixtures": [
            _unmanaged_attributes(),
            _user("jane.doe", email="jane.doe@example.com", attributes={"department": "engineering"}, enabled=False),
        ],
    },
}


def module_names():
    return sorted(name[:-3] for name in os.listdir(MODULES) if name.startswith("keycloak_") and name.endswith(".py"))


def examples_of(module):
    """The module's EXAMPLES as a list of tasks, read from the source without importing it."""
    with open(os.path.join(MODULES, module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            return yaml.safe_load(node.value.value)
    raise AssertionError("%s has no EXAMPLES" % module)


TASK_KEYWORDS = {"name", "register", "when", "loop", "loop_control", "module_defaults", "vars", "check_mode", "diff",
                 "changed_when", "failed_when", "ignore_errors", "no_log", "tags", "environment", "delegate_to",
                 "run_once", "until", "retries", "delay", "become", "notify"}


def module_key(task):
    """The module (FQCN) of a task: the one key that is not a task keyword."""
    keys = [key for key in task if key not in TASK_KEYWORDS]
    assert len(keys) == 1, "cannot tell the module of %r" % task
    return keys[0]


def realms_named(tasks):
    """The realm names the tasks use, in order of first use."""
    names = []
    for task in tasks:
        args = task.get(module_key(task)) or {}
        realm = args.get("realm") if isinstance(args, dict) else None
        if realm and realm not in names:
            names.append(realm)
    return names


def _substitute(value, realms, url, replacements=None):
    """Strings with the example's server address, /realms/<name>/ paths and fixtures' replacements made local."""
    if isinstance(value, dict):
        return {key: _substitute(item, realms, url, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, realms, url, replacements) for item in value]
    if isinstance(value, str):
        for old, new in (replacements or {}).items():
            value = value.replace(old, new)
        for server in EXAMPLE_SERVERS:
            value = value.replace(server, url)
        for name, real in realms.items():
            value = value.replace("/realms/%s/" % name, "/realms/%s/" % real)
    return value


def localise(tasks, realms, url, sandbox, replacements=None):
    """The tasks with the example's realm names, server URL and absolute file paths replaced by the test's."""
    tasks = _substitute(copy.deepcopy(tasks), realms, url, replacements)
    for task in tasks:
        args = task.get(module_key(task))
        if isinstance(args, dict):
            if args.get("realm") in realms:
                args["realm"] = realms[args["realm"]]
            for option in CONNECTION:
                if option in args:
                    args[option] = url
            # A file an example writes lands in the test's folder, never on the machine's.
            dest = args.get("dest")
            if isinstance(dest, str) and dest.startswith("/"):
                args["dest"] = os.path.join(sandbox, dest.lstrip("/"))
                os.makedirs(os.path.dirname(args["dest"]), exist_ok=True)
        for defaults in (task.get("module_defaults") or {}).values():
            for option in CONNECTION:
                if option in defaults:
                    defaults[option] = url
    return tasks


def with_reruns(tasks):
    """Each task, followed at once by the same task named '<name> (rerun)'."""
    doubled = []
    for number, task in enumerate(tasks, 1):
        task = dict(task)
        task.setdefault("name", "example %d" % number)
        rerun = copy.deepcopy(task)
        rerun["name"] = "%s (rerun)" % task["name"]
        if "register" in rerun:
            # The tasks after it see what the first run registered, as in the user's play.
            rerun["register"] = "rerun_%d" % number
        doubled += [task, rerun]
    return doubled


def run_plays(private, plays, files=None):
    """Run the plays with ansible-runner; return (status, [(play, task, event, result)], stdout).

    ``files`` (``{relative path: data}``) are written beside the playbook.
    """
    (private / "project").mkdir(parents=True, exist_ok=True)
    for path, data in (files or {}).items():
        (private / "project" / path).parent.mkdir(parents=True, exist_ok=True)
        (private / "project" / path).write_text(yaml.safe_dump(data, sort_keys=False))
    (private / "inventory").mkdir(exist_ok=True)
    (private / "project" / "play.yml").write_text(yaml.safe_dump(plays, sort_keys=False))
    (private / "inventory" / "hosts").write_text(
        "localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    envvars = {
        "PATH": BIN + os.pathsep + os.environ.get("PATH", ""),
        "ANSIBLE_COLLECTIONS_PATH": os.environ["ANSIBLE_COLLECTIONS_PATH"],
        "ANSIBLE_FORCE_COLOR": "0",
    }
    for name in list(os.environ):
        if name.startswith("KEYCLOAK_"):
            envvars[name] = ""  # the examples must not log in through a developer's environment
    # The examples that encrypt with ansible.builtin.vault run where a vault password is set up.
    vault_password_file = private / "vault-password"
    vault_password_file.write_text(EXAMPLE_VARS["vault_password"] + "\n")
    envvars["ANSIBLE_VAULT_PASSWORD_FILE"] = str(vault_password_file)
    runner = ansible_runner.run(private_data_dir=str(private), playbook="play.yml", envvars=envvars, quiet=True,
                                suppress_env_files=True)
    results = []
    for event in runner.events:
        data = event.get("event_data", {})
        if event.get("event") in RESULT_EVENTS and "task" in data:
            res = dict(data.get("res") or {})
            if "changed" not in res:
                # A no_log result reaches the event stream censored, without its changed flag;
                # the line Ansible printed for it still says "changed:" or "ok:".
                line = re.sub(r"\x1b\[[0-9;]*m", "", event.get("stdout", ""))
                res["changed"] = re.search(r"(^|\s)changed: \[", line) is not None
            results.append((data.get("play"), data.get("task"), event["event"], res))
    stdout = runner.stdout.read() if runner.stdout else ""
    return runner.status, results, stdout


def connection_defaults(url):
    return {GROUP: {"auth_keycloak_url": url, "auth_realm": "master",
                    "auth_username": os.environ["KEYCLOAK_ADMIN_USER"],
                    "auth_password": os.environ["KEYCLOAK_ADMIN_PASSWORD"]}}


def fixture_name(fixture):
    module = module_key(fixture)
    return "fixture: %s %s" % (module.split(".")[-1], json.dumps(fixture[module], sort_keys=True))


def until_check_mode_stops(examples, entry):
    """The examples before the first one the check-mode run stops at (``check_mode_stops_before``)."""
    stops = entry.get("check_mode_stops_before", {})
    names = [task.get("name") for task in examples]
    first = min([names.index(name) for name in stops if name in names] or [len(examples)])
    return examples[:first]


def check_in_empty_realms(module, examples, entry, context, example_vars, private, sandbox):
    """The examples in check mode on the empty realms: every task plans (or is skipped by its ``when``), none fails.

    Only the fixtures that write the play's files run first; nothing the examples refer to is on the server. The fixture
    tasks go first in the same dry run, so each task plans against what the earlier ones (fixtures and examples) would
    create, as a dry run of a new realm does: through the play's plan, where a name no earlier task creates fails.
    """
    files = [fixture for fixture in entry.get("fixtures", []) if getattr(fixture, "writes_files", False)]
    made_in_python = [fixture for fixture in entry.get("fixtures", []) if callable(fixture) and fixture not in files]
    real_private, context.private = context.private, str(private)
    try:
        for fixture in files:
            fixture(context)
    finally:
        context.private = real_private
    variables = dict(example_vars)
    variables.update(entry.get("check_mode_vars", {}))
    fixture_tasks = [dict(fixture, name=fixture_name(fixture)) for fixture in entry.get("fixtures", []) if isinstance(fixture, dict)]
    if made_in_python:
        # What a Python fixture makes (a credential, a setting no task makes) is in no task's plan: the dry run assumes what
        # the examples name, with a warning, as a play that makes objects outside the collection does.
        variables["keycloak_play_plan"], fixture_tasks = "warn", []
    play = {"name": "examples in check mode", "hosts": "localhost", "gather_facts": False, "check_mode": True,
            "module_defaults": connection_defaults(context.url), "vars": variables,
            "tasks": localise(fixture_tasks + until_check_mode_stops(examples, entry), context.realms, context.url, sandbox,
                              context.replacements)}
    if not play["tasks"]:
        return
    status, results, stdout = run_plays(private, [play])
    failed = [(task, res.get("msg")) for _play, task, event, res in results if event in ("runner_on_failed", "runner_on_unreachable")]
    assert results, "%s: no example ran in check mode:\n%s" % (module, stdout[-3000:])
    assert status == "successful" and not failed, "%s: an example failed in check mode on an empty realm: %s\n%s" % (
        module, failed, stdout[-3000:])


@pytest.mark.parametrize("module", module_names())
def test_examples_run_and_rerun_unchanged(module, keycloak_url, tmp_path, request, keycloak_version):
    entry = TABLE.get(module, {})
    if entry.get("known_bug"):
        request.applymarker(pytest.mark.xfail(reason=entry["known_bug"], strict=True))
    not_run = dict(entry.get("not_run", {}))
    not_run.update((name, why) for name, (since, why) in entry.get("not_run_before", {}).items() if keycloak_version < since)
    always_changes = entry.get("always_changes", {})
    examples = examples_of(module)
    assert examples, "%s: EXAMPLES is empty" % module
    examples = [task for task in examples if task.get("name") not in not_run]
    if not examples:
        # No example of the module runs on this server (its fixtures would not either): say why.
        reasons = "; ".join(sorted(set(not_run.values())))
        pytest.skip("%s: no example runs on Keycloak %s: %s" % (module, ".".join(map(str, keycloak_version)), reasons))
    fixtures = entry.get("fixtures", [])
    fixture_tasks = [dict(fixture, name=fixture_name(fixture)) for fixture in fixtures if isinstance(fixture, dict)]
    logical = realms_named(examples)
    logical += [name for name in realms_named(fixture_tasks) if name not in logical]
    short = module.replace("keycloak_", "").replace("_", "")[:12]
    realms = {name: "ex-%s-%s" % (short, uuid.uuid4().hex[:6]) for name in logical}
    private = tmp_path / "runner"
    sandbox = str(tmp_path / "files")
    admin = KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"],
                          password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], realm_name="master")
    cleanups = []
    try:
        for name, real in realms.items():
            if name not in entry.get("creates", []):
                admin.create_realm({"realm": real, "enabled": True})
        context = Context(admin, realms, keycloak_url, str(private))
        example_vars = dict(EXAMPLE_VARS, keycloak_admin_password=os.environ["KEYCLOAK_ADMIN_PASSWORD"])
        for name in FOLDER_VARS:
            example_vars[name] = os.path.join(sandbox, name)
            os.makedirs(example_vars[name], exist_ok=True)
        check_in_empty_realms(module, examples, entry, context, example_vars, tmp_path / "check", sandbox)
        # Fixtures in their order: consecutive tasks as one play, Python fixtures in between.
        pending = []
        for number, fixture in enumerate(fixtures + [None]):
            if isinstance(fixture, dict):
                pending.append(dict(fixture, name=fixture_name(fixture)))
                continue
            if pending:
                play = {"name": "fixtures", "hosts": "localhost", "gather_facts": False,
                        "module_defaults": connection_defaults(keycloak_url),
                        "tasks": localise(pending, realms, keycloak_url, sandbox)}
                status, _results, stdout = run_plays(tmp_path / ("fixtures-%d" % number), [play])
                assert status == "successful", "%s: a fixture failed:\n%s" % (module, stdout[-3000:])
                pending = []
            if fixture is not None:
                cleanup = fixture(context)
                if cleanup:
                    cleanups.append(cleanup)
        example_vars.update(context.variables)
        play = {"name": "examples", "hosts": "localhost", "gather_facts": False,
                "module_defaults": connection_defaults(keycloak_url),
                "vars": example_vars,
                "tasks": with_reruns(localise(examples, realms, keycloak_url, sandbox, context.replacements))}
        status, results, stdout = run_plays(private, [play])

        failed = [(task, res.get("msg")) for _play, task, event, res in results
                  if event in ("runner_on_failed", "runner_on_unreachable")]
        assert status == "successful" and not failed, "%s: an example failed: %s\n%s" % (module, failed, stdout[-3000:])
        names = [task["name"] for task in with_reruns(examples)]
        seen = {task for _play, task, _event, _res in results}
        # A rerun may skip (``when: x is changed``); a first run that skips never ran its example.
        skipped = [task for _play, task, event, _res in results
                   if event == "runner_on_skipped" and not task.endswith(" (rerun)") and task not in entry.get("may_skip", {})]
        assert seen == set(names), "%s: tasks that never ran: %s" % (module, sorted(set(names) - seen))
        assert not skipped, "%s: examples skipped (a fixture is missing?): %s" % (module, skipped)
        changed_reruns, stale = [], []
        for _play, task, _event, res in results:
            if not task.endswith(" (rerun)"):
                continue
            always = task[: -len(" (rerun)")] in always_changes
            if res.get("changed") and not always:
                changed_reruns.append((task, res.get("msg") or res.get("diff")))
            elif always and not res.get("changed"):
                stale.append(task)
        assert not changed_reruns, "%s: a rerun reported a change: %s" % (module, changed_reruns)
        assert not stale, "%s: always_changes names tasks whose rerun changed nothing: %s" % (module, stale)
    finally:
        for cleanup in cleanups:
            try:
                cleanup()
            except Exception:  # pylint: disable=broad-except
                pass
        for real in realms.values():
            try:
                admin.delete_realm(real)
            except Exception:  # pylint: disable=broad-except
                pass


def test_table_names_real_modules_and_tasks():
    """A stale entry would say something false about an example."""
    for module, entry in TABLE.items():
        assert module in module_names(), module
        names = [task.get("name") for task in examples_of(module)]
        for key in ("always_changes", "not_run", "not_run_before", "may_skip", "check_mode_stops_before"):
            for task in entry.get(key, {}):
                assert task in names, (module, key, task)


# ------------------------------------------------------------------ the guides' examples
#
# Every ```yaml block of the README and of docs/*.md runs as printed, in the guide's order: a block that is a
# playbook starts its plays, a block of tasks joins the current play (or a play with the local connection). A block
# not meant to run says why in an HTML comment on the line before it: <!-- not run: why -->. The guide runs in check
# mode first (what the guide creates is not on the server yet: a dry run), then for real, then again with no change.

GUIDES = ["README.md"] + sorted(os.path.join("docs", name) for name in os.listdir(os.path.join(REPO, "docs")) if name.endswith(".md"))
NOT_RUN = re.compile(r"^<!--\s*not run:\s*(?P<why>\S.*?)\s*-->$")
# A block shown as a file a task of the guide reads (``<!-- file: realms/acme.yml -->``): written beside the playbook.
FILE_BLOCK = re.compile(r"^<!--\s*file:\s*(?P<path>[\w./-]+)\s*-->$")
GUIDE_VARS = {
    "vault_keycloak_admin_password": None,  # the local admin's password, filled in by the test
    "vault_alice_initial_password": "Alice-initial-password-1",
    "vault_initial_password": "Initial-password-guide-1",
    "vault_smtp_password": "smtp-password-guide-1",
    "vault_google_client_secret": "google-secret-guide-1",
}
# What a guide's examples refer to without creating it (as TABLE's fixtures), and the tasks whose rerun changes.
GUIDE_TABLE = {
    "docs/authorization.md": {
        "fixtures": [
            _role("auditor"), _client("billing"), _role("invoice-reader", client_id="billing"), _group("/staff"),
            _client("portal", public_client=False, service_accounts_enabled=True, authorization_services_enabled=True),
            _client("portal", realm="acme-staging", public_client=False, service_accounts_enabled=True,
                    authorization_services_enabled=True),
            # The copy to acme-staging names the same roles and group.
            _role("auditor", realm="acme-staging"), _client("billing", realm="acme-staging"),
            _role("invoice-reader", realm="acme-staging", client_id="billing"), _group("/staff", realm="acme-staging"),
        ],
    },
    "docs/operations.md": {"fixtures": [_client("billing", public_client=False)]},
    "docs/tasks.md": {"always_changes": {"End every session of sam": "a logout is sent every time it is asked"}},
}


def _yaml_blocks(guide):
    """``[(line, text, marker)]``: the guide's ```yaml blocks, each with the line before it (stripped)."""
    with open(os.path.join(REPO, guide), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    blocks, number = [], 0
    while number < len(lines):
        if lines[number].strip() == "```yaml":
            end = lines.index("```", number + 1)
            previous = next((line.strip() for line in reversed(lines[:number]) if line.strip()), "")
            blocks.append((number + 1, "\n".join(lines[number + 1:end]), previous))
            number = end
        number += 1
    return blocks


def guide_blocks(guide):
    """``[(line, text, why_not_run)]``: the guide's ```yaml blocks, with the reason of a block marked not to run."""
    blocks = []
    for line, text, previous in _yaml_blocks(guide):
        marked, shown = NOT_RUN.match(previous), FILE_BLOCK.match(previous)
        why = marked.group("why") if marked else ("the file %s, read by a task" % shown.group("path") if shown else None)
        blocks.append((line, text, why))
    return blocks


def guide_files(guide):
    """``{path: text}``: the blocks the guide shows as files its tasks read."""
    return dict((FILE_BLOCK.match(previous).group("path"), text) for _line, text, previous in _yaml_blocks(guide)
                if FILE_BLOCK.match(previous))


def guide_plays(guide, url):
    """The plays of the guide's blocks that run, in order, with names for the unnamed tasks."""
    plays = []
    for line, text, why in guide_blocks(guide):
        if why:
            continue
        block = yaml.safe_load(text)
        assert isinstance(block, list) and block, "%s:%d: a yaml block is neither a playbook nor tasks (mark it <!-- not run: why -->)" % (
            guide, line)
        if all("hosts" in item for item in block):
            plays.extend(copy.deepcopy(block))
            continue
        if not plays:
            plays.append({"name": "%s" % guide, "hosts": "localhost", "gather_facts": False, "module_defaults": connection_defaults(url),
                          "tasks": []})
        for number, task in enumerate(block, 1):
            task.setdefault("name", "%s:%d task %d" % (guide, line, number))
            plays[-1]["tasks"].append(task)
    return plays


def guides_with_examples():
    return [guide for guide in GUIDES if any(why is None for _line, _text, why in guide_blocks(guide))]


def test_every_guide_block_runs_or_says_why():
    """A yaml block that does not run says why; a reason names something."""
    for guide in GUIDES:
        for line, text, why in guide_blocks(guide):
            assert why is None or len(why) > 10, "%s:%d: say why the block does not run" % (guide, line)
            assert yaml.safe_load(text) is not None, "%s:%d: an empty yaml block" % (guide, line)


@pytest.mark.parametrize("guide", guides_with_examples())
def test_guide_examples_plan_run_and_rerun_unchanged(guide, keycloak_url, tmp_path):
    entry = GUIDE_TABLE.get(guide, {})
    plays = guide_plays(guide, keycloak_url)
    tasks = [task for play in plays for task in play.get("tasks", [])]
    fixture_tasks = [dict(fixture, name=fixture_name(fixture)) for fixture in entry.get("fixtures", [])]
    # The realms a keycloak_realm task of the guide creates (a realm its fixtures need is there before: the guide updates it).
    created = [name for name in realms_named([task for task in tasks if module_key(task) == "iam.keycloak.keycloak_realm"])
               if name not in realms_named(fixture_tasks)]
    logical = realms_named(tasks)
    logical += [name for name in realms_named(fixture_tasks) if name not in logical]
    realms = {name: "guide-%s-%s" % (re.sub(r"[^a-z]", "", os.path.basename(guide).lower())[:10], uuid.uuid4().hex[:6]) for name in logical}
    sandbox = str(tmp_path / "files")
    variables = dict(EXAMPLE_VARS, **GUIDE_VARS)
    variables.update(vault_keycloak_admin_password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                     keycloak_admin_password=os.environ["KEYCLOAK_ADMIN_PASSWORD"])
    for name in FOLDER_VARS:
        variables[name] = os.path.join(sandbox, name)
        os.makedirs(variables[name], exist_ok=True)

    def localised(suffix="", check=False):
        result = []
        for play in copy.deepcopy(plays):
            play["name"] = "%s%s" % (play.get("name", guide), suffix)
            play["tasks"] = localise(play.get("tasks", []), realms, keycloak_url, sandbox)
            for task in play["tasks"]:
                task["name"] += suffix
            play["module_defaults"] = _substitute(play.get("module_defaults") or {}, realms, keycloak_url)
            play["vars"] = dict(play.get("vars") or {}, **variables)
            if check:
                play["check_mode"] = True
            result.append(play)
        return result

    admin = KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"],
                          password=os.environ["KEYCLOAK_ADMIN_PASSWORD"], realm_name="master")
    try:
        # What the guide refers to without creating it is there first; the realms the guide creates are not.
        for name, real in realms.items():
            if name not in created:
                admin.create_realm({"realm": real, "enabled": True})
        if fixture_tasks:
            play = {"name": "fixtures", "hosts": "localhost", "gather_facts": False, "module_defaults": connection_defaults(keycloak_url),
                    "tasks": localise(fixture_tasks, realms, keycloak_url, sandbox)}
            status, _results, stdout = run_plays(tmp_path / "fixtures", [play])
            assert status == "successful", "%s: a fixture failed:\n%s" % (guide, stdout[-3000:])

        # The files the guide shows, with the test's realm names.
        files = dict((path, _substitute(yaml.safe_load(text), realms, keycloak_url)) for path, text in guide_files(guide).items())
        for data in files.values():
            if isinstance(data, dict) and data.get("realm") in realms:
                data["realm"] = realms[data["realm"]]
        status, results, stdout = run_plays(tmp_path / "check", localised(check=True), files)
        failed = [(task, res.get("msg")) for _play, task, event, res in results if event in ("runner_on_failed", "runner_on_unreachable")]
        assert status == "successful" and not failed, "%s: an example failed in check mode: %s\n%s" % (guide, failed, stdout[-3000:])
        existing = set(item["realm"] for item in admin.get_realms())
        assert not [realms[name] for name in created if realms[name] in existing], "%s: check mode created a realm" % guide

        status, results, stdout = run_plays(tmp_path / "runner", localised() + localised(" (rerun)"), files)
        failed = [(task, res.get("msg")) for _play, task, event, res in results if event in ("runner_on_failed", "runner_on_unreachable")]
        assert status == "successful" and not failed, "%s: an example failed: %s\n%s" % (guide, failed, stdout[-3000:])
        always = entry.get("always_changes", {})
        changed_reruns = [(task, res.get("msg")) for _play, task, _event, res in results
                          if task.endswith(" (rerun)") and res.get("changed") and task[: -len(" (rerun)")] not in always]
        assert not changed_reruns, "%s: a rerun reported a change: %s" % (guide, changed_reruns)
        # The realms the guide creates are usable: enabled, with a login page.
        for name in created:
            assert admin.get_realm(realms[name])["enabled"] is True, "%s: realm '%s' was created disabled" % (guide, name)
    finally:
        for real in realms.values():
            try:
                admin.delete_realm(real)
            except Exception:  # pylint: disable=broad-except
                pass
