# -*- coding: utf-8 -*-
"""RSA key pairs and certificates for the key provider tests (made here, never checked in)."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def rsa_key_pem(bits=2048):
    """A new RSA private key, PEM (PKCS#8)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()


def self_signed_pem(key_pem, name="iam.keycloak test"):
    """A self-signed certificate for ``key_pem``, PEM."""
    key = serialization.load_pem_private_key(key_pem.encode(), password=None)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256()))
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def pem_body(pem):
    """The base64 body of a PEM block, on one line (how Keycloak shows keys and certificates)."""
    return "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
