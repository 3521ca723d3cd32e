#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An ISP-like SMTP relay on loopback for Bounce Doctor's relay tests, on Debian's aiosmtpd.

Listens on three ports of 127.0.0.1: plain (no TLS at all), STARTTLS and implicit TLS, prints
"READY <plain> <starttls> <implicit>" and serves until killed. Mail to --local-domain is taken
from anyone; anything else only after AUTH, as an ISP relay does. DATA is never needed.
--mode makes it misbehave in one way a real server does (see MODES).
"""
import argparse
import asyncio
import base64
import ssl
import sys
import urllib.parse

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, auth_mechanism

MODES = [
    "normal",           # relay after login
    "auth-required",    # 530 at MAIL without login (Postfix submission style)
    "old-relay-deny",   # 554 5.7.1 relay denied (Postfix 2.9 reject_unauth_destination)
    "sender-mismatch",  # 553 at MAIL for senders outside the login's domain
    "auth-before-tls",  # AUTH offered on the plain port too
    "no-auth",          # no AUTH keyword at all
    "cram-only",        # only CRAM-MD5
    "login-only",       # only LOGIN (the client must do the 334 dialogue)
    "auth-tempfail",    # 454 4.7.0 to every AUTH
    "no-starttls",      # STARTTLS not offered
    "starttls-454",     # STARTTLS offered, then refused
    "ehlo-reject",      # 550 to EHLO
    "drop-mid-auth",    # connection closed on AUTH
    "stall-after-starttls",  # 220 to STARTTLS, then no handshake
    "flood",            # 10,000 continuation lines to EHLO
    "banner-reject",    # 554 greeting
    "stall-banner",     # no greeting at all
    "garbage",          # a greeting that is not SMTP
    "echo-credentials", # repeats the AUTH argument in its 535 reply
    "echo-password-forms",  # 535 with the password it got in other cases, encodings, cut in two
    "auth-334-forever", # 334 to AUTH and to every line after it
    "escape-banner",    # terminal escape sequences in the greeting and the EHLO reply
]


class Handler:
    def __init__(self, args):
        self.args = args

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        mode = self.args.mode
        if mode == "flood":
            return ["250-%s" % server.hostname] + ["250-X-FILLER-%05d" % i for i in range(10000)] + ["250 HELP"]
        out = []
        for r in responses:
            if mode == "no-auth" and r.startswith("250-AUTH"):
                continue
            if mode == "no-starttls" and r.startswith("250-STARTTLS"):
                continue
            out.append(r)
        return out

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.args.mode == "sender-mismatch" and session.authenticated:
            login = (session.auth_data.login or b"").decode()
            if address.rpartition("@")[2] != login.rpartition("@")[2]:
                return "553 5.7.1 <%s>: Sender address rejected: not owned by user %s" % (address, login)
        envelope.mail_from = address
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        if domain != self.args.local_domain and not session.authenticated:
            if self.args.mode == "old-relay-deny":
                return "554 5.7.1 <%s>: Relay access denied" % address
            return "454 4.7.1 <%s>: Relay access denied" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"


class RelaySMTP(SMTP):
    mode = "normal"

    async def smtp_EHLO(self, hostname):
        if self.mode == "ehlo-reject":
            return await self.push("550 5.7.1 <%s>: Helo command rejected: go away" % hostname)
        return await super().smtp_EHLO(hostname)

    async def smtp_STARTTLS(self, arg):
        if self.mode == "starttls-454":
            return await self.push("454 4.7.0 TLS not available due to temporary reason")
        if self.mode == "stall-after-starttls":
            await self.push("220 2.0.0 Ready to start TLS")
            await asyncio.sleep(3600)
            return
        return await super().smtp_STARTTLS(arg)

    async def smtp_AUTH(self, arg):
        if self.mode == "drop-mid-auth":
            self.transport.close()
            return
        if self.mode == "auth-tempfail":
            return await self.push("454 4.7.0 Temporary authentication failure")
        if self.mode == "echo-credentials":
            return await self.push("535 5.7.8 Authentication failed for %s" % arg)
        if self.mode == "echo-password-forms":
            parts = (arg or "").split()
            blob = base64.b64decode(parts[1]) if len(parts) > 1 else b""
            pw = blob.split(b"\0")[-1].decode("utf-8", "replace")
            unpadded = base64.b64encode(pw.encode()).decode().rstrip("=")
            half = len(pw) // 2
            lines = ["you sent %s" % pw.upper(), "or %s" % pw.lower(), "as %s" % unpadded,
                     "or %s" % urllib.parse.quote(pw, safe=""), "cut %s" % pw[:half]]
            text = "".join("535-5.7.8 %s\r\n" % l for l in lines)
            return await self.push(text + "535 5.7.8 %s failed" % pw[half:])
        if self.mode == "auth-334-forever":
            while True:
                await self.push("334 ")
                line = await self._reader.readline()
                if not line:
                    return
        return await super().smtp_AUTH(arg)

    @auth_mechanism("CRAM-MD5")
    async def auth_CRAM__MD5(self, server, args):
        await self.push("504 5.5.4 not implemented here")
        return AuthResult(success=False, handled=True)


def make_authenticator(args):
    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        if auth_data.login.decode() == args.user and auth_data.password.decode() == args.password:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Error: authentication failed: authentication failure")
    return authenticator


def protocol_factory(args, tls_context, auth_require_tls):
    exclude = ["CRAM-MD5"]
    if args.mode == "cram-only":
        exclude = ["PLAIN", "LOGIN"]
    elif args.mode == "login-only":
        exclude = ["PLAIN", "CRAM-MD5"]

    def factory():
        ident = "ESMTP test relay"
        if args.mode == "escape-banner":
            ident = "ESMTP \x1b]0;pwned\x07\x1b[2J\x1b[32mAll good, nothing blocked\x1b[0m"
        s = RelaySMTP(Handler(args), hostname="smtp.isp.test", ident=ident,
                      tls_context=tls_context, authenticator=make_authenticator(args),
                      auth_require_tls=auth_require_tls,
                      auth_required=args.mode == "auth-required",
                      auth_exclude_mechanism=exclude)
        s.mode = args.mode
        return s
    return factory


async def raw_fault(reader, writer, mode):
    """Servers too broken for aiosmtpd: a refusing greeting, no greeting, or no SMTP at all."""
    try:
        if mode == "banner-reject":
            writer.write(b"554 5.7.1 smtp.isp.test: connections from your network are not accepted\r\n")
            await writer.drain()
            await reader.readline()
            writer.write(b"221 2.0.0 Bye\r\n")
        elif mode == "garbage":
            writer.write(b"HTTP/1.1 400 Bad Request\r\n\r\n")
            await writer.drain()
            await asyncio.sleep(30)
        else:  # stall-banner
            await asyncio.sleep(3600)
        await writer.drain()
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", default="relay@isp.test")
    p.add_argument("--password", default="S3cret-Pass")
    p.add_argument("--local-domain", default="isp.test")
    p.add_argument("--mode", default="normal", choices=MODES)
    args = p.parse_args()

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(args.cert, args.key)
    loop = asyncio.get_running_loop()
    if args.mode in ("banner-reject", "stall-banner", "garbage"):
        start = lambda ssl_ctx: asyncio.start_server(
            lambda r, w: raw_fault(r, w, args.mode), "127.0.0.1", 0, ssl=ssl_ctx)
        servers = [await start(None), await start(None), await start(ctx)]
    else:
        servers = [
            await loop.create_server(protocol_factory(args, None, args.mode != "auth-before-tls"),
                                     "127.0.0.1", 0),
            await loop.create_server(protocol_factory(args, ctx, True), "127.0.0.1", 0),
            await loop.create_server(protocol_factory(args, None, False), "127.0.0.1", 0, ssl=ctx),
        ]
    ports = [s.sockets[0].getsockname()[1] for s in servers]
    print("READY %d %d %d" % tuple(ports), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
