# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A private OpenLDAP server (Debian's ``slapd``) on 127.0.0.1, for the user federation tests (stdlib only).

    server.py start   start slapd on a free port with its own config and data, seeded from seed.ldif; print its URL
    server.py stop    stop the slapd this state folder started
    server.py status  print the URL when it answers, exit 1 otherwise

Nothing system-wide is used or changed: the configuration (a ``slapd.conf`` read with ``-f``),
the database, the pid file and the log live in the state folder (``LDAP_STATE_DIR``, default
``<repo>/.cache/ldap``). Each start begins with a fresh database seeded from ``seed.ldif``
(``slapadd``, before the server listens), so tests never see a previous run's changes.
The suffix is ``dc=example,dc=org``; the bind DN and its password are ``BIND_DN`` and the
``bind_password`` file of the state folder (made at the first start).

Needs ``slapd`` and ``ldap-utils`` (``apt-get install slapd ldap-utils``); ``available()`` says
whether they are there.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SUFFIX = "dc=example,dc=org"
BIND_DN = "cn=admin,%s" % SUFFIX
USERS_DN = "ou=people,%s" % SUFFIX
GROUPS_DN = "ou=groups,%s" % SUFFIX
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")
SEARCH_PATHS = ("/usr/sbin", "/usr/local/sbin", "/usr/libexec", "/usr/local/libexec")
MODULE_PATHS = ("/usr/lib/ldap", "/usr/lib/x86_64-linux-gnu/openldap", "/usr/lib64/openldap", "/usr/lib/openldap")
SCHEMA_PATHS = ("/etc/ldap/schema", "/etc/openldap/schema", "/usr/local/etc/openldap/schema")


def state_dir():
    return os.path.abspath(os.environ.get("LDAP_STATE_DIR") or os.path.join(REPO, ".cache", "ldap"))


def _path(name):
    return os.path.join(state_dir(), name)


def find_binary(name):
    found = shutil.which(name)
    if found:
        return found
    for folder in SEARCH_PATHS:
        candidate = os.path.join(folder, name)
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def available():
    """None when slapd can run here, else why not."""
    for name in ("slapd", "slapadd"):
        if find_binary(name) is None:
            return "%s is not installed (apt-get install slapd ldap-utils)" % name
    if _first_dir(SCHEMA_PATHS) is None:
        return "no OpenLDAP schema folder (looked in %s)" % ", ".join(SCHEMA_PATHS)
    return None


def _first_dir(paths):
    for path in paths:
        if os.path.isdir(path):
            return path
    return None


def bind_password():
    """The bind DN's password: made once per state folder, kept in it."""
    path = _path("bind_password")
    if not os.path.exists(path):
        os.makedirs(state_dir(), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("Ldap-Bind-%s" % secrets.token_hex(8))
        os.chmod(path, 0o600)
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config():
    schema = _first_dir(SCHEMA_PATHS)
    lines = ["include %s/%s.schema" % (schema, name) for name in SCHEMAS]
    modules = _first_dir(MODULE_PATHS)
    if modules and os.path.exists(os.path.join(modules, "back_mdb.la")):
        lines += ["modulepath %s" % modules, "moduleload back_mdb"]
    lines += [
        "pidfile %s" % _path("slapd.pid"),
        "argsfile %s" % _path("slapd.args"),
        "database mdb",
        "maxsize 104857600",
        'suffix "%s"' % SUFFIX,
        'rootdn "%s"' % BIND_DN,
        "rootpw %s" % bind_password(),
        "directory %s" % _path("data"),
        "index objectClass eq",
        "index uid,cn,member eq",
    ]
    return "\n".join(lines) + "\n"


def url():
    """The URL written by ``start``, or None."""
    try:
        with open(_path("url"), encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None


def _answers(address):
    host_port = address.split("://", 1)[1].rstrip("/")
    host, port = host_port.rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return True
    except OSError:
        return False


def _pid():
    try:
        with open(_path("slapd.pid"), encoding="utf-8") as handle:
            return int(handle.read().strip())
    except (OSError, ValueError):
        return None


def status():
    address = url()
    return address if address and _pid() and _answers(address) else None


def start():
    """Start slapd (a running one is reused); return its URL."""
    running = status()
    if running:
        return running
    missing = available()
    if missing:
        raise RuntimeError(missing)
    stop()
    os.makedirs(state_dir(), exist_ok=True)
    shutil.rmtree(_path("data"), ignore_errors=True)
    os.makedirs(_path("data"))
    port = _free_port()
    with open(_path("slapd.conf"), "w", encoding="utf-8") as handle:
        handle.write(_config())
    seeded = subprocess.run([find_binary("slapadd"), "-q", "-f", _path("slapd.conf"), "-l", os.path.join(HERE, "seed.ldif")],
                            capture_output=True, text=True, check=False)
    if seeded.returncode != 0:
        raise RuntimeError("slapadd failed: %s" % (seeded.stderr or seeded.stdout).strip())
    address = "ldap://127.0.0.1:%d" % port
    with open(_path("slapd.log"), "w", encoding="utf-8") as log:
        started = subprocess.run([find_binary("slapd"), "-h", address + "/", "-f", _path("slapd.conf"), "-s", "0"],
                                 stdout=log, stderr=subprocess.STDOUT, check=False)
    if started.returncode != 0:
        raise RuntimeError("slapd did not start (see %s)" % _path("slapd.log"))
    deadline = time.time() + 30
    while not (_pid() and _answers(address)):
        if time.time() > deadline:
            raise RuntimeError("slapd did not answer on %s within 30 s (see %s)" % (address, _path("slapd.log")))
        time.sleep(0.2)
    with open(_path("url"), "w", encoding="utf-8") as handle:
        handle.write(address)
    return address


def stop():
    """Stop the slapd this state folder started (if any)."""
    pid = _pid()
    if pid:
        try:
            os.kill(pid, signal.SIGTERM)
            deadline = time.time() + 10
            while time.time() < deadline:
                os.kill(pid, 0)
                time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for name in ("slapd.pid", "url"):
        try:
            os.remove(_path(name))
        except OSError:
            pass


def main(argv):
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        try:
            print(start())
        except RuntimeError as error:
            print("ldap: %s" % error, file=sys.stderr)
            return 1
        return 0
    if command == "stop":
        stop()
        return 0
    if command == "status":
        address = status()
        if address:
            print(address)
            return 0
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
