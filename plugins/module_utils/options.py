# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""From module options (snake_case) to Keycloak representations (camelCase), in one place.

Options are named after the representation field they set (``client_id`` sets ``clientId``),
so the translation is mechanical; ``renames`` covers the few exceptions. Options whose value
is ``None`` were not set and are left out: the engine leaves those fields alone.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy


def camel(name):
    """``redirect_uris`` -> ``redirectUris``."""
    head, _sep, tail = name.partition("_")
    if not tail:
        return head
    return head + "".join(part[:1].upper() + part[1:] for part in tail.split("_"))


def to_representation(params, spec, skip=(), renames=None, raw=None):
    """The representation fields that ``params`` set, by the argument ``spec``.

    Options with ``options`` (declared suboptions) are translated recursively; free-form
    dicts (``attributes``, ``config``) pass as they are. ``raw`` (the pass-through option)
    is laid under the options, so an explicit option wins.
    """
    renames = renames or {}
    representation = copy.deepcopy(raw) if raw else {}
    for name, option in spec.items():
        if name in skip:
            continue
        value = params.get(name)
        if value is None:
            continue
        key = renames.get(name, camel(name))
        suboptions = option.get("options")
        if suboptions and option.get("type") == "dict":
            value = to_representation(value, suboptions)
        elif suboptions and option.get("type") == "list":
            value = [to_representation(item, suboptions) for item in value]
        representation[key] = value
    return representation


def without(spec, *names):
    return dict((key, value) for key, value in spec.items() if key not in names)
