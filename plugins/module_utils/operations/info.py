# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-only insight: saved events, sessions, a client's installation document.

They are operations without a write: they plan reads only, so check mode reads the same, and a realm or
object that does not exist yet is, in check mode, an empty answer with a warning (a real run fails naming
it). Secrets are masked in everything they return, unless a task asks for a client's secret and runs
with ``no_log: true``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ..engine import MASK, mask
from .base import Operation, OperationSpec, PlanError

USER_EVENT_FILTERS = {
    # option: query parameter
    "types": "type",
    "client_id": "client",
    "ip_address": "ipAddress",
    "date_from": "dateFrom",
    "date_to": "dateTo",
}
ADMIN_EVENT_FILTERS = {
    "operation_types": "operationTypes",
    "resource_types": "resourceTypes",
    "resource_path": "resourcePath",
    "auth_ip_address": "authIpAddress",
    "date_from": "dateFrom",
    "date_to": "dateTo",
}


def masked_admin_event(event):
    """An admin event with secrets masked, in its ``representation`` (a JSON string) too."""
    event = mask(event)
    text = event.get("representation")
    if isinstance(text, str) and text:
        try:
            event["representation"] = json.dumps(mask(json.loads(text)), sort_keys=True)
        except ValueError:
            pass
    return event


class EventsInfo(Operation):
    def describe(self):
        return "%s events of realm '%s'" % (self.args["type"], self.realm)

    def plan(self):
        plan = self.new_plan()
        plan.result["events"] = []
        admin = self.args["type"] == "admin"
        filters = ADMIN_EVENT_FILTERS if admin else USER_EVENT_FILTERS
        query = dict((parameter, self.args.get(option)) for option, parameter in filters.items() if self.args.get(option) not in (None, []))
        for option in ("first", "max"):
            query[option] = self.args[option]
        if self.args["username"]:
            if admin:
                raise PlanError("username filters login events (type=user); admin events are filtered by resource_path, "
                                "resource_types or operation_types")
            user = self.user_ref(self.args["username"])
            if not user.exists:
                return plan
            query["user"] = user.id
        if self.realm_is_new:
            return plan
        if admin:
            events = self.lookup(self.api.get_admin_events, query)
            plan.result["events"] = [masked_admin_event(event) for event in events or []]
        else:
            events = self.lookup(self.api.get_events, query)
            plan.result["events"] = [mask(event) for event in events or []]
        plan.result["_nothing"] = "%d event(s) read" % len(plan.result["events"])
        return plan


class SessionInfo(Operation):
    def describe(self):
        if self.args["username"]:
            return "sessions of user '%s' in realm '%s'" % (self.args["username"], self.realm)
        if self.args["client_id"]:
            return "sessions of client '%s' in realm '%s'" % (self.args["client_id"], self.realm)
        return "sessions of realm '%s'" % self.realm

    def plan(self):
        plan = self.new_plan()
        username, client_id = self.args["username"], self.args["client_id"]
        if username:
            plan.result.update(sessions=[], offline_sessions=[], consents=[])
            user = self.user_ref(username)
            client = self.client_ref(client_id) if client_id else None
            if not user.exists or (client is not None and not client.exists):
                return plan
            sessions = self.api.get_sessions(user.id) or []
            if client is not None:
                sessions = [session for session in sessions if client.id in (session.get("clients") or {})]
                plan.result["offline_sessions"] = self.api.get_user_offline_sessions(user.id, client.id) or []
            plan.result["sessions"] = sessions
            consents = self.api.user_consents(user.id) or []
            plan.result["consents"] = [consent for consent in consents if client is None or consent.get("clientId") == client_id]
        elif client_id:
            plan.result.update(sessions=[], offline_sessions=[])
            client = self.client_ref(client_id)
            if not client.exists:
                return plan
            plan.result["sessions"] = self.api.get_client_all_sessions(client.id) or []
            plan.result["offline_sessions"] = self.api.get_client_offline_sessions(client.id) or []
        else:
            plan.result["stats"] = []
            if not self.realm_is_new:
                stats = self.lookup(self.api.get_client_sessions_stats) or []
                plan.result["stats"] = [dict(item, active=_int(item.get("active")), offline=_int(item.get("offline"))) for item in stats]
        plan.result["_nothing"] = "read"
        return plan


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


class ClientInstallation(Operation):
    def describe(self):
        return "installation '%s' of client '%s' in realm '%s'" % (self.args["provider"], self.args["client_id"], self.realm)

    def plan(self):
        self.require_no_log("return_secret")
        plan = self.new_plan()
        plan.result.update(installation=None, format=None)
        client = self.client_ref(self.args["client_id"])
        plan.result.update(self.endpoints())
        if not client.exists:
            return plan
        protocol = client.value.get("protocol") or "openid-connect"
        providers = dict((item["id"], item) for item in ((self.api.get_server_info() or {}).get("clientInstallations") or {}).get(protocol) or [])
        provider = providers.get(self.args["provider"])
        if provider is None:
            raise PlanError("no installation provider '%s' for %s clients (there are %s)"
                            % (self.args["provider"], protocol, ", ".join(sorted(providers))))
        if (provider.get("mediaType") or "").endswith("zip"):
            raise PlanError("installation provider '%s' answers a zip archive; use a text or JSON one (%s)" % (
                self.args["provider"], ", ".join(sorted(name for name, item in providers.items() if not item.get("mediaType", "").endswith("zip")))))
        document = self.api.get_client_installation_provider(client.id, self.args["provider"])
        if isinstance(document, bytes):
            document = document.decode("utf-8")
        secret = client.value.get("secret")
        if not self.args["return_secret"]:
            if isinstance(document, (dict, list)):
                document = mask(document)
            elif secret:
                document = document.replace(secret, MASK)
        plan.result.update(installation=document, format=provider.get("mediaType"), filename=provider.get("filename"))
        plan.result["_nothing"] = "read"
        return plan


_COMMON_PAGE = dict(first=dict(type="int", default=0), max=dict(type="int", default=100))

EVENTS_INFO = OperationSpec(
    "events_info",
    EventsInfo,
    options=dict(
        type=dict(type="str", choices=["user", "admin"], default="user"),
        username=dict(type="str"),
        types=dict(type="list", elements="str"),
        client_id=dict(type="str"),
        ip_address=dict(type="str"),
        operation_types=dict(type="list", elements="str", choices=["CREATE", "UPDATE", "DELETE", "ACTION"]),
        resource_types=dict(type="list", elements="str"),
        resource_path=dict(type="str"),
        auth_ip_address=dict(type="str"),
        date_from=dict(type="str"),
        date_to=dict(type="str"),
        **_COMMON_PAGE
    ),
)

SESSION_INFO = OperationSpec(
    "session_info",
    SessionInfo,
    options=dict(username=dict(type="str"), client_id=dict(type="str")),
)

CLIENT_INSTALLATION = OperationSpec(
    "client_installation",
    ClientInstallation,
    options=dict(
        client_id=dict(type="str", required=True),
        provider=dict(type="str", default="keycloak-oidc-keycloak-json"),
        return_secret=dict(type="bool", default=False, no_log=False),
    ),
    server_made=("installation", "issuer"),
)
