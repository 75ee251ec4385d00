#!/usr/bin/env bash
# Installs the Debian 12 packages CareDesk builds, runs and tests with.
# Idempotent and silent when everything is already there.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config git clang libclang-rt-14-dev openssl
    # console: Qt 6.4
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-multimedia-dev qt6-qpa-plugins
    libgl-dev fonts-dejavu-core
    # server
    libboost-dev libpqxx-dev libpq-dev libspdlog-dev nlohmann-json3-dev libsodium-dev libssl-dev tzdata
    # the embedded database
    postgresql-15
    # browser tests of the patient page (driven by playwright-core from npm)
    chromium
)
# Node.js for the browser tests: Debian's, unless a node and npm are already on PATH.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing ${#missing[@]} missing package(s): ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "Run as root or install sudo to add packages." >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are missing or a day old.
if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1) ]]; then
    "${sudo[@]}" apt-get update -q
fi
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
