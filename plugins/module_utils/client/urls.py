# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every endpoint the client calls, in one table.

Templates are relative to the server URL. ``build`` URL-encodes each value as one path
segment (spaces, slashes, ``+``, ``#`` and unicode included), so no caller ever
concatenates a raw name into a path, and refuses a value that cannot be one (empty, ``.``,
``..``, or one that decodes to them): such a value would address another resource.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from urllib.parse import quote, unquote
except ImportError:  # pragma: no cover - Python 2 is not supported
    from urllib import quote, unquote  # type: ignore

# Dot segments: HTTP clients (requests, urllib3) and servers remove them from a path, so a value
# spelled like one addresses the parent resource (``localization/..`` is the realm itself).
_DOT_SEGMENTS = (".", "..")


class UnsafeSegmentError(ValueError):
    """A value that cannot be one path segment: empty, or (after decoding) a dot segment.

    ``argument`` names what the value was for (``role_name``, ``realm``), ``value`` is the value.
    """

    def __init__(self, argument, value):
        self.argument = argument
        self.value = value
        ValueError.__init__(self, "%s %s cannot be used: %s" % (argument or "a path segment", shorten(value), self.reason))

    @property
    def reason(self):
        if "%s" % (self.value,) == "":
            what = "an empty name"
        else:
            what = "a name that is, or decodes to, '.' or '..' (or has such a part between slashes)"
        return "%s would address another resource (HTTP clients and servers remove dot segments from URLs)" % what


def shorten(value, limit=80):
    """``repr(value)``, cut to ``limit`` characters: a message never carries a megabyte of input."""
    shown = "%r" % (value,)
    return shown if len(shown) <= limit else shown[:limit - 3] + "..."


def unsafe_segment(value):
    """Whether ``value`` must never become a path segment: empty, or a dot segment once decoded.

    Decoded until stable (``%252e`` is ``%2e`` is ``.``), and checked part by part between slashes
    and backslashes, since a server that decodes ``%2F`` sees those parts as segments.
    """
    text = "%s" % (value,)
    if text == "":
        return True
    seen = set()
    while text not in seen:
        seen.add(text)
        parts = text.replace("\\", "/").split("/")
        if any(part in _DOT_SEGMENTS for part in parts):
            return True
        text = unquote(text)
    return False


def quote_segment(value, argument=None):
    """``value`` URL-encoded as one path segment; ``UnsafeSegmentError`` for a value that cannot be one."""
    if unsafe_segment(value):
        raise UnsafeSegmentError(argument, value)
    return quote("%s" % value, safe="")


def build(template, **values):
    """Fill ``template`` with URL-encoded ``values``; ``UnsafeSegmentError`` names the argument of an unsafe one."""
    return template.format(**dict((key, quote_segment(value, key)) for key, value in values.items()))


# ------------------------------------------------------------------ server
SERVER_INFO = "admin/serverinfo"
REALM_DISCOVERY = "realms/{realm}/.well-known/openid-configuration"

# ------------------------------------------------------------------ realms
REALMS = "admin/realms"
REALM = "admin/realms/{realm}"
REALM_PARTIAL_IMPORT = "admin/realms/{realm}/partialImport"
REALM_PARTIAL_EXPORT = "admin/realms/{realm}/partial-export"
REALM_KEYS = "admin/realms/{realm}/keys"
REALM_EVENTS = "admin/realms/{realm}/events"
REALM_EVENTS_CONFIG = "admin/realms/{realm}/events/config"
REALM_ADMIN_EVENTS = "admin/realms/{realm}/admin-events"
REALM_CLIENT_SESSION_STATS = "admin/realms/{realm}/client-session-stats"
REALM_CLEAR_KEYS_CACHE = "admin/realms/{realm}/clear-keys-cache"
REALM_CLEAR_REALM_CACHE = "admin/realms/{realm}/clear-realm-cache"
REALM_CLEAR_USER_CACHE = "admin/realms/{realm}/clear-user-cache"
REALM_LOGOUT_ALL = "admin/realms/{realm}/logout-all"
REALM_PUSH_REVOCATION = "admin/realms/{realm}/push-revocation"
REALM_DEFAULT_GROUPS = "admin/realms/{realm}/default-groups"
REALM_DEFAULT_GROUP = "admin/realms/{realm}/default-groups/{group_id}"
REALM_CLIENT_POLICIES = "admin/realms/{realm}/client-policies/policies"
REALM_CLIENT_PROFILES = "admin/realms/{realm}/client-policies/profiles"
REALM_LOCALIZATION = "admin/realms/{realm}/localization"
REALM_LOCALIZATION_LOCALE = "admin/realms/{realm}/localization/{locale}"
REALM_LOCALIZATION_TEXT = "admin/realms/{realm}/localization/{locale}/{key}"
REALM_USERS_MANAGEMENT_PERMISSIONS = "admin/realms/{realm}/users-management-permissions"
REALM_ORGANIZATIONS = "admin/realms/{realm}/organizations"
REALM_ORGANIZATION = "admin/realms/{realm}/organizations/{organization_id}"
REALM_ORGANIZATION_MEMBERS = "admin/realms/{realm}/organizations/{organization_id}/members"
REALM_ORGANIZATION_MEMBER = "admin/realms/{realm}/organizations/{organization_id}/members/{member_id}"
REALM_ORGANIZATION_IDPS = "admin/realms/{realm}/organizations/{organization_id}/identity-providers"
REALM_ORGANIZATION_IDP = "admin/realms/{realm}/organizations/{organization_id}/identity-providers/{alias}"

# ------------------------------------------------------------------ brute force
ATTACK_DETECTION = "admin/realms/{realm}/attack-detection/brute-force/users"
ATTACK_DETECTION_USER = "admin/realms/{realm}/attack-detection/brute-force/users/{user_id}"

# ------------------------------------------------------------------ users
USERS = "admin/realms/{realm}/users"
USERS_COUNT = "admin/realms/{realm}/users/count"
USERS_PROFILE = "admin/realms/{realm}/users/profile"
USER = "admin/realms/{realm}/users/{user_id}"
USER_GROUPS = "admin/realms/{realm}/users/{user_id}/groups"
USER_GROUPS_COUNT = "admin/realms/{realm}/users/{user_id}/groups/count"
USER_GROUP = "admin/realms/{realm}/users/{user_id}/groups/{group_id}"
USER_RESET_PASSWORD = "admin/realms/{realm}/users/{user_id}/reset-password"
USER_CREDENTIALS = "admin/realms/{realm}/users/{user_id}/credentials"
USER_CREDENTIAL = "admin/realms/{realm}/users/{user_id}/credentials/{credential_id}"
USER_LOGOUT = "admin/realms/{realm}/users/{user_id}/logout"
USER_CONSENTS = "admin/realms/{realm}/users/{user_id}/consents"
USER_CONSENT = "admin/realms/{realm}/users/{user_id}/consents/{client_id}"
USER_FEDERATED_IDENTITIES = "admin/realms/{realm}/users/{user_id}/federated-identity"
USER_FEDERATED_IDENTITY = "admin/realms/{realm}/users/{user_id}/federated-identity/{provider}"
USER_EXECUTE_ACTIONS_EMAIL = "admin/realms/{realm}/users/{user_id}/execute-actions-email"
USER_SEND_VERIFY_EMAIL = "admin/realms/{realm}/users/{user_id}/send-verify-email"
USER_SESSIONS = "admin/realms/{realm}/users/{user_id}/sessions"
USER_OFFLINE_SESSIONS = "admin/realms/{realm}/users/{user_id}/offline-sessions/{client_id}"
USER_IMPERSONATION = "admin/realms/{realm}/users/{user_id}/impersonation"

# ------------------------------------------------------------------ role mappings (users)
USER_ROLE_MAPPINGS = "admin/realms/{realm}/users/{user_id}/role-mappings"
USER_REALM_ROLES = "admin/realms/{realm}/users/{user_id}/role-mappings/realm"
USER_REALM_ROLES_AVAILABLE = "admin/realms/{realm}/users/{user_id}/role-mappings/realm/available"
USER_REALM_ROLES_COMPOSITE = "admin/realms/{realm}/users/{user_id}/role-mappings/realm/composite"
USER_CLIENT_ROLES = "admin/realms/{realm}/users/{user_id}/role-mappings/clients/{client_id}"
USER_CLIENT_ROLES_AVAILABLE = "admin/realms/{realm}/users/{user_id}/role-mappings/clients/{client_id}/available"
USER_CLIENT_ROLES_COMPOSITE = "admin/realms/{realm}/users/{user_id}/role-mappings/clients/{client_id}/composite"

# ------------------------------------------------------------------ groups
GROUPS = "admin/realms/{realm}/groups"
GROUPS_COUNT = "admin/realms/{realm}/groups/count"
GROUP = "admin/realms/{realm}/groups/{group_id}"
GROUP_CHILDREN = "admin/realms/{realm}/groups/{group_id}/children"
GROUP_MEMBERS = "admin/realms/{realm}/groups/{group_id}/members"
GROUP_MANAGEMENT_PERMISSIONS = "admin/realms/{realm}/groups/{group_id}/management/permissions"
GROUP_BY_PATH = "admin/realms/{realm}/group-by-path/{path}"
GROUP_ROLE_MAPPINGS = "admin/realms/{realm}/groups/{group_id}/role-mappings"
GROUP_REALM_ROLES = "admin/realms/{realm}/groups/{group_id}/role-mappings/realm"
GROUP_REALM_ROLES_COMPOSITE = "admin/realms/{realm}/groups/{group_id}/role-mappings/realm/composite"
GROUP_CLIENT_ROLES = "admin/realms/{realm}/groups/{group_id}/role-mappings/clients/{client_id}"
GROUP_CLIENT_ROLES_COMPOSITE = "admin/realms/{realm}/groups/{group_id}/role-mappings/clients/{client_id}/composite"

# ------------------------------------------------------------------ clients
CLIENTS = "admin/realms/{realm}/clients"
CLIENT = "admin/realms/{realm}/clients/{client_id}"
CLIENT_SECRET = "admin/realms/{realm}/clients/{client_id}/client-secret"
CLIENT_SECRET_ROTATED = "admin/realms/{realm}/clients/{client_id}/client-secret/rotated"
CLIENT_SERVICE_ACCOUNT_USER = "admin/realms/{realm}/clients/{client_id}/service-account-user"
CLIENT_INSTALLATION_PROVIDER = "admin/realms/{realm}/clients/{client_id}/installation/providers/{provider_id}"
CLIENT_PROTOCOL_MAPPERS = "admin/realms/{realm}/clients/{client_id}/protocol-mappers/models"
CLIENT_PROTOCOL_MAPPER = "admin/realms/{realm}/clients/{client_id}/protocol-mappers/models/{mapper_id}"
CLIENT_DEFAULT_CLIENT_SCOPES = "admin/realms/{realm}/clients/{client_id}/default-client-scopes"
CLIENT_DEFAULT_CLIENT_SCOPE = "admin/realms/{realm}/clients/{client_id}/default-client-scopes/{client_scope_id}"
CLIENT_OPTIONAL_CLIENT_SCOPES = "admin/realms/{realm}/clients/{client_id}/optional-client-scopes"
CLIENT_OPTIONAL_CLIENT_SCOPE = "admin/realms/{realm}/clients/{client_id}/optional-client-scopes/{client_scope_id}"
CLIENT_USER_SESSIONS = "admin/realms/{realm}/clients/{client_id}/user-sessions"
CLIENT_OFFLINE_SESSIONS = "admin/realms/{realm}/clients/{client_id}/offline-sessions"
CLIENT_MANAGEMENT_PERMISSIONS = "admin/realms/{realm}/clients/{client_id}/management/permissions"
CLIENT_CERTIFICATE_UPLOAD = "admin/realms/{realm}/clients/{client_id}/certificates/{attr}/upload-certificate"
CLIENT_CERTIFICATE = "admin/realms/{realm}/clients/{client_id}/certificates/{attr}"
CLIENT_INITIAL_ACCESS = "admin/realms/{realm}/clients-initial-access"
CLIENT_INITIAL_ACCESS_TOKEN = "admin/realms/{realm}/clients-initial-access/{token_id}"
CLIENT_SCOPE_MAPPINGS = "admin/realms/{realm}/clients/{client_id}/scope-mappings"
CLIENT_SCOPE_MAPPINGS_REALM = "admin/realms/{realm}/clients/{client_id}/scope-mappings/realm"
CLIENT_SCOPE_MAPPINGS_CLIENT = "admin/realms/{realm}/clients/{client_id}/scope-mappings/clients/{client}"

# ------------------------------------------------------------------ client authorization services
CLIENT_AUTHZ_SETTINGS = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/settings"
CLIENT_AUTHZ_RESOURCE_SERVER = "admin/realms/{realm}/clients/{client_id}/authz/resource-server"
CLIENT_AUTHZ_IMPORT = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/import"
CLIENT_AUTHZ_RESOURCES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/resource"
CLIENT_AUTHZ_RESOURCE = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/resource/{resource_id}"
CLIENT_AUTHZ_RESOURCE_SCOPES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/resource/{resource_id}/scopes"
CLIENT_AUTHZ_RESOURCE_PERMISSIONS = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/resource/{resource_id}/permissions"
CLIENT_AUTHZ_SCOPES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/scope"
CLIENT_AUTHZ_SCOPE = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/scope/{scope_id}"
CLIENT_AUTHZ_POLICIES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy"
CLIENT_AUTHZ_POLICY = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/{policy_id}"
CLIENT_AUTHZ_POLICY_SEARCH = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/search"
CLIENT_AUTHZ_POLICY_PROVIDERS = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/providers"
CLIENT_AUTHZ_POLICY_OF_TYPE = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/{policy_type}"
CLIENT_AUTHZ_POLICY_OF_TYPE_ID = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/{policy_type}/{policy_id}"
CLIENT_AUTHZ_POLICY_SCOPES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/{policy_id}/scopes"
CLIENT_AUTHZ_POLICY_RESOURCES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/{policy_id}/resources"
CLIENT_AUTHZ_POLICY_ASSOCIATED_POLICIES = (
    "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/{policy_id}/associatedPolicies"
)
CLIENT_AUTHZ_ROLE_POLICIES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/role"
CLIENT_AUTHZ_CLIENT_POLICIES = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/policy/client"
CLIENT_AUTHZ_PERMISSIONS = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/permission"
CLIENT_AUTHZ_PERMISSION = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/permission/{permission_id}"
CLIENT_AUTHZ_RESOURCE_PERMISSIONS_ALL = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/permission/resource"
CLIENT_AUTHZ_RESOURCE_PERMISSION = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/permission/resource/{permission_id}"
CLIENT_AUTHZ_SCOPE_PERMISSIONS = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/permission/scope"
CLIENT_AUTHZ_SCOPE_PERMISSION = "admin/realms/{realm}/clients/{client_id}/authz/resource-server/permission/scope/{permission_id}"

# ------------------------------------------------------------------ roles
REALM_ROLES = "admin/realms/{realm}/roles"
REALM_ROLE = "admin/realms/{realm}/roles/{role_name}"
REALM_ROLE_COMPOSITES = "admin/realms/{realm}/roles/{role_name}/composites"
REALM_ROLE_COMPOSITES_REALM = "admin/realms/{realm}/roles/{role_name}/composites/realm"
REALM_ROLE_COMPOSITES_CLIENT = "admin/realms/{realm}/roles/{role_name}/composites/clients/{client_id}"
REALM_ROLE_GROUPS = "admin/realms/{realm}/roles/{role_name}/groups"
REALM_ROLE_USERS = "admin/realms/{realm}/roles/{role_name}/users"
ROLE_BY_ID = "admin/realms/{realm}/roles-by-id/{role_id}"
ROLE_BY_ID_COMPOSITES = "admin/realms/{realm}/roles-by-id/{role_id}/composites"
ROLE_BY_ID_COMPOSITES_CLIENT = "admin/realms/{realm}/roles-by-id/{role_id}/composites/clients/{client_id}"
CLIENT_ROLES = "admin/realms/{realm}/clients/{client_id}/roles"
CLIENT_ROLE = "admin/realms/{realm}/clients/{client_id}/roles/{role_name}"
CLIENT_ROLE_COMPOSITES = "admin/realms/{realm}/clients/{client_id}/roles/{role_name}/composites"
CLIENT_ROLE_COMPOSITES_REALM = "admin/realms/{realm}/clients/{client_id}/roles/{role_name}/composites/realm"
CLIENT_ROLE_COMPOSITES_CLIENT = "admin/realms/{realm}/clients/{client_id}/roles/{role_name}/composites/clients/{target_client_id}"
CLIENT_ROLE_USERS = "admin/realms/{realm}/clients/{client_id}/roles/{role_name}/users"
CLIENT_ROLE_GROUPS = "admin/realms/{realm}/clients/{client_id}/roles/{role_name}/groups"

# ------------------------------------------------------------------ client scopes
CLIENT_SCOPES = "admin/realms/{realm}/client-scopes"
CLIENT_SCOPE = "admin/realms/{realm}/client-scopes/{client_scope_id}"
CLIENT_SCOPE_PROTOCOL_MAPPERS = "admin/realms/{realm}/client-scopes/{client_scope_id}/protocol-mappers/models"
CLIENT_SCOPE_PROTOCOL_MAPPER = "admin/realms/{realm}/client-scopes/{client_scope_id}/protocol-mappers/models/{mapper_id}"
CLIENT_SCOPE_ROLE_MAPPINGS = "admin/realms/{realm}/client-scopes/{client_scope_id}/scope-mappings"
CLIENT_SCOPE_ROLE_MAPPINGS_REALM = "admin/realms/{realm}/client-scopes/{client_scope_id}/scope-mappings/realm"
CLIENT_SCOPE_ROLE_MAPPINGS_CLIENT = "admin/realms/{realm}/client-scopes/{client_scope_id}/scope-mappings/clients/{client_id}"
DEFAULT_DEFAULT_CLIENT_SCOPES = "admin/realms/{realm}/default-default-client-scopes"
DEFAULT_DEFAULT_CLIENT_SCOPE = "admin/realms/{realm}/default-default-client-scopes/{client_scope_id}"
DEFAULT_OPTIONAL_CLIENT_SCOPES = "admin/realms/{realm}/default-optional-client-scopes"
DEFAULT_OPTIONAL_CLIENT_SCOPE = "admin/realms/{realm}/default-optional-client-scopes/{client_scope_id}"

# ------------------------------------------------------------------ role mappings, by what holds them
# target -> (all its mappings, its realm roles, its roles of one client, the placeholder of the
# holder's id, the placeholder of the role-owning client's id). A client's "role mappings" are
# its dedicated scope.
ROLE_MAPPING_TARGETS = {
    "user": (USER_ROLE_MAPPINGS, USER_REALM_ROLES, USER_CLIENT_ROLES, "user_id", "client_id"),
    "group": (GROUP_ROLE_MAPPINGS, GROUP_REALM_ROLES, GROUP_CLIENT_ROLES, "group_id", "client_id"),
    "client": (CLIENT_SCOPE_MAPPINGS, CLIENT_SCOPE_MAPPINGS_REALM, CLIENT_SCOPE_MAPPINGS_CLIENT, "client_id", "client"),
    "client_scope": (
        CLIENT_SCOPE_ROLE_MAPPINGS,
        CLIENT_SCOPE_ROLE_MAPPINGS_REALM,
        CLIENT_SCOPE_ROLE_MAPPINGS_CLIENT,
        "client_scope_id",
        "client_id",
    ),
}

# ------------------------------------------------------------------ identity providers
IDPS = "admin/realms/{realm}/identity-provider/instances"
IDP = "admin/realms/{realm}/identity-provider/instances/{alias}"
IDP_MAPPERS = "admin/realms/{realm}/identity-provider/instances/{alias}/mappers"
IDP_MAPPER = "admin/realms/{realm}/identity-provider/instances/{alias}/mappers/{mapper_id}"
IDP_MAPPER_TYPES = "admin/realms/{realm}/identity-provider/instances/{alias}/mapper-types"
IDP_PROVIDER = "admin/realms/{realm}/identity-provider/providers/{provider_id}"

# ------------------------------------------------------------------ authentication
AUTHN_FLOWS = "admin/realms/{realm}/authentication/flows"
AUTHN_FLOW = "admin/realms/{realm}/authentication/flows/{flow_id}"
AUTHN_FLOW_COPY = "admin/realms/{realm}/authentication/flows/{flow_alias}/copy"
AUTHN_FLOW_EXECUTIONS = "admin/realms/{realm}/authentication/flows/{flow_alias}/executions"
AUTHN_FLOW_EXECUTION_CREATE = "admin/realms/{realm}/authentication/flows/{flow_alias}/executions/execution"
AUTHN_FLOW_SUBFLOW_CREATE = "admin/realms/{realm}/authentication/flows/{flow_alias}/executions/flow"
AUTHN_EXECUTION = "admin/realms/{realm}/authentication/executions/{execution_id}"
AUTHN_EXECUTION_CONFIG = "admin/realms/{realm}/authentication/executions/{execution_id}/config"
AUTHN_EXECUTION_RAISE = "admin/realms/{realm}/authentication/executions/{execution_id}/raise-priority"
AUTHN_EXECUTION_LOWER = "admin/realms/{realm}/authentication/executions/{execution_id}/lower-priority"
AUTHN_AUTHENTICATOR_PROVIDERS = "admin/realms/{realm}/authentication/authenticator-providers"
AUTHN_CLIENT_AUTHENTICATOR_PROVIDERS = "admin/realms/{realm}/authentication/client-authenticator-providers"
AUTHN_FORM_ACTION_PROVIDERS = "admin/realms/{realm}/authentication/form-action-providers"
AUTHN_FORM_PROVIDERS = "admin/realms/{realm}/authentication/form-providers"
AUTHN_PER_CLIENT_CONFIG_DESCRIPTION = "admin/realms/{realm}/authentication/per-client-config-description"
AUTHN_CONFIG_DESCRIPTION = "admin/realms/{realm}/authentication/config-description/{provider_id}"
AUTHN_CONFIG = "admin/realms/{realm}/authentication/config/{config_id}"
AUTHN_REQUIRED_ACTIONS = "admin/realms/{realm}/authentication/required-actions"
AUTHN_REQUIRED_ACTION = "admin/realms/{realm}/authentication/required-actions/{action_alias}"
AUTHN_UNREGISTERED_REQUIRED_ACTIONS = "admin/realms/{realm}/authentication/unregistered-required-actions"
AUTHN_REGISTER_REQUIRED_ACTION = "admin/realms/{realm}/authentication/register-required-action"

# ------------------------------------------------------------------ components and user storage
COMPONENTS = "admin/realms/{realm}/components"
COMPONENT = "admin/realms/{realm}/components/{component_id}"
USER_STORAGE_SYNC = "admin/realms/{realm}/user-storage/{storage_id}/sync"
USER_STORAGE_REMOVE_IMPORTED = "admin/realms/{realm}/user-storage/{storage_id}/remove-imported-users"
USER_STORAGE_UNLINK = "admin/realms/{realm}/user-storage/{storage_id}/unlink-users"
USER_STORAGE_MAPPER_SYNC = "admin/realms/{realm}/user-storage/{storage_id}/mappers/{mapper_id}/sync"
REALM_TEST_LDAP_CONNECTION = "admin/realms/{realm}/testLDAPConnection"
