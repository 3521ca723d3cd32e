#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# OpenSMTPD from Debian's package. Its spool, control socket and CA bundle are compiled-in
# paths, so the instance runs in a private mount namespace (unshare -m) whose /var/spool,
# /var/lib and /run are empty directories under WORK_DIR and whose CA bundle is the relay's
# test CA: nothing of the machine's own mail setup is seen or touched. The generated lines go
# into Debian's default smtpd.conf before its "match from local for any" line, as the generator
# says; the default's "listen on localhost" (port 25) becomes a listener on a free loopback
# port, where the message is handed in by SMTP (smtpctl, the usual way in, must be setgid to a
# group that exists only where the package is installed).
source "$(dirname "$0")/common.sh"

SMTPD=$TOOLS_DIR/opensmtpd/usr/sbin/smtpd
need_dir "$SMTPD" "Debian's opensmtpd"
need_root opensmtpd
BUNDLE=/etc/ssl/certs/ca-certificates.crt
[[ -f $BUNDLE ]] || skip "no $BUNDLE to stand the test CA in for (Debian's ca-certificates)"

if [[ -z ${BD_IN_NAMESPACE:-} ]]; then
    unshare --mount --propagation private true 2>/dev/null || skip "cannot make a private mount namespace here (unshare -m)"
    trap - EXIT
    exec unshare --mount --propagation private env BD_IN_NAMESPACE=1 "$0" "$@"
fi

fake_user opensmtpd 64001
fake_user opensmtpq 64002
private_dir /var/spool
private_dir /var/lib
private_dir /run
mkdir -p /var/lib/opensmtpd/empty
mount --bind "$BD_CA" "$BUNDLE"

ETC=$WORK_DIR/etc
mkdir -p "$ETC"
: >"$ETC/aliases"
if [[ -f $CONFIG_DIR/secrets ]]; then
    install -m 640 -g opensmtpd "$CONFIG_DIR/secrets" "$ETC/secrets"
fi
# Debian's default file, this instance's paths (test-only), the generated lines in their place.
PORT=$(free_port)
sed -e "s|^listen on localhost\$|listen on 127.0.0.1 port $PORT|" -e "s|file:/etc/aliases|file:$ETC/aliases|" \
    "$TOOLS_DIR/opensmtpd/etc/smtpd.conf" >"$WORK_DIR/default.conf"
generated=$(sed "s|file:/etc/smtpd/secrets|file:$ETC/secrets|" "$CONFIG_DIR/smtpd.conf.append")
awk -v add="$generated" '/^match from local for any/ && !done { print add; done = 1 } { print }' \
    "$WORK_DIR/default.conf" >"$ETC/smtpd.conf"

"$SMTPD" -n -f "$ETC/smtpd.conf" >&2 || fail "smtpd -n refuses the configuration"
"$SMTPD" -d -f "$ETC/smtpd.conf" >"$WORK_DIR/smtpd.log" 2>&1 &
PIDS+=($!)
wait_for 10 test -S /run/smtpd.sock || fail "smtpd did not start: $(cat "$WORK_DIR/smtpd.log")"

submit 127.0.0.1 "$PORT" || fail "smtpd did not take the message: $(cat "$WORK_DIR/smtpd.log")"
wait_for 30 grep -qE 'result="?(Ok|TempFail|PermFail)' "$WORK_DIR/smtpd.log" \
    || fail "no delivery attempt within 30 s: $(cat "$WORK_DIR/smtpd.log")"
cat "$WORK_DIR/smtpd.log" >&2
grep -qE 'result="?Ok' "$WORK_DIR/smtpd.log" || fail "smtpd did not deliver"
