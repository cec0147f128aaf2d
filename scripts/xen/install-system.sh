#!/usr/bin/env bash
# Installs, as root on Debian 12, the system packages the Xen build check and boot test need:
# a deb-src twin of Debian's deb entries (for `apt-get source xen`), dpkg-dev, the arm64 cross
# compiler, flex, bison, python3, QEMU and dtc. Idempotent: does nothing when all are present.
# Used by .ci/run; a developer runs it once with sudo. Exit 0 on success, apt's code otherwise.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(dpkg-dev gcc-aarch64-linux-gnu flex bison python3 make qemu-system-arm device-tree-compiler)
SOURCES=/etc/apt/sources.list.d/debian.sources
SRC_TWIN=/etc/apt/sources.list.d/xenport-deb-src.sources

need_update=0
# A deb-src twin of every `Types: deb` stanza (same URIs, suites, components).
if ! grep -qs '^Types:.*deb-src' "$SOURCES" "$SRC_TWIN" && ! grep -qs '^deb-src ' /etc/apt/sources.list; then
  if [ ! -f "$SOURCES" ]; then
    echo "xen-install: $SOURCES not found; add a deb-src line for Debian 12 (bookworm) by hand" >&2
    exit 1
  fi
  sed 's/^Types: deb$/Types: deb-src/' "$SOURCES" >"$SRC_TWIN"
  need_update=1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] || [ "$need_update" = 1 ]; then
  apt-get update -qq
fi
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
