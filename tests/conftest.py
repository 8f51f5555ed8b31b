# -*- coding: utf-8 -*-
"""Make the repository importable as ``ansible_collections.iam.keycloak`` for every test."""

import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(REPO, ".cache", "collections")
LINK = os.path.join(COLLECTIONS, "ansible_collections", "iam", "keycloak")

if not os.path.islink(LINK):
    os.makedirs(os.path.dirname(LINK), exist_ok=True)
    try:
        os.symlink(REPO, LINK)
    except FileExistsError:
        pass
if COLLECTIONS not in sys.path:
    sys.path.insert(0, COLLECTIONS)
os.environ.setdefault("ANSIBLE_COLLECTIONS_PATH", COLLECTIONS)

# The local server's admin login, for every test (tests/keycloak/server.py sets it up).
sys.path.insert(0, os.path.join(REPO, "tests", "keycloak"))
import server as _server  # noqa: E402  pylint: disable=wrong-import-position,import-error

os.environ.setdefault("KEYCLOAK_ADMIN_USER", _server.DEFAULT_ADMIN_USER)
os.environ.setdefault("KEYCLOAK_ADMIN_PASSWORD", _server.DEFAULT_ADMIN_PASSWORD)
