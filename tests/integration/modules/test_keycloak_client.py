# -*- coding: utf-8 -*-
"""keycloak_client against the real server: settings, attributes, flow overrides, mappers, scopes, service account roles."""

import uuid

import pytest

from harness import contained, same_prediction, scenario  # pylint: disable=import-error

MODULE = "keycloak_client"


def unique(prefix="c"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def world(realm_admin):
    """A realm role, a client with roles, a copied browser flow and a client scope to point at."""
    kc = realm_admin
    kc.create_realm_role({"name": "auditor"})
    kc.create_realm_role({"name": "operator"})
    kc.create_client({"clientId": "billing"})
    billing = kc.get_client_id("billing")
    kc.create_client_role(billing, {"name": "invoice-reader"})
    kc.create_client_role(billing, {"name": "invoice-writer"})
    kc.copy_authentication_flow({"newName": "browser ü copy"}, "browser")
    kc.create_client_scope({"name": "team", "protocol": "openid-connect"})
    return {"billing": billing}


def read_client(kc, client_id):
    internal_id = kc.get_client_id(client_id)
    return kc.get_client(internal_id) if internal_id else None


def flow_id(kc, alias):
    return [flow["id"] for flow in kc.get_authentication_flows() if flow["alias"] == alias][0]


def service_account_roles(kc, client):
    user = kc.get_client_service_account_user(client["id"])
    mappings = kc.get_all_roles_of_user(user["id"])
    names = set(role["name"] for role in mappings.get("realmMappings") or [])
    for client_id, item in (mappings.get("clientMappings") or {}).items():
        names.update("%s/%s" % (client_id, role["name"]) for role in item["mappings"])
    return names


def mappers(client):
    return dict((mapper["name"], mapper) for mapper in client.get("protocolMappers") or [])


# Keycloak 26.1+ links its service_account scope to a client with a service account; 26.0 gives the
# client these protocol mappers of its own instead (verified on 26.0.8).
SERVICE_ACCOUNT_MAPPERS = {"Client ID", "Client Host", "Client IP Address"}


def has_service_account_scope(version):
    return version[:2] >= (26, 1)


def service_account_extras(version):
    """``(default scopes, mappers)`` Keycloak gives a client with a service account."""
    return ({"service_account"}, set()) if has_service_account_scope(version) else (set(), SERVICE_ACCOUNT_MAPPERS)


def test_client_lifecycle(module_runner, realm, realm_admin, world, keycloak_version):
    kc = realm_admin
    client_id = unique("pörtal")
    extra_scopes, extra_mappers = service_account_extras(keycloak_version)

    def read():
        return read_client(kc, client_id)

    args = dict(
        realm=realm,
        client_id=client_id,
        name="Portal",
        secret="first-client-secret",
        root_url="https://portal.example.com",
        redirect_uris=["https://portal.example.com/a/*", "https://portal.example.com/b/*"],
        web_origins=["+"],
        standard_flow_enabled=True,
        direct_access_grants_enabled=False,
        service_accounts_enabled=True,
        front_channel_logout=True,
        pkce_code_challenge_method="S256",
        attributes={"post.logout.redirect.uris": "https://portal.example.com/", "use.refresh.tokens": True},
        authentication_flow_binding_overrides={"browser": "browser ü copy"},
        protocol_mappers=[
            {"name": "team claim", "protocol_mapper": "oidc-hardcoded-claim-mapper",
             "config": {"claim.name": "team", "claim.value": "iam", "access.token.claim": True, "jsonType.label": "String"}},
        ],
        default_client_scopes=["team"],
        optional_client_scopes=["phone"],
        service_account_realm_roles=["auditor"],
        service_account_client_roles=[{"client_id": "billing", "roles": ["invoice-reader"]}],
    )

    def verify(client):
        assert client["name"] == "Portal" and client["secret"] == "first-client-secret"
        assert sorted(client["redirectUris"]) == ["https://portal.example.com/a/*", "https://portal.example.com/b/*"]
        assert client["frontchannelLogout"] is True and client["serviceAccountsEnabled"] is True
        assert client["attributes"]["pkce.code.challenge.method"] == "S256"
        assert client["attributes"]["use.refresh.tokens"] == "true"
        assert client["authenticationFlowBindingOverrides"] == {"browser": flow_id(kc, "browser ü copy")}
        assert mappers(client)["team claim"]["config"]["access.token.claim"] == "true"
        assert mappers(client)["team claim"]["protocol"] == "openid-connect"
        # Listed scopes are linked, and the realm's defaults stay (no purge); Keycloak's service account scope or mappers too.
        assert {"team", "profile"} | extra_scopes <= set(client["defaultClientScopes"])
        assert "service_account" in client["defaultClientScopes"] if extra_scopes else "service_account" not in client["defaultClientScopes"]
        assert set(mappers(client)) == {"team claim"} | extra_mappers
        assert {"phone", "address"} <= set(client["optionalClientScopes"])
        assert {"auditor", "billing/invoice-reader", "default-roles-%s" % realm} <= service_account_roles(kc, client)

    def verify_update(client):
        assert client["name"] == "Portal 2"
        assert sorted(client["redirectUris"]) == ["https://portal.example.com/b/*", "https://portal.example.com/c/*"]
        assert mappers(client)["team claim"]["config"]["claim.value"] == "identity"
        assert mappers(client)["team claim"]["config"]["claim.name"] == "team", "a mapper config key not given was lost"
        assert "billing/invoice-writer" in service_account_roles(kc, client)

    def hand_edit():
        client = read()
        kc.update_client(client["id"], dict(client, description="handmade", attributes=dict(client["attributes"], handmade="yes")))
        kc.add_mapper_to_client(client["id"], {"name": "by hand", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                                               "config": {"claim.name": "hand", "claim.value": "made"}})

    def verify_hand_edit(client):
        assert client["rootUrl"] == "https://portal2.example.com"
        assert client["description"] == "handmade", "a field set by hand was lost"
        assert client["attributes"]["handmade"] == "yes" and client["attributes"]["pkce.code.challenge.method"] == "S256"
        assert set(mappers(client)) == {"team claim", "by hand"} | extra_mappers, "the update touched the mappers"
        assert client["secret"] == "first-client-secret"
        assert {"team", "phone"} <= set(client["defaultClientScopes"]) | set(client["optionalClientScopes"])

    requests = scenario(
        module_runner, MODULE, args, read, verify,
        update={
            "name": "Portal 2",
            "redirect_uris": ["https://portal.example.com/c/*", "https://portal.example.com/b/*"],
            "protocol_mappers": [{"name": "team claim", "config": {"claim.value": "identity", "access.token.claim": "true"}}],
            "service_account_client_roles": [{"client_id": "billing", "roles": ["invoice-reader", "invoice-writer"]}],
        },
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"root_url": "https://portal2.example.com"},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "client_id": client_id},
    )
    # Login, the client found by its clientId (mappers and scopes in it), the flows (to resolve
    # the override alias), the service account user and its role mappings.
    assert requests <= 5, requests


def test_noop_of_plain_settings_is_one_lookup(module_runner, realm, realm_admin):
    client_id = unique("plain")
    args = dict(realm=realm, client_id=client_id, public_client=True, redirect_uris=["https://app.example.com/*"])
    assert module_runner(MODULE, **args)["changed"] is True
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == []
    # The token, and the client found by its clientId (the search answer carries it whole).
    assert len(again.requests) == 2, again.requests
    module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_secrets_never_leave_the_module(module_runner, realm, realm_admin):
    client_id = unique("secret")
    try:
        result = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, secret="very-secret-one")
        assert "very-secret-one" not in result["_stdout"]
        assert result["end_state"]["secret"] == "********"
        again = module_runner(MODULE, realm=realm, client_id=client_id, secret="very-secret-one")
        assert again["changed"] is False, "Keycloak shows the secret: an unchanged secret is no change"
        rotated = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, secret="very-secret-two")
        assert rotated["changed"] is True and "very-secret-two" not in rotated["_stdout"] and "very-secret-one" not in rotated["_stdout"]
        assert rotated["diff"]["before"]["secret"] == "********" and rotated["diff"]["after"]["secret"] == "******** (changed)"
        assert read_client(realm_admin, client_id)["secret"] == "very-secret-two"
        # A SAML client's private key lives in its attributes, in clear on the server.
        # Keycloak makes a 4096-bit signing key for a new SAML client: that can take more than 10 s.
        saml = module_runner(MODULE, diff=True, realm=realm, client_id=client_id + "-saml", protocol="saml", connection_timeout=120,
                             attributes={"saml.signature.algorithm": "RSA_SHA256"})
        assert saml["changed"] is True
        key = read_client(realm_admin, client_id + "-saml")["attributes"]["saml.signing.private.key"]
        again = module_runner(MODULE, realm=realm, client_id=client_id + "-saml", attributes={"saml.signature.algorithm": "RSA_SHA256"})
        assert again["changed"] is False and key not in again["_stdout"]
        assert again["end_state"]["attributes"]["saml.signing.private.key"] == "********"
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")
        module_runner(MODULE, realm=realm, client_id=client_id + "-saml", state="absent")


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"default_client_scopes": ["no-such-scope"]}, "no-such-scope"),
        ({"optional_client_scopes": ["role_list"]}, "role_list"),
        ({"default_client_scopes": ["phone"], "optional_client_scopes": ["phone"]}, "phone"),
        ({"authentication_flow_binding_overrides": {"direct_grant": "no such flow"}}, "no such flow"),
        ({"service_accounts_enabled": True, "service_account_realm_roles": ["no-such-role"]}, "no-such-role"),
        ({"service_accounts_enabled": True, "service_account_client_roles": [{"client_id": "no-such-client", "roles": ["x"]}]}, "no-such-client"),
        ({"service_accounts_enabled": True, "service_account_client_roles": [{"client_id": "billing", "roles": ["nope"]}]}, "nope"),
        ({"service_account_realm_roles": ["auditor"]}, "service_accounts_enabled"),
        ({"purge_service_account_roles": True}, "service_accounts_enabled"),
        ({"protocol_mappers": [{"name": "typeless", "config": {"a": "b"}}]}, "protocol_mapper"),
        ({"representation": {"protocolMappers": []}}, "protocol_mappers"),
        # Keycloak stores a mapper of an unknown type that comes with the create, and refuses it later.
        ({"protocol_mappers": [{"name": "typo", "protocol_mapper": "oidc-no-such-mapper"}]}, "oidc-no-such-mapper"),
        # Keycloak answers 500 (unknown_error) to authorization services without a service account.
        ({"authorization_services_enabled": True}, "service_accounts_enabled"),
    ],
)
def test_bad_input_fails_before_any_write(module_runner, realm, realm_admin, world, bad, named):
    client_id = unique("bad")
    for existing in (False, True):
        if existing:
            module_runner(MODULE, realm=realm, client_id=client_id)
        result = module_runner(MODULE, realm=realm, client_id=client_id, description="never", **bad)
        assert result.get("failed") is True, result["msg"]
        assert named in result["msg"], result["msg"]
        assert result.writes == [], result.writes
        client = read_client(realm_admin, client_id)
        assert (client is not None) == existing and (client or {}).get("description") != "never"
    module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_purge_at_create_gives_exactly_the_lists(module_runner, realm, realm_admin, world, keycloak_version):
    client_id = unique("exact")
    kept = sorted(["profile", "team"] + sorted(service_account_extras(keycloak_version)[0]))
    args = dict(
        realm=realm, client_id=client_id, service_accounts_enabled=True,
        default_client_scopes=["profile", "team"], purge_default_client_scopes=True,
        optional_client_scopes=["email"], purge_optional_client_scopes=True,
        service_account_realm_roles=["operator"], purge_service_account_roles=True,
    )
    try:
        check = module_runner(MODULE, check_mode=True, diff=True, **args)
        created = module_runner(MODULE, diff=True, **args)
        assert created["changed"] is True
        same_prediction(check, created)
        client = read_client(realm_admin, client_id)
        # email is a realm default scope: moved to the optional ones. service_account (26.1+) is Keycloak's.
        assert sorted(client["defaultClientScopes"]) == kept
        assert client["optionalClientScopes"] == ["email"]
        assert service_account_roles(realm_admin, client) == {"operator"}
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
        # Purging later removes what is not listed, but never the service_account scope.
        realm_admin.add_client_default_client_scope(client["id"], realm_admin.get_client_scope_by_name("roles")["id"], {})
        purged = module_runner(MODULE, diff=True, **args)
        assert purged["changed"] is True and purged["msg"].count("removed") == 1, purged["msg"]
        assert sorted(read_client(realm_admin, client_id)["defaultClientScopes"]) == kept
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_purging_mappers_of_a_service_account_client(module_runner, realm, realm_admin, world, keycloak_version):
    """Keycloak before 26.1 gives a client with a service account three mappers, and adds a missing one again on every
    update that turns service accounts on (each update sends that): a purge keeps them there, so reruns never fight it."""
    kc = realm_admin
    client_id = unique("sa-mappers")
    extra_mappers = service_account_extras(keycloak_version)[1]
    team = {"name": "team claim", "protocol_mapper": "oidc-hardcoded-claim-mapper", "config": {"claim.name": "team", "claim.value": "iam"}}
    args = dict(realm=realm, client_id=client_id, service_accounts_enabled=True, protocol_mappers=[team], purge_protocol_mappers=True)
    try:
        check = module_runner(MODULE, check_mode=True, diff=True, **args)
        created = module_runner(MODULE, diff=True, **args)
        assert created["changed"] is True, created["msg"]
        same_prediction(check, created)
        client = read_client(kc, client_id)
        assert set(mappers(client)) == {"team claim"} | extra_mappers
        kc.add_mapper_to_client(client["id"], {"name": "by hand", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                                               "config": {"claim.name": "hand", "claim.value": "made"}})
        purged = module_runner(MODULE, **dict(args, description="an update sends serviceAccountsEnabled"))
        assert purged["changed"] is True and "'by hand'" in purged["msg"], purged["msg"]
        assert set(mappers(read_client(kc, client_id))) == {"team claim"} | extra_mappers
        for again_args in (dict(args, description="an update sends serviceAccountsEnabled"), args):
            module_runner(MODULE, **again_args)
            again = module_runner(MODULE, **again_args)
            assert again["changed"] is False and again.writes == [], again["msg"]
            assert set(mappers(read_client(kc, client_id))) == {"team claim"} | extra_mappers
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_scopes_move_between_default_and_optional(module_runner, realm, realm_admin, world):
    client_id = unique("move")
    try:
        module_runner(MODULE, realm=realm, client_id=client_id)
        client = read_client(realm_admin, client_id)
        assert "phone" in client["optionalClientScopes"] and "email" in client["defaultClientScopes"]
        check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, client_id=client_id,
                              default_client_scopes=["phone"], optional_client_scopes=["email"])
        moved = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, default_client_scopes=["phone"], optional_client_scopes=["email"])
        assert moved["changed"] is True and moved["diff"] == check["diff"]
        client = read_client(realm_admin, client_id)
        assert "phone" in client["defaultClientScopes"] and "phone" not in client["optionalClientScopes"]
        assert "email" in client["optionalClientScopes"] and "email" not in client["defaultClientScopes"]
        again = module_runner(MODULE, realm=realm, client_id=client_id, default_client_scopes=["phone"], optional_client_scopes=["email"])
        assert again["changed"] is False and again.writes == []
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_mappers_purge_and_string_config(module_runner, realm, realm_admin):
    client_id = unique("mappers")
    first = {"name": "one", "protocol_mapper": "oidc-hardcoded-claim-mapper", "config": {"claim.name": "one", "claim.value": 1, "id.token.claim": True}}
    second = {"name": "two", "protocol_mapper": "oidc-hardcoded-claim-mapper", "config": {"claim.name": "two", "claim.value": "2"}}
    try:
        module_runner(MODULE, realm=realm, client_id=client_id, protocol_mappers=[first, second])
        same = dict(first, config={"claim.name": "one", "claim.value": "1", "id.token.claim": "true"})
        again = module_runner(MODULE, realm=realm, client_id=client_id, protocol_mappers=[same])
        assert again["changed"] is False and again.writes == [], "config is compared as strings"
        assert [mapper["name"] for mapper in again["end_state"]["protocolMappers"]] == ["one", "two"]
        purged = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, protocol_mappers=[same], purge_protocol_mappers=True)
        assert purged["changed"] is True and "'two' removed" in purged["msg"]
        assert list(mappers(read_client(realm_admin, client_id))) == ["one"]
        empty = module_runner(MODULE, realm=realm, client_id=client_id, protocol_mappers=[], purge_protocol_mappers=True)
        assert empty["changed"] is True and mappers(read_client(realm_admin, client_id)) == {}
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_saml_client_and_its_mappers(module_runner, realm, realm_admin):
    client_id = "https://wiki.example.com/%s" % unique("saml")
    mapper = {"name": "email", "protocol_mapper": "saml-user-property-mapper",
              "config": {"user.attribute": "email", "attribute.name": "email", "attribute.nameformat": "Basic"}}
    args = dict(realm=realm, client_id=client_id, protocol="saml", redirect_uris=["https://wiki.example.com/*"],
                attributes={"saml.signature.algorithm": "RSA_SHA512", "saml_name_id_format": "email"}, protocol_mappers=[mapper],
                default_client_scopes=["role_list"])
    try:
        # Keycloak makes a 4096-bit signing key for a new SAML client: that can take more than 10 s.
        created = module_runner(MODULE, connection_timeout=120, **args)
        assert created["changed"] is True, created["msg"]
        client = read_client(realm_admin, client_id)
        assert client["protocol"] == "saml" and client["attributes"]["saml.signature.algorithm"] == "RSA_SHA512"
        assert mappers(client)["email"]["protocol"] == "saml"
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
        wrong = module_runner(MODULE, realm=realm, client_id=client_id, optional_client_scopes=["phone"])
        assert wrong.get("failed") and "openid-connect" in wrong["msg"] and wrong.writes == []
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_removals_by_empty_string(module_runner, realm, realm_admin, world):
    client_id = unique("removal")
    try:
        module_runner(MODULE, realm=realm, client_id=client_id, pkce_code_challenge_method="plain", attributes={"custom": "x"},
                      authentication_flow_binding_overrides={"browser": "browser ü copy", "direct_grant": "direct grant"})
        client = read_client(realm_admin, client_id)
        assert client["attributes"]["pkce.code.challenge.method"] == "plain"
        assert set(client["authenticationFlowBindingOverrides"]) == {"browser", "direct_grant"}
        args = dict(realm=realm, client_id=client_id, pkce_code_challenge_method="", attributes={"custom": ""},
                    authentication_flow_binding_overrides={"browser": ""})
        removed = module_runner(MODULE, **args)
        assert removed["changed"] is True
        client = read_client(realm_admin, client_id)
        assert "pkce.code.challenge.method" not in client["attributes"] and "custom" not in client["attributes"]
        assert list(client["authenticationFlowBindingOverrides"]) == ["direct_grant"]
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
        # An override given by flow id compares equal to the same flow given by alias.
        by_id = module_runner(MODULE, realm=realm, client_id=client_id,
                              authentication_flow_binding_overrides={"direct_grant": flow_id(realm_admin, "direct grant")})
        assert by_id["changed"] is False
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_turning_on_the_service_account_and_its_roles_in_one_task(module_runner, realm, realm_admin, world):
    client_id = unique("later")
    try:
        module_runner(MODULE, realm=realm, client_id=client_id)
        args = dict(realm=realm, client_id=client_id, service_accounts_enabled=True, service_account_realm_roles=["auditor"])
        check = module_runner(MODULE, check_mode=True, diff=True, **args)
        assert check["changed"] is True and check.writes == []
        result = module_runner(MODULE, diff=True, **args)
        assert result["changed"] is True and contained(result["end_state"], check["end_state"]), result["msg"]
        assert "auditor" in service_account_roles(realm_admin, read_client(realm_admin, client_id))
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == []
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_keycloak_errors_name_the_client(module_runner, realm):
    result = module_runner(MODULE, realm=realm, client_id=unique("err"), representation={"noSuchField": True})
    assert result.get("failed") is True
    assert "client '" in result["msg"] and "noSuchField" in result["msg"], result["msg"]


def test_create_writes_only_the_scope_links_the_new_client_lacks(module_runner, realm, realm_admin, world):
    """A new client gets the realm's default scopes: listing them again writes nothing more than the create."""
    defaults = sorted(scope["name"] for scope in realm_admin.get_default_default_client_scopes()
                      if scope.get("protocol", "openid-connect") == "openid-connect")
    client_id = unique("defaults")
    try:
        created = module_runner(MODULE, realm=realm, client_id=client_id, default_client_scopes=defaults)
        assert created["changed"] is True, created["msg"]
        assert [method for method, _url in created.writes] == ["POST"], (len(defaults), created.writes)
        assert sorted(read_client(realm_admin, client_id)["defaultClientScopes"]) == defaults
        again = module_runner(MODULE, realm=realm, client_id=client_id, default_client_scopes=defaults)
        assert again["changed"] is False and again.writes == []
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_a_secret_in_the_representation_is_not_echoed(module_runner, realm):
    """A secret set through the free-form representation has no option to carry no_log: it is masked all the same."""
    client_id = unique("raw")
    secret = "raw-secret-%s" % unique("x")
    try:
        result = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, representation={"secret": secret, "publicClient": False})
        assert result["changed"] is True, result["msg"]
        assert secret not in result["_stdout"]
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")


def test_backchannel_logout_attributes_set_at_create_are_kept(module_runner, realm, realm_admin):
    """A create naming the protocol openid-connect gets Keycloak's two backchannel logout defaults whatever it sends: the
    module writes the task's values again, so the first run ends as the task says and the second writes nothing."""
    client_id = unique("backchannel")
    attributes = {"backchannel.logout.session.required": "false", "backchannel.logout.revoke.offline.tokens": "true"}
    args = dict(realm=realm, client_id=client_id, protocol="openid-connect", attributes=attributes)
    try:
        created = module_runner(MODULE, **args)
        assert created["changed"] is True and not created.get("failed"), created.get("msg")
        client = read_client(realm_admin, client_id)
        assert dict((key, client["attributes"][key]) for key in attributes) == attributes
        assert dict((key, created["end_state"]["attributes"][key]) for key in attributes) == attributes
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
    finally:
        module_runner(MODULE, realm=realm, client_id=client_id, state="absent")
