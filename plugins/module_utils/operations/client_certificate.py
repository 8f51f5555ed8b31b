# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The certificate or public key a client keeps to verify what it signs (signed-JWT client authentication,
SAML request signatures) or to encrypt SAML assertions to it.

Keycloak stores it under an attribute prefix of the client (``jwt.credential``, ``saml.signing``,
``saml.encryption``) and shows it back as base64 DER (a certificate) or PEM (a public key). The upload is
only sent when the given certificate or key differs from the stored one, so a rerun changes nothing. A
malformed PEM is refused before anything is sent (Keycloak answers it with a 500).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import re

from .base import Operation, OperationSpec, PlanError

USAGES = {"jwt": "jwt.credential", "saml_signing": "saml.signing", "saml_encryption": "saml.encryption"}
PEM = re.compile(r"-----BEGIN ([A-Z ]+)-----(.*?)-----END \1-----", re.DOTALL)


def pem_body(text, label):
    """The base64 body of the PEM block ``label`` in ``text`` (whitespace removed), checked to decode."""
    match = PEM.search(text or "")
    if match is None or match.group(1) != label:
        raise PlanError("not a PEM %s: expected a -----BEGIN %s----- block" % (label.lower(), label))
    body = "".join(match.group(2).split())
    try:
        base64.b64decode(body.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise PlanError("the PEM %s is not valid base64" % label.lower())
    return body


class ClientCertificate(Operation):
    def describe(self):
        return "%s key of client '%s' in realm '%s'" % (self.args["usage"], self.args["client_id"], self.realm)

    def plan(self):
        plan = self.new_plan()
        attr = USAGES[self.args["usage"]]
        if self.args["certificate"] is not None:
            wanted = {"certificate": pem_body(self.args["certificate"], "CERTIFICATE")}
            upload = (self.args["certificate"], "Certificate PEM")
        else:
            wanted = {"publicKey": pem_body(self.args["public_key"], "PUBLIC KEY")}
            upload = (self.args["public_key"], "Public Key PEM")
        client = self.client_ref(self.args["client_id"])
        have = {}
        if client.exists:
            plan.result["id"] = client.id
            have = _stored(self.api.get_client_key_info(client.id, attr))
        plan.result["stored"] = have
        if have == wanted:
            plan.result["_nothing"] = "already stored"
            return plan

        def send():
            if attr == USAGES["jwt"] and upload[1] == "Certificate PEM":
                return self.api.upload_certificate(client.id, upload[0])
            return self.api.upload_client_key(client.id, attr, upload[0], keystore_format=upload[1])

        plan.add("store the %s" % ("certificate" if "certificate" in wanted else "public key"),
                 "%s stored" % ("certificate" if "certificate" in wanted else "public key"), send)
        plan.diff = {"before": have, "after": wanted}
        plan.result["stored"] = wanted
        plan.after_apply.append(lambda done: done.result.update(stored=_stored(self.api.get_client_key_info(client.id, attr))))
        return plan


def _stored(info):
    """What Keycloak shows, as bodies comparable with the task's: the certificate's base64, the public key's PEM body."""
    info = info or {}
    result = {}
    if info.get("certificate"):
        result["certificate"] = "".join(info["certificate"].split())
    if info.get("publicKey"):
        match = PEM.search(info["publicKey"])
        result["publicKey"] = "".join((match.group(2) if match else info["publicKey"]).split())
    return result


CLIENT_CERTIFICATE = OperationSpec(
    "client_certificate",
    ClientCertificate,
    options=dict(
        client_id=dict(type="str", required=True),
        usage=dict(type="str", choices=sorted(USAGES), default="jwt"),
        certificate=dict(type="str"),
        public_key=dict(type="str", no_log=False),
    ),
    module=dict(required_one_of=[["certificate", "public_key"]], mutually_exclusive=[["certificate", "public_key"]]),
)
