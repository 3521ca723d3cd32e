#!/usr/bin/env bash
# test_deb.sh BUILD_DIR APP_ID — builds the .deb with CPack, checks its metadata and contents,
# and, as root on a machine without the package, installs it, runs both programs and removes it.
set -euo pipefail
build=$1
appid=$2
command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb missing"; exit 77; }
command -v dpkg-shlibdeps >/dev/null || { echo "SKIP: dpkg-shlibdeps missing (package dpkg-dev)"; exit 77; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log") || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
echo "built $(basename "$deb")"

dpkg-deb -f "$deb" Depends | tee "$out/depends"
for dep in libqt6core6 libqt6widgets6 libqt6network6; do
    grep -q "$dep" "$out/depends" || { echo "FAIL: Depends lacks $dep"; exit 1; }
done
dpkg-deb -c "$deb" | awk '{print $6}' >"$out/files"
for f in ./usr/bin/bounce-doctor ./usr/bin/bounce-doctor-cli \
    "./usr/share/applications/$appid.desktop" "./usr/share/metainfo/$appid.metainfo.xml" \
    "./usr/share/icons/hicolor/scalable/apps/$appid.svg" "./usr/share/icons/hicolor/48x48/apps/$appid.png" \
    "./usr/share/icons/hicolor/256x256/apps/$appid.png"; do
    grep -qx "$f" "$out/files" || { echo "FAIL: $f missing from the package"; exit 1; }
done

if [[ $(id -u) -ne 0 ]]; then
    echo "not root: the install round trip is skipped"
    exit 0
fi
if dpkg-query -W -f='${Status}' bounce-doctor 2>/dev/null | grep -q "install ok installed"; then
    echo "bounce-doctor is already installed here: the install round trip is skipped"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >"$out/install.log" 2>&1 || { cat "$out/install.log"; exit 1; }
trap 'apt-get remove -y -qq bounce-doctor >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
/usr/bin/bounce-doctor-cli --version
QT_QPA_PLATFORM=offscreen /usr/bin/bounce-doctor --version
echo "<a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)" \
    | /usr/bin/bounce-doctor-cli classify --json - | grep -q '"recipient-unknown"'
apt-get remove -y -qq bounce-doctor >/dev/null
! command -v bounce-doctor-cli >/dev/null || [[ $(command -v bounce-doctor-cli) != /usr/bin/bounce-doctor-cli ]]
echo "installed, ran and removed"
