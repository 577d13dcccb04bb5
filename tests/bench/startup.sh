#!/usr/bin/env bash
# Start-up cost of the two executables, against a baseline run in the same script: Qt's own
# `qtpaths6 --version`, the smallest Qt Core program on the machine.
#   tests/bench/startup.sh [BUILD_DIR] [RUNS]
# Prints the median wall time of RUNS runs of each, and its ratio to the baseline.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/release}
runs=${2:-21}
baseline=/usr/lib/qt6/bin/qtpaths6
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM

median_ms() {
    local times=()
    for ((i = 0; i < runs; i++)); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1000 }'
}

for binary in "$build/app/iwb/iwb" "$build/ui/instana-workbench" "$baseline"; do
    [[ -x $binary ]] || { echo "startup.sh: $binary is missing; build the release preset first" >&2; exit 1; }
done
# Each command must work before it is timed.
"$build/app/iwb/iwb" --version >/dev/null
"$build/ui/instana-workbench" --screenshot "$scratch/check.png" >/dev/null 2>&1 || {
    echo "startup.sh: instana-workbench --screenshot failed" >&2; exit 1; }

base=$(median_ms "$baseline" --version)
cli=$(median_ms "$build/app/iwb/iwb" --version)
shot=$(median_ms "$build/ui/instana-workbench" --screenshot "$scratch/shot.png")

printf '%-44s %8s ms\n' "baseline: qtpaths6 --version" "$base"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
printf '%-44s %8s ms  (%sx baseline)\n' "iwb --version" "$cli" "$(ratio "$cli" "$base")"
printf '%-44s %8s ms  (%sx baseline)\n' "instana-workbench --screenshot (1280x800)" "$shot" "$(ratio "$shot" "$base")"
echo "median of $runs runs each, $(nproc) cores"
