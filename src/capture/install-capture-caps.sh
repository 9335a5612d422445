#!/bin/sh
# Gives the installed remora-capture its capture rights: members of the
# "remora" group may run it (mode 0750), and it runs with cap_net_raw and
# cap_net_admin (file capabilities; no setuid root).  Called by
# `meson install` when configured with -Dcapture_caps=true; needs root.
#
#   install-capture-caps.sh RELATIVE_PATH_UNDER_PREFIX
set -eu

rel="$1"
case "$rel" in
  /*) helper="${DESTDIR:-}$rel" ;;
  *) helper="${MESON_INSTALL_DESTDIR_PREFIX:?}/$rel" ;;
esac

if [ "$(id -u)" -ne 0 ]; then
  echo "install-capture-caps: run meson install as root to give $helper its capabilities" >&2
  exit 1
fi
if ! command -v setcap >/dev/null 2>&1; then
  echo "install-capture-caps: setcap not found (Debian: apt-get install libcap2-bin)" >&2
  exit 1
fi

getent group remora >/dev/null 2>&1 || groupadd -r remora
chgrp remora "$helper"
chmod 0750 "$helper"
setcap cap_net_raw,cap_net_admin=ep "$helper"
echo "install-capture-caps: $helper: group remora, mode 0750, cap_net_raw,cap_net_admin=ep"
