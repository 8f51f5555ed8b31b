# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Clients, their secrets, mappers, client scopes, sessions, certificates and permissions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import uuid

from . import urls
from .base import KeycloakAdminBase, judge
from .exceptions import KeycloakGetError, KeycloakPostError

# The attribute prefix under which Keycloak keeps the certificate that verifies a client's
# signed JWTs (client authenticator "Signed JWT").
JWT_CREDENTIAL_ATTR = "jwt.credential"


class ClientsMixin(KeycloakAdminBase):
    """Clients, their secrets, mappers, client scopes, sessions, certificates and permissions."""

    # ------------------------------------------------------------ clients CRUD

    def get_clients(self):
        """Every client of the current realm (list of ClientRepresentation), all pages."""
        return self.search_clients()

    def search_clients(self, client_id=None, search=False):
        """Every client (all pages) whose ``clientId`` is ``client_id`` (exact, case-sensitive).

        With ``search`` the ``clientId`` contains ``client_id``, ignoring case; ``client_id``
        None lists every client.
        """
        return self._fetch_all(self._url(urls.CLIENTS), {"clientId": client_id, "search": search})

    def get_client(self, client_id):
        """The ClientRepresentation of the client with internal id ``client_id``."""
        return self._get(self._url(urls.CLIENT, client_id=client_id))

    def get_client_id(self, client_id):
        """The internal id of the client whose ``clientId`` is ``client_id``, or ``None``.

        One request: ``clientId`` with ``search=false`` is an exact, case-sensitive match
        on the server.
        """
        for client in self.search_clients(client_id) or []:
            if client.get("clientId") == client_id:
                return client.get("id")
        return None

    def create_client(self, payload, skip_exists=False):
        """Create a client and return its internal id.

        With ``skip_exists`` an existing client with the same ``clientId`` is not an error:
        its internal id is returned.
        """
        new_id = self._post_created(self._url(urls.CLIENTS), payload, skip_exists=skip_exists)
        if new_id is None and skip_exists:
            # 409: the clientId is taken, so hand back the id of the client holding it.
            return self.get_client_id(payload.get("clientId"))
        return new_id

    def update_client(self, client_id, payload):
        """Update the client with internal id ``client_id``; returns ``{}``."""
        return self._put(self._url(urls.CLIENT, client_id=client_id), payload, expected=(204,))

    def delete_client(self, client_id):
        """Delete the client with internal id ``client_id``; returns ``{}``."""
        return self._delete(self._url(urls.CLIENT, client_id=client_id), expected=(204,))

    def get_client_installation_provider(self, client_id, provider_id):
        """The client's configuration as rendered by installation provider ``provider_id``.

        JSON providers (``keycloak-oidc-keycloak-json``) give a dict, XML ones bytes.
        """
        path = self._url(urls.CLIENT_INSTALLATION_PROVIDER, client_id=client_id, provider_id=provider_id)
        response = self.connection.request("GET", path)
        # Keycloak labels every installation text/plain without a charset, which requests
        # would read as ISO-8859-1; the body is UTF-8 (a clientId "ü" must stay "ü").
        response.encoding = "utf-8"
        return judge(response, KeycloakGetError, (200,))

    def get_client_service_account_user(self, client_id):
        """The UserRepresentation of the client's service account user."""
        return self._get(self._url(urls.CLIENT_SERVICE_ACCOUNT_USER, client_id=client_id))

    # ------------------------------------------------------ client scopes of a client

    def get_client_default_client_scopes(self, client_id):
        """The client's default client scopes (list of ``{"id", "name"}``)."""
        return self._get(self._url(urls.CLIENT_DEFAULT_CLIENT_SCOPES, client_id=client_id))

    def add_client_default_client_scope(self, client_id, client_scope_id, payload):
        """Make ``client_scope_id`` a default client scope of the client; returns ``{}``."""
        path = self._url(urls.CLIENT_DEFAULT_CLIENT_SCOPE, client_id=client_id, client_scope_id=client_scope_id)
        return self._put(path, payload, expected=(204,))

    def delete_client_default_client_scope(self, client_id, client_scope_id):
        """Remove ``client_scope_id`` from the client's default client scopes; returns ``{}``."""
        path = self._url(urls.CLIENT_DEFAULT_CLIENT_SCOPE, client_id=client_id, client_scope_id=client_scope_id)
        return self._delete(path, expected=(204,))

    def get_client_optional_client_scopes(self, client_id):
        """The client's optional client scopes (list of ``{"id", "name"}``)."""
        return self._get(self._url(urls.CLIENT_OPTIONAL_CLIENT_SCOPES, client_id=client_id))

    def add_client_optional_client_scope(self, client_id, client_scope_id, payload):
        """Make ``client_scope_id`` an optional client scope of the client; returns ``{}``."""
        path = self._url(urls.CLIENT_OPTIONAL_CLIENT_SCOPE, client_id=client_id, client_scope_id=client_scope_id)
        return self._put(path, payload, expected=(204,))

    def delete_client_optional_client_scope(self, client_id, client_scope_id):
        """Remove ``client_scope_id`` from the client's optional client scopes; returns ``{}``."""
        path = self._url(urls.CLIENT_OPTIONAL_CLIENT_SCOPE, client_id=client_id, client_scope_id=client_scope_id)
        return self._delete(path, expected=(204,))

    # ------------------------------------------------------------ protocol mappers

    def get_mappers_from_client(self, client_id):
        """The client's own protocol mappers (list of ProtocolMapperRepresentation).

        A failure raises ``KeycloakPostError``, as python-keycloak's does, though the read is a GET.
        """
        return self._get(self._url(urls.CLIENT_PROTOCOL_MAPPERS, client_id=client_id), error_class=KeycloakPostError)

    def get_client_mapper(self, client_id, mapper_id):
        """Protocol mapper ``mapper_id`` of the client (ProtocolMapperRepresentation)."""
        return self._get(self._url(urls.CLIENT_PROTOCOL_MAPPER, client_id=client_id, mapper_id=mapper_id))

    def add_mapper_to_client(self, client_id, payload):
        """Add a protocol mapper to the client; returns ``b""`` (the empty 201)."""
        return self._post(self._url(urls.CLIENT_PROTOCOL_MAPPERS, client_id=client_id), payload, expected=(201,))

    def update_client_mapper(self, client_id, mapper_id, payload):
        """Replace protocol mapper ``mapper_id`` of the client (``payload`` carries its ``id``)."""
        path = self._url(urls.CLIENT_PROTOCOL_MAPPER, client_id=client_id, mapper_id=mapper_id)
        return self._put(path, payload, expected=(204,))

    def remove_client_mapper(self, client_id, client_mapper_id):
        """Delete protocol mapper ``client_mapper_id`` of the client; returns ``{}``."""
        path = self._url(urls.CLIENT_PROTOCOL_MAPPER, client_id=client_id, mapper_id=client_mapper_id)
        return self._delete(path, expected=(204,))

    # ------------------------------------------------------------------- secrets

    def generate_client_secrets(self, client_id):
        """Generate a new secret for a confidential client; returns the CredentialRepresentation."""
        return self._post(self._url(urls.CLIENT_SECRET, client_id=client_id), expected=(200,))

    def get_client_secrets(self, client_id):
        """The client's current secret (CredentialRepresentation ``{"type", "value"}``)."""
        return self._get(self._url(urls.CLIENT_SECRET, client_id=client_id))

    def get_client_rotated_secret(self, client_id):
        """The client's rotated secret, still valid until its grace period ends (CredentialRepresentation).

        Only with feature ``client-secret-rotation`` and a client policy that rotates; a 404 when there is none.
        """
        return self._get(self._url(urls.CLIENT_SECRET_ROTATED, client_id=client_id))

    def invalidate_client_rotated_secret(self, client_id):
        """End the grace period of the client's rotated secret now (answers 204 when there is none)."""
        return self._delete(self._url(urls.CLIENT_SECRET_ROTATED, client_id=client_id), expected=(204,))

    # ------------------------------------------------------------------ sessions

    def get_client_all_sessions(self, client_id):
        """Every user session that holds the client (list of UserSessionRepresentation), all pages."""
        return self._fetch_all(self._url(urls.CLIENT_USER_SESSIONS, client_id=client_id))

    def get_client_offline_sessions(self, client_id):
        """Every offline session that holds the client (list of UserSessionRepresentation), all pages."""
        return self._fetch_all(self._url(urls.CLIENT_OFFLINE_SESSIONS, client_id=client_id))

    # ------------------------------------------------ fine-grained admin permissions

    def get_client_management_permissions(self, client_id):
        """The client's v1 fine-grained management permissions (ManagementPermissionReference).

        Only served when the server runs feature ``admin-fine-grained-authz:v1``; with the
        default v2 the server answers 501 "Feature not enabled".
        """
        return self._get(self._url(urls.CLIENT_MANAGEMENT_PERMISSIONS, client_id=client_id))

    def update_client_management_permissions(self, payload, client_id):
        """Enable/disable the client's v1 management permissions (``{"enabled": bool}``).

        Returns the new ManagementPermissionReference; needs ``admin-fine-grained-authz:v1``.
        """
        return self._put(self._url(urls.CLIENT_MANAGEMENT_PERMISSIONS, client_id=client_id), payload, expected=(200,))

    # -------------------------------------------------------------- certificates

    def upload_certificate(self, client_id, certcont):
        """Upload a PEM certificate as the client's signed-JWT credential.

        Returns the CertificateRepresentation (``{"certificate": ...}``) the server stored.
        """
        body, content_type = _multipart_form((("keystoreFormat", "Certificate PEM", None), ("file", certcont, "certificate.pem")))
        path = self._url(urls.CLIENT_CERTIFICATE_UPLOAD, client_id=client_id, attr=JWT_CREDENTIAL_ATTR)
        return self._post(path, data=body, headers={"Content-Type": content_type}, expected=(200,))

    def get_client_certificate(self, client_id):
        """The client's signed-JWT certificate, as ``upload_certificate`` stored it (CertificateRepresentation)."""
        return self._get(self._url(urls.CLIENT_CERTIFICATE, client_id=client_id, attr=JWT_CREDENTIAL_ATTR))

    def get_client_key_info(self, client_id, attr):
        """The certificate or public key the client keeps under attribute prefix ``attr`` (CertificateRepresentation).

        ``attr`` is ``jwt.credential`` (signed-JWT client authentication), ``saml.signing`` or ``saml.encryption``; the
        answer has ``certificate`` (base64 DER) or ``publicKey`` (PEM), or neither (``{}``) when none is stored.
        """
        return self._get(self._url(urls.CLIENT_CERTIFICATE, client_id=client_id, attr=attr))

    def upload_client_key(self, client_id, attr, content, keystore_format="Certificate PEM"):
        """Store a certificate or public key under the client's attribute prefix ``attr`` (see ``get_client_key_info``).

        ``keystore_format`` is ``Certificate PEM``, ``Public Key PEM`` or ``JSON Web Key Set``; the content replaces
        what was stored (a public key removes a stored certificate, and the other way round). Returns what was stored.
        """
        body, content_type = _multipart_form((("keystoreFormat", keystore_format, None), ("file", content, "upload.pem")))
        path = self._url(urls.CLIENT_CERTIFICATE_UPLOAD, client_id=client_id, attr=attr)
        return self._post(path, data=body, headers={"Content-Type": content_type}, expected=(200,))


def _multipart_form(fields):
    """A ``multipart/form-data`` body and its content type from ``(name, value, filename)``.

    The transport only sends JSON or raw bodies, so the form is built here.
    """
    boundary = "----iam-keycloak-%s" % uuid.uuid4().hex
    parts = []
    for name, value, filename in fields:
        if not isinstance(value, bytes):
            value = ("%s" % value).encode("utf-8")
        disposition = 'form-data; name="%s"' % name
        headers = "Content-Disposition: %s" % disposition
        if filename:
            headers = 'Content-Disposition: %s; filename="%s"\r\nContent-Type: application/octet-stream' % (disposition, filename)
        parts.append(("--%s\r\n%s\r\n\r\n" % (boundary, headers)).encode("utf-8") + value + b"\r\n")
    body = b"".join(parts) + ("--%s--\r\n" % boundary).encode("utf-8")
    return body, "multipart/form-data; boundary=%s" % boundary
