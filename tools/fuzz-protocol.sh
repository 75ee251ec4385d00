#!/usr/bin/env bash
# Fuzzes the protocol codec (caredesk_protocol) with libFuzzer, AddressSanitizer
# and UndefinedBehaviorSanitizer.
#
#   tools/fuzz-protocol.sh [SECONDS] [BUILD_DIR]
#
# SECONDS   how long to fuzz (default 60)
# BUILD_DIR where objects, the fuzzer and crash artifacts go (default
#           $CAREDESK_FUZZ_BUILD_DIR, else build-fuzz at the top of the tree)
# CAREDESK_FUZZ_CXX picks the compiler (default clang++).
#
# Fuzzing runs over a fresh copy of tests/fuzz/corpus, so the seeds in the tree
# never change. Exits non-zero if the build fails or the fuzzer finds a crash,
# a leak, undefined behaviour or a broken codec invariant; the input that did
# it is left in BUILD_DIR as crash-*, leak-* or timeout-*.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="${2:-${CAREDESK_FUZZ_BUILD_DIR:-$root/build-fuzz}}"
cxx="${CAREDESK_FUZZ_CXX:-clang++}"

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -lt 1 ]]; then
    echo "usage: $0 [SECONDS] [BUILD_DIR]  (SECONDS must be a positive integer)" >&2
    exit 2
fi
if ! command -v "$cxx" >/dev/null; then
    echo "fuzz-protocol: $cxx not found; libFuzzer needs clang" >&2
    exit 2
fi

mkdir -p "$build/obj"
build="$(cd "$build" && pwd)"

sources=(
    shared/domain/Role.cpp
    shared/protocol/ErrorCode.cpp
    shared/protocol/MessageType.cpp
    shared/protocol/BodyReader.cpp
    shared/protocol/Envelope.cpp
    shared/protocol/CodecSupport.cpp
    shared/protocol/Messages.cpp
    shared/protocol/VisitMessages.cpp
    shared/protocol/StateSettingsMessages.cpp
    shared/protocol/ChatMessages.cpp
    shared/protocol/AccountMessages.cpp
    shared/domain/CsvTable.cpp
    shared/domain/OperatingHours.cpp
    shared/domain/TimeZone.cpp
    shared/domain/PosixTimeZoneRule.cpp
    tests/fuzz/ProtocolFuzzer.cpp
)
sanitizers="address,undefined"
cxxflags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
          -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -I"$root/shared")
launcher=()
if command -v ccache >/dev/null; then
    launcher=(ccache)
fi

# An object is rebuilt when its source, or any header of the library, is newer.
needs_build() {
    local source="$1" object="$2"
    [[ ! -f "$object" ]] && return 0
    [[ "$root/$source" -nt "$object" ]] && return 0
    [[ -n "$(find "$root/shared" -name '*.h' -newer "$object" -print -quit)" ]]
}

echo "fuzz-protocol: building with $cxx in $build"
pids=()
objects=()
for source in "${sources[@]}"; do
    object="$build/obj/$(basename "${source%.cpp}").o"
    objects+=("$object")
    if needs_build "$source" "$object"; then
        # The fuzzer entry point gets libFuzzer's coverage; the library too, so
        # the fuzzer can steer into its branches.
        "${launcher[@]}" "$cxx" "${cxxflags[@]}" -fsanitize="fuzzer-no-link,$sanitizers" \
            -c "$root/$source" -o "$object" &
        pids+=($!)
    fi
done
failed=0
for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
done
if [[ "$failed" -ne 0 ]]; then
    echo "fuzz-protocol: compilation failed" >&2
    exit 1
fi
"$cxx" -fsanitize="fuzzer,$sanitizers" "${objects[@]}" -o "$build/protocol-fuzzer"

corpus="$build/corpus-run"
rm -rf "$corpus"
mkdir -p "$corpus"
cp "$root"/tests/fuzz/corpus/* "$corpus/"

echo "fuzz-protocol: fuzzing for $seconds s"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
"$build/protocol-fuzzer" \
    -max_total_time="$seconds" \
    -max_len=8192 \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    -print_funcs=0 \
    -dict="$root/tests/fuzz/protocol.dict" \
    -artifact_prefix="$build/" \
    "$corpus" || status=$?
if [[ "$status" -ne 0 ]]; then
    echo "fuzz-protocol: FAILED (exit $status); reproduce with:" >&2
    echo "  $build/protocol-fuzzer $build/crash-<hash>" >&2
    exit "$status"
fi
echo "fuzz-protocol: no failures in $seconds s"
