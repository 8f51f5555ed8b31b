#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: keycloak_server_info
short_description: Read a Keycloak server's version, features, providers and themes
version_added: 0.1.0
description:
  - Reads the admin C(serverinfo) endpoint of a Keycloak server and returns its version, the features with their state, the
    provider SPIs and their providers, and the themes. Changes nothing.
author:
  - iam.keycloak contributors (@iam-keycloak)
options:
  gather:
    description:
      - Which parts of the server information to return. V(all) returns the raw answer of the server as well.
    type: list
    elements: str
    choices: [version, features, providers, themes, all]
    default: [version, features, providers, themes]
extends_documentation_fragment:
  - iam.keycloak.keycloak
  - iam.keycloak.attributes.info_module
"""

EXAMPLES = r"""
- name: Read the server version
  iam.keycloak.keycloak_server_info:
    auth_keycloak_url: https://sso.example.com
    auth_username: admin
    auth_password: "{{ keycloak_admin_password }}"
    gather: [version]
  register: server

- name: Fail early on servers older than 26
  ansible.builtin.assert:
    that: server.version is version('26', '>=')

- name: Read everything, connection set once for the whole play
  module_defaults:
    group/iam.keycloak.keycloak:
      auth_keycloak_url: https://sso.example.com
      auth_client_id: ansible
      auth_client_secret: "{{ vault_ansible_client_secret }}"
  iam.keycloak.keycloak_server_info:
  register: server
"""

RETURN = r"""
version:
  description: The server's version.
  returned: when O(gather) has V(version) or V(all)
  type: str
  sample: 26.5.6
features:
  description: Every feature the server knows, by name, with its type and whether it is enabled.
  returned: when O(gather) has V(features) or V(all)
  type: dict
  sample: {"organization": {"enabled": true, "type": "DEFAULT", "label": "Organization"}}
enabled_features:
  description: Names of the enabled features, sorted.
  returned: when O(gather) has V(features) or V(all)
  type: list
  elements: str
  sample: [account, admin-api, organization]
providers:
  description: Provider ids of every SPI, by SPI name, sorted.
  returned: when O(gather) has V(providers) or V(all)
  type: dict
  sample: {"authenticator": ["auth-cookie", "auth-otp-form"]}
themes:
  description: Theme names by theme type, sorted.
  returned: when O(gather) has V(themes) or V(all)
  type: dict
  sample: {"login": ["base", "keycloak", "keycloak.v2"]}
server_info:
  description: The server's whole answer, as it came.
  returned: when O(gather) has V(all)
  type: dict
"""

from ansible_collections.iam.keycloak.plugins.module_utils.module import KeycloakModule


def summarize(info, gather):
    """The parts of the server's answer that ``gather`` asks for, in a playbook-friendly shape."""
    wanted = set(gather)
    everything = "all" in wanted
    result = {}
    if everything or "version" in wanted:
        result["version"] = info.get("systemInfo", {}).get("version")
    if everything or "features" in wanted:
        features = {}
        for feature in info.get("features", []):
            features[feature["name"]] = {
                "enabled": feature.get("enabled", False),
                "type": feature.get("type"),
                "label": feature.get("label"),
            }
        result["features"] = features
        result["enabled_features"] = sorted(name for name, feature in features.items() if feature["enabled"])
    if everything or "providers" in wanted:
        result["providers"] = dict(
            (spi, sorted(details.get("providers", {}))) for spi, details in info.get("providers", {}).items()
        )
    if everything or "themes" in wanted:
        result["themes"] = dict(
            (kind, sorted(theme["name"] for theme in themes)) for kind, themes in info.get("themes", {}).items()
        )
    if everything:
        result["server_info"] = info
    return result


def main():
    module = KeycloakModule(
        argument_spec=dict(
            gather=dict(
                type="list",
                elements="str",
                choices=["version", "features", "providers", "themes", "all"],
                default=["version", "features", "providers", "themes"],
            ),
        ),
        supports_check_mode=True,
    )

    def body():
        result = summarize(module.client.get_server_info(), module.params["gather"])
        result["changed"] = False
        return result

    module.run(body)


if __name__ == "__main__":
    main()
