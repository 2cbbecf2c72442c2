#!/usr/bin/env bash
# End-to-end benchmark: Herald against OpenLDAP slapd (Debian package, back-mdb), same machine,
# same entries, same certificates, same client, in one run.
#
#   integration-tests/bench/e2e-bench.sh [PEOPLE=100000] [SECONDS=10] [REPEAT=3]
#
# Environment (defaults in brackets):
#   THREADS [8]          client connections (threads) of the load generator
#   WARMUP [3]           unmeasured seconds at the start of every run
#   INITIAL_WARMUP [15]  unmeasured seconds per mode and server before the first round (JIT)
#   MODES [starttls-connect,ldaps-connect,starttls-search,plain-search]  (also: and-search, the plain-search
#                        connection with (&(objectClass=inetOrgPerson)(uid=userN)))
#   ACCESS_LOG [off]     off: no access log on either server; on: Herald's access log to a file,
#                        slapd's "stats" log level to a file (-d stats)
#   SERVER_CPU [0] CLIENT_CPU [1]   taskset pinning: both servers on one core, the client on the other
#   KEEP [0]             1 keeps the work folder (PKI, LDIF, data, logs)
#   BUILD [1]            1: Maven build first; 0: reuse the last build; only: build, then stop
#                        (on a shared machine: BUILD=only outside the benchmark lock, BUILD=0 under it)
#
# The servers:
#   - slapd: slapd.conf in the work folder, back-mdb, the same indexes as Herald's defaults, TLS
#     with the demo PKI's server certificate and CA, TLSVerifyClient try, and an authz-regexp that
#     maps a client certificate's subject CN=<user>,OU=people,O=Herald Demo to the entry found by
#     (uid=<user>) one level under ou=people (what Herald's subject-attribute mapper does);
#     data imported with slapadd -q.
#   - Herald: the runnable jar, serve --config, LMDB data imported with import-ldif, the same PKI,
#     client certificates "try", the subject-attribute mapper CN -> uid under ou=people;
#     anonymous reads allowed (slapd's default access allows them too).
# The client: dev.herald.it.bench.LdapLoad (one JVM for the whole plan, JDK TLS client limited to
# the x25519 group so both servers do the same key exchange). Prints the raw lines and a
# Markdown summary (median and range over the rounds).
set -euo pipefail

PEOPLE=${1:-100000}
SECONDS_RUN=${2:-10}
REPEAT=${3:-3}
THREADS=${THREADS:-8}
WARMUP=${WARMUP:-3}
INITIAL_WARMUP=${INITIAL_WARMUP:-15}
MODES=${MODES:-starttls-connect,ldaps-connect,starttls-search,plain-search}
ACCESS_LOG=${ACCESS_LOG:-off}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/herald-e2e-bench.XXXXXX)
SLAPD_PID=""
HERALD_PID=""
cleanup() {
  for pid in $SLAPD_PID $HERALD_PID; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

CP_FILE="$ROOT/integration-tests/target/e2e-bench-cp.txt"
if [[ "${BUILD:-1}" != 0 || ! -f "$CP_FILE" ]]; then
  echo "== building (jar, test classes, class path)" >&2
  (cd "$ROOT" && mvn -B -q -pl ldap-server,integration-tests -am package -DskipTests dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2)
fi
[[ "${BUILD:-1}" == only ]] && exit 0
CP="$ROOT/integration-tests/target/test-classes:$(cat "$CP_FILE")"
JAR="$ROOT/ldap-server/target/ldap-server.jar"

echo "== demo PKI, $PEOPLE people" >&2
java -cp "$CP" dev.herald.it.bench.BenchPki "$WORK" >/dev/null
PKI="$WORK/pki"
python3 "$ROOT/integration-tests/bench/gen-ldif.py" "$PEOPLE" > "$WORK/people.ldif"
cat >> "$WORK/people.ldif" <<'LDIF'
dn: uid=alice,ou=people,dc=example,dc=com
objectClass: inetOrgPerson
uid: alice
cn: Alice Liddell
sn: Liddell
mail: alice@example.com

LDIF
ENTRIES=$(grep -c '^dn: ' "$WORK/people.ldif")

# ---------------------------------------------------------------- slapd
mkdir -p "$WORK/slapdb"
SLAPD_LOGLEVEL=none
[[ "$ACCESS_LOG" == on ]] && SLAPD_LOGLEVEL=stats
cat > "$WORK/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $WORK/slapd.pid
argsfile $WORK/slapd.args
loglevel $SLAPD_LOGLEVEL
TLSCACertificateFile $PKI/ca.pem
TLSCertificateFile $PKI/server.pem
TLSCertificateKeyFile $PKI/server.key
TLSVerifyClient try
authz-regexp "^cn=([^,]+),ou=people,o=herald demo\$" "ldap:///ou=people,dc=example,dc=com??one?(uid=\$1)"
database mdb
suffix "dc=example,dc=com"
rootdn "cn=admin,dc=example,dc=com"
directory $WORK/slapdb
maxsize 4294967296
index objectClass eq
index uid,cn,mail eq,pres,sub
index member eq,pres
CONF

timed() { # label, command...: prints "wall cpu"
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.$label" "$@" >&2
  awk '{printf "%s %.1f\n", $1, $2 + $3}' "$WORK/time.$label"
}
echo "== slapadd -q" >&2
read -r SLAPADD_WALL SLAPADD_CPU < <(timed slapadd slapadd -q -f "$WORK/slapd.conf" -l "$WORK/people.ldif")
echo "== herald import-ldif" >&2
read -r IMPORT_WALL IMPORT_CPU < <(timed herald java -jar "$JAR" import-ldif -d "$WORK/herald-data" -b dc=example,dc=com \
    --no-progress "$WORK/people.ldif")

S_PORT=$(free_port); S_LDAPS=$(free_port)
SLAPD_DEBUG=(-d 0)
[[ "$ACCESS_LOG" == on ]] && SLAPD_DEBUG=(-d stats)
taskset -c "$SERVER_CPU" slapd -f "$WORK/slapd.conf" -h "ldap://127.0.0.1:$S_PORT/ ldaps://127.0.0.1:$S_LDAPS/" \
    "${SLAPD_DEBUG[@]}" > "$WORK/slapd.log" 2>&1 &
SLAPD_PID=$!

# ---------------------------------------------------------------- Herald
H_PORT=$(free_port); H_LDAPS=$(free_port)
HERALD_LOG=off
[[ "$ACCESS_LOG" == on ]] && HERALD_LOG=access.log
cat > "$WORK/config.yaml" <<YAML
listeners:
  ldap:  { address: 127.0.0.1, port: $H_PORT }
  ldaps: { address: 127.0.0.1, port: $H_LDAPS }
tls:
  credentials:
    - certificate: pki/server.pem
      key: pki/server.key
  trust-anchors: [pki/ca.pem]
  client-certificates: try
directory:
  suffix: dc=example,dc=com
  backend: lmdb
  data-dir: herald-data
security:
  anonymous-read: true
sasl:
  external:
    mappers:
      - type: subject-attribute
        issuer: pki/ca.pem
        certificate-attribute: CN
        entry-attribute: uid
        base: ou=people,dc=example,dc=com
        scope: one
logging:
  access-log: $HERALD_LOG
YAML
(cd "$WORK" && exec taskset -c "$SERVER_CPU" java ${HERALD_JAVA_OPTS:-} -jar "$JAR" serve --config config.yaml \
    > "$WORK/herald.out" 2>&1) &
HERALD_PID=$!

ready() { # url: whoami with alice's certificate over StartTLS
  LDAPTLS_CACERT=$PKI/ca.pem LDAPTLS_CERT=$PKI/alice.pem LDAPTLS_KEY=$PKI/alice.key \
    ldapwhoami -H "$1" -ZZ -Y EXTERNAL -Q 2>/dev/null
}
for name in slapd herald; do
  port=$S_PORT; [[ $name == herald ]] && port=$H_PORT
  for _ in $(seq 150); do ready "ldap://127.0.0.1:$port" >/dev/null && break; sleep 0.2; done
  who=$(ready "ldap://127.0.0.1:$port" || true)
  echo "$name: ldapwhoami -ZZ -Y EXTERNAL with alice's certificate: $who" >&2
  [[ "$who" == "dn:uid=alice,ou=people,dc=example,dc=com" ]] || { echo "$name is not ready" >&2; cat "$WORK/$name".*; exit 1; }
done
# the java launcher is the server process itself (exec), so HERALD_PID is the JVM
# slapd does not fork with -d

echo "== load: $MODES; $THREADS connections; ${SECONDS_RUN}s x $REPEAT rounds; server on CPU $SERVER_CPU, client on CPU $CLIENT_CPU" >&2
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
taskset -c "$CLIENT_CPU" java -Djdk.tls.namedGroups=x25519 -cp "$CP" dev.herald.it.bench.LdapLoad \
    targets="slapd@$S_PORT@$S_LDAPS@$SLAPD_PID,herald@$H_PORT@$H_LDAPS@$HERALD_PID" modes="$MODES" threads="$THREADS" \
    warmup="$WARMUP" seconds="$SECONDS_RUN" repeat="$REPEAT" initial-warmup="$INITIAL_WARMUP" people="$PEOPLE" \
    pki="$PKI" | tee "$WORK/results.tsv"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ "$ACCESS_LOG" == on ]]; then
  echo "access log lines: herald $(wc -l < "$WORK/access.log"), slapd $(wc -l < "$WORK/slapd.log")" >&2
fi
grep -m1 'handshake ok' "$WORK/access.log" 2>/dev/null | sed 's/^/herald access log: /' >&2 || true

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1), slapd $(slapd -VV 2>&1 | head -1 | sed 's/^.*slapd //; s/ (.*//'), GnuTLS $(dpkg-query -W -f '${Version}' libgnutls30 2>/dev/null || echo '?')"
echo "Load average (1, 5, 15 min) at start: $LOAD_START; at end: $LOAD_END. Access logs: $ACCESS_LOG. $ENTRIES entries."
echo "Import: slapadd -q ${SLAPADD_WALL}s wall / ${SLAPADD_CPU}s CPU; herald import-ldif ${IMPORT_WALL}s wall / ${IMPORT_CPU}s CPU."
echo
python3 - "$WORK/results.tsv" <<'PY'
import sys, statistics as st
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip() and not l.startswith("server\t")]
by = {}
for r in rows:
    by.setdefault((r[1], r[0]), []).append(r)
modes = []
for r in rows:
    if r[1] not in modes:
        modes.append(r[1])
def fmt(vals):
    vals = sorted(vals)
    return f"{st.median(vals):,.0f} ({vals[0]:,.0f}–{vals[-1]:,.0f})"
print("| mode | server | negotiated | ops/s median (min–max) | server CPU µs/op median (min–max) | server CPU % | client CPU % | errors |")
print("|---|---|---|---:|---:|---:|---:|---:|")
for m in modes:
    for s in ("slapd", "herald"):
        rs = by.get((m, s), [])
        if not rs:
            continue
        print(f"| {m} | {s} | {rs[0][11]} | {fmt([float(r[5]) for r in rs])} | {fmt([float(r[7]) for r in rs])} | "
              f"{st.median(float(r[8]) for r in rs):.0f} | {st.median(float(r[9]) for r in rs):.0f} | {sum(int(r[10]) for r in rs)} |")
print()
print("| mode | herald/slapd server CPU per op (median) | herald/slapd ops/s (median) |")
print("|---|---:|---:|")
for m in modes:
    h, s = by.get((m, "herald")), by.get((m, "slapd"))
    if h and s and all(float(r[5]) > 0 for r in h + s):
        cpu = st.median(float(r[7]) for r in h) / st.median(float(r[7]) for r in s)
        rate = st.median(float(r[5]) for r in h) / st.median(float(r[5]) for r in s)
        print(f"| {m} | {cpu:.2f} | {rate:.2f} |")
PY
