#!/usr/bin/env bash
# The native floor under Paddock's engine (llama_decode + greedy sampling through Paddock's FFM
# bindings, no scheduler): compare with the "inter-token p50" rows of bench/run.sh to get the
# engine's own per-step overhead. Options: --threads N, --fa auto|on|off, --rounds N.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -q -o install -DskipTests -pl bench -am || ./mvnw -q install -DskipTests -pl bench -am
fi
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dpaddock.models.dir="$ROOT/models" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.paddock.bench.NativeFloor "$@"
