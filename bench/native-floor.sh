#!/usr/bin/env bash
# The native floor under Paddock's engine (llama_decode + greedy sampling through Paddock's FFM
# bindings, no scheduler): compare with the "inter-token p50" rows of bench/run.sh to get the
# engine's own per-step overhead. Options: --threads N, --fa auto|on|off, --rounds N.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_build native-floor.sh bench
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dpaddock.models.dir="$ROOT/models" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" dev.paddock.bench.NativeFloor "$@"
