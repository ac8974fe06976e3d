#!/usr/bin/env bash
# Benchmark: starts the packaged adapter the README's way on loopback, loads it, prints the numbers.
#   bench/run.sh            local mode: validation, routing, the session store, JSON (the adapter alone)
#   bench/run.sh live       live mode against a Mastercard REST stand-in (adds the camel-http hop)
# Environment: REQUESTS (default 20000), CONCURRENCY (16), HTTP_PORT (18080), MANAGEMENT_PORT (19876), STUB_PORT (18099).
# Numbers from a 2-core machine that is doing other work vary; compare runs on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-local}
requests=${REQUESTS:-20000}
concurrency=${CONCURRENCY:-16}
export HTTP_PORT=${HTTP_PORT:-18080} MANAGEMENT_PORT=${MANAGEMENT_PORT:-19876}
stub_port=${STUB_PORT:-18099}

[ -f target/payment-session-adapter.jar ] || mvn -B -q package -DskipTests

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
merchant=BENCH01
if [ "$mode" = live ]; then
  java bench/MpgsStub.java "$stub_port" & pids+=($!)
  config=$(mktemp)
  cat > "$config" <<PROPS
adapter.mode = live
adapter.providers.mpgs-rest.url = http://127.0.0.1:$stub_port
adapter.merchants.BENCH01.provider = mpgs-rest
adapter.merchants.BENCH01.provider-merchant-id = TESTAB2894354
adapter.merchants.BENCH01.password = bench-password
PROPS
  export ADAPTER_CONFIG=$config
fi
java -jar target/payment-session-adapter.jar > "target/bench-adapter-$mode.log" 2>&1 & pids+=($!)

for _ in $(seq 1 120); do
  if (exec 3<>/dev/tcp/127.0.0.1/"$MANAGEMENT_PORT") 2>/dev/null; then break; fi
  sleep 0.5
done
sleep 1
echo "mode=$mode"
java bench/Load.java "http://127.0.0.1:$HTTP_PORT/api/v1/sessions" "$requests" "$concurrency" "$merchant"
