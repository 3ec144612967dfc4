#!/usr/bin/env bash
# Paddock's engine against llama.cpp's own llama-server (same llama.cpp version), same load, one run.
#   bench/run.sh [--threads N] [--requests N] [--rows gen1,gen4,gen8,emb1,emb8,flood] [--reps N] [--tokens N]
#                [--sides paddock,llama-server,paddock-http,paddock-dist] [--dist-workers 1,2]
#                [--flood-requests N] [--flood-clients N] [--isolate true|false] [--child-jvm-opts="..."]
#                [--server-jvm-opts="..."] [--out DIR]
# Columns: Paddock's engine in a child JVM, llama-server, Paddock's own server (the packaged Quarkus app,
# server/target/quarkus-app/quarkus-run.jar, OpenAI endpoints over loopback HTTP) and, with paddock-dist in
# --sides, the distributed topology as ./paddock serve --distributed --workers N starts it (a Kafka broker,
# the gateway, N workers). The flood row measures interactive TTFT alone and under a flood of batch requests.
# Builds what it needs (offline first, online as a fallback; see common.sh), gets llama-server with
# build-llama-server.sh (about 15 minutes the first time on a fresh machine; skipped when --sides has no
# llama-server), prints the table and writes it, with the raw numbers as JSON, to bench/target/bench-results/.
# Environment: LLAMA_BUILD=paddock-libs (default: llama-server runs on Paddock's own prebuilt llama.cpp
# libraries, the same binaries) or native (llama-server and llama.cpp compiled with -march=native);
# LLAMA_SERVER=/path/to/llama-server skips build-llama-server.sh; BENCH_SKIP_BUILD=1
# skips the Maven build. Every side uses --threads (default 1).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# bench and the broker jars (deploy/local) for the distributed side; the packaged server for the
# Paddock-HTTP and distributed columns (rebuilt only when a source it is made of changed)
bench_build run.sh bench deploy/local
bench_build_server run.sh
# llama-server only when a llama-server column is asked for (the default sides have one)
sides="paddock,llama-server,paddock-http"
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in
    --sides=*) sides="${!i#*=}" ;;
    --sides) j=$((i + 1)); sides="${!j:-}" ;;
  esac
done
LLAMA_ARGS=()
if [[ ",$sides," == *",llama-server,"* ]]; then
  LLAMA_SERVER="${LLAMA_SERVER:-$(bash "$ROOT/bench/build-llama-server.sh" "${LLAMA_BUILD:-paddock-libs}")}"
  echo "[run.sh] llama-server: $LLAMA_SERVER" >&2
  LLAMA_ARGS=(--llama-server "$LLAMA_SERVER")
fi

# The orchestrator (HTTP load generator, child-process control) is small and single-purpose; the
# Paddock side runs in a child JVM that Bench starts with its own flags (--child-jvm-opts).
exec "$JAVA" -XX:+UseSerialGC -Xmx512m --enable-native-access=ALL-UNNAMED \
  -Dpaddock.models.dir="$ROOT/models" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.paddock.bench.Bench "${LLAMA_ARGS[@]}" --server-jar "$SERVER_JAR" --launcher "$ROOT/paddock" \
  --out "$ROOT/bench/target/bench-results" "$@"
