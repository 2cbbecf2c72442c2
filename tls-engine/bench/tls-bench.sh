#!/usr/bin/env bash
# TLS engine benchmarks (docs/benchmarks.md, "TLS engine"). Run from anywhere:
#   tls-engine/bench/tls-bench.sh handshake  [HandshakeBench options]
#   tls-engine/bench/tls-bench.sh throughput [BulkThroughputBench options]
#   tls-engine/bench/tls-bench.sh pkix       [JMH options]   (ClientChainBench)
#   tls-engine/bench/tls-bench.sh all
# Maven only compiles the test sources and writes the classpath; the benchmarks run in plain JVMs.
# Results land in tls-engine/target/tls-bench/ (PEM files, *-runs.csv, *-summary.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -pl tls-engine test-compile dependency:build-classpath \
    -Dmdep.outputFile="$root/tls-engine/target/bench.classpath" -Dmdep.includeScope=test
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
    java -cp "$CP" dev.herald.tls.bench.HandshakeBench
    java -Xms512m -Xmx512m -cp "$CP" dev.herald.tls.bench.BulkThroughputBench
    java -cp "$CP" org.openjdk.jmh.Main dev.herald.tls.bench.ClientChainBench -f 1 -wi 3 -w 2s -i 5 -r 2s ;;
  *)
    echo "usage: $0 handshake|throughput|pkix|all [options]" >&2
    exit 2 ;;
esac
echo "# done $(uptime)"
