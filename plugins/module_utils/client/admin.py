# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``KeycloakAdmin``: the complete admin client, one mixin per API area."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from .realms import RealmsMixin
from .users import UsersMixin
from .groups import GroupsMixin
from .clients import ClientsMixin
from .roles import RolesMixin
from .client_scopes import ClientScopesMixin
from .authentication import AuthenticationMixin
from .authz import AuthzMixin
from .identity_providers import IdentityProvidersMixin
from .components import ComponentsMixin


class KeycloakAdmin(
    RealmsMixin,
    UsersMixin,
    GroupsMixin,
    ClientsMixin,
    RolesMixin,
    ClientScopesMixin,
    AuthenticationMixin,
    AuthzMixin,
    IdentityProvidersMixin,
    ComponentsMixin,
):
    """Keycloak admin client.

    Log in with ``username``/``password`` (and ``totp``), with ``client_id`` and
    ``client_secret_key`` (client-credentials grant), or hand in a ``token``; or pass a
    ready ``connection``. ``realm_name`` is the realm managed, ``user_realm_name`` the
    realm logged into when different.
    """
