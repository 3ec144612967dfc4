#!/usr/bin/env bash
# Builds llama.cpp's own llama-server from the exact llama.cpp source that Paddock's native
# libraries were built from (the git bundle inside the npm package node-llama-cpp@3.22.1), CPU only.
# The result is cached outside the repository; prints the binary's path on stdout.
set -euo pipefail
NLC_VERSION="${NLC_VERSION:-3.22.1}"
CACHE="${PADDOCK_BENCH_CACHE:-$HOME/.cache/paddock/bench}/llama-server-$NLC_VERSION"
BIN="$CACHE/build/bin/llama-server"
if [[ -x "$BIN" ]]; then echo "$BIN"; exit 0; fi
mkdir -p "$CACHE"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-llama-cpp@$NLC_VERSION" >/dev/null && tar xzf node-llama-cpp-*.tgz)
rm -rf "$CACHE/src"
git clone -q "$work/package/llama/gitRelease.bundle" "$CACHE/src" 2>/dev/null
cmake -S "$CACHE/src" -B "$CACHE/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DBUILD_SHARED_LIBS=OFF >&2
cmake --build "$CACHE/build" --target llama-server -j "$(nproc)" >&2
echo "$BIN"
