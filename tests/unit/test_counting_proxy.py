# -*- coding: utf-8 -*-
"""The test and benchmark proxy (tests/keycloak/proxy.py) relays an answer with a body as it came, and sends it
without Nagle's algorithm: with it on, the body of every answer waited for the client's delayed acknowledgement of
the head (about 43 ms on Linux), which the benchmark counted as server time."""

import json
import os
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "keycloak"))

from proxy import Proxy  # noqa: E402


class _Upstream(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_PUT(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.dumps({"echo": json.loads(self.rfile.read(length)), "path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_answers_relayed_without_nagle():
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    accepted = []
    try:
        with Proxy("http://127.0.0.1:%d" % upstream.server_address[1]) as proxy:
            handler = proxy._server.RequestHandlerClass
            setup = handler.setup

            def recording_setup(self):
                setup(self)
                accepted.append(self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

            handler.setup = recording_setup
            session = requests.Session()
            answers = [session.put(proxy.url + "/admin/realms/r/users/%d" % i, json={"n": i}, timeout=10)
                       for i in range(3)]
    finally:
        upstream.shutdown()
        upstream.server_close()
    assert [a.json() for a in answers] == [{"echo": {"n": i}, "path": "/admin/realms/r/users/%d" % i} for i in range(3)]
    assert proxy.paths("PUT") == ["/admin/realms/r/users/%d" % i for i in range(3)]
    # One kept-alive connection, and Nagle's algorithm off on it.
    assert len(accepted) == 1 and accepted[0] != 0
