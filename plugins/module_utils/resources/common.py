# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What several resource handlers share."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError


def or_none(call, *args, **kwargs):
    """``call(...)``, or ``None`` when the server says 404: "not found" is decided here only."""
    try:
        return call(*args, **kwargs)
    except KeycloakError as error:
        if error.not_found:
            return None
        raise
