# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What several resource handlers share."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError

# Keycloak's answer when the realm in the URL does not exist: a 404 like any missing object,
# told apart only by its message.
REALM_NOT_FOUND = "Realm not found"


def or_none(call, *args, **kwargs):
    """``call(...)``, or ``None`` when the server says 404: "not found" is decided here only.

    A 404 for a missing realm is not "the object is absent" (planning a create into a realm
    that does not exist helps nobody): it is raised.
    """
    try:
        return call(*args, **kwargs)
    except KeycloakError as error:
        if error.not_found and not realm_missing(error):
            return None
        raise


def realm_or_none(call, *args, **kwargs):
    """Like ``or_none``, for reading a realm itself: there a missing realm is the absent object."""
    try:
        return call(*args, **kwargs)
    except KeycloakError as error:
        if error.not_found:
            return None
        raise


def realm_missing(error):
    """True when a 404 says the realm itself does not exist."""
    return REALM_NOT_FOUND in "%s" % (error.error_message or "")
