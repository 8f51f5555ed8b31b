# -*- coding: utf-8 -*-
"""The defaults keycloak_realm_export's config output leaves out (plugins/module_utils/realm_defaults.py, made by
scripts/realm_defaults.py from each supported version) are what this server gives a new realm: a Keycloak version whose
defaults moved fails here, before a document made without them could build another realm than the one exported."""

import json
import os
import subprocess
import sys

from ansible_collections.iam.keycloak.plugins.module_utils import realm_defaults

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scripts", "realm_defaults.py")


def disagreements(expected, found, path=""):
    """Where ``found`` (this server's) differs from ``expected`` (the shipped defaults): every shipped value must be there."""
    result = []
    for key, value in expected.items():
        where = "%s.%s" % (path, key)
        if key not in found:
            result.append("%s: missing here" % where)
        elif isinstance(value, dict) and isinstance(found[key], dict):
            result.extend(disagreements(value, found[key], where))
        elif value != found[key]:
            result.append("%s: shipped %r, here %r" % (where, value, found[key]))
    return result


def test_the_shipped_defaults_are_this_servers(keycloak_url, tmp_path):
    out = tmp_path / "defaults.json"
    subprocess.run([sys.executable, SCRIPT, "read", keycloak_url, str(out)], check=True)
    with open(out, encoding="utf-8") as handle:
        here = json.load(handle)
    names = ("REALM", "REALM_ATTRIBUTES", "CLIENT", "IDENTITY_PROVIDER", "BUILT_IN_CLIENTS", "CLIENT_SCOPES", "REALM_ROLES",
             "BUILT_IN_CLIENT_ROLES", "REQUIRED_ACTIONS", "COMPONENTS")
    shipped = dict((name.lower(), getattr(realm_defaults, name)) for name in names)
    assert disagreements(shipped, here) == [], "Keycloak %s gives a new realm other defaults than realm_defaults.py " \
        "(made from %s): run scripts/realm_defaults.py with this version too" % (here["version"], ", ".join(realm_defaults.VERSIONS))
