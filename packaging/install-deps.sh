#!/usr/bin/env bash
# Installs what Instana Workbench needs to build, run and test, from Debian 12's own packages.
# Idempotent and non-interactive: packages already present are left alone, and apt is only
# asked for the ones that are missing.
set -euo pipefail

build_packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
    qtkeychain-qt6-dev
    qt6-tools-dev qt6-l10n-tools
    qt6-qpa-plugins libqt6svg6 fonts-dejavu-core
)
test_packages=(
    xvfb xauth x11-utils dbus dbus-x11 gnome-keyring libsecret-tools clang-format clang-tidy binutils curl openssl python3 python3-yaml
)

missing=()
for pkg in "${build_packages[@]}" "${test_packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    [[ "$status" == ii* ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if ((EUID != 0)); then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
