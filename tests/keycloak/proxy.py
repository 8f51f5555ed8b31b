# -*- coding: utf-8 -*-
"""A small HTTP proxy on 127.0.0.1 in front of the test Keycloak: it records every request as it
arrives on the wire (method and raw path, after the client's own URL handling) and can inject the
faults a server cannot be made to show on demand.

    with Proxy(upstream_url) as proxy:
        run the module with auth_keycloak_url=proxy.url
        proxy.requests          # [("GET", "/admin/realms/r/roles/x"), ...]

``proxy.fault`` is a callable ``(method, path) -> action or None`` consulted for each request:
``None`` forwards it; ``Fault.status(503, body=..., headers=...)`` answers without forwarding;
``Fault.reset()`` closes the connection without an answer (``forward=True``: after forwarding, so the
server acted but the answer is lost); ``Fault.cut()`` forwards and sends half the answer's body;
``Fault.delay(seconds)`` forwards after a pause (``after=True``: forwards at once and answers after
the pause, so the server acts while the client may give up waiting). ``proxy.answers`` holds
``(method, path, status)`` of every answer given (``None`` for a reset or a cut answer). Only
loopback addresses are ever reached.
"""

import http.client
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
               "transfer-encoding", "upgrade", "content-length"}


class Fault:
    """What the proxy does with one request instead of a plain forward."""

    def __init__(self, kind, status=None, body=b"", headers=None, seconds=0.0, forward=False, after=False):
        self.after = after
        self.kind = kind
        self.status_code = status
        self.body = body
        self.headers = headers or {}
        self.seconds = seconds
        self.forward = forward

    @classmethod
    def status(cls, code, body=b"", headers=None):
        return cls("status", status=code, body=body if isinstance(body, bytes) else body.encode(), headers=headers)

    @classmethod
    def reset(cls, forward=False):
        return cls("reset", forward=forward)

    @classmethod
    def cut(cls):
        return cls("cut", forward=True)

    @classmethod
    def delay(cls, seconds, after=False):
        return cls("delay", seconds=seconds, forward=True, after=after)


class Proxy:
    """A recording, fault-injecting proxy to ``upstream`` (an http://127.0.0.1:port URL)."""

    def __init__(self, upstream, fault=None, timeout=120):
        parts = urlsplit(upstream)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the test proxy only forwards to a loopback address, not %r" % upstream)
        self.upstream = (parts.hostname, parts.port or 80)
        self.fault = fault
        self.timeout = timeout  # seconds a forwarded request may wait for Keycloak's answer
        self.requests = []
        self.answers = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self._server.server_address[1]

    def paths(self, method=None):
        return [path for verb, path in self.requests if method is None or verb == method]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _record(self, method, path):
        with self._lock:
            self.requests.append((method, path))

    def _answered(self, method, path, status):
        with self._lock:
            self.answers.append((method, path, status))

    def _handler_class(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # An answer goes out as two writes, head then body. With Nagle's algorithm on, the body waits for the
            # client's acknowledgement of the head, which the client delays (40 ms on Linux): every answer with a
            # body took about 43 ms more than through no proxy, which made the benchmark's request-bound points
            # look slow. Keycloak (Vert.x) and urllib3 turn it off too.
            disable_nagle_algorithm = True

            def log_message(self, *args):  # quiet
                pass

            def _relay(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                proxy._record(self.command, self.path)
                action = proxy.fault(self.command, self.path) if proxy.fault else None
                if action is not None and action.kind == "status":
                    proxy._answered(self.command, self.path, action.status_code)
                    self._answer(action.status_code, action.headers, action.body)
                    return
                if action is not None and action.kind == "reset" and not action.forward:
                    proxy._answered(self.command, self.path, None)
                    self._reset()
                    return
                if action is not None and action.kind == "delay" and not action.after:
                    time.sleep(action.seconds)
                try:
                    status, headers, answer = self._forward(body)
                except OSError:
                    # The server is down (stopped or restarting): the client sees a reset, as without a proxy.
                    proxy._answered(self.command, self.path, None)
                    self._reset()
                    return
                if action is not None and action.kind == "delay" and action.after:
                    time.sleep(action.seconds)
                proxy._answered(self.command, self.path, status if action is None or action.kind == "delay" else None)
                if action is not None and action.kind == "reset":
                    self._reset()
                elif action is not None and action.kind == "cut":
                    self.send_response(status)
                    for name, value in headers:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer[:len(answer) // 2])
                    self.wfile.flush()
                    self._reset()
                else:
                    self._answer(status, headers, answer)

            def _forward(self, body):
                connection = http.client.HTTPConnection(*proxy.upstream, timeout=proxy.timeout)
                try:
                    headers = dict((name, value) for name, value in self.headers.items() if name.lower() not in _HOP_BY_HOP)
                    if body is not None:
                        headers["Content-Length"] = str(len(body))
                    connection.request(self.command, self.path, body=body, headers=headers)
                    response = connection.getresponse()
                    answer = response.read()
                    kept = [(name, value) for name, value in response.getheaders() if name.lower() not in _HOP_BY_HOP]
                    return response.status, kept, answer
                finally:
                    connection.close()

            def _answer(self, status, headers, body):
                self.send_response(status)
                for name, value in (headers.items() if isinstance(headers, dict) else headers):
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    # The client gave up waiting (its read timeout) and closed the connection.
                    self.close_connection = True

            def _reset(self):
                self.close_connection = True
                try:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _relay

        return Handler
