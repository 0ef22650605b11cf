# Shared by the comparison scripts: their arguments, the peers, the CLI, the generated CSV, and timing commands with
# GNU time. Source it as `. bench/compare/lib.sh "$@"` after setting `bench_name` and the defaults of `rows`, `runs`
# and `out`; it parses --rows, --runs, --out and --csv, and sets `cli`, `csv`, `csv_abs`, `size_mib` and `tmp`
# (removed on exit). Optional: `needs_peers=0` skips installing the test peers.

# shellcheck source=bench/compare/common.sh
. bench/compare/common.sh

csv="${csv:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --csv) csv="$2"; shift 2 ;;
    *) echo "usage: bench/compare/${bench_name:-run}.sh [--rows N] [--runs N] [--out FILE.md] [--csv FILE]" >&2; exit 2 ;;
  esac
done

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

if [ -n "$csv" ]; then :; elif [ "$rows" -eq 5000000 ]; then csv="bench/out/mixed-5m.csv"; else csv="bench/out/mixed-$rows.csv"; fi
if [ ! -f "$csv" ]; then
  say "generating $csv ($rows rows)"
  mkdir -p bench/out
  dotnet run --project bench/DatumSync.Benchmarks -c Release -- generate --rows "$rows" --out "$csv.partial" </dev/null >&2
  mv "$csv.partial" "$csv"
fi
case "$csv" in /*) csv_abs="$csv" ;; *) csv_abs="$root/$csv" ;; esac
cat "$csv" >/dev/null # warm the page cache: every tool then reads from memory
size_mib=$(mib "$(stat -L -c %s "$csv")")

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# best_of COMMAND...: runs it $runs times; sets best_wall, best_rss (KiB) and best_cpu (user + system seconds) of the
# fastest run, and read_rows (the last line of its stdout); returns 1 (with the error shown) as soon as a run fails.
# On a shared machine the CPU seconds are the steadier figure.
best_of() {
  local i wall rss user sys
  best_wall="" best_rss="" best_cpu="" read_rows=""
  for ((i = 1; i <= runs; i++)); do
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null; then
      say "  failed: $(head -n 3 "$tmp/stderr" | tr '\n' ' ')"
      return 1
    fi
    read -r wall rss user sys < <(tail -n 1 "$tmp/time")
    say "  run $i: ${wall} s, $((rss / 1024)) MiB, cpu $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s"
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall="$wall"
      best_rss="$rss"
      best_cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    fi
    read_rows="$(tail -n 1 "$tmp/stdout" | tr -d '[:space:]')"
  done
}

