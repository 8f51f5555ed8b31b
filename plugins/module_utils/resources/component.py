# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Any component of a realm (``providerType``/``providerId``/``config``/``parentId``): the general tool for what has no
dedicated kind (client registration policies, a custom provider, ...). The rules are ``nested_components``'."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..kind import Kind
from .common import or_none
from .nested_components import UPDATE_SECRET, ComponentHandler, config_lists, masked_config, scrub_config_secrets


class GenericComponentHandler(ComponentHandler):
    """A component of the type the task names."""

    kind = "component"

    def secrets(self):
        # secret_config: any config key, one value or a list; a single value is compared as a write-only scalar.
        return dict((key, values[0] if len(values) == 1 else values)
                    for key, values in (config_lists(self.flags.get("secret_config") or {}) or {}).items() if values is not None)

    def secret_hint(self):
        return "set secrets with secret_config, which Ansible keeps out of its output and logs"


def find_components(api, name=None, provider_type=None, parent_id=None, component_id=None):
    """Components of the realm ``api`` manages, filtered on the server; secret config values as Keycloak masks them."""
    if component_id is not None:
        found = or_none(api.get_component, component_id)
        components = [found] if found else []
    else:
        query = dict((key, value) for key, value in (("name", name), ("type", provider_type), ("parent", parent_id)) if value is not None)
        components = api.get_components(query or None) or []
    for component in components:
        masked_config(component)
    return sorted(components, key=lambda item: (item.get("providerType") or "", item.get("name") or "", item.get("id") or ""))


def _shape(params, representation):
    scrub_config_secrets(params)
    return representation


COMPONENT = Kind(
    "component",
    GenericComponentHandler,
    key="name",
    key_field="name",
    settings=dict(
        name=dict(type="str", required=True),
        provider_id=dict(type="str"),
        provider_type=dict(type="str"),
        parent_id=dict(type="str"),
        sub_type=dict(type="str"),
        config=dict(type="dict"),
    ),
    flags=dict(secret_config=dict(type="dict", no_log=True), update_secret=UPDATE_SECRET),
    shape=_shape,
)
