#!/usr/bin/env bash
# The benchmark of issue 9, run after `mvn -B package -DskipTests`:  bench/run.sh [quick|full]
# In one run, on loopback only: nginx (the machine's HTTP ceiling, and an instant provider for all four
# dialects), the Camel floor (bench/floor: a minimal camel-main app from the adapter's own target/lib),
# the adapter in local mode, then in live mode against nginx, then against a provider that hangs (the
# threads 1,000 waiting calls cost). wrk (one thread, closed loop) loads each;
# the CPU, threads and RSS figures are read per process from /proc, so wrk's own CPU is never counted.
# Prints one table, then the issue's ratios, each marked met or not. README.md "Benchmark" explains it.
# Every duration can be set from the environment (see the defaults below); SOAK_SECONDS=0 skips the soak.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-quick}
case $mode in
  quick) : "${CONCURRENCIES:=32 256}" "${WARMUP_SECONDS:=5}" "${JIT_WARMUP_SECONDS:=8}" \
           "${MEASURE_SECONDS:=3}" "${SOAK_SECONDS:=0}" ;;
  full)  : "${CONCURRENCIES:=8 32 64 256}" "${WARMUP_SECONDS:=20}" "${JIT_WARMUP_SECONDS:=60}" \
           "${MEASURE_SECONDS:=10}" "${SOAK_SECONDS:=600}" ;;
  *) echo "usage: bench/run.sh [quick|full]" >&2; exit 2 ;;
esac
: "${SOAK_SAMPLE_SECONDS:=30}" "${LATENCY_SECONDS:=$MEASURE_SECONDS}"
: "${NGINX_PORT:=18090}" "${FLOOR_PORT:=18070}" "${HTTP_PORT:=18080}" "${MANAGEMENT_PORT:=19876}"
: "${JAVA_FLAGS:=@config/jvm.options}"   # the flags of the README's start command and the Dockerfile's
export HTTP_PORT MANAGEMENT_PORT
# any values: nginx checks no credential
export BENCH_PASSWORD=${BENCH_PASSWORD:-bench-password} BENCH_SECRET=${BENCH_SECRET:-bench-secret}
work=$PWD/target/bench
hz=$(getconf CLK_TCK)
api=http://127.0.0.1:$HTTP_PORT/api/v1/sessions
health=http://127.0.0.1:$MANAGEMENT_PORT/observe/health

say() { echo "# $*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }
[ -f target/payment-session-adapter.jar ] || fail "target/payment-session-adapter.jar missing: run mvn -B package -DskipTests first"
for tool in java javac; do command -v $tool >/dev/null || fail "$tool is missing: a JDK 17+ is needed"; done
PATH=$PATH:/usr/sbin   # where Debian puts nginx
# the load generator, the probe and the ceiling come from Debian's packages when missing
for package in wrk curl nginx; do
  command -v $package >/dev/null && continue
  [ "$(id -u)" = 0 ] || fail "$package is missing: as root, apt-get install -y $package"
  say "installing $package (apt-get install -y $package)"
  { apt-get install -y $package || { apt-get update && apt-get install -y $package; }; } >/dev/null \
    || fail "apt-get install -y $package failed"
done
rm -rf "$work" && mkdir -p "$work"

# --- processes: everything started here is stopped on exit, Ctrl-C and errors ------------------------
started=()   # pids of the servers and of a load running in the background
stop() {     # stop PID: SIGTERM, up to 15 s for the adapter's drain, then SIGKILL
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { for pid in "${started[@]}"; do stop "$pid"; done; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$NGINX_PORT" "$FLOOR_PORT" "$HTTP_PORT" "$MANAGEMENT_PORT"; do
  port_free "$port" || fail "port $port is in use; choose others with NGINX_PORT, FLOOR_PORT, HTTP_PORT, MANAGEMENT_PORT"
done

# wait_for NAME PID LOG CHECK...: runs CHECK every 50 ms until it succeeds; fails if PID dies or after 60 s
wait_for() {
  local name=$1 pid=$2 log=$3; shift 3
  for _ in $(seq 1 1200); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || fail "$name exited during its start; see $log"
    sleep 0.05
  done
  fail "$name not ready after 60 s; see $log"
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() { curl -sf --max-time 1 "$health" 2>/dev/null | grep -q '"UP"'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- per-process figures from /proc -------------------------------------------------------------------
cpu_ticks() { local stat; stat=$(<"/proc/$1/stat"); set -- ${stat##*) }; echo $((${12} + ${13})); }  # utime+stime
# a field of /proc/PID/status, or 0 when it cannot be read (the process is gone)
status_field() { local value; value=$(awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null); echo "${value:-0}"; }
rss_mb() { echo $(($(status_field "$1" VmRSS) / 1024)); }

# ms with two decimals from µs, and a whole percentage
ms() { printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10)); }
pct() { echo $(($1 * 100 / ($2 > 0 ? $2 : 1))); }

# --- the load ---------------------------------------------------------------------------------------
# wrk_run URL BODY CONNECTIONS SECONDS [PAUSE_MS]: one wrk run; prints its RESULT line
wrk_run() {
  BENCH_BODY=$2 BENCH_DELAY_MS=${5:-} wrk -t1 -c"$3" -d"$4"s --timeout 10s -s bench/wrk.lua "$1" | grep '^RESULT'
}
body() { echo "{\"merchantId\":\"$1\",\"correlationId\":\"bench-$1\",\"authenticationLimit\":5}"; }

declare -A served   # requests each process has answered, warm-ups included (by pid)
warm() {            # warm TARGET PID URL BODY SECONDS: load whose figures are dropped (the JIT's time)
  local out requests
  say "warm-up $1 ${5}s"
  out=$(wrk_run "$3" "$4" 32 "$5") || fail "load against $1 ($3) gave no result"
  read -r _ requests _ <<<"$out"
  served[$2]=$((${served[$2]:-0} + requests))
}

rows=()             # the table, one line a measured window
targets=()          # the targets measured, in order
declare -A peak cpu_ticks_sum requests_sum errors_sum threads_max rss_max
# measure TARGET PID URL BODY CONNECTIONS SECONDS [latency]: one measured window. Threads and RSS are
# read 1 s before its end, while the load still runs. Leaves the window's p50 and p99 (µs) in p50, p99.
# A latency window counts for errors, threads and RSS, not for the target's peak and CPU per request.
measure() {
  local target=$1 pid=$2 url=$3 body=$4 c=$5 secs=$6 cpu0 cpu threads rss requests duration_us non2xx sockerr rps cpu10
  say "measure $target c=$c ${secs}s"
  cpu0=$(cpu_ticks "$pid")
  wrk_run "$url" "$body" "$c" "$secs" >"$work/wrk.out" &
  local wrk_pid=$!
  started+=("$wrk_pid")
  sleep $((secs > 1 ? secs - 1 : 1))
  threads=$(status_field "$pid" Threads) rss=$(rss_mb "$pid")
  wait "$wrk_pid" || fail "load against $target ($url) gave no result"
  unset 'started[-1]'
  cpu=$(($(cpu_ticks "$pid") - cpu0))
  read -r _ requests duration_us p50 p99 non2xx sockerr <"$work/wrk.out"
  [ "$requests" -gt 0 ] || fail "no request to $target ($url) was answered"
  rps=$(((requests - non2xx) * 1000000 / duration_us))   # 2xx replies only: a fast refusal is no throughput
  cpu10=$((cpu * 10000000 / hz / requests))   # tenths of a µs of the target's CPU per request
  served[$pid]=$((${served[$pid]:-0} + requests))
  rows+=("$(printf '%-18s %4d %8d %8s %8s %8d %8d %8d.%d %7d %7d' "$target" "$c" "$rps" "$(ms "$p50")" \
    "$(ms "$p99")" "$non2xx" "$sockerr" $((cpu10 / 10)) $((cpu10 % 10)) "$threads" "$rss")")
  [ -n "${errors_sum[$target]:-}" ] || targets+=("$target")
  if [ "${7:-}" != latency ]; then
    ((rps >= ${peak[$target]:-0})) && peak[$target]=$rps   # set even at 0: a target with no 2xx reply has a peak of 0
    cpu_ticks_sum[$target]=$((${cpu_ticks_sum[$target]:-0} + cpu))
    requests_sum[$target]=$((${requests_sum[$target]:-0} + requests))
  fi
  errors_sum[$target]=$((${errors_sum[$target]:-0} + non2xx + sockerr))
  ((threads > ${threads_max[$target]:-0})) && threads_max[$target]=$threads
  ((rss > ${rss_max[$target]:-0})) && rss_max[$target]=$rss
  return 0
}
# CPU µs per request over all of a target's measured windows, in tenths
cpu10_of() { echo $((${cpu_ticks_sum[$1]} * 10000000 / hz / ${requests_sum[$1]})); }
tenths() { printf '%d.%d' $(($1 / 10)) $(($1 % 10)); }

# expect_201 NAME URL BODY: one request must be answered 201 (the dialect's reply was accepted)
expect_201() {
  local status
  status=$(curl -s -o "$work/reply.txt" -w '%{http_code}' --max-time 20 -H 'Content-Type: application/json' -d "$3" "$2") || true
  [ "$status" = 201 ] || fail "$1 answered $status, not 201: $(head -c 600 "$work/reply.txt")"
}

# JAVA_FLAGS as java reads it: an @file gives one flag a line, # starts a comment
java_flags=()
for flag in $JAVA_FLAGS; do
  if [[ $flag == @* ]]; then
    while read -r line; do for f in ${line%%#*}; do java_flags+=("$f"); done; done <"${flag#@}"
  else
    java_flags+=("$flag")
  fi
done
# the floor runs with the same flags, less the adapter's class-data archive (made for another class path)
floor_flags=()
for flag in "${java_flags[@]}"; do [[ $flag == -XX:SharedArchiveFile=* ]] || floor_flags+=("$flag"); done
# start_adapter NAME: java -jar the README's way, from the repository root; sets adapter_pid, ready_ms
start_adapter() {
  local log=$work/adapter-$1.log t0
  say "start adapter ($1)"
  t0=$(now_ms)
  java "${java_flags[@]}" -jar target/payment-session-adapter.jar >"$log" 2>&1 &
  adapter_pid=$!
  started+=("$adapter_pid")
  wait_for "adapter ($1)" "$adapter_pid" "$log" healthy
  ready_ms=$(($(now_ms) - t0))
}
stop_last() { stop "${started[-1]}"; unset 'started[-1]'; }

# --- 1. nginx: the ceiling and the instant provider ---------------------------------------------------
sed -e "s#@PORT@#$NGINX_PORT#g" -e "s#@DIR@#$work#g" bench/nginx.conf.template >"$work/nginx.conf"
say "start nginx on 127.0.0.1:$NGINX_PORT"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" >"$work/nginx.log" 2>&1 &
nginx_pid=$!
started+=("$nginx_pid")
wait_for nginx "$nginx_pid" "$work/nginx-error.log" listening "$NGINX_PORT"
nginx_url=http://127.0.0.1:$NGINX_PORT
expect_201 "nginx static" "$nginx_url/static" '{}'
warm "nginx static" "$nginx_pid" "$nginx_url/static" '{}' 2
for c in $CONCURRENCIES; do measure "nginx static" "$nginx_pid" "$nginx_url/static" '{}' "$c" "$MEASURE_SECONDS"; done

# --- 2. the Camel floor ---------------------------------------------------------------------------------
say "build and start the Camel floor on 127.0.0.1:$FLOOR_PORT"
javac -d "$work/floor" -cp 'target/lib/*' bench/floor/Floor.java
java "${floor_flags[@]}" -cp "$work/floor:target/lib/*" Floor "$FLOOR_PORT" >"$work/floor.log" 2>&1 &
floor_pid=$!
started+=("$floor_pid")
wait_for "the Camel floor" "$floor_pid" "$work/floor.log" listening "$FLOOR_PORT"
floor_url=http://127.0.0.1:$FLOOR_PORT/floor
expect_201 "the Camel floor" "$floor_url" '{}'
warm "camel floor" "$floor_pid" "$floor_url" '{}' "$JIT_WARMUP_SECONDS"
for c in $CONCURRENCIES; do measure "camel floor" "$floor_pid" "$floor_url" '{}' "$c" "$MEASURE_SECONDS"; done
stop_last

# --- 3. the adapter, local mode (and the soak) --------------------------------------------------------
unset ADAPTER_CONFIG
export ADAPTER_MODE=local
start_adapter local
ready_local_ms=$ready_ms
local_pid=$adapter_pid
expect_201 "the adapter (local)" "$api" "$(body BENCH01)"
warm "adapter local" "$local_pid" "$api" "$(body BENCH01)" "$JIT_WARMUP_SECONDS"
for c in $CONCURRENCIES; do measure "adapter local" "$local_pid" "$api" "$(body BENCH01)" "$c" "$MEASURE_SECONDS"; done

soak_report=()
if [ "$SOAK_SECONDS" -gt 0 ]; then
  # Paced closed loop, in slices of SOAK_SAMPLE_SECONDS with an RSS sample after each: every connection
  # pauses before each request (20 ms, or less when 100 connections could not carry the rate at 20 ms:
  # wrk's pauses are whole milliseconds, and latency under load adds to each cycle), and each slice sizes
  # its connections from the previous slice's cycle (pause + latency) so the rate settles at the target
  # (at most 200 connections, the first slice's too: under the adapter's max-connections of 256).
  target_rate=$((${peak[adapter local]} * 80 / 100))
  pause_ms=$((100 * 1000 / (target_rate > 0 ? target_rate : 1)))
  pause_ms=$((pause_ms > 20 ? 20 : pause_ms < 1 ? 1 : pause_ms))
  connections=$(((target_rate * pause_ms + 999) / 1000))
  connections=$((connections > 200 ? 200 : connections < 1 ? 1 : connections))
  say "soak: ${SOAK_SECONDS}s at ~$target_rate req/s ($connections connections, ${pause_ms} ms pauses at first), RSS every ${SOAK_SAMPLE_SECONDS}s"
  samples=() soak_requests=0 soak_us=0 soak_errors=0
  for _ in $(seq 1 $((SOAK_SECONDS / SOAK_SAMPLE_SECONDS))); do
    out=$(wrk_run "$api" "$(body BENCH01)" "$connections" "$SOAK_SAMPLE_SECONDS" "$pause_ms") || fail "the soak's load gave no result"
    read -r _ requests duration_us _ _ non2xx sockerr <<<"$out"
    samples+=("$(rss_mb "$local_pid")")
    soak_requests=$((soak_requests + requests)) soak_us=$((soak_us + duration_us)) soak_errors=$((soak_errors + non2xx + sockerr))
    cycle_us=$((connections * 1000000 / (requests * 1000000 / duration_us + 1)))
    connections=$(((target_rate * cycle_us + 999999) / 1000000))
    connections=$((connections > 200 ? 200 : connections < 1 ? 1 : connections))
  done
  served[$local_pid]=$((${served[$local_pid]} + soak_requests))
  rss_end=${samples[-1]}
  low=${samples[0]} high=${samples[0]}
  for s in "${samples[@]}"; do ((s < low)) && low=$s; ((s > high)) && high=$s; done
  soak_rate=$((soak_requests * 1000000 / soak_us))
  soak_report+=("soak: $soak_requests requests in ${SOAK_SECONDS}s, $soak_rate req/s = $(pct "$soak_rate" "${peak[adapter local]}")% of the local peak, $soak_errors not 2xx")
  soak_report+=("soak: RSS MB every ${SOAK_SAMPLE_SECONDS}s: ${samples[*]}")
  soak_flat=$((high * 100 <= low * 110))
  soak_served=${served[$local_pid]}
fi
stop_last

# --- 3b. the adapter, local mode on the shared store (README "Running several replicas") ---------------
# its own redis-server on a free port, nothing saved; the one on 6379 is never touched
: "${REDIS_PORT:=18379}"
port_free "$REDIS_PORT" || fail "port $REDIS_PORT (REDIS_PORT) is taken"
command -v redis-server >/dev/null || fail "redis-server is missing: as root, apt-get install -y redis-server"
say "start redis-server on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
redis_pid=$!
started+=("$redis_pid")
wait_for redis-server "$redis_pid" "$work/redis.log" listening "$REDIS_PORT"
printf 'adapter.store.type = redis\nadapter.store.redis.url = redis://127.0.0.1:%s\n' "$REDIS_PORT" >"$work/redis.properties"
export ADAPTER_CONFIG=$work/redis.properties
start_adapter redis
redis_adapter_pid=$adapter_pid
expect_201 "the adapter (redis)" "$api" "$(body BENCH01)"
warm "adapter redis" "$redis_adapter_pid" "$api" "$(body BENCH01)" "$JIT_WARMUP_SECONDS"
for c in $CONCURRENCIES; do measure "adapter redis" "$redis_adapter_pid" "$api" "$(body BENCH01)" "$c" "$MEASURE_SECONDS"; done
stop_last
stop_last   # redis-server
unset ADAPTER_CONFIG

# --- 4. the adapter, live mode against nginx ----------------------------------------------------------
cat >"$work/live.properties" <<PROPS
adapter.mode = live
adapter.providers.mpgs-rest.url = $nginx_url
adapter.providers.mpgs-nvp.url = $nginx_url
adapter.providers.worldline.url = $nginx_url
adapter.providers.paysecure.url = $nginx_url
adapter.merchants.BENCHREST.provider = mpgs-rest
adapter.merchants.BENCHREST.password = {{env:BENCH_PASSWORD}}
adapter.merchants.BENCHNVP.provider = mpgs-nvp
adapter.merchants.BENCHNVP.password = {{env:BENCH_PASSWORD}}
adapter.merchants.BENCHWL.provider = worldline
adapter.merchants.BENCHWL.api-key-id = bench-key-id
adapter.merchants.BENCHWL.secret-api-key = {{env:BENCH_SECRET}}
adapter.merchants.BENCHPS.provider = paysecure
adapter.merchants.BENCHPS.password = {{env:BENCH_PASSWORD}}
adapter.merchants.BENCHPS.user-name = bench-user
adapter.merchants.BENCHPS.api-version = 1.0
PROPS
export ADAPTER_CONFIG=$work/live.properties ADAPTER_MODE=live
start_adapter live
ready_live_ms=$ready_ms
live_pid=$adapter_pid
dialects=(mpgs-rest mpgs-nvp worldline paysecure)
declare -A merchant_of=([mpgs-rest]=BENCHREST [mpgs-nvp]=BENCHNVP [worldline]=BENCHWL [paysecure]=BENCHPS)
for d in "${dialects[@]}"; do expect_201 "the adapter ($d against nginx)" "$api" "$(body "${merchant_of[$d]}")"; done
first=yes
for d in "${dialects[@]}"; do
  warm "adapter $d" "$live_pid" "$api" "$(body "${merchant_of[$d]}")" "$([ $first = yes ] && echo "$JIT_WARMUP_SECONDS" || echo "$WARMUP_SECONDS")"
  first=no
  for c in $CONCURRENCIES; do measure "adapter $d" "$live_pid" "$api" "$(body "${merchant_of[$d]}")" "$c" "$MEASURE_SECONDS"; done
done
# added latency: the same nginx reply, called directly and through the adapter, by 4 callers
measure "nginx mpgs-rest" "$nginx_pid" "$nginx_url/api/rest/version/100/merchant/BENCHREST/session" "$(body BENCHREST)" 4 "$LATENCY_SECONDS" latency
direct_p50=$p50 direct_p99=$p99
measure "adapter mpgs-rest" "$live_pid" "$api" "$(body BENCHREST)" 4 "$LATENCY_SECONDS" latency
added_p50=$((p50 - direct_p50)) added_p99=$((p99 - direct_p99))
stop_last

# --- 5. a hung provider: the calls waiting on it hold sockets, not threads -----------------------------
# It accepts every connection and never answers (bench/hung/Hang.java). HUNG_CALLS callers call it at once
# through an adapter that allows that many calls in flight; once they all are (or after 20 s), the
# adapter's threads, RSS and open connections to the provider are read. The provider goes first, so the calls end at once and the drain is short.
: "${HUNG_CALLS:=1000}" "${HUNG_PORT:=18091}"
port_free "$HUNG_PORT" || fail "port $HUNG_PORT is in use (HUNG_PORT)"
say "start a hung provider on 127.0.0.1:$HUNG_PORT"
java bench/hung/Hang.java "$HUNG_PORT" >"$work/hang.log" 2>&1 &
hang_pid=$!
started+=("$hang_pid")
wait_for "the hung provider" "$hang_pid" "$work/hang.log" listening "$HUNG_PORT"
cat >"$work/hung.properties" <<PROPS
adapter.mode = live
adapter.http.max-connections = $((HUNG_CALLS + 64))
adapter.providers.mpgs-rest.url = http://127.0.0.1:$HUNG_PORT
adapter.providers.mpgs-rest.max-concurrent-calls = $HUNG_CALLS
adapter.providers.mpgs-rest.queue-wait-ms = 0
adapter.providers.mpgs-rest.response-timeout-ms = 60000
adapter.providers.mpgs-rest.call-timeout-ms = 65000
adapter.merchants.BENCHHUNG.provider = mpgs-rest
adapter.merchants.BENCHHUNG.password = {{env:BENCH_PASSWORD}}
PROPS
export ADAPTER_CONFIG=$work/hung.properties
start_adapter hung
hung_adapter_pid=$adapter_pid
say "$HUNG_CALLS calls at once to the hung provider"
BENCH_BODY=$(body BENCHHUNG) wrk -t1 -c"$HUNG_CALLS" -d25s --timeout 70s -s bench/wrk.lua "$api" >"$work/hung-wrk.out" 2>&1 &
hung_wrk_pid=$!
started+=("$hung_wrk_pid")
# read once every call is in flight (the connections take a few seconds to open), or after 20 s
for _ in $(seq 1 20); do
  sleep 1
  hung_in_flight=$(ss -Htn state established "( dport = :$HUNG_PORT )" | wc -l)
  ((hung_in_flight >= HUNG_CALLS)) && break
done
sleep 1
hung_threads=$(status_field "$hung_adapter_pid" Threads) hung_rss=$(rss_mb "$hung_adapter_pid")
wait "$hung_wrk_pid" || true
unset 'started[-1]'
stop "$hang_pid"
stop "$hung_adapter_pid"
unset ADAPTER_CONFIG

# --- the table and the ratios -------------------------------------------------------------------------
mark() { if [ "$1" = 1 ]; then printf '%-8s' met; else printf '%-8s' 'NOT MET'; fi; shift; echo "$*"; }
echo
echo "bench/run.sh $mode: $(nproc) cores, warm-up ${JIT_WARMUP_SECONDS}s (first run of each JVM) / ${WARMUP_SECONDS}s, ${MEASURE_SECONDS}s a window, wrk -t1"
printf '%-18s %4s %8s %8s %8s %8s %8s %10s %7s %7s\n' target c '2xx/s' 'p50 ms' 'p99 ms' non-2xx sock-err 'CPU µs/r' threads 'RSS MB'
printf '%s\n' "${rows[@]}"
echo
floor_peak=${peak[camel floor]} local_peak=${peak[adapter local]}
echo "peaks: nginx ${peak[nginx static]} 2xx/s, floor $floor_peak ($(pct "$floor_peak" "${peak[nginx static]}")% of nginx), local $local_peak ($(pct "$local_peak" "${peak[nginx static]}")% of nginx)"
mark $((local_peak * 100 >= floor_peak * 70)) "local peak $local_peak 2xx/s = $(pct "$local_peak" "$floor_peak")% of the floor's $floor_peak (>= 70%)"
floor_cpu=$(cpu10_of "camel floor") local_cpu=$(cpu10_of "adapter local")
redis_cpu=$(cpu10_of "adapter redis")
echo "info    redis store: peak ${peak[adapter redis]} 2xx/s = $(pct "${peak[adapter redis]}" "$local_peak")% of local's in memory; adapter CPU $(tenths "$redis_cpu") µs/request against $(tenths "$local_cpu") (redis-server's own CPU not counted)"
mark $((local_cpu * 10 <= floor_cpu * 15)) "local CPU $(tenths "$local_cpu") µs/request = $(tenths $((local_cpu * 10 / (floor_cpu > 0 ? floor_cpu : 1))))x the floor's $(tenths "$floor_cpu") (<= 1.5x)"
for d in "${dialects[@]}"; do
  mark $((${peak[adapter $d]} * 100 >= local_peak * 60)) "$d peak ${peak[adapter $d]} 2xx/s = $(pct "${peak[adapter $d]}" "$local_peak")% of local's (>= 60%)"
done
errors=""
for t in "${targets[@]}"; do ((${errors_sum[$t]} > 0)) && errors+="${errors:+, }$t ${errors_sum[$t]}"; done
mark $([ -z "$errors" ] && echo 1 || echo 0) "replies not 2xx, and socket errors: ${errors:-none}"
mark $((added_p50 < 1000 && added_p99 < 5000)) "added latency at c=4 (mpgs-rest through the adapter minus nginx direct): p50 $(ms $((added_p50 > 0 ? added_p50 : 0))) ms (< 1), p99 $(ms $((added_p99 > 0 ? added_p99 : 0))) ms (< 5)"
threads_peak=0 rss_peak=0
for t in "adapter local" "${dialects[@]/#/adapter }"; do
  ((${threads_max[$t]} > threads_peak)) && threads_peak=${threads_max[$t]}
  ((${rss_max[$t]} > rss_peak)) && rss_peak=${rss_max[$t]}
done
mark $((threads_peak < 60)) "adapter threads at most $threads_peak under load (< 60)"
mark $((hung_threads < 60 && hung_in_flight * 10 >= HUNG_CALLS * 9)) "a hung provider with $hung_in_flight calls in flight (of $HUNG_CALLS sent): adapter threads $hung_threads (< 60), RSS $hung_rss MB"
echo "info    adapter RSS at most $rss_peak MB under load, with ${java_flags[*]} (the 300 MB bound is for after 1 million requests: see the soak)"
mark $((ready_local_ms < 3000)) "ready (/observe/health UP) $(ms "$ready_local_ms") s after java -jar, local mode (< 3 s)"
mark $((ready_live_ms < 3000)) "ready $(ms "$ready_live_ms") s after java -jar, live mode with four merchants (< 3 s)"
if [ "$SOAK_SECONDS" -gt 0 ]; then
  printf 'info    %s\n' "${soak_report[@]}"
  mark "$soak_flat" "soak: RSS flat within 10% (lowest $low MB, highest $high MB)"
  mark $((soak_served >= 1000000 && rss_end < 300)) "RSS $rss_end MB at the soak's end, after $soak_served requests to that process, warm-ups included (< 300 MB after >= 1,000,000)"
else
  echo "info    no soak (SOAK_SECONDS=0; full mode runs 600 s)"
fi
