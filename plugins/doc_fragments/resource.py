# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The options several resource modules share, written once. Their type, default, choices and
    # suboptions are those of plugins/module_utils/kind.py (REALM, STATE, REPRESENTATION,
    # RoleItems); tests/unit/test_module_docs.py checks every module's merged documentation
    # against its argument spec.
    #
    # A module that means more by one of these options documents it again with only its own
    # description: ansible-doc merges a fragment's option and the module's key by key, the
    # module's keys winning, so the type, default and choices still come from here.
    #
    # (ansible-test's yamllint reads these attributes as plain string literals: no concatenation.)

    # realm, state and representation, as the modules that manage one object take them.
    DOCUMENTATION = r"""
options:
  realm:
    description:
      - Name of the realm the task works in, the realm of the object it manages and of every group, role, client or client scope
        it names.
    type: str
    default: master
  state:
    description:
      - V(present) creates the managed object or updates the options set; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  representation:
    description:
      - Any other fields of the managed object's representation, in the camelCase of the Keycloak REST API.
      - Options set in the task win over the same field here.
    type: dict
"""

    # The realm alone, for the modules that act in a realm (operations, realm-wide settings) and have no state.
    REALM = r"""
options:
  realm:
    description:
      - Name of the realm the task works in, the realm of every user, client or other object it names.
    type: str
    default: master
"""

    # The realm and client role mappings of the managed object (a user, a group, or a client
    # scope's scope mappings).
    ROLE_MAPPINGS = r"""
options:
  realm_roles:
    description:
      - Names of realm roles mapped directly to the managed object.
      - Listed roles are mapped; others are kept unless O(purge_roles=true).
      - A role that does not exist fails the task before anything is written.
    type: list
    elements: str
  client_roles:
    description:
      - Client roles mapped directly to the managed object, by client.
      - Listed roles are mapped; others are kept unless O(purge_roles=true).
      - A client or role that does not exist fails the task before anything is written.
    type: list
    elements: dict
    suboptions:
      client_id:
        description:
          - Client ID (C(clientId), not the internal id) of the client that has the roles.
        type: str
        required: true
      roles:
        description:
          - Names of the client's roles.
        type: list
        elements: str
        required: true
  purge_roles:
    description:
      - Remove the realm and client role mappings of the managed object that O(realm_roles) and O(client_roles) do not list.
      - Only applies when O(realm_roles) or O(client_roles) is set; O(realm_roles=[]) with O(purge_roles=true) removes every mapping.
    type: bool
    default: false
"""
