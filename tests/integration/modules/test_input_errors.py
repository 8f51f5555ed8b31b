# -*- coding: utf-8 -*-
"""Every input error is a sentence, and comes before any write (issue 16, items 3 and 8).

One table per module, built from its option spec and its first plain EXAMPLES task (the arguments
``test_safe_paths`` uses), run through the recording proxy on 127.0.0.1:

* wrong types: each ``int``, ``bool``, ``dict`` and list-of-dicts option given a value of another type,
  and each option with choices given one outside them;
* numbers out of range: each ``int`` option below its range (a token lifespan of -5) and above what
  Keycloak keeps (2**31);
* empty values: each secret option given ``""`` (an empty password credential);
* community.general's names: each option that module spells otherwise, refused naming ours.

Each row must fail with a message that names the option, and send nothing at all (not even a login).
Then, against the server: dangling and empty references (a new user whose realm role does not exist,
``realm_roles: ""``) create nothing; a megabyte name gives a short message; an answer of an unexpected
shape gives a sentence naming the module, with the traceback only in ``exception`` (shown at -vvv).
"""

import json

import pytest

from proxy import Fault, Proxy  # tests/keycloak  pylint: disable=import-error
from ansible_collections.iam.keycloak.plugins.module_utils import registry
from ansible_collections.iam.keycloak.plugins.module_utils.kind import JAVA_INT_MAX, ansible_spec
from ansible_collections.iam.keycloak.plugins.module_utils.module import MESSAGE_LIMIT, keycloak_argument_spec
from harness import TOKEN_PATH  # pylint: disable=import-error
from test_safe_paths import EXAMPLES, REALM_MODULES, module_names  # pylint: disable=import-error

AUTH = set(keycloak_argument_spec())
# An info module's mutually exclusive options: a row drops the example's option that excludes its own.
EXCLUSIVE = {}
KIND_OF = dict((registry.MODULES[name], kind) for name, kind in registry.KINDS.items())


def own_spec(module):
    """The module's own options, with the keys of kind.py (``range``): from its kind, operation or argument spec."""
    if module in KIND_OF:
        return KIND_OF[module].option_spec()
    captured = {}
    from ansible_collections.iam.keycloak.plugins.module_utils import module as layer

    original = layer.KeycloakModule.__init__

    def capture(self, argument_spec=None, **kwargs):
        captured.update(argument_spec or {})
        EXCLUSIVE[module] = kwargs.get("mutually_exclusive") or []
        raise SystemExit(0)

    layer.KeycloakModule.__init__ = capture
    try:
        import importlib

        try:
            importlib.import_module("ansible_collections.iam.keycloak.plugins.modules.%s" % module).main()
        except SystemExit:
            pass
    finally:
        layer.KeycloakModule.__init__ = original
    return captured


def rows(module):
    """``(option, value, words the message must hold)`` for the module's table."""
    spec = own_spec(module)
    # Every module has the connection options: a wrong type there is refused the same way.
    table = [("connection_timeout", "soon", ["connection_timeout"]), ("validate_certs", "maybe", ["validate_certs"])]
    for name, option in sorted(spec.items()):
        if name in AUTH or name == "realm":
            continue
        kind = option.get("type", "str")
        if option.get("choices") and kind == "str":
            table.append((name, "no-such-choice", [name]))
        if kind == "int":
            lowest, highest = option.get("range", (0, JAVA_INT_MAX))
            table.append((name, "many", [name]))
            table.append((name, lowest - 5, [name, "or more"]))
            table.append((name, highest + 1, [name, "or less"]))
        elif kind == "bool":
            table.append((name, "maybe", [name]))
        elif kind == "dict":
            table.append((name, "not a dict", [name]))
        elif kind == "list" and option.get("elements") == "dict":
            table.append((name, ["not a dict"], [name]))
        if option.get("no_log") and kind == "str":
            table.append((name, "", [name, "empty"]))
    for name in sorted(getattr(KIND_OF.get(module), "peers", {})):
        table.append((name, "x", ["option %s is community.general's" % name]))
    return table


TABLES = dict((module, rows(module)) for module in module_names())


def test_the_tables_cover_every_module():
    assert sorted(TABLES) == module_names()
    assert sum(len(table) for table in TABLES.values()) > 400, sum(len(table) for table in TABLES.values())


@pytest.fixture(scope="module")
def proxied(keycloak_url):
    with Proxy(keycloak_url) as proxy:
        yield proxy


@pytest.mark.parametrize("module", sorted(TABLES))
def test_bad_input_is_a_sentence_and_sends_nothing(module_runner, proxied, realm, module):
    for option, value, words in TABLES[module]:
        args = dict(EXAMPLES[module])
        if module in REALM_MODULES:
            args["realm"] = realm
        for group in EXCLUSIVE.get(module, ()):
            if option in group:
                args = dict((name, given) for name, given in args.items() if name == option or name not in group)
        args[option] = value
        del proxied.requests[:]
        result = module_runner(module, auth_keycloak_url=proxied.url, **args)
        assert result.get("failed") is True, (option, value, result.get("msg"))
        assert all(word in result["msg"] for word in words), (option, value, result["msg"])
        assert "Traceback" not in result["msg"]
        assert proxied.requests == [], (option, value, proxied.requests)


def test_unknown_options_still_fail_as_ansible_says(module_runner, proxied, realm):
    """An option no module knows: Ansible's own message, nothing added."""
    result = module_runner("keycloak_group", auth_keycloak_url=proxied.url, realm=realm, path="/x", colour="blue")
    assert result.get("failed") is True and "colour" in result["msg"] and "community" not in result["msg"], result["msg"]


def _writes(proxy):
    return [(method, path) for method, path in proxy.requests if method != "GET" and TOKEN_PATH not in path]


@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "real"])
@pytest.mark.parametrize("module,args,option", [
    ("keycloak_user", dict(username="dangling", realm_roles=["no-such-role"]), "no-such-role"),
    ("keycloak_user", dict(username="dangling", groups=["/no/such/group"]), "/no/such/group"),
    ("keycloak_user", dict(username="dangling", client_roles=[{"client_id": "no-such-client", "roles": ["x"]}]), "no-such-client"),
    ("keycloak_group", dict(path="/dangling", realm_roles=["no-such-role"]), "no-such-role"),
    ("keycloak_role", dict(name="dangling", composites=[{"name": "no-such-role"}]), "no-such-role"),
    ("keycloak_client", dict(client_id="dangling", default_client_scopes=["no-such-scope"]), "no-such-scope"),
], ids=["user-role", "user-group", "user-client", "group-role", "role-composite", "client-scope"])
def test_dangling_reference_creates_nothing(module_runner, proxied, realm, module, args, option, check_mode):
    del proxied.requests[:]
    result = module_runner(module, check_mode=check_mode, auth_keycloak_url=proxied.url, realm=realm, **args)
    assert _writes(proxied) == []
    if check_mode:  # planned as made by an earlier task of the play, with a warning naming it
        assert any(option in "%s" % warning for warning in result.get("warnings") or []), result
    else:
        assert result.get("failed") is True and option in result["msg"], result.get("msg")


@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "real"])
@pytest.mark.parametrize("module,args,option", [
    ("keycloak_user", dict(username="empty-roles", realm_roles=""), "realm_roles[0]"),
    ("keycloak_user", dict(username="empty-roles", groups=[""]), "groups[0]"),
    ("keycloak_group", dict(path="/empty-roles", realm_roles=""), "realm_roles[0]"),
    ("keycloak_role", dict(name="empty-roles", composites=[{"name": ""}]), "composites[0].name"),
    ("keycloak_role_mapping", dict(user="empty-roles", realm_roles=""), "realm_roles[0]"),
], ids=["user-roles", "user-groups", "group-roles", "role-composites", "mapping-roles"])
def test_empty_reference_is_refused_before_any_write(module_runner, proxied, realm, realm_admin, module, args, option, check_mode):
    """``realm_roles: ""`` (Ansible makes it ``[""]``) crashed with "list indices must be integers"."""
    if module == "keycloak_role_mapping" and realm_admin.get_user_id("empty-roles") is None:
        realm_admin.create_user({"username": "empty-roles", "enabled": True})
    del proxied.requests[:]
    result = module_runner(module, check_mode=check_mode, auth_keycloak_url=proxied.url, realm=realm, **args)
    assert result.get("failed") is True, result.get("msg")
    assert "option %s" % option in result["msg"], result["msg"]
    assert _writes(proxied) == []


def test_a_megabyte_name_gives_a_short_message(module_runner, proxied, realm):
    name = "x" * 1000000
    for module, args in (("keycloak_user", dict(username=name)), ("keycloak_role", dict(name=name)),
                         ("keycloak_group", dict(path="/" + name))):
        del proxied.requests[:]
        result = module_runner(module, auth_keycloak_url=proxied.url, realm=realm, **args)
        assert result.get("failed") is True, module
        assert len(json.dumps(result["msg"])) <= MESSAGE_LIMIT + 10, (module, len(result["msg"]))
        assert _writes(proxied) == [], module


def test_an_answer_of_unexpected_shape_is_a_sentence(module_runner, keycloak_url, realm):
    """Keycloak (or a proxy in between) answers a role read with a list: the module says so in one sentence that
    names it and the task's option, and keeps the traceback for -vvv (``exception``)."""
    def fault(method, path):
        if method == "GET" and path.startswith("/admin/realms/%s/roles/" % realm):
            return Fault.status(200, body="[1, 2]", headers={"Content-Type": "application/json"})
        return None

    with Proxy(keycloak_url, fault=fault) as proxy:
        result = module_runner("keycloak_role", auth_keycloak_url=proxy.url, realm=realm, name="shape", description="d")
    assert result.get("failed") is True, result
    message = result["msg"]
    assert message.startswith("keycloak_role could not handle its input"), message
    assert "role 'shape'" in message and "-vvv" in message and "Traceback" not in message, message
    # ansible-core 2.19 and later keep it only when traceback capture is on (DISPLAY_TRACEBACK); older ones always.
    assert "exception" not in result or "Traceback" in "%s" % result["exception"], result["exception"]
    assert _writes(proxy) == []


@pytest.mark.parametrize("args,option", [
    (dict(access_token_lifespan=-5), "access_token_lifespan"),
    (dict(smtp_server={"host": "smtp.example.com", "port": 70000}), "smtp_server.port"),
], ids=["negative-lifespan", "port"])
def test_realm_numbers_are_checked(module_runner, proxied, realm, args, option):
    del proxied.requests[:]
    result = module_runner("keycloak_realm", auth_keycloak_url=proxied.url, realm=realm, **args)
    assert result.get("failed") is True and "option %s" % option in result["msg"], result.get("msg")
    assert proxied.requests == []


def test_an_empty_password_is_refused(module_runner, proxied, realm, realm_admin):
    del proxied.requests[:]
    result = module_runner("keycloak_user", auth_keycloak_url=proxied.url, realm=realm, username="nopass", password="")
    assert result.get("failed") is True and "option password (a secret) is empty" in result["msg"], result.get("msg")
    assert proxied.requests == []
    assert realm_admin.get_user_id("nopass") is None


def test_ansible_spec_has_no_keys_of_ours():
    """``range`` and ``empty`` stay out of what Ansible sees."""
    for kind in registry.KINDS.values():
        assert "range" not in json.dumps(ansible_spec(kind.option_spec())).replace('"range_', "")
