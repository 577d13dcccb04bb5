#!/bin/sh
# Runs a command inside a private D-Bus session with a throwaway, unlocked GNOME Keyring, so
# that code using the Secret Service meets a real one without touching the user's keyring.
#   with-keyring.sh COMMAND [ARGS...]
# The keyring is unlocked with a random throwaway password: an empty one makes
# gnome-keyring ask for a password in a GUI prompt.
set -eu

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: $tool is missing; run packaging/install-deps.sh" >&2
        exit 1
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/workbench-keyring.XXXXXX")
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT INT TERM

export HOME="$scratch/home"
export XDG_RUNTIME_DIR="$scratch/runtime"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DBUS_SESSION_BUS_ADDRESS

password="throwaway-$$-$(date +%s%N)"
status=0
dbus-run-session -- sh -c '
    printf %s "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
        echo "with-keyring.sh: gnome-keyring-daemon did not start" >&2; exit 1; }
    shift
    exec "$@"' with-keyring "$password" "$@" || status=$?
exit "$status"
