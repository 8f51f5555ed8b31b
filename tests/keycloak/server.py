# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real, local Keycloak for the demo and the tests (stdlib only).

    server.py fetch   download org.keycloak:keycloak-quarkus-dist:<version>:zip with mvn and unpack it
    server.py zip     download the zip and its published .sha1 with mvn (when missing), print the zip's path
    server.py start   start `kc.sh start-dev` on 127.0.0.1 (reuses a running one), print its URL
    server.py stop    stop the server this state folder started
    server.py status  print the URL when the server answers, exit 1 otherwise
    server.py url     print the URL written by `start`
    server.py export REALM FILE
                      write REALM as `kc.sh export` does (users and credentials included) to FILE, from
                      the running server's data, without stopping it (see export())
    server.py export-dir REALM DIR [USERS_PER_FILE]
                      the same as `kc.sh export --dir DIR` writes it: DIR/REALM-realm.json and the users
                      USERS_PER_FILE (default 50) a file, DIR/REALM-users-<n>.json

Environment:
    KEYCLOAK_VERSION     version to fetch (default: tests/keycloak/VERSION)
    KEYCLOAK_DIST        a keycloak-quarkus-dist zip you already have (skips mvn)
    KEYCLOAK_CACHE       where downloads and unpacked copies live (default: <repo>/.cache/keycloak)
    KEYCLOAK_STATE_DIR   per-server folder: its own copy of the distribution, data, log, pid, url
                         (default: <cache>/run-<version>, so each version has its own server);
                         give each concurrent server its own
    KEYCLOAK_PORT        HTTP port (default: a free port; the management port is picked free too)
    KEYCLOAK_ADMIN_USER / KEYCLOAK_ADMIN_PASSWORD   bootstrap admin (default admin / kc-local-admin-secret)
    KEYCLOAK_JAVA_HOME   JDK to run Keycloak with (default: JAVA_HOME, else java on PATH)
    KC_FEATURES          Keycloak features to enable (default: client-secret-rotation)
    KEYCLOAK_START_TIMEOUT seconds to wait for the server (default 600)

On failure it exits non-zero with a one-line reason (and the last lines of the server log).
"""

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
# The bootstrap admin of the local server. Not "admin"/"admin": Ansible masks every occurrence of a
# no_log value in module output, and "admin" occurs in many names (admin-cli, /admin/realms, ...).
DEFAULT_ADMIN_USER = "admin"
DEFAULT_ADMIN_PASSWORD = "kc-local-admin-secret"
REPO = os.path.dirname(os.path.dirname(HERE))


def version():
    explicit = os.environ.get("KEYCLOAK_VERSION")
    if explicit:
        return explicit.strip()
    with open(os.path.join(HERE, "VERSION"), encoding="utf-8") as handle:
        return handle.read().strip()


def cache_dir():
    return os.path.abspath(os.environ.get("KEYCLOAK_CACHE") or os.path.join(REPO, ".cache", "keycloak"))


def state_dir():
    explicit = os.environ.get("KEYCLOAK_STATE_DIR")
    if explicit:
        return os.path.abspath(explicit)
    # One folder per version: `KEYCLOAK_VERSION=26.0.8 make test` must never reuse a running 26.7 server.
    return os.path.join(cache_dir(), "run-%s" % version())


def fail(reason, log=None):
    print("keycloak: %s" % reason, file=sys.stderr)
    if log and os.path.exists(log):
        with open(log, encoding="utf-8", errors="replace") as handle:
            lines = handle.readlines()[-25:]
        print("--- last lines of %s ---" % log, file=sys.stderr)
        sys.stderr.write("".join(lines))
    sys.exit(1)


def dist_zip():
    """The keycloak-quarkus-dist zip of the wanted version (KEYCLOAK_DIST, or fetched with mvn together with
    its published .sha1, which Maven Central serves beside it)."""
    wanted = version()
    archive = os.environ.get("KEYCLOAK_DIST")
    if archive:
        if not os.path.exists(archive):
            fail("KEYCLOAK_DIST=%s does not exist" % archive)
        return archive
    os.makedirs(cache_dir(), exist_ok=True)
    archive = os.path.join(cache_dir(), "keycloak-quarkus-dist-%s.zip" % wanted)
    for extension, path in (("zip", archive), ("zip.sha1", archive + ".sha1")):
        if os.path.exists(path):
            continue
        if shutil.which("mvn") is None:
            fail("mvn is not installed: install Maven, or point KEYCLOAK_DIST at a keycloak-quarkus-dist zip")
        print("keycloak: fetching org.keycloak:keycloak-quarkus-dist:%s:%s with mvn" % (wanted, extension),
              file=sys.stderr)
        command = [
            "mvn", "-q", "-B",
            "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy",
            "-Dartifact=org.keycloak:keycloak-quarkus-dist:%s:%s" % (wanted, extension),
            "-DoutputDirectory=%s" % cache_dir(),
        ]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        if result.returncode != 0 or not os.path.exists(path):
            tail = " ".join(result.stdout.strip().splitlines()[-3:])
            fail("download of keycloak-quarkus-dist %s refused or failed: %s" % (wanted, tail))
    return archive


def unpacked_dist():
    """The unpacked distribution for the wanted version, fetched when missing."""
    wanted = version()
    target = os.path.join(cache_dir(), "keycloak-%s" % wanted)
    if os.path.exists(os.path.join(target, "bin", "kc.sh")):
        return target
    archive = dist_zip()
    partial = target + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(partial)
    inner = os.path.join(partial, os.listdir(partial)[0])
    for folder, _subdirs, files in os.walk(os.path.join(inner, "bin")):
        for name in files:
            if name.endswith(".sh"):
                os.chmod(os.path.join(folder, name), 0o755)
    os.rename(inner, target)
    shutil.rmtree(partial, ignore_errors=True)
    return target


def java_command():
    home = os.environ.get("KEYCLOAK_JAVA_HOME") or os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        fail("no Java found: install a JDK 17, 21 or 25, or set KEYCLOAK_JAVA_HOME")
    result = subprocess.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    first = result.stdout.splitlines()[0] if result.stdout else ""
    try:
        major = int(first.split('"')[1].split(".")[0])
    except (IndexError, ValueError):
        major = 0
    if major < 17:
        fail("Keycloak needs Java 17 or newer; %s says: %s" % (java, first))
    return java, first


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports(count):
    """``count`` distinct free ports on 127.0.0.1 (all held open until each is known)."""
    sockets = []
    try:
        for _index in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def postgresql_bin():
    """The newest Debian PostgreSQL's programs (initdb, pg_ctl, pg_dump), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


def port_taken(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def answers(url):
    try:
        with urllib.request.urlopen(url + "/realms/master/.well-known/openid-configuration", timeout=5) as response:
            return json.load(response).get("issuer", "").endswith("/realms/master")
    except (urllib.error.URLError, OSError, ValueError):
        return False


def read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None


def running_pid(state):
    pid = read(os.path.join(state, "pid"))
    if not pid:
        return None
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError):
        return None
    return int(pid)


def own_copy(dist, state, folder, marker):
    """``<state>/<folder>``: a copy of the distribution ``dist`` (made again when ``<state>/<marker>`` names another)."""
    home = os.path.join(state, folder)
    if read(os.path.join(state, marker)) != dist or not os.path.exists(os.path.join(home, "bin", "kc.sh")):
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(dist, home, symlinks=True)
        with open(os.path.join(state, marker), "w", encoding="utf-8") as handle:
            handle.write(dist)
    return home


def kc_env(java):
    """The environment kc.sh runs in: the JDK, the heap, the features."""
    env = dict(os.environ)
    env["JAVA"] = java
    env.setdefault("JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=25 -XX:InitialRAMPercentage=5")
    # Client secret rotation is a preview feature: on, so keycloak_client_secret's rotation is tested for real.
    env.setdefault("KC_FEATURES", "client-secret-rotation")
    return env


def start():
    state = state_dir()
    os.makedirs(state, exist_ok=True)
    url = read(os.path.join(state, "url"))
    if url and running_pid(state) and answers(url):
        print(url)
        return
    dist = unpacked_dist()
    java, java_version = java_command()
    # Every server gets its own copy: start-dev writes its build and its H2 data
    # inside the distribution, and two servers must not share those.
    home = own_copy(dist, state, "keycloak", "dist")
    port = int(os.environ.get("KEYCLOAK_PORT") or free_port())
    if port_taken(port):
        fail("port %s on 127.0.0.1 is taken by another program" % port)
    management_port = free_port()
    log = os.path.join(state, "server.log")
    env = kc_env(java)
    env["KC_BOOTSTRAP_ADMIN_USERNAME"] = os.environ.get("KEYCLOAK_ADMIN_USER", DEFAULT_ADMIN_USER)
    env["KC_BOOTSTRAP_ADMIN_PASSWORD"] = os.environ.get("KEYCLOAK_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
    command = [
        os.path.join(home, "bin", "kc.sh"), "start-dev",
        "--http-host=127.0.0.1",
        "--http-port=%d" % port,
        "--http-management-port=%d" % management_port,
        "--hostname-strict=false",
    ]
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as handle:
        handle.write("# %s\n# java: %s (%s)\n" % (" ".join(command), java, java_version))
        handle.flush()
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=state)
    url = "http://127.0.0.1:%d" % port
    with open(os.path.join(state, "pid"), "w", encoding="utf-8") as handle:
        handle.write("%d" % process.pid)
    deadline = started + float(os.environ.get("KEYCLOAK_START_TIMEOUT", "600"))
    while time.monotonic() < deadline:
        if process.poll() is not None:
            fail("the server exited with code %s before it was ready" % process.returncode, log)
        if answers(url):
            with open(os.path.join(state, "url"), "w", encoding="utf-8") as handle:
                handle.write(url)
            print("keycloak: %s ready at %s in %.1fs (%s)" % (version(), url, time.monotonic() - started, java_version), file=sys.stderr)
            print(url)
            return
        time.sleep(1)
    stop_process(process.pid)
    fail("the server was not ready after %ss" % int(deadline - started), log)


def stop_process(pid):
    try:
        os.killpg(pid, signal.SIGTERM)
    except OSError:
        return
    for _attempt in range(60):
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.5)
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def stop():
    state = state_dir()
    pid = running_pid(state)
    if pid:
        stop_process(pid)
    for name in ("pid", "url"):
        try:
            os.remove(os.path.join(state, name))
        except OSError:
            pass


def export(realm, target, users_per_file=None):
    """``kc.sh export --realm REALM --file FILE`` of the server this state folder runs, while it runs; with
    ``users_per_file``, ``kc.sh export --dir FILE`` (a folder: the realm's file, then its users that many a file).

    kc.sh export opens the database itself, and the dev-file H2 database is locked by the running server (H2's
    AUTO_SERVER mode, which would share it, refuses the DB_CLOSE_ON_EXIT=FALSE Keycloak sets). So the export runs on
    a copy of the database file in a distribution of its own (<state>/exporter, built by its first export, about 20 s;
    later exports about 10 s). H2 writes a commit to the file within half a second and keeps the last complete chunk
    readable, so a copy taken a second after the last write holds it; a copy that caught another write half-way is
    taken again.
    """
    state = state_dir()
    url = read(os.path.join(state, "url"))
    if not url or not answers(url):
        fail("no server of this state folder (%s) is running: start it first" % state)
    exporter = own_copy(unpacked_dist(), state, "exporter", "exporter.dist")
    env = kc_env(java_command()[0])
    database = os.path.join(state, "keycloak", "data", "h2", "keycloakdb.mv.db")
    log = os.path.join(state, "export.log")
    target = os.path.abspath(target)
    for attempt in range(3):
        time.sleep(1 + attempt)
        os.makedirs(os.path.join(exporter, "data", "h2"), exist_ok=True)
        for name in os.listdir(os.path.join(exporter, "data", "h2")):
            os.remove(os.path.join(exporter, "data", "h2", name))
        shutil.copyfile(database, os.path.join(exporter, "data", "h2", "keycloakdb.mv.db"))
        if os.path.isdir(target):
            shutil.rmtree(target)
        elif os.path.exists(target):
            os.remove(target)
        command = [os.path.join(exporter, "bin", "kc.sh"), "export", "--db=dev-file", "--realm=%s" % realm]
        if users_per_file:
            command += ["--dir=%s" % target, "--users=different_files", "--users-per-file=%d" % users_per_file]
        else:
            command += ["--file=%s" % target]
        with open(log, "w", encoding="utf-8") as handle:
            handle.write("# %s\n" % " ".join(command))
            handle.flush()
            result = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=state, check=False)
        if result.returncode == 0 and os.path.exists(target):
            print(target)
            return
    fail("kc.sh export of realm %r failed (exit code %s)" % (realm, result.returncode), log)


def main(argv):
    command = argv[1] if len(argv) > 1 else "start"
    if command == "fetch":
        print(unpacked_dist())
    elif command == "zip":
        print(dist_zip())
    elif command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "status":
        url = read(os.path.join(state_dir(), "url"))
        if url and answers(url):
            print(url)
        else:
            sys.exit(1)
    elif command == "url":
        url = read(os.path.join(state_dir(), "url"))
        if not url:
            sys.exit(1)
        print(url)
    elif command == "export" and len(argv) == 4:
        export(argv[2], argv[3])
    elif command == "export-dir" and len(argv) in (4, 5):
        export(argv[2], argv[3], users_per_file=int(argv[4]) if len(argv) == 5 else 50)
    else:
        fail("unknown command %r (fetch, zip, start, stop, status, url, export REALM FILE, export-dir REALM DIR [USERS_PER_FILE])" % command)


if __name__ == "__main__":
    main(sys.argv)
