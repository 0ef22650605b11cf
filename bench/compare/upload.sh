#!/usr/bin/env bash
# Upload throughput and server memory: starts `datumsync serve --workers 0` on a fresh data directory for each run,
# uploads a generated CSV of 100 MB and 1 GB with curl (raw body and multipart), and reports MB/s and the server's
# peak RSS (VmHWM from /proc/<pid>/status) after start-up and after the upload. Writes bench/results/upload.md.
#   bench/compare/upload.sh            # 100 MB and 1024 MB
#   SIZES="100 300" bench/compare/upload.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bench_name=upload
# shellcheck source=bench/compare/common.sh
. bench/compare/common.sh
sizes="${SIZES:-100 1024}"
out="bench/results/upload.md"

command -v curl >/dev/null || { say "curl is missing (apt-get install curl)"; exit 2; }
./datumsync --help >/dev/null # builds the CLI when it is missing or stale
cli="$root/artifacts/cli/datumsync.dll"

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# make_csv MB PATH: a CSV of exactly MB MiB of mixed values (each run has a fresh data directory, so none is a duplicate).
make_csv() {
  # `yes` ends on SIGPIPE when head has enough: not a failure.
  { echo "id,name,amount,day,flag"; yes "123456,some text value with spaces,3.14159,2024-01-31,true"; } | head -c "$(($1 << 20))" >"$2" || true
  [ "$(stat -c %s "$2")" -eq "$(($1 << 20))" ] || { say "could not generate $2"; exit 1; }
}

vmhwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }
vmrss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

start_server() {
  local port data
  port=$((20000 + RANDOM % 20000))
  data="$tmp/data-$RANDOM"
  base="http://127.0.0.1:$port"
  dotnet "$cli" serve --urls "$base" --data-dir "$data" --workers 0 --max-upload-mb 4096 >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    curl -fs "$base/ready" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fs "$base/ready" >/dev/null || { say "server did not start"; cat "$tmp/server.log" >&2; exit 1; }
  # One small upload first, so the "before" figure includes the upload path's code and buffers.
  printf 'a,b\n1,2\n' | curl -fs -X POST --data-binary @- "$base/api/datasets?name=warmup.csv" >/dev/null
  before_hwm=$(vmhwm "$server_pid")
}

stop_server() {
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for mb in $sizes; do
  file="$tmp/upload-$mb.csv"
  say "generating $mb MB"
  make_csv "$mb" "$file"
  for mode in raw multipart; do
    start_server
    say "$mode upload of $mb MB"
    if [ "$mode" = raw ]; then
      seconds=$(curl -fsS -o "$tmp/resp.json" -w '%{time_total}' -X POST -H 'Content-Type: text/csv' -T "$file" "$base/api/datasets?name=big.csv")  # -T streams; --data-binary would load the file into curl's memory
    else
      seconds=$(curl -fsS -o "$tmp/resp.json" -w '%{time_total}' -F "file=@$file;type=text/csv" "$base/api/datasets")
    fi
    grep -q '"duplicate":false' "$tmp/resp.json" || { say "unexpected answer: $(head -c 300 "$tmp/resp.json")"; exit 1; }
    after_hwm=$(vmhwm "$server_pid")
    after_rss=$(vmrss "$server_pid")
    rate=$(awk -v mb="$mb" -v s="$seconds" 'BEGIN { printf "%.0f", mb / s }')
    say "  $seconds s, $rate MB/s, peak RSS $((before_hwm / 1024)) -> $((after_hwm / 1024)) MiB"
    rows+=("| $mb MB | $mode | $seconds | $rate | $((before_hwm / 1024)) | $((after_hwm / 1024)) | $((after_rss / 1024)) |")
    stop_server
  done
  rm -f "$file"
done

{
  echo "# Upload throughput and server memory"
  echo
  echo "\`bench/compare/upload.sh\` ($(date -u +%Y-%m-%d)): \`datumsync serve --workers 0\` on a fresh data directory per run (SQLite"
  echo "catalog, filesystem store on the same disk), one upload with curl over loopback. The body is streamed to a temporary"
  echo "file while hashed (SHA-256), the schema read from its head, then the file is moved into the store. Peak RSS is the"
  echo "server's VmHWM after start-up plus a tiny warm-up upload (before) and after the big upload (after)."
  echo
  machine_table
  echo "| load average (1/5/15 min) at start / end | $load_start / $(cut -d' ' -f1-3 /proc/loadavg) — other engineers' builds and tests share the 2 cores |"
  echo
  echo "Throughput is loopback, disk-bound (write to tmp/ + rename into the store) and noisy under that load; the memory"
  echo "columns are the point: the peak does not move with the upload size."
  echo
  echo "| size | body | seconds | MB/s | peak RSS before (MiB) | peak RSS after (MiB) | RSS after (MiB) |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$out"
say "wrote $out"
cat "$out"
