# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""keycloak_identity_provider_info runs through the collection's action (the play's plan in check mode: plugins/plugin_utils/play_plan.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.iam.keycloak.plugins.plugin_utils.play_plan import ActionModule

__all__ = ["ActionModule"]
