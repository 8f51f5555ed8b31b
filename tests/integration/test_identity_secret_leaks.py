# -*- coding: utf-8 -*-
"""No identity secret reaches Ansible's output: an IdP client secret, an LDAP bind credential, an imported private key,
a component's secret config; at -vvvv with --diff, in check mode, for real, on a rerun and on a rotation; also when a
task wrongly puts the secret in a free-form config and fails."""

import importlib.util
import os
import sys
import textwrap
import uuid

import pytest
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "modules"))
from harness import run_playbook  # noqa: E402  pylint: disable=import-error,wrong-import-position
from keypairs import pem_body, rsa_key_pem, self_signed_pem  # noqa: E402  pylint: disable=import-error,wrong-import-position

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LDAP_SERVER = os.path.join(REPO, "tests", "ldap", "server.py")


@pytest.fixture(scope="module")
def ldap():
    spec = importlib.util.spec_from_file_location("ldap_test_server", LDAP_SERVER)
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
    missing = server.available()
    if missing:
        pytest.skip("no local LDAP server: %s" % missing)
    url = server.start()
    yield {"url": url, "bind_dn": server.BIND_DN, "password": server.bind_password()}
    server.stop()


PLAY = textwrap.dedent("""\
    - hosts: localhost
      gather_facts: false
      module_defaults:
        group/iam.keycloak.keycloak:
          auth_keycloak_url: "{{ url }}"
          auth_username: "{{ admin_user }}"
          auth_password: "{{ admin_password }}"
      tasks:
        - iam.keycloak.keycloak_realm:
            realm: "{{ realm }}"
        - iam.keycloak.keycloak_identity_provider:
            realm: "{{ realm }}"
            alias: leaky-idp
            provider_id: oidc
            client_secret: "{{ secrets.idp }}"
            update_secret: "{{ update_secret }}"
            config: {clientId: kc, authorizationUrl: "https://idp.example/a", tokenUrl: "https://idp.example/t"}
            mappers: [{name: origin, identity_provider_mapper: hardcoded-attribute-idp-mapper, config: {attribute: o, attribute.value: v}}]
        - iam.keycloak.keycloak_user_federation:
            realm: "{{ realm }}"
            name: leaky-ldap
            bind_credential: "{{ secrets.ldap }}"
            update_secret: "{{ update_secret }}"
            test_connection: true
            sync_users: full
            config:
              vendor: other
              connectionUrl: "{{ ldap_url }}"
              bindDn: "{{ bind_dn }}"
              usersDn: ou=people,dc=example,dc=org
              usernameLDAPAttribute: uid
              rdnLDAPAttribute: uid
              uuidLDAPAttribute: entryUUID
              userObjectClasses: inetOrgPerson
              editMode: READ_ONLY
        - iam.keycloak.keycloak_realm_key:
            realm: "{{ realm }}"
            name: leaky-key
            provider_id: rsa
            priority: 1
            private_key: "{{ secrets.key }}"
            certificate: "{{ certificate }}"
            update_secret: "{{ update_secret }}"
        - iam.keycloak.keycloak_component:
            realm: "{{ realm }}"
            name: leaky-component
            provider_type: org.keycloak.keys.KeyProvider
            provider_id: rsa
            config: {priority: 2, certificate: "{{ certificate }}"}
            secret_config: {privateKey: "{{ secrets.key }}"}
            update_secret: "{{ update_secret }}"
        - name: A secret in the free-form config is refused, and not echoed
          iam.keycloak.keycloak_identity_provider:
            realm: "{{ realm }}"
            alias: leaky-idp
            config: {clientSecret: "{{ secrets.idp }}"}
          ignore_errors: true
        - name: The same for an LDAP bind credential
          iam.keycloak.keycloak_user_federation:
            realm: "{{ realm }}"
            name: leaky-ldap
            config: {bindCredential: "{{ secrets.ldap }}"}
          ignore_errors: true
        - iam.keycloak.keycloak_identity_provider_info:
            realm: "{{ realm }}"
        - iam.keycloak.keycloak_component_info:
            realm: "{{ realm }}"
        - iam.keycloak.keycloak_realm_keys_info:
            realm: "{{ realm }}"
    """)


def test_no_identity_secret_in_verbose_diff_output(tmp_path, keycloak_url, admin, ldap):
    realm = "idleak-%s" % uuid.uuid4().hex[:6]
    key = rsa_key_pem()
    secrets = {"idp": "Idp-Secret-%s" % uuid.uuid4().hex[:8], "ldap": ldap["password"], "key": key}
    variables = {
        "url": keycloak_url, "realm": realm, "admin_user": os.environ["KEYCLOAK_ADMIN_USER"], "admin_password": os.environ["KEYCLOAK_ADMIN_PASSWORD"],
        "ldap_url": ldap["url"], "bind_dn": ldap["bind_dn"], "certificate": self_signed_pem(key), "secrets": secrets, "update_secret": "on_create",
    }
    play = tmp_path / "play.yml"
    play.write_text(PLAY)
    # What would give a secret away: the strings themselves, and pieces of the key's base64 body.
    body = pem_body(key)
    leaks = {"idp client secret": secrets["idp"], "ldap bind credential": secrets["ldap"], "private key (start)": body[:48],
             "private key (middle)": body[len(body) // 2:len(body) // 2 + 48], "admin password": os.environ["KEYCLOAK_ADMIN_PASSWORD"]}
    try:
        for check, update_secret in ((True, "on_create"), (False, "on_create"), (False, "on_create"), (False, "always")):
            path = tmp_path / "vars.yml"
            path.write_text(yaml.safe_dump(dict(variables, update_secret=update_secret)))
            result = run_playbook(str(play), check, variables=str(path))
            output = result.stdout + result.stderr
            if not check:
                assert result.returncode == 0, output[-4000:]
                assert "failed=0" in output and "ignored=2" in output, output[-2000:]
            for what, secret in leaks.items():
                assert secret not in output, "the %s leaked (check=%s, update_secret=%s)" % (what, check, update_secret)
        # The secrets did reach Keycloak: the LDAP bind works with the stored credential, users were synced.
        in_realm = admin.__class__(server_url=keycloak_url, realm_name=realm, user_realm_name="master",
                                   username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"])
        assert in_realm.get_idp("leaky-idp")["config"]["clientSecret"] == "**********"
        assert {"alice", "bob", "carol"} <= set(user["username"] for user in in_realm.get_users())
    finally:
        admin.delete_realm(realm)
