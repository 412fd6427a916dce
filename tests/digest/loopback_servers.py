#!/usr/bin/python3
"""Real servers on 127.0.0.1 for the digest tests (never any other address).

  loopback_servers.py certs DIR
      makes DIR/ca.pem (a test CA), DIR/server.pem + server.key signed by it
      (SAN 127.0.0.1, localhost), and DIR/rogue-ca.pem with DIR/rogue.pem +
      rogue.key signed by that other, untrusted CA.
  loopback_servers.py https --cert C --key K --record FILE [--port P]
                            [--mode ok|500|slow|redirect] [--redirect-to URL]
  loopback_servers.py smtp --cert C --key K --record FILE [--port P]
                           [--user U --password PW]

A server prints "READY <port>" once it accepts connections, then records
every request as one JSON line in FILE until it is terminated.
"""
import argparse
import asyncio
import base64
import http.server
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import time


def make_certs(folder):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, cwd=folder,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    ext = os.path.join(folder, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\n")
    for ca, leaf in (("ca", "server"), ("rogue-ca", "rogue")):
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca + ".key",
            "-out", ca + ".pem", "-days", "2", "-subj", "/CN=Parasol test " + ca)
        run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", leaf + ".key", "-out",
            leaf + ".csr", "-subj", "/CN=127.0.0.1")
        run("x509", "-req", "-in", leaf + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
            "-CAcreateserial", "-out", leaf + ".pem", "-days", "2", "-extfile", ext)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def record(path, entry):
    with open(path, "a") as f:
        f.write(json.dumps(entry) + "\n")


def ready(port):
    print("READY", port, flush=True)


def serve_https(args):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            record(args.record, {"method": "POST", "path": self.path,
                                 "headers": {k.lower(): v for k, v in self.headers.items()},
                                 "body_base64": base64.b64encode(body).decode()})
            if args.mode == "slow":
                time.sleep(5)
            if args.mode == "redirect":
                self.send_response(302)
                self.send_header("Location", args.redirect_to)
            elif args.mode == "500":
                self.send_response(500)
            else:
                self.send_response(200)
            reply = b"{}"
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port or 0), Handler)
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    ready(server.server_address[1])
    server.serve_forever()


def serve_smtp(args):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            login = session.auth_data.login.decode() if isinstance(
                session.auth_data, LoginPassword) else None
            record(args.record, {"mail_from": envelope.mail_from,
                                 "rcpt_tos": envelope.rcpt_tos,
                                 "tls": session.ssl is not None,
                                 "login": login,
                                 "data_base64": base64.b64encode(envelope.original_content).decode()})
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, auth_data=auth_data if ok else None)

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    port = args.port or free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=ctx,
                            require_starttls=True, authenticator=authenticate,
                            auth_require_tls=True, auth_required=bool(args.user))
    controller.start()
    ready(port)
    threading.Event().wait()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    certs = sub.add_parser("certs")
    certs.add_argument("folder")
    for name in ("https", "smtp"):
        p = sub.add_parser(name)
        p.add_argument("--cert")
        p.add_argument("--key")
        p.add_argument("--record", required=True)
        p.add_argument("--port", type=int, default=0)
        p.add_argument("--mode", default="ok", choices=["ok", "500", "slow", "redirect"])
        p.add_argument("--redirect-to", default="")
        p.add_argument("--user", default="")
        p.add_argument("--password", default="")
    args = parser.parse_args()
    if args.what == "certs":
        make_certs(args.folder)
    elif args.what == "https":
        serve_https(args)
    else:
        serve_smtp(args)


if __name__ == "__main__":
    sys.exit(main())
