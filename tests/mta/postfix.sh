#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Postfix from Debian's package as a private instance: its own main.cf, master.cf (no inet
# listener, so nothing on port 25), queue and data directories, logging to a file. The generated
# main.cf lines are appended, as `postconf -e` would set them; with a generated stunnel file
# (the 2.x setup for port 465) Debian's stunnel4 runs it.
source "$(dirname "$0")/common.sh"

PF=$TOOLS_DIR/postfix
need_dir "$PF/usr/lib/postfix/sbin/master" "Debian's postfix"
need_root postfix
# Postfix needs an unprivileged owner for its queue and a group for postdrop; Debian's users
# "mail" and group "news" exist everywhere and own nothing Postfix touches here.
getent passwd mail >/dev/null && getent group news >/dev/null || skip "no user mail / group news to run Postfix as"

ETC=$WORK_DIR/etc
QUEUE=$WORK_DIR/queue
mkdir -p "$ETC" "$QUEUE" "$WORK_DIR/data"
chown mail "$WORK_DIR/data"
LIBS=$PF/usr/lib/postfix
export LD_LIBRARY_PATH=$LIBS

# The instance itself: test-only, not generated.
cat >"$ETC/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $QUEUE
data_directory = $WORK_DIR/data
command_directory = $PF/usr/sbin
daemon_directory = $LIBS/sbin
shlib_directory = $LIBS
meta_directory = $PF/etc/postfix
mail_owner = mail
setgid_group = news
myhostname = mail.example.test
mydomain = example.test
myorigin = example.test
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
maillog_file = $WORK_DIR/maillog
maillog_file_prefixes = $WORK_DIR
import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C LD_LIBRARY_PATH=$LIBS
export_environment = TZ MAIL_CONFIG LANG LD_LIBRARY_PATH=$LIBS
CF
# The generated settings; their /etc/postfix paths point into this instance (test-only).
sed "s|/etc/postfix/|$ETC/|g" "$CONFIG_DIR/main.cf.smarthost" >>"$ETC/main.cf"

cat >"$ETC/master.cf" <<'CF'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CF
: >"$ETC/dynamicmaps.cf"

if [[ -f $CONFIG_DIR/sasl_passwd ]]; then
    install -m 600 "$CONFIG_DIR/sasl_passwd" "$ETC/sasl_passwd"
    "$PF/usr/sbin/postmap" -c "$ETC" "hash:$ETC/sasl_passwd"
fi

if [[ -f $CONFIG_DIR/smarthost.conf ]]; then
    STUNNEL=$TOOLS_DIR/stunnel4/usr/bin/stunnel4
    need_dir "$STUNNEL" "Debian's stunnel4"
    # Test-only: in the foreground, with its pid and log here, trusting the relay's test CA.
    {
        printf 'foreground = yes\npid =\noutput = %s/stunnel.log\ndebug = info\n' "$WORK_DIR"
        sed "s|^CAfile = .*|CAfile = $BD_CA|" "$CONFIG_DIR/smarthost.conf"
    } >"$WORK_DIR/stunnel.conf"
    accept=$(sed -n 's/^accept = //p' "$WORK_DIR/stunnel.conf")
    # The setup's fixed port; something else on it would take the message instead.
    if bash -c "exec 3<>/dev/tcp/${accept%:*}/${accept##*:}" 2>/dev/null; then
        skip "port $accept, which the generated stunnel setup uses, is taken by another program"
    fi
    "$STUNNEL" "$WORK_DIR/stunnel.conf" &
    PIDS+=($!)
    wait_for 10 bash -c "exec 3<>/dev/tcp/${accept%:*}/${accept##*:}" 2>/dev/null \
        || fail "stunnel does not listen on $accept: $(cat "$WORK_DIR/stunnel.log" 2>/dev/null)"
fi

# Postfix's own check also makes the queue directories. Its warnings about postdrop and
# postqueue not being set-group-ID are about the unpacked package, not the setup.
"$PF/usr/sbin/postfix" -c "$ETC" check >"$WORK_DIR/postfix-check.log" 2>&1 \
    || fail "postfix check: $(cat "$WORK_DIR/postfix-check.log")"
"$LIBS/sbin/master" -c "$ETC" -d &
PIDS+=($!)
wait_for 10 test -S "$QUEUE/public/pickup" || fail "Postfix did not start: $(cat "$WORK_DIR/maillog" 2>/dev/null)"

message | MAIL_CONFIG=$ETC "$PF/usr/sbin/sendmail" -f "$BD_FROM" "$BD_TO"
if ! wait_for 30 grep -qE 'status=(sent|bounced|deferred)' "$WORK_DIR/maillog" 2>/dev/null; then
    fail "no delivery attempt within 30 s: $(cat "$WORK_DIR/maillog")"
fi
grep -q 'status=sent' "$WORK_DIR/maillog" || fail "$(cat "$WORK_DIR/maillog")"
cat "$WORK_DIR/maillog" >&2
