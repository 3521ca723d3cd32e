#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sendmail from Debian's packages. Its .mc includes files by absolute path and its .cf names
# /etc/mail and /var/spool/mqueue, so it runs in a private mount namespace: /etc is an overlay
# whose changes land in WORK_DIR, /usr/share/sendmail is the unpacked sendmail-cf, /var/spool,
# /var/lib and /run are empty directories under WORK_DIR; the machine's own files are not
# changed. The generated lines go into Debian's sendmail.mc before its first MAILER( line, the
# access and authinfo files are made with makemap, m4 builds sendmail.cf, and `sendmail -odi`
# delivers while it is called (no daemon, no listener).
source "$(dirname "$0")/common.sh"

SM=$TOOLS_DIR/sendmail-bin/usr/libexec/sendmail/sendmail
CF=$TOOLS_DIR/sendmail-cf/usr/share/sendmail
need_dir "$SM" "Debian's sendmail-bin"
need_dir "$CF/cf/debian/sendmail.mc" "Debian's sendmail-cf"
need_root sendmail
command -v m4 >/dev/null || skip "m4 is not installed (./quickstart test installs it)"

if [[ -z ${BD_IN_NAMESPACE:-} ]]; then
    unshare --mount --propagation private true 2>/dev/null || skip "cannot make a private mount namespace here (unshare -m)"
    trap - EXIT
    exec unshare --mount --propagation private env BD_IN_NAMESPACE=1 "$0" "$@"
fi

mkdir -p "$WORK_DIR/etc-changes" "$WORK_DIR/overlay-work" "$WORK_DIR/share"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$WORK_DIR/etc-changes,workdir=$WORK_DIR/overlay-work" /etc \
    || skip "cannot mount an overlay on /etc in a private namespace here"
mount -t overlay overlay -o "lowerdir=/usr/share,upperdir=$WORK_DIR/share,workdir=$WORK_DIR/overlay-work2" /usr/share 2>/dev/null \
    || { mkdir -p "$WORK_DIR/overlay-work2" && mount -t overlay overlay -o "lowerdir=/usr/share,upperdir=$WORK_DIR/share,workdir=$WORK_DIR/overlay-work2" /usr/share; } \
    || skip "cannot mount an overlay on /usr/share in a private namespace here"
mkdir -p /usr/share/sendmail
mount --bind "$CF" /usr/share/sendmail
private_dir /var/spool
private_dir /var/lib
private_dir /run
# The users Debian's sendmail package would create.
fake_user smmta 64003
fake_user smmsp 64004
mkdir -p /var/spool/mqueue /etc/mail/m4 /var/lib/sendmail/host_status
chmod 700 /var/spool/mqueue
# What Debian's sendmailconfig would create beside sendmail.mc (test-only, empty).
: >/etc/mail/m4/dialup.m4
: >/etc/mail/m4/provider.m4
: >/etc/mail/local-host-names
: >/etc/mail/access
# No test reaches the internet: names are looked up in /etc/hosts only (test-only).
printf 'hosts files\naliases files\n' >/etc/mail/service.switch
# Sendmail waits a minute at start when this machine's name has no domain; here it gets one.
echo "127.0.1.1 mail.example.test $(hostname)" >>/etc/hosts
# Sendmail routes to the smart host only names it could look up (canonify); without DNS the
# recipient's domain is in /etc/hosts, at an address nothing is sent to (TEST-NET-1).
printf '192.0.2.1 %s\n192.0.2.2 %s\n' "${BD_TO#*@}" "${BD_FROM#*@}" >>/etc/hosts
: >/etc/mail/aliases

# Test-only: this instance's name ($j), which Debian takes from the machine's qualified name.
add="define(\`confDOMAIN_NAME', \`mail.example.test')dnl
$(cat "$CONFIG_DIR/sendmail.mc.append")"
awk -v add="$add" '/^MAILER\(/ && !done { print add; done = 1 } { print }' \
    "$CF/cf/debian/sendmail.mc" >/etc/mail/sendmail.mc
cat "$CONFIG_DIR/access.append" >>/etc/mail/access
# makemap reads sendmail.cf, so it is built first.
m4 /etc/mail/sendmail.mc >/etc/mail/sendmail.cf 2>"$WORK_DIR/m4.err" || fail "m4: $(cat "$WORK_DIR/m4.err")"
[[ -s $WORK_DIR/m4.err ]] && cat "$WORK_DIR/m4.err" >&2
MAKEMAP=$TOOLS_DIR/sendmail-bin/usr/libexec/sendmail/makemap
[[ -x $MAKEMAP ]] || MAKEMAP=$TOOLS_DIR/sendmail-bin/usr/sbin/makemap
"$MAKEMAP" hash /etc/mail/access </etc/mail/access || fail "makemap access failed"
if [[ -f $CONFIG_DIR/authinfo ]]; then
    install -m 600 "$CONFIG_DIR/authinfo" /etc/mail/authinfo
    "$MAKEMAP" hash /etc/mail/authinfo </etc/mail/authinfo || fail "makemap authinfo failed"
fi

status=0
message | timeout 30 "$SM" -C /etc/mail/sendmail.cf -odi -oep -f "$BD_FROM" "$BD_TO" || status=$?
# Delivered means a clean exit and nothing left in the queue; else the queue says why.
if ((status != 0)) || [[ -n $(find /var/spool/mqueue -type f) ]]; then
    "$SM" -C /etc/mail/sendmail.cf -bp >&2 || true
    fail "sendmail did not deliver (exit $status)"
fi
