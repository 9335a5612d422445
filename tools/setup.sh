#!/usr/bin/env bash
# Install what building and testing Remora needs (Debian 12), then configure
# and build into build/.  Safe to run again: it installs only what is missing
# and reconfigures an existing build folder.
#
#   tools/setup.sh [extra meson options, e.g. -Dgui=false]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  meson ninja-build pkg-config gcc
  libglib2.0-dev libgtk-4-dev libpcap-dev zlib1g-dev
  tshark                                  # the field oracle of tests/oracle
  xvfb xauth imagemagick xdotool          # GUI tests under a virtual display
  desktop-file-utils appstream gettext    # validating data/ files, translations
  python3 valgrind time iproute2 tcpdump  # test helpers, benchmarks, sample capture
  libcap2-bin                             # setcap: live capture tests, -Dcapture_caps
  clang libclang-rt-14-dev                # libFuzzer targets (tests/fuzz, build-fuzz)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$p")
done

if (( ${#missing[@]} > 0 )); then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "setup: missing packages (${missing[*]}) and not root; install them and run again" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q "${missing[@]}" </dev/null
fi

if [[ -f build/build.ninja ]]; then
  meson setup --reconfigure build "$@"
else
  meson setup build "$@"
fi
meson compile -C build
