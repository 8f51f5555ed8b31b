# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # The connection options every iam.keycloak module takes. The names and the
    # environment variables match the older community Keycloak modules, so existing
    # module_defaults and AWX credential types keep working.
    DOCUMENTATION = r"""
options:
  auth_keycloak_url:
    description:
      - URL of the Keycloak server, without C(/admin), for example C(https://sso.example.com) or C(https://sso.example.com/auth) for
        servers that still use the old context path.
      - Falls back to the E(KEYCLOAK_URL) environment variable.
    type: str
    required: true
    aliases: [url]
  auth_realm:
    description:
      - Realm to log into (the user's or the service account client's realm). This is not the realm the task manages.
      - Falls back to E(KEYCLOAK_REALM).
    type: str
    default: master
  auth_client_id:
    description:
      - OpenID Connect client used to log in.
      - Falls back to E(KEYCLOAK_CLIENT_ID).
    type: str
    default: admin-cli
  auth_client_secret:
    description:
      - Secret of O(auth_client_id). With it and without O(auth_username), the client credentials grant is used (a service account).
      - Falls back to E(KEYCLOAK_CLIENT_SECRET).
    type: str
  auth_username:
    description:
      - User to log in as with the password grant.
      - Falls back to E(KEYCLOAK_USERNAME).
    type: str
    aliases: [username]
  auth_password:
    description:
      - Password of O(auth_username).
      - Falls back to E(KEYCLOAK_PASSWORD).
    type: str
    aliases: [password]
  token:
    description:
      - An access token to use as it is, instead of logging in.
      - Falls back to E(KEYCLOAK_TOKEN).
    type: str
  refresh_token:
    description:
      - A refresh token for O(token), used to get a new access token when the current one has expired (by its C(exp) claim,
        before the task's first request) or the server rejects it.
      - Falls back to E(KEYCLOAK_REFRESH_TOKEN).
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Set to V(false) only for test servers.
      - Falls back to E(KEYCLOAK_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle (file) to verify the server's certificate with, instead of the system's.
      - Falls back to E(KEYCLOAK_CA_PATH).
    type: path
  client_cert:
    description:
      - Client certificate (PEM) for mutual TLS; may hold the key too.
      - Falls back to E(KEYCLOAK_CLIENT_CERT).
    type: path
  client_key:
    description:
      - Private key (PEM) of O(client_cert), when it is in a separate file.
      - Falls back to E(KEYCLOAK_CLIENT_KEY).
    type: path
  connection_timeout:
    description:
      - Seconds to wait for the server to answer one request.
      - Falls back to E(KEYCLOAK_CONNECTION_TIMEOUT).
    type: int
    default: 10
  retries:
    description:
      - How many times one request is retried after a connection error, an answer cut short, or a 429, 502, 503 or 504
        answer, with exponential backoff (0.5 s doubling, at most 8 s between attempts; a 429's C(Retry-After) is honoured).
      - Only requests that are safe to repeat are retried (GET, PUT, DELETE and the login); see the notes for a POST.
      - V(0) sends every request once. A server that refuses connections (a wrong O(auth_keycloak_url) as well as a
        restarting Keycloak) fails a task only when the retries are spent, so V(0) makes a wrong URL fail at once.
      - Falls back to E(KEYCLOAK_RETRIES).
    type: int
    default: 10
  retry_budget:
    description:
      - Seconds from a request's first attempt after which no retry starts, whatever O(retries) says.
      - The defaults ride out a Keycloak restart of about 45 seconds.
      - Falls back to E(KEYCLOAK_RETRY_BUDGET).
    type: int
    default: 60
  http_agent:
    description:
      - User-Agent header sent with every request.
      - Falls back to E(KEYCLOAK_HTTP_AGENT).
    type: str
    default: Ansible
  play_plan:
    description:
      - What the earlier tasks of the play plan on this server, in check mode. The collection's action plugin sets it (every
        module of the collection runs through that plugin); a task that sets it fails.
      - With it a dry run is exact across tasks. A realm or object that an earlier task of the play creates may be named. One
        that no earlier task creates fails the dry run, naming it, as the real run would fail. One that an earlier task deletes
        is missing. Checks read the state an earlier task leaves, for example the realm's flow bindings before a flow is
        deleted.
      - The variable C(keycloak_play_plan=warn), of the play, a host or a task, turns it off. A missing object is then planned
        as created by an earlier task, with a warning.
    type: list
    elements: raw
notes:
  - Connection options can be set once for every module of the collection with C(module_defaults) and the action group
    C(group/iam.keycloak.keycloak).
  - Logging in needs O(token), or O(auth_username) with O(auth_password), or O(auth_client_secret).
  - Requests that cannot change anything twice (GET, PUT, DELETE, the login) are retried on connection errors, answers cut
    short, and 429, 502, 503 and 504 answers, within O(retries) and O(retry_budget).
  - A POST is never sent twice blindly. When the answer to a create is lost after it was sent (a reset, a timeout), the
    module reads the object by its name (key) and reports what really happened (C(created) when it exists), then goes on
    with the rest of the task; when it does not exist, the create is sent once more.
  - In check mode the plan of the play so far is kept in the host fact C(iam_keycloak_play_plan), per play and server.
requirements:
  - requests
"""
