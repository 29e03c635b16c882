#!/usr/bin/env bash
# One command: tests/DigestWorker.Benchmarks/run-benchmark.sh [--smoke] [--sizes "1000 10000 100000"] [--out FILE] [--port N]
#                                                            [--smtp-max N] [--naive-max N] [--seed N]
# Generates a seeded workload, runs the worker (pickup and smtp, 1 and 4 connections) against Postfix's smtp-sink,
# runs Postfix's smtp-source against the same sink as the reference, measures the worker's SMTP sessions alone on its own
# messages (no build, no record), and prints one table (also written as JSON).
# Nothing here asserts a time: the figures are measured and reported.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

SIZES="1000 10000 100000"
OUT="artifacts/benchmark.json"
PORT=2525
SEED=42
SMOKE=0
NAIVE_MAX=500
SMTP_MAX=1000000000
HEAP_LIMIT=""
SERVER_GC=""
# The worker runs with the GC settings its container image sets (the Dockerfile's ENV DOTNET_GC... lines), so it is
# measured as shipped; one row at the largest size runs without them.
# One variable per line, `ENV NAME=value`, as the Dockerfile writes them; quotes are dropped.
IMAGE_GC_ENV=($(sed -n 's/^ENV \(DOTNET_GC[A-Za-z0-9_]*=[^ ]*\)\r\{0,1\}$/\1/p' Dockerfile | tr -d "\"'"))
if [ "${#IMAGE_GC_ENV[@]}" -eq 0 ] && grep -q 'DOTNET_GC' Dockerfile; then
  echo "run-benchmark.sh: the Dockerfile sets DOTNET_GC... but not as 'ENV NAME=value' lines this script reads" >&2
  exit 2
fi
NO_IMAGE_GC=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; SIZES="200"; shift ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --smtp-max) SMTP_MAX="$2"; shift 2 ;;   # skip the smtp runs for sizes above N (they can take very long)
    --naive-max) NAIVE_MAX="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

WORK="$ROOT/artifacts/bench-work"
RESULTS="$WORK/results.jsonl"
AS_OF="2017-09-11T18:00:00Z"   # after Monday 07:00 in every generated time zone; the period is Sept. 4-10, 2017
mkdir -p "$WORK"
: > "$RESULTS"

log() { echo "[bench] $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  log "installing postfix (for smtp-sink/smtp-source; no mail system is configured or started)"
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y postfix >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
  log "installing time"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
fi

log "building (Release)"
dotnet build -c Release src/DigestWorker/DigestWorker.csproj -v q -nologo >/dev/null
dotnet build -c Release tests/DigestWorker.Benchmarks/DigestWorker.Benchmarks.csproj -v q -nologo >/dev/null
WORKER="$ROOT/src/DigestWorker/bin/Release/net10.0/DigestWorker.dll"
BENCH="$ROOT/tests/DigestWorker.Benchmarks/bin/Release/net10.0/DigestWorker.Benchmarks.dll"

# --- the sink ----------------------------------------------------------------------------------------------
SINK_USER=()
if [ "$(id -u)" = 0 ]; then SINK_USER=(-u nobody); fi
smtp-sink "${SINK_USER[@]}" -c 127.0.0.1:"$PORT" 1000 >/dev/null 2>&1 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true' EXIT
sleep 0.5
kill -0 "$SINK_PID" || { echo "smtp-sink did not start on port $PORT" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print 0 }'; }

# run_worker LABEL DIR MODE CONNECTIONS S E: one `run --once` on a fresh delivery record; appends a "run" row.
run_worker() {
  local dir="$2" mode="$3" conns="$4" s="$5" e="$6"
  # The report too: a run that fails before writing its own must not be counted with the last run's.
  rm -rf "$dir/state" "$dir/pickup" "$dir/report.json"; mkdir -p "$dir/state" "$dir/pickup"
  local t0 t1 rc=0
  t0=$(now)
  local gc_env=()
  if [ -z "$NO_IMAGE_GC" ]; then gc_env=("${IMAGE_GC_ENV[@]}"); fi
  env "${gc_env[@]}" ${HEAP_LIMIT:+DOTNET_GCHeapHardLimit=$(printf '0x%x' $(( HEAP_LIMIT * 1024 * 1024 )))} \
      ${SERVER_GC:+DOTNET_gcServer=1} Sources__Folders__0="$dir/chronologies" State__Path="$dir/state/digests.db" \
      Delivery__PickupFolder="$dir/pickup" Delivery__Mode="$mode" \
      Delivery__Smtp__Host=127.0.0.1 Delivery__Smtp__Port="$PORT" Delivery__Smtp__Security=None \
      Delivery__Smtp__MaxConnections="${conns:-1}" Logging__LogLevel__Default=Warning \
      /usr/bin/time -v -o "$dir/time.txt" \
      dotnet "$WORKER" run --once --as-of "$AS_OF" --config "$dir/config" --report "$dir/report.json" >"$dir/run.log" 2>&1 || rc=$?
  t1=$(now)
  if [ "$rc" != 0 ]; then log "worker exited $rc (see $dir/run.log)"; tail -5 "$dir/run.log" >&2; fi
  local wall digests rss
  wall=$(elapsed "$t0" "$t1")
  digests=$({ grep -o '"status": *"sent"' "$dir/report.json" 2>/dev/null || true; } | wc -l)
  rss=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$dir/time.txt")
  echo "{\"section\":\"run\",\"mode\":\"$(echo "$mode" | tr 'A-Z' 'a-z')${HEAP_LIMIT:+, GC heap limit $HEAP_LIMIT MB}${SERVER_GC:+, server GC}${NO_IMAGE_GC:+, without the image GC settings}\",\"subscribers\":$s,\"events\":$e,\"connections\":${conns:-0},\"digests\":$digests,\"exitCode\":$rc,\"wallSeconds\":$wall,\"perSecond\":$(rate "$digests" "$wall"),\"maxRssMb\":$rss}" >>"$RESULTS"
  log "$mode${HEAP_LIMIT:+ (GC heap limit $HEAP_LIMIT MB)}${SERVER_GC:+ (server GC)}${NO_IMAGE_GC:+ (without the image GC settings)} conns=${conns:-0} S=$s E=$e: $digests digests in $wall s, peak RSS $rss MB"
  LAST_DIGESTS=$digests
  LAST_WALL=$wall
}

generate() {
  local s="$1" e="$2" dir="$3"
  if [ ! -f "$dir/generated-$s-$e-$SEED" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    dotnet "$BENCH" generate --subscribers "$s" --events "$e" --seed "$SEED" --out "$dir" --sample data/chronologies --config config >/dev/null
    touch "$dir/generated-$s-$e-$SEED"
  fi
}

LARGEST=""
for S in $SIZES; do
  E=$(( S < 100000 ? S : 100000 ))
  if [ "$SMOKE" = 1 ]; then E=400; fi
  DIR="$WORK/s$S-e$E"
  log "workload S=$S E=$E (seed $SEED)"
  generate "$S" "$E" "$DIR"
  LARGEST="$DIR"

  run_worker pickup "$DIR" Pickup "" "$S" "$E"
  PICKUP_WALL=$LAST_WALL
  COUNT=$(find "$DIR/pickup" -name '*.eml' | wc -l)
  BYTES=$(find "$DIR/pickup" -name '*.eml' -printf '%s\n' | awk '{ t += $1 } END { printf "%.0f", t }')
  AVG=$(( COUNT > 0 ? BYTES / COUNT : 1000 ))
  log "average digest size: $AVG bytes over $COUNT messages"
  # A real digest for the record measurement: the one closest to the average size (ties: first name), so every run
  # measures the same kind of message. awk reads the whole listing (no early exit for pipefail to trip on).
  SAMPLE=$(find "$DIR/pickup" -name '*.eml' -printf '%s %p\n' | LC_ALL=C sort -k2 | awk -v avg="$AVG" '
    { d = $1 - avg; if (d < 0) d = -d; if (best == "" || d < bestd) { best = $2; bestd = d } } END { print best }')
  if [ -n "$SAMPLE" ]; then cp "$SAMPLE" "$WORK/sample.eml"; fi

  # Naive baseline on the same messages: a new connection per message, one at a time (capped: it is slow by design).
  dotnet "$BENCH" naive --pickup "$DIR/pickup" --port "$PORT" --limit "$NAIVE_MAX" | sed "s/^{/{\"subscribers\":$S,\"events\":$E,\"connections\":1,\"avgBytes\":$AVG,/" >>"$RESULTS"

  # The worker's SMTP sessions alone on the same messages (no build, no record): the ceiling the SMTP path sets.
  if [ "$S" -le "$SMTP_MAX" ] && [ "$COUNT" -gt 0 ]; then
    for C in 1 4; do
      # A diagnostic row: its failure is logged and the benchmark goes on.
      dotnet "$BENCH" smtp-path --pickup "$DIR/pickup" --port "$PORT" --connections "$C" --count "$COUNT" \
        | sed "s/^{/{\"subscribers\":$S,\"events\":$E,/" >>"$RESULTS" || log "smtp-path C=$C failed (see above); no row for it"
    done
  fi

  for C in 1 4; do
    if [ "$S" -gt "$SMTP_MAX" ]; then log "smtp runs skipped for S=$S (--smtp-max $SMTP_MAX)"; break; fi
    run_worker smtp "$DIR" Smtp "$C" "$S" "$E"
    N=$LAST_DIGESTS
    t0=$(now)
    smtp-source -d -s "$C" -m "$N" -l "$AVG" -f from@x -t to@x 127.0.0.1:"$PORT"
    t1=$(now)
    W=$(elapsed "$t0" "$t1")
    echo "{\"section\":\"reference\",\"tool\":\"smtp-source -d -s $C -m $N -l $AVG\",\"subscribers\":$S,\"events\":$E,\"connections\":$C,\"messages\":$N,\"avgBytes\":$AVG,\"wallSeconds\":$W,\"perSecond\":$(rate "$N" "$W")}" >>"$RESULTS"
    log "smtp-source conns=$C: $N messages in $W s"
  done
done

# --- the largest size again in pickup mode with the GC heap capped, as a container's memory limit caps it --------
# (.NET sizes its heap limit to 75 % of a container's memory limit; on this 24 GiB host nothing makes the GC hurry)
HEAP_LIMIT=$(( SMOKE == 1 ? 128 : 256 ))
run_worker pickup "$LARGEST" Pickup "" "$S" "$E"   # S and E of the last (largest) size above
HEAP_LIMIT=""

# --- the largest size again in smtp mode (4 connections) with the server GC ------------------------------------------
# The worker runs with the workstation GC (the server GC ran out of memory under the 256 MB heap limit above);
# DOTNET_gcServer=1 is the operator's opt-in where memory is plentiful, and this row shows what it is worth.
if [ "$S" -le "$SMTP_MAX" ]; then
  SERVER_GC=1
  run_worker smtp "$LARGEST" Smtp 4 "$S" "$E"
  SERVER_GC=""
fi

# --- the largest size again in smtp mode (4 connections) without the image's GC settings --------------------------
# What `dotnet DigestWorker.dll` gets outside the container image on a host like this one.
if [ "$S" -le "$SMTP_MAX" ] && [ "${#IMAGE_GC_ENV[@]}" -gt 0 ]; then
  NO_IMAGE_GC=1
  run_worker smtp "$LARGEST" Smtp 4 "$S" "$E"
  NO_IMAGE_GC=""
fi

# --- parsing and selection+render on the largest workload ----------------------------------------------------
dotnet "$BENCH" parse --folder "$LARGEST/chronologies" --repeat 3 >>"$RESULTS"
dotnet "$BENCH" render --folder "$LARGEST" --limit 20000 >>"$RESULTS"
dotnet "$BENCH" record --folder "$WORK/record" --count "$(( SMOKE == 1 ? 200 : 20000 ))" --message "$WORK/sample.eml" >>"$RESULTS"

# --- growth: double S (E fixed) and double E (S fixed), pickup mode, at the largest size --------------------------
LS=$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -1)
LE=$(( LS < 100000 ? LS : 100000 )); if [ "$SMOKE" = 1 ]; then LE=400; fi
HS=$(( LS / 2 )); HE=$(( LE / 2 ))
generate "$LS" "$LE" "$WORK/g-full"
run_worker pickup "$WORK/g-full" Pickup "" "$LS" "$LE"; FULL=$LAST_WALL
generate "$HS" "$LE" "$WORK/g-half-s"
run_worker pickup "$WORK/g-half-s" Pickup "" "$HS" "$LE"; HALF_S=$LAST_WALL
generate "$LS" "$HE" "$WORK/g-half-e"
run_worker pickup "$WORK/g-half-e" Pickup "" "$LS" "$HE"; HALF_E=$LAST_WALL
# the growth runs are not part of the main table
grep -v "\"subscribers\":$HS,\"events\":$LE,\"connections\":0" "$RESULTS" | grep -v "\"subscribers\":$LS,\"events\":$HE,\"connections\":0" > "$RESULTS.tmp" || true
mv "$RESULTS.tmp" "$RESULTS"
echo "{\"section\":\"growth\",\"what\":\"S $HS -> $LS (E $LE, pickup, whole process)\",\"baseSeconds\":$HALF_S,\"doubledSeconds\":$FULL}" >>"$RESULTS"
echo "{\"section\":\"growth\",\"what\":\"E $HE -> $LE (S $LS, pickup, whole process)\",\"baseSeconds\":$HALF_E,\"doubledSeconds\":$FULL}" >>"$RESULTS"

dotnet "$BENCH" report --in "$RESULTS" --out "$OUT"
