#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Exim from Debian's packages: the generated update-exim4.conf.conf and macros go into a copy of
# Debian's split configuration (exim4-config's conf.d), Debian's own update-exim4.conf turns it
# into one file (-d DIR -o FILE), and `exim4 -C FILE -odi` delivers while it is called, so no
# daemon and no listener runs.
source "$(dirname "$0")/common.sh"

EXIM=$TOOLS_DIR/exim4-daemon-light/usr/sbin/exim4
UPDATE=$TOOLS_DIR/exim4-config/usr/sbin/update-exim4.conf
need_dir "$EXIM" "Debian's exim4-daemon-light"
need_dir "$UPDATE" "Debian's exim4-config"
need_root exim4
# Debian's exim4 is built to run as Debian-exim, which its package would create.
fake_user Debian-exim 64000

CONF=$WORK_DIR/exim4
mkdir -p "$WORK_DIR/spool" "$WORK_DIR/log"
chown Debian-exim:Debian-exim "$WORK_DIR/spool" "$WORK_DIR/log"
cp -r "$TOOLS_DIR/exim4-config/etc/exim4" "$CONF"
# The generated lines; update-exim4.conf.conf is read by update-exim4.conf as shell. The macros
# go where Debian's split configuration reads them (README.Debian: conf.d/main/000_localmacros).
cp "$CONFIG_DIR/update-exim4.conf.conf.smarthost" "$CONF/update-exim4.conf.conf"
echo "dc_use_split_config='true'" >>"$CONF/update-exim4.conf.conf"
cp "$CONFIG_DIR/exim4.conf.localmacros.append" "$CONF/conf.d/main/000_localmacros"
if [[ -f $CONFIG_DIR/passwd.client.append ]]; then
    install -m 640 -g Debian-exim "$CONFIG_DIR/passwd.client.append" "$CONF/passwd.client"
fi
# Test-only: this instance's directories and users, and the relay's test CA.
cat >"$CONF/conf.d/main/00_test_instance" <<CF
CONFDIR = $CONF
SPOOLDIR = $WORK_DIR/spool
REMOTE_SMTP_SMARTHOST_TLS_VERIFY_CERTIFICATES = $BD_CA
MAIN_QUALIFY_DOMAIN = example.test
log_file_path = $WORK_DIR/log/%slog
MAIN_KEEP_ENVIRONMENT = LD_PRELOAD : NSS_WRAPPER_PASSWD : NSS_WRAPPER_GROUP
CF
# Exim starts itself again for delivery, from exim_path, which Debian's template fixes.
sed -i "s|^exim_path = .*|exim_path = $EXIM|" "$CONF/conf.d/main/01_exim4-config_listmacrosdefs"

"$UPDATE" -d "$CONF" -o "$WORK_DIR/exim4.conf" || fail "update-exim4.conf failed"
"$EXIM" -C "$WORK_DIR/exim4.conf" -bV >/dev/null || fail "exim4 -bV refuses the configuration"
message | "$EXIM" -C "$WORK_DIR/exim4.conf" -odi -f "$BD_FROM" "$BD_TO" || true
LOG=$WORK_DIR/log/mainlog
[[ -f $LOG ]] || fail "exim4 wrote no log: $(cat "$WORK_DIR/log/paniclog" 2>/dev/null)"
cat "$LOG" >&2
grep -q ' Completed' "$LOG" && grep -qE ' => .* T=remote_smtp_smarthost' "$LOG" \
    || fail "exim4 did not deliver through the smarthost"
