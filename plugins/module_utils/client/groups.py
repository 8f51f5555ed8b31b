# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Groups, subgroups, members and group management permissions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import urls
from .base import KeycloakAdminBase


class GroupsMixin(KeycloakAdminBase):
    """Groups, subgroups, members and group management permissions."""

    # ------------------------------------------------------------ reading

    def get_groups(self, query=None, full_hierarchy=False):
        """Top-level groups (every page; ``first``/``max`` in ``query`` asks for one page).

        As python-keycloak does: a group with subgroups (``subGroupCount`` > 0, Keycloak 23
        and later embed none) gets its direct children in ``subGroups``, and with
        ``full_hierarchy`` all its descendants. Subgroups the server embedded itself (those a
        ``search`` matched, with the groups between) are kept as they came.
        """
        groups = self._fetch_all(self._url(urls.GROUPS), query)
        for group in groups:
            self._fill_children(group, full_hierarchy)
        return groups

    def get_group(self, group_id, full_hierarchy=False):
        """The group's GroupRepresentation, its direct children in ``subGroups`` (all descendants with ``full_hierarchy``)."""
        group = self._get(self._url(urls.GROUP, group_id=group_id))
        self._fill_children(group, full_hierarchy)
        return group

    def get_subgroups(self, group, path):
        """The descendant of ``group`` (a GroupRepresentation) whose path is ``path``, or ``None``."""
        for child in self._children_of(group):
            child_path = child.get("path")
            if child_path == path:
                return child
            # Only the subtree whose path leads to ``path`` can hold it.
            if child_path and path.startswith(child_path + "/"):
                found = self.get_subgroups(child, path)
                if found is not None:
                    return found
        return None

    def get_group_children(self, group_id, query=None, full_hierarchy=False):
        """Every direct child of the group (all pages); ``full_hierarchy`` adds all descendants.

        Raises ``ValueError`` when both ``query`` and ``full_hierarchy`` are given.
        """
        if query and full_hierarchy:
            # python-keycloak's words, for programs that match on them.
            raise ValueError("Cannot use both query and full_hierarchy parameters")
        children = self._fetch_all(self._url(urls.GROUP_CHILDREN, group_id=group_id), query)
        if full_hierarchy:
            for child in children:
                self._fill_children(child, True)
        return children

    def get_group_members(self, group_id, query=None):
        """Every member of the group (UserRepresentation list; ``first``/``max`` in ``query`` asks for one page)."""
        return self._fetch_all(self._url(urls.GROUP_MEMBERS, group_id=group_id), query)

    def get_group_by_path(self, path):
        """The group at ``path`` (e.g. ``/parent/child``)."""
        return self._get(self._url(urls.GROUP_BY_PATH, path=path.lstrip("/")))

    def groups_count(self, query=None):
        """Number of groups matching ``query``: ``{"count": n}``."""
        return self._get(self._url(urls.GROUPS_COUNT), params=query)

    # ------------------------------------------------------------ writing

    def create_group(self, payload, parent=None, skip_exists=False):
        """Create a group (under group ``parent`` when given) and return its id.

        With ``skip_exists`` an existing group of that name returns ``None``.
        """
        if parent is None:
            path = self._url(urls.GROUPS)
        else:
            path = self._url(urls.GROUP_CHILDREN, group_id=parent)
        return self._post_created(path, payload, skip_exists=skip_exists)

    def update_group(self, group_id, payload):
        """Update the group's own attributes (not its subgroups); returns ``{}``."""
        return self._put(self._url(urls.GROUP, group_id=group_id), payload, expected=(204,))

    def group_set_permissions(self, group_id, enabled=True):
        """Turn fine-grained admin permissions of the group on or off; returns the server's answer."""
        return self._put(self._url(urls.GROUP_MANAGEMENT_PERMISSIONS, group_id=group_id), {"enabled": enabled}, expected=(200,))

    def group_user_add(self, user_id, group_id):
        """Make the user a member of the group; returns ``{}``."""
        return self._put(self._url(urls.USER_GROUP, user_id=user_id, group_id=group_id), expected=(204,))

    def group_user_remove(self, user_id, group_id):
        """Remove the user from the group; returns ``{}``."""
        return self._delete(self._url(urls.USER_GROUP, user_id=user_id, group_id=group_id), expected=(204,))

    def delete_group(self, group_id):
        """Delete the group and its subgroups; returns ``{}``."""
        return self._delete(self._url(urls.GROUP, group_id=group_id), expected=(204,))

    # ------------------------------------------------------------ realm default groups

    def get_realm_default_groups(self):
        """The groups every new user of the realm joins (GroupRepresentation list, with ``path``)."""
        return self._get(self._url(urls.REALM_DEFAULT_GROUPS))

    def add_realm_default_group(self, group_id):
        """Make every new user of the realm join the group; returns ``{}``."""
        return self._put(self._url(urls.REALM_DEFAULT_GROUP, group_id=group_id), expected=(204,))

    def remove_realm_default_group(self, group_id):
        """Stop making new users join the group; returns ``{}``."""
        return self._delete(self._url(urls.REALM_DEFAULT_GROUP, group_id=group_id), expected=(204,))

    # ------------------------------------------------------------ helpers

    def _children_of(self, group):
        """The direct children of ``group``: the embedded ones when complete, else read from the server."""
        embedded = group.get("subGroups")
        count = group.get("subGroupCount")
        if count is None:
            complete = embedded is not None
        else:
            # Keycloak 26 embeds no (or only search-matching) subgroups but says how many there are.
            complete = count == 0 or (embedded is not None and len(embedded) >= count)
        if complete or not group.get("id"):
            return embedded or []
        return self._fetch_all(self._url(urls.GROUP_CHILDREN, group_id=group["id"]))

    def _fill_children(self, group, full_hierarchy):
        """Put the direct children (``full_hierarchy``: every descendant) of ``group`` into ``subGroups``.

        Only a group that has subgroups is touched; one whose subgroups the server embedded
        keeps them (a search's matches), with their own embedded subgroups.
        """
        if not group.get("subGroupCount"):
            return group
        if group.get("subGroups"):
            children = group["subGroups"]
            if full_hierarchy:
                # The embedded ones are the matches only: the whole tree was asked for.
                children = self._fetch_all(self._url(urls.GROUP_CHILDREN, group_id=group["id"]))
        else:
            children = self._fetch_all(self._url(urls.GROUP_CHILDREN, group_id=group["id"]))
        if full_hierarchy:
            for child in children:
                self._fill_children(child, True)
        group["subGroups"] = children
        return group
