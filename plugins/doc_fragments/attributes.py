# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # What a module that changes things says of itself.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - No write is sent in check mode; C(changed), C(diff) and C(end_state) are the ones the real run returns.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details:
      - Secrets are masked in the diff.
  action_group:
    description: Use C(group/iam.keycloak.keycloak) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - iam.keycloak.keycloak
"""

    # What a read-only module says of itself.
    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - This module only reads, in check mode as in a real run.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: N/A
    details:
      - This module changes nothing.
  action_group:
    description: Use C(group/iam.keycloak.keycloak) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - iam.keycloak.keycloak
"""

    # What an operation module (it does something when asked: regenerate a secret, log a user out) says of itself.
    OPERATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - No write is sent in check mode; the module reports what it would do (C(msg), C(actions)) and C(changed) as the real run
        would.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: partial
    details:
      - Where the module changes a value it can show (a secret), the diff names it, masked.
  action_group:
    description: Use C(group/iam.keycloak.keycloak) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - iam.keycloak.keycloak
"""
