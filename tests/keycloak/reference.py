# -*- coding: utf-8 -*-
"""The reference API (python-keycloak's ``KeycloakAdmin`` page) as the repository keeps it.

The page itself is not part of a clone; its signatures are, in ``tests/unit/data/keycloak_admin_api.signatures``
(tests/unit/test_reference_surface.py regenerates them from the page and checks them against it where the
page is present). Every test that needs the reference's method names reads them here, so no test reads
outside the repository.
"""

import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIGNATURES = os.path.join(REPO, "tests", "unit", "data", "keycloak_admin_api.signatures")


def stored_lines():
    """(class line, [method lines]) kept in the repository."""
    if not os.path.isfile(SIGNATURES):
        return None, []
    with open(SIGNATURES, encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
    return lines[0], lines[1:]


def method_names():
    """The public synchronous methods of the reference, in its order, each once."""
    names = []
    for line in stored_lines()[1]:
        name = line.split("(", 1)[0]
        if name not in names:
            names.append(name)
    return names
