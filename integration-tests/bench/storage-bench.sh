#!/usr/bin/env bash
# Storage benchmark: Herald's LMDB backend against OpenLDAP's back-mdb on the same generated
# LDIF, the same indexes and the same machine, in one run.
#
#   integration-tests/bench/storage-bench.sh [PEOPLE] [SEARCH_SECONDS]
#
# 1. import: slapadd -q (slapd.conf, mdb, same indexes) vs Herald's import-ldif, wall and CPU time;
# 2. indexed equality searches (uid=userN, N random):
#    - Herald at the backend level (SearchRateBench: read txn + plan + decode per search),
#    - slapd through the network (UnboundID SearchRate over 127.0.0.1),
#    - Herald through the network: once the server runs (HERALD_SERVE_CMD, see below).
# Prints a Markdown table. Needs: slapd, slapadd (Debian slapd), python3, maven, java 17.
set -euo pipefail

PEOPLE=${1:-100000}
SECONDS_SEARCH=${2:-10}
THREADS=${THREADS:-2}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/herald-storage-bench.XXXXXX)
SLAPD_PID=""
cleanup() {
  if [[ -n "$SLAPD_PID" ]]; then kill "$SLAPD_PID" 2>/dev/null || true; wait "$SLAPD_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building (test classpath)" >&2
(cd "$ROOT" && mvn -B -q -pl ldap-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >&2)
CP="$ROOT/ldap-server/target/test-classes:$ROOT/ldap-server/target/classes:$(cat "$WORK/cp.txt")"
UNBOUNDID=$(tr ':' '\n' < "$WORK/cp.txt" | grep unboundid-ldapsdk | head -1)
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

echo "== slapadd -q" >&2
read -r _ SLAP_WALL SLAP_USER SLAP_SYS < <(timed slapadd slapadd -q -f "$WORK/slapd.conf" -l "$WORK/people.ldif")

echo "== herald import-ldif (default JVM)" >&2
read -r _ H_WALL H_USER H_SYS < <(timed herald java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.cli.ImportLdifCommand \
    -d "$WORK/herald" -b dc=example,dc=com --no-progress "$WORK/people.ldif")
echo "== herald import-ldif (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)" >&2
read -r _ H2_WALL H2_USER H2_SYS < <(timed herald2 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "${JAVA_OPTS[@]}" -cp "$CP" \
    dev.herald.ldap.cli.ImportLdifCommand -d "$WORK/herald2" -b dc=example,dc=com --no-progress "$WORK/people.ldif")

echo "== herald backend-level search rate" >&2
H_SEARCH=$(java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.bench.SearchRateBench "$WORK/herald" "$PEOPLE" "$SECONDS_SEARCH" "$THREADS")
echo "$H_SEARCH" >&2
H_SEARCH_AND=$(java "${JAVA_OPTS[@]}" -cp "$CP" dev.herald.ldap.bench.SearchRateBench "$WORK/herald" "$PEOPLE" "$SECONDS_SEARCH" "$THREADS" and)
echo "$H_SEARCH_AND" >&2

echo "== slapd search rate (network, 127.0.0.1)" >&2
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
slapd -f "$WORK/slapd.conf" -h "ldap://127.0.0.1:$PORT/" -d 0 >/dev/null 2>&1 &
SLAPD_PID=$!
for _ in $(seq 50); do ldapsearch -x -H "ldap://127.0.0.1:$PORT" -b "" -s base >/dev/null 2>&1 && break; sleep 0.2; done
S_SEARCH=$(java -cp "$UNBOUNDID" com.unboundid.ldap.sdk.examples.SearchRate -h 127.0.0.1 -p "$PORT" \
    -b dc=example,dc=com -s sub -f "(uid=user[0-$((PEOPLE - 1))])" -t "$THREADS" \
    -i 1 -I "$SECONDS_SEARCH" --warmUpIntervals 3 -c | tail -1 | awk -F, '{print $5}')
S_SEARCH_AND=$(java -cp "$UNBOUNDID" com.unboundid.ldap.sdk.examples.SearchRate -h 127.0.0.1 -p "$PORT" \
    -b dc=example,dc=com -s sub -f "(&(objectClass=inetOrgPerson)(uid=user[0-$((PEOPLE - 1))]))" -t "$THREADS" \
    -i 1 -I "$SECONDS_SEARCH" --warmUpIntervals 3 -c | tail -1 | awk -F, '{print $5}')
kill "$SLAPD_PID"; wait "$SLAPD_PID" 2>/dev/null || true; SLAPD_PID=""

HERALD_NET="not measured (needs the server)"
if [[ -n "${HERALD_SERVE_CMD:-}" ]]; then
  # HERALD_SERVE_CMD: a command that serves $HERALD_DATA on 127.0.0.1:$HERALD_PORT in the foreground.
  export HERALD_DATA="$WORK/herald" HERALD_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  bash -c "$HERALD_SERVE_CMD" >/dev/null 2>&1 &
  HPID=$!
  for _ in $(seq 100); do ldapsearch -x -H "ldap://127.0.0.1:$HERALD_PORT" -b "" -s base >/dev/null 2>&1 && break; sleep 0.2; done
  HERALD_NET=$(java -cp "$UNBOUNDID" com.unboundid.ldap.sdk.examples.SearchRate -h 127.0.0.1 -p "$HERALD_PORT" \
      -b dc=example,dc=com -s sub -f "(uid=user[0-$((PEOPLE - 1))])" -t "$THREADS" \
      -i 1 -I "$SECONDS_SEARCH" --warmUpIntervals 3 -c | tail -1 | awk -F, '{printf "%.0f", $5}')
  kill "$HPID"; wait "$HPID" 2>/dev/null || true
fi

cpu() { python3 -c "print(f'{$1 + $2:.1f}')"; }
rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1), $(slapd -VV 2>&1 | head -1 | sed 's/^.*OpenLDAP: //; s/ (.*//'), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| measurement ($ENTRIES entries) | wall s | CPU s (user+sys) | entries/s (wall) |"
echo "|---|---:|---:|---:|"
echo "| slapadd -q (back-mdb) | $SLAP_WALL | $(cpu "$SLAP_USER" "$SLAP_SYS") | $(rate "$ENTRIES" "$SLAP_WALL") |"
echo "| herald import-ldif | $H_WALL | $(cpu "$H_USER" "$H_SYS") | $(rate "$ENTRIES" "$H_WALL") |"
echo "| herald import-ldif, C1 + SerialGC | $H2_WALL | $(cpu "$H2_USER" "$H2_SYS") | $(rate "$ENTRIES" "$H2_WALL") |"
echo
echo "| indexed search, $THREADS threads, searches/s | (uid=userN) | (&(objectClass=inetOrgPerson)(uid=userN)) |"
echo "|---|---:|---:|"
echo "| herald, backend level (no network, no codec) | $(echo "$H_SEARCH" | awk '{print $2}') | $(echo "$H_SEARCH_AND" | awk '{print $2}') |"
echo "| slapd back-mdb, LDAP over 127.0.0.1 (UnboundID SearchRate) | $(printf '%.0f' "$S_SEARCH") | $(printf '%.0f' "$S_SEARCH_AND") |"
echo "| herald, LDAP over 127.0.0.1 (UnboundID SearchRate) | $HERALD_NET | |"
