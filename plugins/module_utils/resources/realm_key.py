# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realm keys: the key providers of a realm (``org.keycloak.keys.KeyProvider`` components) and the keys' metadata.

A key provider is found by its name. Keycloak signs with the active key of the highest
priority for each algorithm, so a key is rotated by adding a provider with a higher priority
(and, once tokens signed with the old key have expired, disabling or deleting the old one).
The shared component rules are in ``nested_components``; what is particular to keys:

- ``priority``, ``enabled``, ``active``, ``algorithm`` and ``certificate`` are config keys,
  given as options of their own.
- An imported private key (``rsa``, ``rsa-enc``) and a keystore's passwords (``java-keystore``)
  come back as ``**********``: no_log options set them, they are never compared, and follow
  ``update_secret``. Generated keys (``*-generated``) are made by Keycloak and never shown.
- Keycloak refuses a private key it cannot read, or a certificate that does not match the
  key, when the provider is created or updated: that one write fails and nothing else is sent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..kind import JAVA_INT_MAX, Kind
from .nested_components import UPDATE_SECRET, ComponentHandler, first_value, masked_config, scrub_config_secrets

KEY_PROVIDER = "org.keycloak.keys.KeyProvider"
# Options that are config keys of the provider: {option: config key}.
CONFIG_OPTIONS = {"priority": "priority", "enabled": "enabled", "active": "active", "algorithm": "algorithm", "certificate": "certificate"}
# What a generated provider (``rsa-generated``, ``hmac-generated``, ...) holds of the key it made: ``kc.sh export`` writes
# it (Keycloak 26.0 to 26.7), the admin API never shows it.
GENERATED_MATERIAL = ("privateKey", "certificate", "keyUse", "secret", "kid", "ecdsaPrivateKey", "ecdsaPublicKey", "eddsaPrivateKey",
                      "eddsaPublicKey", "ecdhPrivateKey", "ecdhPublicKey")
# The secrets a new imported provider cannot do without: {provider id: the flags}.
IMPORTED_KEY_SECRETS = {"rsa": ("private_key",), "rsa-enc": ("private_key",), "java-keystore": ("keystore_password", "key_password")}
# What a key's metadata may show: public halves only.
PUBLIC_KEY_FIELDS = ("kid", "type", "algorithm", "use", "status", "providerId", "providerPriority", "validTo", "publicKey", "certificate")


class RealmKeyHandler(ComponentHandler):
    """A key provider of the realm, found by its name."""

    kind = "realm key"
    provider_type = KEY_PROVIDER
    secret_flags = {"private_key": "privateKey", "keystore_password": "keystorePassword", "key_password": "keyPassword"}
    not_in_representation = {"providerType": "a realm key is a %s" % KEY_PROVIDER}


def generated(provider_id):
    """Whether a provider of ``provider_id`` makes its own key."""
    return (provider_id or "").endswith("-generated")


def read_keys(api, algorithm=None):
    """The realm's keys (public halves only, each with ``providerName``), the active kid per algorithm, and the key providers.

    ``algorithm`` keeps the keys of that algorithm only. The providers' secrets are as Keycloak masks them.
    """
    metadata = api.get_keys() or {}
    providers = sorted((masked_config(item) for item in api.get_components({"type": KEY_PROVIDER}) or []),
                       key=lambda item: (-int(first_value((item.get("config") or {}).get("priority")) or 0), item.get("name") or ""))
    names = dict((item["id"], item.get("name")) for item in providers)
    keys = []
    for key in metadata.get("keys") or []:
        if algorithm is not None and key.get("algorithm") != algorithm:
            continue
        public = dict((field, key[field]) for field in PUBLIC_KEY_FIELDS if field in key)
        public["providerName"] = names.get(key.get("providerId"))
        keys.append(public)
    keys.sort(key=lambda key: (key.get("algorithm") or "", -(key.get("providerPriority") or 0), key.get("kid") or ""))
    active = dict((name, kid) for name, kid in (metadata.get("active") or {}).items() if algorithm is None or name == algorithm)
    return {"active": active, "keys": keys, "providers": providers}


def _shape(params, representation):
    scrub_config_secrets(params)
    given = dict((key, params[option]) for option, key in CONFIG_OPTIONS.items() if params.get(option) is not None)
    if given:
        config = dict(representation.get("config") or {})
        config.update(given)
        representation["config"] = config
    return representation


REALM_KEY = Kind(
    "realm_key",
    RealmKeyHandler,
    key="name",
    key_field="name",
    settings=dict(
        name=dict(type="str", required=True),
        provider_id=dict(type="str"),
        config=dict(type="dict"),
    ),
    flags=dict(
        priority=dict(type="int", range=(-JAVA_INT_MAX - 1, JAVA_INT_MAX)),
        enabled=dict(type="bool"),
        active=dict(type="bool"),
        algorithm=dict(type="str"),
        certificate=dict(type="str"),
        private_key=dict(type="str", no_log=True),
        keystore_password=dict(type="str", no_log=True),
        key_password=dict(type="str", no_log=True),
        update_secret=UPDATE_SECRET,
    ),
    shape=_shape,
)
