#!/usr/bin/env bash
# Builds llama.cpp's own llama-server from the exact llama.cpp source that Paddock's native
# libraries were built from (the git bundle inside the npm package node-llama-cpp@3.22.1), CPU only.
# The result is cached outside the repository; prints the path of an executable on stdout.
#   build-llama-server.sh [paddock-libs|native]
# paddock-libs (the default): llama-server runs on Paddock's own prebuilt llama.cpp libraries (the
#   npm package @node-llama-cpp/linux-x64, with its CPU variants chosen at run time exactly as in
#   Paddock), so both servers compute with the same binaries and only the serving code differs.
# native: llama-server and llama.cpp compiled together for this machine (-march=native). On some
#   CPUs these kernels are faster than the prebuilt variants (and then faster than Paddock's engine
#   for reasons that are not the serving code); the benchmark reports both.
set -euo pipefail
FLAVOUR="${1:-paddock-libs}"
NLC_VERSION="${NLC_VERSION:-3.22.1}"
ROOT="${PADDOCK_BENCH_CACHE:-$HOME/.cache/paddock/bench}"
SRC="$ROOT/llama-server-$NLC_VERSION/src"

source_tree() {
  [[ -f "$SRC/CMakeLists.txt" ]] && return 0
  mkdir -p "$(dirname "$SRC")"
  local work; work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-llama-cpp@$NLC_VERSION" >/dev/null && tar xzf node-llama-cpp-*.tgz)
  rm -rf "$SRC"
  git clone -q "$work/package/llama/gitRelease.bundle" "$SRC" 2>/dev/null
  rm -rf "$work"
}

build() { # build-dir, extra cmake options...
  local dir="$1"; shift
  cmake -S "$SRC" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON "$@" >&2
  cmake --build "$dir" --target llama-server -j "$(nproc)" >&2
}

native() {
  local bin="$ROOT/llama-server-$NLC_VERSION/build/bin/llama-server"
  if [[ ! -x "$bin" ]]; then
    source_tree
    build "$ROOT/llama-server-$NLC_VERSION/build" -DBUILD_SHARED_LIBS=OFF
  fi
  echo "$bin"
}

# llama-server linked dynamically, then run with the prebuilt libraries in front of its own: the
# same llama.cpp commit, so the C API and ABI are the ones it was compiled against.
on_paddock_libs() {
  local dir="$ROOT/llama-server-$NLC_VERSION-paddock-libs"
  if [[ ! -x "$dir/run" ]]; then
    source_tree
    build "$ROOT/llama-server-$NLC_VERSION/build-shared" -DBUILD_SHARED_LIBS=ON -DGGML_BACKEND_DL=ON \
      -DGGML_NATIVE=OFF -DGGML_OPENMP=OFF
    local work; work="$(mktemp -d)"
    (cd "$work" && npm pack --silent "@node-llama-cpp/linux-x64@$NLC_VERSION" >/dev/null && tar xzf node-llama-cpp-linux-x64-*.tgz)
    rm -rf "$dir" && mkdir -p "$dir"
    cp "$work"/package/bins/linux-x64/*.so "$dir/"
    rm -rf "$work"
    local built="$ROOT/llama-server-$NLC_VERSION/build-shared/bin"
    cp "$built/llama-server" "$built"/libllama-server-impl.so "$built"/libllama-common.so.* "$built"/libmtmd.so.* "$dir/"
    (cd "$dir" && ln -sf libllama.v*.so libllama.so.0 && ln -sf libggml.v*.so libggml.so.0 \
      && ln -sf libggml-base.so libggml-base.so.0)
    cat > "$dir/run" <<'RUN'
#!/bin/sh
# llama-server on Paddock's prebuilt llama.cpp libraries (they come first on the library path)
D="$(dirname "$(readlink -f "$0")")"
LD_LIBRARY_PATH="$D" exec "$D/llama-server" "$@"
RUN
    chmod +x "$dir/run"
  fi
  echo "$dir/run"
}

case "$FLAVOUR" in
  paddock-libs) on_paddock_libs ;;
  native) native ;;
  *) echo "build-llama-server.sh: paddock-libs or native, not '$FLAVOUR'" >&2; exit 2 ;;
esac
