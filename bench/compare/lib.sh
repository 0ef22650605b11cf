# Shared by run.sh and parquet.sh: the peers, the CLI, the generated CSV, and timing commands with GNU time.
# Source it after setting `rows` and `runs`; it sets `cli`, `csv`, `csv_abs` and `tmp` (removed on exit).
# Optional: `needs_peers=0` skips installing the test peers; a non-empty `csv` uses that file instead of generating one.

say() { echo "[${bench_name:-compare}] $*" >&2; }
group() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; } # 5000000 → 5,000,000

if [ ! -x /usr/bin/time ]; then
  say "GNU time is missing: apt-get install time (./test installs it)"
  exit 2
fi

stamp=tests/peers/node_modules/.lock-stamp
if [ "${needs_peers:-1}" = 1 ] && { [ ! -f "$stamp" ] || ! cmp -s tests/peers/package-lock.json "$stamp"; }; then
  say "installing test peers (npm ci in tests/peers)"
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2)
  cp tests/peers/package-lock.json "$stamp"
fi
./datumsync --help >/dev/null # builds (and publishes) the CLI when it is missing or stale
cli="$root/artifacts/cli/datumsync.dll"

if [ -n "${csv:-}" ]; then :; elif [ "$rows" -eq 5000000 ]; then csv="bench/out/mixed-5m.csv"; else csv="bench/out/mixed-$rows.csv"; fi
if [ ! -f "$csv" ]; then
  say "generating $csv ($rows rows)"
  mkdir -p bench/out
  dotnet run --project bench/DatumSync.Benchmarks -c Release -- generate --rows "$rows" --out "$csv.partial" </dev/null >&2
  mv "$csv.partial" "$csv"
fi
case "$csv" in /*) csv_abs="$csv" ;; *) csv_abs="$root/$csv" ;; esac
cat "$csv" >/dev/null # warm the page cache: every tool then reads from memory

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# best_of COMMAND...: runs it $runs times; sets best_wall, best_rss (KiB, of the fastest run) and read_rows (the last
# line of its stdout); returns 1 (with the error shown) as soon as a run fails.
best_of() {
  local i wall rss
  best_wall="" best_rss="" read_rows=""
  for ((i = 1; i <= runs; i++)); do
    if ! /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null; then
      say "  failed: $(head -n 3 "$tmp/stderr" | tr '\n' ' ')"
      return 1
    fi
    read -r wall rss < <(tail -n 1 "$tmp/time")
    say "  run $i: ${wall} s, $((rss / 1024)) MiB"
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall="$wall"
      best_rss="$rss"
    fi
    read_rows="$(tail -n 1 "$tmp/stdout" | tr -d '[:space:]')"
  done
}

# machine_table: the markdown table describing this machine.
machine_table() {
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1) |"
  echo "| cores | $(nproc) |"
  echo "| RAM | $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME") |"
  echo "| .NET | SDK $(dotnet --version), runtime $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1) |"
  echo "| Node.js | $(node --version) |"
}
