#!/usr/bin/env bash
# The one entry point for working on Instana Workbench from a fresh Debian 12 checkout.
# Every command first installs what is missing (packaging/install-deps.sh).
#
#   packaging/dev.sh run [ARGS...]        build the release preset and open the window
#   packaging/dev.sh test [PRESET...]     build and run every test headless, in the dev and
#                                         asan presets (or only the presets named); without
#                                         presets, also build the release executables
#   packaging/dev.sh build [PRESET]       build one preset (default: dev)
#   packaging/dev.sh screenshots          render the README's pictures with --screenshot
#   packaging/dev.sh format               apply .clang-format to every source
#   packaging/dev.sh translations         run lupdate over the sources and give new plural texts
#                                         their English forms in resources/translations/
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

build() {
    local preset=$1
    shift
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" "$@"
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case "$command" in
run)
    packaging/install-deps.sh
    build release --target instana-workbench
    exec build/release/ui/instana-workbench "$@"
    ;;
test)
    packaging/install-deps.sh
    presets=("$@")
    ((${#presets[@]})) || presets=(dev asan)
    for preset in "${presets[@]}"; do
        echo "=== $preset: build" >&2
        build "$preset"
        echo "=== $preset: test" >&2
        ctest --preset "$preset" --no-tests=error -j "$(nproc)"
    done
    if (($# == 0)); then
        # The run command's optimised build must compile too: -O2 warns about things -O0 does not.
        echo "=== release: build the executables" >&2
        build release --target instana-workbench iwb
    fi
    ;;
build)
    packaging/install-deps.sh
    build "${1:-dev}"
    ;;
screenshots)
    packaging/install-deps.sh
    build release --target instana-workbench iwb
    mkdir -p resources/readme
    build/release/ui/instana-workbench --page events --screenshot resources/readme/workbench.png \
        --screenshot-size 1280x800
    build/release/ui/instana-workbench --page spans --screenshot resources/readme/spans.png \
        --screenshot-size 1280x800
    demo=$(mktemp -d)
    build/release/app/iwb/iwb trace generate --spans 400 --depth 7 --fanout 4 --services 6 \
        --error-rate 0.05 --seed 3 -o "$demo/trace.json"
    build/release/ui/instana-workbench --page viewer --screenshot resources/readme/viewer.png \
        --screenshot-size 1280x800 "$demo/trace.json"
    rm -r "$demo"
    ;;
format)
    packaging/install-deps.sh
    find app ui tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i
    ;;
translations)
    packaging/install-deps.sh
    cmake --preset dev >/dev/null
    cmake --build --preset dev --target update_translations
    python3 packaging/translations.py fill resources/translations/instana-workbench_en.ts
    ;;
-h | --help | help)
    usage
    ;;
*)
    usage >&2
    exit 2
    ;;
esac
