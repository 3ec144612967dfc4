# Sourced by the bench scripts (run.sh, native-floor.sh, kafka-distribution.sh): the repository root as the
# working directory, a JDK 25, and the Maven build of what a script runs. Defines:
#   ROOT                     the repository root (the scripts cd there)
#   JAVA                     the java launcher of JAVA_HOME (a JDK 25; the Temurin 25 install when unset)
#   bench_build WHAT MODULE...  builds MODULE... and what they need through the reactor (`package`, never
#                            `install`: the local Maven repository may be shared), offline first, online as a
#                            fallback; WHAT names the script in the log. BENCH_SKIP_BUILD=1 skips it.
#   bench_build_server WHAT  builds the packaged server (server/target/quarkus-app) when it is missing or older
#                            than a source it is made of (not with BENCH_SKIP_BUILD=1), and marks it built for
#                            ./paddock's own check
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SERVER_JAR="$ROOT/server/target/quarkus-app/quarkus-run.jar"

bench_build() {
  local what="$1"; shift
  [[ "${BENCH_SKIP_BUILD:-}" == "1" ]] && return 0
  local modules; modules="$(IFS=,; echo "$*")"
  echo "[$what] building $modules and the modules they need" >&2
  ./mvnw -q -o -B -DskipTests -pl "$modules" -am package || ./mvnw -q -B -DskipTests -pl "$modules" -am package
}

server_stale() {
  [[ ! -f "$SERVER_JAR" ]] || [[ -n "$(find "$ROOT"/{api,gateway,inference-worker,eval-service,model-pull,server}/src \
    "$ROOT"/{api,gateway,inference-worker,eval-service,model-pull,server}/pom.xml "$ROOT/pom.xml" \
    -newer "$SERVER_JAR" -print -quit 2>/dev/null)" ]]
}

bench_build_server() {
  if server_stale; then
    if [[ "${BENCH_SKIP_BUILD:-}" == "1" ]]; then
      echo "[$1] the packaged server is missing or older than its sources (BENCH_SKIP_BUILD=1: not rebuilt)" >&2
      return 0
    fi
    bench_build "$1" server
  fi
  # ./paddock serve (the distributed side runs it) builds first when any module's sources (bench's too) are
  # newer than its stamp; the jar is up to date with every source it is made of
  touch "$ROOT/server/target/.paddock-build-stamp"
}
