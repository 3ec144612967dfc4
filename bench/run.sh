#!/usr/bin/env bash
# Paddock's engine against llama.cpp's own llama-server (same llama.cpp version), same load, one run.
#   bench/run.sh [--threads N] [--requests N] [--rows gen1,gen4,gen8,emb1,emb8] [--reps N] [--tokens N]
#                [--sides paddock,llama-server,paddock-http] [--child-jvm-opts="..."]
#                [--server-jvm-opts="..."] [--out DIR]
# Three columns: Paddock's engine in a child JVM, llama-server, and Paddock's own server (the packaged
# Quarkus app, server/target/quarkus-app/quarkus-run.jar, OpenAI endpoints over loopback HTTP).
# Builds what it needs (offline first, online as a fallback), gets llama-server with
# build-llama-server.sh (about 15 minutes the first time on a fresh machine), prints the table and
# writes it, with the raw numbers as JSON, to bench/target/bench-results/.
# Environment: LLAMA_BUILD=paddock-libs (default: llama-server runs on Paddock's own prebuilt llama.cpp
# libraries, the same binaries) or native (llama-server and llama.cpp compiled with -march=native);
# LLAMA_SERVER=/path/to/llama-server skips build-llama-server.sh; BENCH_SKIP_BUILD=1
# skips the Maven build. Both sides use --threads (default 1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
  echo "[run.sh] building bench and the modules it needs" >&2
  ./mvnw -q -o install -DskipTests -pl bench -am || ./mvnw -q install -DskipTests -pl bench -am
fi
SERVER_JAR="$ROOT/server/target/quarkus-app/quarkus-run.jar"
# the packaged server (Paddock-HTTP column): build it when missing or older than any source it is made of
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]] && { [[ ! -f "$SERVER_JAR" ]] || [[ -n "$(find "$ROOT"/{api,gateway,inference-worker,server}/src \
    "$ROOT"/{api,gateway,inference-worker,server}/pom.xml "$ROOT/pom.xml" -newer "$SERVER_JAR" -print -quit 2>/dev/null)" ]]; }; then
  echo "[run.sh] building the Paddock server (server/target/quarkus-app)" >&2
  ./mvnw -q -o install -DskipTests -pl server -am || ./mvnw -q install -DskipTests -pl server -am
fi
LLAMA_SERVER="${LLAMA_SERVER:-$(bash "$ROOT/bench/build-llama-server.sh" "${LLAMA_BUILD:-paddock-libs}")}"
echo "[run.sh] llama-server: $LLAMA_SERVER" >&2

# The orchestrator (HTTP load generator, child-process control) is small and single-purpose; the
# Paddock side runs in a child JVM that Bench starts with its own flags (--child-jvm-opts).
exec "$JAVA" -XX:+UseSerialGC -Xmx512m --enable-native-access=ALL-UNNAMED \
  -Dpaddock.models.dir="$ROOT/models" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.paddock.bench.Bench --llama-server "$LLAMA_SERVER" --server-jar "$SERVER_JAR" --out "$ROOT/bench/target/bench-results" "$@"
