# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Groups, subgroups, members and group management permissions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls  # noqa: F401  pylint: disable=unused-import
from .base import KeycloakAdminBase


class GroupsMixin(KeycloakAdminBase):
    """Groups, subgroups, members and group management permissions."""
