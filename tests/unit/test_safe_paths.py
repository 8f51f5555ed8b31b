# -*- coding: utf-8 -*-
"""Every URL the client builds: a value that cannot be one path segment is refused, naming the argument.

HTTP clients and servers remove dot segments, so ``localization/..`` would address the realm itself
(issue 16: a locale ``..`` deleted a realm). The check is in ``urls.build``, which every client
method uses; the module layer names the task's option that held the value.
"""

import re

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client import urls
from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.connection import KeycloakOpenIDConnection
from ansible_collections.iam.keycloak.plugins.module_utils.module import _option_holding

UNSAFE = ["", ".", "..", "a/..", "../x", "a/./b", "%2e%2e", "%2E", "%252e%252e", "a%2F..", "..\\", "a\\..\\b"]
SAFE = ["x?y=z", "#", "&", "a b", "ü é", "日本", "r+1", "a/b", "...", ".hidden", "a.b", "100%", "%zz", "x" * 300]

TEMPLATES = sorted(
    (name, value) for name, value in vars(urls).items() if name.isupper() and isinstance(value, str) and "{" in value
)


def placeholders(template):
    return re.findall(r"{(\w+)}", template)


def test_every_template_is_checked():
    assert len(TEMPLATES) > 150, len(TEMPLATES)


@pytest.mark.parametrize("name,template", TEMPLATES, ids=[name for name, _template in TEMPLATES])
def test_unsafe_value_in_any_argument_is_refused(name, template):
    for argument in placeholders(template):
        values = dict((key, "ok") for key in placeholders(template))
        for bad in UNSAFE:
            values[argument] = bad
            with pytest.raises(urls.UnsafeSegmentError) as caught:
                urls.build(template, **values)
            assert caught.value.argument == argument
            assert isinstance(caught.value, ValueError)
            assert argument in str(caught.value) and "another resource" in str(caught.value)


@pytest.mark.parametrize("value", SAFE)
def test_safe_values_stay_one_segment(value):
    path = urls.build(urls.REALM_ROLE, realm="r", role_name=value)
    head, _sep, last = path.rpartition("/")
    assert head == "admin/realms/r/roles"
    assert "/" not in last and "?" not in last and "#" not in last
    assert urls.unquote(last) == value


def test_message_is_short_for_a_huge_value():
    with pytest.raises(urls.UnsafeSegmentError) as caught:
        urls.build(urls.REALM_ROLE, realm="r", role_name="../" + "x" * 1000000)
    assert len(str(caught.value)) < 400


def test_client_methods_refuse_before_any_request():
    """No server at all: the error comes from building the URL, before a login or a request."""
    connection = KeycloakOpenIDConnection(server_url="http://127.0.0.1:9", username="u", password="p", realm_name="master")
    admin = KeycloakAdmin(connection=connection)
    admin.change_current_realm("r")
    for call in (
        lambda: admin.delete_realm(".."),
        lambda: admin.get_realm(""),
        lambda: admin.delete_realm_role("."),
        lambda: admin.get_group_by_path("/a/.."),
        lambda: admin.delete_user("%2e%2e"),
    ):
        with pytest.raises(urls.UnsafeSegmentError):
            call()


def test_login_realm_is_checked():
    connection = KeycloakOpenIDConnection(server_url="http://127.0.0.1:9", username="u", password="p", realm_name="..")
    with pytest.raises(urls.UnsafeSegmentError) as caught:
        connection.get_token()
    assert caught.value.argument == "user_realm_name"


def test_option_holding_names_the_option_path():
    params = {"realm": "r", "realm_roles": ["a", ".."], "client_roles": [{"client_id": "c", "roles": ["x", "."]}],
              "auth_realm": "."}
    assert _option_holding(params, "..") == "realm_roles[1]"
    assert _option_holding(params, ".", skip={"auth_realm"}) == "client_roles[0].roles[1]"
    assert _option_holding(params, "nowhere") is None
