# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every resource kind of the collection, by name: what the whole-realm apply and the tests iterate.

A module imports only its own kind (so Ansible ships it only what it needs); this registry
imports them all.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from .resources.client import CLIENT
from .resources.client_authz import CLIENT_AUTHZ
from .resources.client_policies import CLIENT_POLICIES
from .resources.client_registration_policy import CLIENT_REGISTRATION_POLICY
from .resources.client_scope import CLIENT_SCOPE
from .resources.component import COMPONENT
from .resources.events_config import EVENTS_CONFIG
from .resources.flow import FLOW
from .resources.group import GROUP
from .resources.identity_provider import IDENTITY_PROVIDER
from .resources.management_permissions import MANAGEMENT_PERMISSIONS
from .resources.organization import ORGANIZATION
from .resources.realm import REALM
from .resources.realm_key import REALM_KEY
from .resources.realm_localization import REALM_LOCALIZATION
from .resources.required_action import REQUIRED_ACTION
from .resources.role import ROLE
from .resources.role_mapping import ROLE_MAPPING
from .resources.user import USER
from .resources.user_federation import USER_FEDERATION
from .resources.user_profile import USER_PROFILE

# In the order a whole realm is built: a kind's references point only to kinds before it (realm-wide
# settings first; an identity provider and a client name flows; an organization names identity
# providers; a user names identity providers, groups and roles; an authorization setup names roles,
# users, groups and clients).
KINDS = dict(
    (kind.name, kind)
    for kind in (
        REALM, EVENTS_CONFIG, REALM_LOCALIZATION, REALM_KEY, USER_PROFILE, CLIENT_POLICIES, CLIENT_REGISTRATION_POLICY,
        REQUIRED_ACTION, ROLE, CLIENT_SCOPE, FLOW, COMPONENT, USER_FEDERATION, IDENTITY_PROVIDER, ORGANIZATION, CLIENT, GROUP,
        USER, CLIENT_AUTHZ, MANAGEMENT_PERMISSIONS, ROLE_MAPPING,
    )
)

# Which module runs each kind.
MODULES = dict((name, "keycloak_" + name) for name in KINDS)
