#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian 12 machine, then runs all checks:
# ruff, mypy --strict, the import contracts, the Linux bundle (packaging/build.sh), and pytest
# inside a private D-Bus session with an unlocked gnome-keyring (the real Secret Service) and an
# Xvfb display.
# Usage: bash tests/run.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# --- apt: pinned to Debian 12's versions; fall back to the archive's current ones if a point
# release has replaced them (the package set stays the same).
apt_pinned=(
  "gnome-keyring=42.1-1+b2"
  "xvfb=2:21.1.7-3+deb12u12"
  "xauth=1:1.1.2-1"
  "dbus=1.14.10-1~deb12u1"
  "libxcb-icccm4=0.4.1-1.1"
  "libxcb-keysyms1=0.4.0-1+b2"
  "libxcb-cursor0=0.1.4-1"
  "libxcb1=1.15-1"
  "libx11-xcb1=2:1.8.4-2+deb12u2"
  "libxcb-image0=0.4.0-2"
  "libxcb-randr0=1.15-1"
  "libxcb-render0=1.15-1"
  "libxcb-render-util0=0.3.9-1+b1"
  "libxcb-shape0=1.15-1"
  "libxcb-shm0=1.15-1"
  "libxcb-sync1=1.15-1"
  "libxcb-util1=0.4.0-1+b1"
  "libxcb-xfixes0=1.15-1"
  "libxcb-xkb1=1.15-1"
  "libegl1=1.6.0-1"
  "libgl1=1.6.0-1"
  "libxkbcommon0=1.5.0-1"
  "libxkbcommon-x11-0=1.5.0-1"
  "libfontconfig1=2.14.1-4"
  "fonts-dejavu-core=2.37-6"
  "x11-utils=7.7+5"
  "ruby-actioncable=2:6.1.7.10+dfsg-1~deb12u3"
  "puma=5.6.5-3+deb12u2"
  "appstream=0.16.1-2+b1"
  "desktop-file-utils=0.26-1"
  "binutils=2.40-2"
  "libpulse0=16.1+dfsg1-2+b1"  # QtMultimedia (notification sounds) links it
  "trayer=1.1.8-4"  # a system tray host on Xvfb (tests/test_tray_host.py)
)
missing=()
for spec in "${apt_pinned[@]}"; do
  pkg=${spec%%=*}
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$spec")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "tests/run.sh: installing apt packages: ${missing[*]}"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
  if ! "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "tests/run.sh: pinned apt versions unavailable, installing current ones"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]%%=*}" >/dev/null
  fi
fi

# --- Python: a venv in the checkout, every package pinned by packaging/constraints.txt.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check \
  -c packaging/constraints.txt -e '.[test]'

# --- Node: the official ActionCable client, pinned by tests/node/package-lock.json.
(cd tests/node && npm ci --silent --no-audit --no-fund >/dev/null)

# --- Static checks.
.venv/bin/ruff check operator_desktop tests bench packaging
.venv/bin/ruff format --check operator_desktop tests bench packaging
.venv/bin/mypy
.venv/bin/lint-imports --no-cache

# --- The Linux bundle (its own build venv, build/venv): tests/test_packaging.py smoke-tests
# the frozen program. About 100 s from a clean checkout.
bash packaging/build.sh
export OD_BUNDLE=$root/dist/operator-desktop

# --- Tests: one private session bus with an unlocked Secret Service and an Xvfb display.
export OD_TEST_ROOT=$root
exec dbus-run-session -- bash -c '
  set -euo pipefail
  export HOME=$OD_TEST_ROOT/.ci-home
  mkdir -p "$HOME"
  printf ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  Xvfb :99 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap "kill $xvfb_pid 2>/dev/null || true" EXIT
  for _ in $(seq 50); do DISPLAY=:99 xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  export OD_XVFB_DISPLAY=:99
  export QT_QPA_PLATFORM=offscreen
  cd "$OD_TEST_ROOT"
  .venv/bin/python -m pytest "$@"
' run-tests "$@"
