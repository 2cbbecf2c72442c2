#!/usr/bin/env bash
# TLS engine benchmarks (docs/benchmarks.md, "TLS engine"). Run from anywhere:
#   tls-engine/bench/tls-bench.sh handshake  [HandshakeBench options]
#   tls-engine/bench/tls-bench.sh throughput [BulkThroughputBench options]
#   tls-engine/bench/tls-bench.sh pkix       [JMH options]   (ClientChainBench)
#   tls-engine/bench/tls-bench.sh all        (options from HANDSHAKE_OPTS, THROUGHPUT_OPTS, PKIX_OPTS)
#   tls-engine/bench/tls-bench.sh build      (compile only)
# Maven only compiles the test sources and writes the classpath; the benchmarks run in plain JVMs.
# TLS_BENCH_SKIP_BUILD=1 skips that step (build first, then hold a shared machine's benchmark
# lock only around the measuring: tls-bench.sh build && TLS_BENCH_SKIP_BUILD=1 flock LOCK tls-bench.sh all).
# Results land in tls-engine/target/tls-bench/ (PEM files, *-runs.csv, *-summary.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ "${TLS_BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f tls-engine/target/bench.classpath ]; then
  mvn -B -q -pl tls-engine test-compile dependency:build-classpath \
      -Dmdep.outputFile="$root/tls-engine/target/bench.classpath" -Dmdep.includeScope=test
fi
[ "${1:-}" = build ] && exit 0
cd tls-engine
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
what="${1:-all}"
shift || true
echo "# $(date -u +%FT%TZ) $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(uptime)"
case "$what" in
  handshake)
    java -cp "$CP" dev.herald.tls.bench.HandshakeBench "$@" ;;
  throughput)
    java -Xms512m -Xmx512m -cp "$CP" dev.herald.tls.bench.BulkThroughputBench "$@" ;;
  pkix)
    java -cp "$CP" org.openjdk.jmh.Main dev.herald.tls.bench.ClientChainBench -f 1 -wi 3 -w 2s -i 5 -r 2s "$@" ;;
  all)
    # shellcheck disable=SC2086 # the *_OPTS are word lists on purpose
    java -cp "$CP" dev.herald.tls.bench.HandshakeBench ${HANDSHAKE_OPTS:-}
    # shellcheck disable=SC2086
    java -Xms512m -Xmx512m -cp "$CP" dev.herald.tls.bench.BulkThroughputBench ${THROUGHPUT_OPTS:-}
    # shellcheck disable=SC2086
    java -cp "$CP" org.openjdk.jmh.Main dev.herald.tls.bench.ClientChainBench -f 1 -wi 3 -w 2s -i 5 -r 2s ${PKIX_OPTS:-} ;;
  *)
    echo "usage: $0 handshake|throughput|pkix|all [options]" >&2
    exit 2 ;;
esac
echo "# done $(uptime)"
