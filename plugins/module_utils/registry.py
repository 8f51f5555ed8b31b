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
from .resources.client_scope import CLIENT_SCOPE
from .resources.group import GROUP
from .resources.realm import REALM
from .resources.role import ROLE
from .resources.role_mapping import ROLE_MAPPING
from .resources.user import USER

# In the order a whole realm is built: a kind's references point only to kinds before it.
KINDS = dict((kind.name, kind) for kind in (REALM, ROLE, CLIENT_SCOPE, CLIENT, GROUP, USER, ROLE_MAPPING))

# Which module runs each kind.
MODULES = dict((name, "keycloak_" + name) for name in KINDS)
