#!/usr/bin/env bash
# How evenly Kafka spreads a model's records over workers: classic consumer group vs share group (KIP-932),
# on a real single-node broker (deploy/local's Kafka 4.4.0; clients 4.1.2 as the Quarkus BOM manages).
#   bench/kafka-distribution.sh [--workers 2,3] [--slots 4] [--partitions 1,N,2N] [--modes classic,share]
#                               [--records 300] [--fast-ms 50] [--slow-ms 1000] [--slow-every 10] [--load 0.7]
#                               [--seed 42] [--out bench/target/kafka-distribution]
# Processing time is simulated (a timer per record): the subject is the distribution, not the engine.
# Prints a Markdown table and writes it to OUT/results-seedSEED.md. BENCH_SKIP_BUILD=1 skips the Maven build.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_build kafka-distribution.sh bench deploy/local
exec "$JAVA" -XX:+UseSerialGC -Xmx512m -Dpaddock.kafka.lib="$ROOT/deploy/local/target/kafka/lib" \
  -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
  dev.paddock.bench.kafka.DistributionBench "$@"
