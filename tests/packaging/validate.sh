#!/usr/bin/env bash
# validate.sh TOOL ARGS... — runs a desktop-integration validator; skips (77) where it is absent.
tool=$1
shift
if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (./quickstart test installs it)"
    exit 77
fi
exec "$tool" "$@"
