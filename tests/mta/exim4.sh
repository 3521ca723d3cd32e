#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Exim from Debian's packages: the generated update-exim4.conf.conf and macros go into a copy of
# Debian's configuration (exim4-config's /etc/exim4), Debian's own update-exim4.conf turns it
# into one file (-d DIR -o FILE), and `exim4 -C FILE -odi` delivers while it is called, so no
# daemon and no listener runs.
source "$(dirname "$0")/common.sh"

EXIM=$TOOLS_DIR/exim4-daemon-light/usr/sbin/exim4
UPDATE=$TOOLS_DIR/exim4-config/usr/sbin/update-exim4.conf
need_dir "$EXIM" "Debian's exim4-daemon-light"
need_dir "$UPDATE" "Debian's exim4-config"
need_root exim4

# BD_EXIM_LAYOUT: "nonsplit" (Debian's default: exim4.conf.template, macros in
# /etc/exim4/exim4.conf.localmacros) or "split" (conf.d, macros in conf.d/main/000_localmacros).
LAYOUT=${BD_EXIM_LAYOUT:-nonsplit}
if [[ $LAYOUT == nonsplit ]]; then
    # update-exim4.conf reads the macros only if /etc/exim4/exim4.conf.localmacros exists, even
    # with -d DIR, so this layout runs in a private mount namespace whose /etc is an overlay:
    # the files land in WORK_DIR and the machine's /etc is not changed.
    if [[ -z ${BD_IN_NAMESPACE:-} ]]; then
        unshare --mount --propagation private true 2>/dev/null || skip "cannot make a private mount namespace here (unshare -m)"
        trap - EXIT
        exec unshare --mount --propagation private env BD_IN_NAMESPACE=1 "$0" "$@"
    fi
    mkdir -p "$WORK_DIR/etc-changes" "$WORK_DIR/overlay-work"
    mount -t overlay overlay -o "lowerdir=/etc,upperdir=$WORK_DIR/etc-changes,workdir=$WORK_DIR/overlay-work" /etc \
        || skip "cannot mount an overlay on /etc in a private namespace here"
    rm -rf /etc/exim4
    CONF=/etc/exim4
    MACROS=$CONF/exim4.conf.localmacros
    SPLIT=false
    EXIM_PATH_FILE=$CONF/exim4.conf.template
else
    CONF=$WORK_DIR/exim4
    MACROS=$CONF/conf.d/main/000_localmacros
    SPLIT=true
    EXIM_PATH_FILE=$CONF/conf.d/main/01_exim4-config_listmacrosdefs
fi

# Debian's exim4 is built to run as Debian-exim, which its package would create.
fake_user Debian-exim 64000
mkdir -p "$WORK_DIR/spool" "$WORK_DIR/log"
chown Debian-exim:Debian-exim "$WORK_DIR/spool" "$WORK_DIR/log"
cp -r "$TOOLS_DIR/exim4-config/etc/exim4" "$CONF"
# The generated lines; update-exim4.conf.conf is read by update-exim4.conf as shell.
cp "$CONFIG_DIR/update-exim4.conf.conf.smarthost" "$CONF/update-exim4.conf.conf"
echo "dc_use_split_config='$SPLIT'" >>"$CONF/update-exim4.conf.conf"
if [[ -f $CONFIG_DIR/passwd.client.append ]]; then
    install -m 640 -g Debian-exim "$CONFIG_DIR/passwd.client.append" "$CONF/passwd.client"
fi
# Test-only first: this instance's directories and environment, and the relay's test CA.
cat >"$MACROS" <<CF
CONFDIR = $CONF
SPOOLDIR = $WORK_DIR/spool
REMOTE_SMTP_SMARTHOST_TLS_VERIFY_CERTIFICATES = $BD_CA
MAIN_QUALIFY_DOMAIN = example.test
log_file_path = $WORK_DIR/log/%slog
MAIN_KEEP_ENVIRONMENT = LD_PRELOAD : NSS_WRAPPER_PASSWD : NSS_WRAPPER_GROUP
CF
# Then the generated macros, where this layout reads them.
cat "$CONFIG_DIR/exim4.conf.localmacros.append" >>"$MACROS"
# Exim starts itself again for delivery, from exim_path, which Debian's template fixes.
sed -i "s|^exim_path = .*|exim_path = $EXIM|" "$EXIM_PATH_FILE"

"$UPDATE" -d "$CONF" -o "$WORK_DIR/exim4.conf" || fail "update-exim4.conf failed"
"$EXIM" -C "$WORK_DIR/exim4.conf" -bV >/dev/null || fail "exim4 -bV refuses the configuration"
message | "$EXIM" -C "$WORK_DIR/exim4.conf" -odi -f "$BD_FROM" "$BD_TO" || true
LOG=$WORK_DIR/log/mainlog
[[ -f $LOG ]] || fail "exim4 wrote no log: $(cat "$WORK_DIR/log/paniclog" 2>/dev/null)"
cat "$LOG" >&2
grep -q ' Completed' "$LOG" && grep -qE ' => .* T=remote_smtp_smarthost' "$LOG" \
    || fail "exim4 did not deliver through the smarthost"
