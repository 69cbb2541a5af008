"""TLS for `demo-server --tls`: a fresh self-signed certificate for every start.

The certificate names localhost, 127.0.0.1, ::1 and the listening host, is valid for 30 days and
is written as PEM to `cert_file` (or a temporary file) so a client or a test can choose to trust
it. The private key never touches a lasting file: it is written to a private temporary directory
only long enough for `ssl` to load it.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import shutil
import ssl
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

log = logging.getLogger("demo.tls")

VALID_DAYS = 30
DEFAULT_NAMES = ("localhost", "127.0.0.1", "::1")


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name.strip("[]")))
    except ValueError:
        return x509.DNSName(name)


def make_certificate(host: str) -> tuple[bytes, bytes]:
    """A self-signed certificate for localhost and `host`: (certificate PEM, key PEM)."""
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for name in (*DEFAULT_NAMES, host):
        if name and _general_name(name) not in names:
            names.append(_general_name(name))
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "localhost"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Operator Desktop demo server"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert_pem, key_pem


def make_server_context(host: str, cert_file: Path | None) -> ssl.SSLContext:
    """A server context with a new self-signed certificate, its PEM written to `cert_file`."""
    cert_pem, key_pem = make_certificate(host)
    if cert_file is None:
        fd, name = tempfile.mkstemp(prefix="operator-demo-", suffix=".pem")
        os.close(fd)
        cert_file = Path(name)
    cert_file.parent.mkdir(parents=True, exist_ok=True)
    cert_file.write_bytes(cert_pem)
    log.info("TLS certificate written to %s", cert_file)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    private_dir = tempfile.mkdtemp(prefix="operator-demo-key-")  # mode 0700
    try:
        key_path = Path(private_dir) / "key.pem"
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key_pem)
        own_cert = Path(private_dir) / "cert.pem"
        own_cert.write_bytes(cert_pem)
        context.load_cert_chain(certfile=own_cert, keyfile=key_path)
    finally:
        shutil.rmtree(private_dir, ignore_errors=True)
    return context
