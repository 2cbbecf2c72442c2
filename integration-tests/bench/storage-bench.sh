#!/usr/bin/env bash
# Storage benchmark: Herald's LMDB backend against OpenLDAP's back-mdb on the same generated
# LDIF, the same indexes and the same machine, in one run.
#
#   BUILD=only integration-tests/bench/storage-bench.sh                 (build the class path)
#   BUILD=0 flock /work/bench.lock integration-tests/bench/storage-bench.sh [PEOPLE] [SEARCH_SECONDS]
#
# 1. import, RUNS (3) rounds, interleaved: slapadd without -q (first FULL_RUNS (1) rounds only),
#    slapadd -q (slapd.conf, mdb, same indexes), Herald's import-ldif with the default JVM and with
#    C1 + ParallelGC; wall and CPU time, min/median/max, ratios of the medians;
# 2. indexed equality searches ((uid=userN), N random, and the same ANDed with objectClass):
#    - Herald at the backend level (SearchRateBench: read txn + plan + decode per search),
#    - Herald through the directory layer (DirectorySearchBench: + filter normalisation, access,
#      evaluation, attribute selection; no network, no LDAP encoding),
#    - slapd, then Herald's server (`serve --config`), each over LDAP on 127.0.0.1 with the
#      UnboundID SDK's SearchRate (the like-for-like comparison).
# Prints Markdown tables. Needs: slapd, slapadd (Debian slapd), python3, maven, java 17.
set -euo pipefail

PEOPLE=${1:-100000}
SECONDS_SEARCH=${2:-10}
THREADS=${THREADS:-2}
RUNS=${RUNS:-3}
FULL_RUNS=${FULL_RUNS:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/herald-storage-bench.XXXXXX)
SLAPD_PID=""
HPID=""
cleanup() {
  if [[ -n "$SLAPD_PID" ]]; then kill "$SLAPD_PID" 2>/dev/null || true; wait "$SLAPD_PID" 2>/dev/null || true; fi
  if [[ -n "$HPID" ]]; then kill "$HPID" 2>/dev/null || true; wait "$HPID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# BUILD=0 reuses the class path of an earlier build (build outside any lock shared with other
# benchmarks, then run the measurements alone: BUILD=only, then BUILD=0 under the lock).
CP_FILE="$ROOT/ldap-server/target/bench-classpath.txt"
if [[ "${BUILD:-1}" != 0 ]]; then
  echo "== building (test classpath)" >&2
  (cd "$ROOT" && mvn -B -q -pl ldap-server -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2)
  [[ "${BUILD:-1}" == only ]] && exit 0
fi
# CLASSES: other class folders (a copy, while a build rewrites target/)
CP="${CLASSES:-$ROOT/ldap-server/target/test-classes:$ROOT/ldap-server/target/classes}:$(cat "$CP_FILE")"
UNBOUNDID=$(tr ':' '\n' < "$CP_FILE" | grep unboundid-ldapsdk | head -1)
JAVA_OPTS=(--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
           -Dlogback.configurationFile="$ROOT/integration-tests/bench/logback-bench.xml")

echo "== generating $PEOPLE people" >&2
python3 "$ROOT/integration-tests/bench/gen-ldif.py" "$PEOPLE" > "$WORK/people.ldif"
ENTRIES=$(grep -c '^dn: ' "$WORK/people.ldif")

mkdir -p "$WORK/slapdb"
cat > "$WORK/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
# no operation log (Herald runs with access-log: off too)
loglevel 0
pidfile $WORK/slapd.pid
database mdb
suffix "dc=example,dc=com"
rootdn "cn=admin,dc=example,dc=com"
directory $WORK/slapdb
maxsize 4294967296
index objectClass eq
index uid,cn,mail eq,pres,sub
index member eq,pres
CONF

timed() { # label, command...; prints "label wall user+sys"
  local label=$1; shift
  /usr/bin/time -f "$label %e %U %S" -o "$WORK/time.$label" "$@" >&2
  cat "$WORK/time.$label"
}

# Each run writes "label wall user sys" to $WORK/runs.txt; the folders of the last run are kept.
for run in $(seq "$RUNS"); do
  if (( run <= FULL_RUNS )); then # minutes for 100,000 entries (a synced commit per entry): FULL_RUNS=1
    echo "== run $run/$RUNS: slapadd (no -q: per-entry checks, synced writes)" >&2
    rm -rf "$WORK/slapdb"; mkdir -p "$WORK/slapdb"
    timed slapadd-full slapadd -f "$WORK/slapd.conf" -l "$WORK/people.ldif" >> "$WORK/runs.txt"
  fi
  echo "== run $run/$RUNS: slapadd -q" >&2
  rm -rf "$WORK/slapdb"; mkdir -p "$WORK/slapdb"
  timed slapadd slapadd -q -f "$WORK/slapd.conf" -l "$WORK/people.ldif" >> "$WORK/runs.txt"
  # as the README runs it (`herald import-ldif`, default JVM options): the import then runs in a
  # child JVM with C1 and ParallelGC (ImportJvm); /usr/bin/time counts the child's CPU too
  echo "== run $run/$RUNS: herald import-ldif (default JVM, as users run it)" >&2
  rm -rf "$WORK/herald"
  timed herald java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.cli.HeraldMain import-ldif \
      -d "$WORK/herald" -b dc=example,dc=com --no-progress "$WORK/people.ldif" >> "$WORK/runs.txt"
  echo "== run $run/$RUNS: herald import-ldif --in-process (default JVM: C2, G1)" >&2
  rm -rf "$WORK/herald3"
  timed herald-inproc java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.cli.HeraldMain import-ldif --in-process \
      -d "$WORK/herald3" -b dc=example,dc=com --no-progress "$WORK/people.ldif" >> "$WORK/runs.txt"
  echo "== run $run/$RUNS: herald import-ldif (-XX:TieredStopAtLevel=1 -XX:+UseParallelGC)" >&2
  rm -rf "$WORK/herald2"
  timed herald-c1 java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC "${JAVA_OPTS[@]}" -cp "$CP" \
      dev.herald.ldap.cli.ImportLdifCommand -d "$WORK/herald2" -b dc=example,dc=com --no-progress "$WORK/people.ldif" >> "$WORK/runs.txt"
  cut -d' ' -f1 /proc/loadavg >> "$WORK/loads.txt"
done

echo "== herald backend-level search rate" >&2
H_SEARCH=$(java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.bench.SearchRateBench "$WORK/herald" "$PEOPLE" "$SECONDS_SEARCH" "$THREADS")
echo "$H_SEARCH" >&2
H_SEARCH_AND=$(java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.bench.SearchRateBench "$WORK/herald" "$PEOPLE" "$SECONDS_SEARCH" "$THREADS" and)
echo "$H_SEARCH_AND" >&2
echo "== herald directory-layer search rate" >&2
H_DIR=$(java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.bench.DirectorySearchBench "$WORK/herald" "$PEOPLE" "$SECONDS_SEARCH" "$THREADS")
echo "$H_DIR" >&2

# UnboundID SearchRate: THREADS threads, one connection each, 1 s intervals, WARMUP intervals not
# counted, then SECONDS_SEARCH counted; prints the overall searches/s.
WARMUP=${WARMUP:-5}
# With a server pid as third argument, also the server's CPU (user+sys) per search in µs over the
# counted seconds (sampled from /proc when the warm-up ends; approximate to a few per cent),
# appended to $WORK/cpu.<port>.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
searchrate() { # port, filter[, server pid]
  java -cp "$UNBOUNDID" com.unboundid.ldap.sdk.examples.SearchRate -h 127.0.0.1 -p "$1" \
      -b dc=example,dc=com -s sub -f "$2" -t "$THREADS" \
      -i 1 -I "$SECONDS_SEARCH" --warmUpIntervals "$WARMUP" -c > "$WORK/searchrate.out" &
  local client=$! t0=""
  if [[ -n "${3:-}" ]]; then
    # SearchRate prints "Warm-up completed." when its counted intervals begin
    for _ in $(seq 1200); do grep -q 'Warm-up completed' "$WORK/searchrate.out" && break; sleep 0.05; done
    t0=$(ticks "$3")
  fi
  wait "$client"
  local rate; rate=$(tail -1 "$WORK/searchrate.out" | awk -F, '{printf "%.0f", $5}')
  if [[ -n "$t0" ]]; then
    local t1; t1=$(ticks "$3")
    python3 -c "print(f'{($t1 - $t0) / $(getconf CLK_TCK) * 1e6 / ($rate * $SECONDS_SEARCH):.0f}')" >> "$WORK/cpu.$1"
  fi
  echo "$rate"
}

echo "== slapd search rate (network, 127.0.0.1)" >&2
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
slapd -f "$WORK/slapd.conf" -h "ldap://127.0.0.1:$PORT/" -d 0 >/dev/null 2>&1 &
SLAPD_PID=$!
for _ in $(seq 50); do ldapsearch -x -H "ldap://127.0.0.1:$PORT" -b "" -s base >/dev/null 2>&1 && break; sleep 0.2; done
S_SEARCH=$(searchrate "$PORT" "(uid=user[0-$((PEOPLE - 1))])" "$SLAPD_PID")
S_SEARCH_AND=$(searchrate "$PORT" "(&(objectClass=inetOrgPerson)(uid=user[0-$((PEOPLE - 1))]))" "$SLAPD_PID")
S_CPU=$(paste -sd' ' "$WORK/cpu.$PORT")
echo "slapd net: $S_SEARCH $S_SEARCH_AND" >&2
kill "$SLAPD_PID"; wait "$SLAPD_PID" 2>/dev/null || true; SLAPD_PID=""

# Herald's server over LDAP, the same way: `herald serve --config` on the imported folder,
# anonymous reads allowed (slapd allows them by default), no access log. HERALD_SERVE_CMD, when
# set, replaces the command (it serves $HERALD_DATA on 127.0.0.1:$HERALD_PORT in the foreground).
export HERALD_DATA="$WORK/herald" HERALD_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/herald-serve.yaml" <<YAML
listeners:
  ldap: { address: 127.0.0.1, port: $HERALD_PORT }
directory:
  suffix: dc=example,dc=com
  backend: lmdb
  data-dir: $HERALD_DATA
  max-size: 4GiB
security:
  anonymous-read: true
logging:
  access-log: "off"
YAML
HERALD_SERVE_CMD=${HERALD_SERVE_CMD:-java ${JAVA_OPTS[*]} -cp $CP dev.herald.ldap.cli.HeraldMain serve --config $WORK/herald-serve.yaml}
echo "== herald search rate (network, 127.0.0.1)" >&2
bash -c "exec $HERALD_SERVE_CMD" > "$WORK/herald-serve.log" 2>&1 &
HPID=$!
for _ in $(seq 150); do ldapsearch -x -H "ldap://127.0.0.1:$HERALD_PORT" -b "" -s base >/dev/null 2>&1 && break; sleep 0.2; done
H_NET=$(searchrate "$HERALD_PORT" "(uid=user[0-$((PEOPLE - 1))])" "$HPID")
H_NET_AND=$(searchrate "$HERALD_PORT" "(&(objectClass=inetOrgPerson)(uid=user[0-$((PEOPLE - 1))]))" "$HPID")
H_CPU=$(paste -sd' ' "$WORK/cpu.$HERALD_PORT")
kill "$HPID"; wait "$HPID" 2>/dev/null || true; HPID=""
echo "herald net: $H_NET $H_NET_AND" >&2
tail -5 "$WORK/herald-serve.log" >&2

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1), $(slapd -VV 2>&1 | head -1 | sed 's/^.*OpenLDAP: //; s/ (.*//'), load average (1 min) after each import round: $(paste -sd' ' "$WORK/loads.txt"), at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| import of $ENTRIES entries, $RUNS runs ($FULL_RUNS without -q) | wall s min / median / max | CPU s (user+sys) min / median / max | entries/s (median wall) |"
echo "|---|---:|---:|---:|"
python3 - "$WORK/runs.txt" "$ENTRIES" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    label, wall, user, sysc = line.split()
    rows.setdefault(label, []).append((float(wall), float(user) + float(sysc)))
names = {"slapadd-full": "slapadd (back-mdb, without -q)", "slapadd": "slapadd -q (back-mdb)",
         "herald": "herald import-ldif (default: child JVM, C1 + ParallelGC)",
         "herald-inproc": "herald import-ldif --in-process (default JVM: C2 + G1)",
         "herald-c1": "herald import-ldif, -XX:TieredStopAtLevel=1 -XX:+UseParallelGC (in process)"}
for label in [l for l in ("slapadd-full", "slapadd", "herald", "herald-inproc", "herald-c1") if l in rows]:
    w = [r[0] for r in rows[label]]; c = [r[1] for r in rows[label]]
    print(f"| {names[label]} | {min(w):.2f} / {statistics.median(w):.2f} / {max(w):.2f} "
          f"| {min(c):.1f} / {statistics.median(c):.1f} / {max(c):.1f} | {int(sys.argv[2]) / statistics.median(w):,.0f} |")
med = lambda label, i: statistics.median(r[i] for r in rows[label])
print()
for peer in [l for l in ("slapadd-full", "slapadd") if l in rows]:
    for label in ("herald", "herald-inproc", "herald-c1"):
        print(f"{label} / {peer}: median wall {med(label, 0) / med(peer, 0):.2f}x, median CPU {med(label, 1) / med(peer, 1):.2f}x")
PY
echo
echo "| indexed search, $THREADS threads, searches/s | (uid=userN) | (&(objectClass=inetOrgPerson)(uid=userN)) |"
echo "|---|---:|---:|"
echo "| herald, backend level (no network, no codec) | $(echo "$H_SEARCH" | awk '{print $2}') | $(echo "$H_SEARCH_AND" | awk '{print $2}') |"
echo "| herald, directory layer (no network, no codec) | $(echo "$H_DIR" | awk '{print $2}') | |"
echo "| slapd back-mdb, LDAP over 127.0.0.1 (UnboundID SearchRate) | $S_SEARCH | $S_SEARCH_AND |"
echo "| herald serve, LDAP over 127.0.0.1 (UnboundID SearchRate) | $H_NET | $H_NET_AND |"
echo "| server CPU µs per search (user+sys of the server process) | $(echo $S_CPU | cut -d' ' -f1) / $(echo $H_CPU | cut -d' ' -f1) (slapd / herald) | $(echo $S_CPU | cut -d' ' -f2) / $(echo $H_CPU | cut -d' ' -f2) |"
python3 -c "print(f'Herald / slapd over LDAP: (uid=userN) {$H_NET / $S_SEARCH:.2f}x, AND {$H_NET_AND / $S_SEARCH_AND:.2f}x')"
