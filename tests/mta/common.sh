# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the delivery scripts in this directory. Each script is called as
#   SCRIPT CONFIG_DIR WORK_DIR TOOLS_DIR
# CONFIG_DIR holds what Bounce Doctor generated (RelayConfig::saveTo), WORK_DIR is the private
# instance's own tree (config, queue, logs), TOOLS_DIR holds the Debian packages unpacked by
# ./quickstart. The message goes from $BD_FROM to $BD_TO with the header X-Test-Token: $BD_TOKEN;
# the relay's CA is $BD_CA. Exit 0: the MTA says it handed the message on; 77: cannot run here
# (the reason on stderr); anything else: failed (the MTA's log on stderr).
set -euo pipefail

CONFIG_DIR=$1
WORK_DIR=$2
TOOLS_DIR=$3
: "${BD_FROM:?}" "${BD_TO:?}" "${BD_TOKEN:?}" "${BD_CA:?}"
PIDS=()
# The MTAs drop to their own users, which must get through to their directories here.
mkdir -p "$WORK_DIR"
chmod 755 "$WORK_DIR"
# A copy of the relay's CA they can read.
if [[ $BD_CA != "$WORK_DIR/relay-ca.pem" ]]; then
    install -m 644 "$BD_CA" "$WORK_DIR/relay-ca.pem"
    export BD_CA=$WORK_DIR/relay-ca.pem
fi

skip() {
    echo "$*" >&2
    exit 77
}

fail() {
    echo "$*" >&2
    exit 1
}

# Every process the script started is stopped, whatever happens.
stop_all() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT

need_root() {
    [[ $(id -u) -eq 0 ]] || skip "$1 runs a private instance only as root (its daemons change user); run the tests as root"
}

need_dir() {
    [[ -e $1 ]] || skip "$2 is not unpacked in $TOOLS_DIR: ./quickstart test downloads and unpacks it"
}

message() {
    printf 'From: <%s>\nTo: <%s>\nSubject: Bounce Doctor smarthost test\nX-Test-Token: %s\n\nOne message through the smarthost.\n' \
        "$BD_FROM" "$BD_TO" "$BD_TOKEN"
}

# wait_for SECONDS COMMAND...: polls COMMAND until it succeeds.
wait_for() {
    local seconds=$1
    shift
    local i
    for ((i = 0; i < seconds * 10; ++i)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

# fake_user NAME UID: a user and group of that name that exist only for this script's processes
# (Debian's libnss-wrapper), for MTAs built to run as a user their package would create.
fake_user() {
    local wrapper=/usr/lib/x86_64-linux-gnu/libnss_wrapper.so
    [[ -f $wrapper ]] || wrapper=$(find /usr/lib -name libnss_wrapper.so -print -quit 2>/dev/null)
    [[ -n $wrapper && -f $wrapper ]] || skip "Debian's libnss-wrapper is not installed (./quickstart test installs it)"
    if [[ -z ${NSS_WRAPPER_PASSWD:-} ]]; then
        mkdir -p "$WORK_DIR"
        export NSS_WRAPPER_PASSWD=$WORK_DIR/passwd NSS_WRAPPER_GROUP=$WORK_DIR/group
        getent passwd >"$NSS_WRAPPER_PASSWD"
        getent group >"$NSS_WRAPPER_GROUP"
        export LD_PRELOAD=$wrapper
    fi
    echo "$1:x:$2:$2::$WORK_DIR:/usr/sbin/nologin" >>"$NSS_WRAPPER_PASSWD"
    echo "$1:x:$2:" >>"$NSS_WRAPPER_GROUP"
}

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# submit HOST PORT: the message by plain SMTP to a listener of the instance under test.
submit() {
    message | /usr/bin/python3 -c '
import smtplib, sys
with smtplib.SMTP(sys.argv[1], int(sys.argv[2]), timeout=20) as s:
    s.sendmail(sys.argv[3], [sys.argv[4]], sys.stdin.read())
' "$1" "$2" "$BD_FROM" "$BD_TO"
}

# private_dir PATH (in a private mount namespace): PATH shows an empty directory kept under
# WORK_DIR/root, so what the MTA writes there (queue, state) is checked with the rest.
private_dir() {
    mkdir -p "$WORK_DIR/root$1"
    mount --bind "$WORK_DIR/root$1" "$1"
}
