# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The whole body of an operation module: ``run_operation(SPEC)``.

The one place where an operation meets Ansible (through ``module.KeycloakModule``, imported when a
module runs so that the operations stay a plain Python library).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError
from .base import PlanError, perform


def run_operation(spec):
    """Options from ``spec``, one plan, applied unless in check mode; errors become failures."""
    from ..module import KeycloakModule  # pylint: disable=import-outside-toplevel

    module = KeycloakModule(argument_spec=spec.argument_spec(), supports_check_mode=True, **spec.module)
    try:
        result, warnings, _plan = perform(spec, module.client_for, dict(module.params), module.check_mode, module._diff,
                                          task_no_log=module.no_log)
    except PlanError as error:
        module.fail_json(msg="%s" % error)
    except KeycloakError as error:
        done = list(getattr(error, "done", None) or [])
        module.fail_keycloak(error, what=getattr(error, "what", None), changed=bool(done), done=done)
    for warning in warnings:
        module.warn(warning)
    module.exit_json(**result)
