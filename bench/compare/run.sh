#!/usr/bin/env bash
# Whole-command comparison: `datumsync inspect FILE --json` against DuckDB, Polars and (when Debian's python3-pandas
# is installed) pandas reading the same generated CSV, on this machine. Wall time and peak RSS come from GNU time;
# each tool's figure is the fastest of RUNS runs (its peak RSS is that run's), after one untimed read warms the
# page cache. A tool that fails is recorded as "n/a (command failed)" and the run goes on.
#
#   bench/compare/run.sh                      5,000,000 rows → bench/results/compare-inspect.md
#   bench/compare/run.sh --rows 200000 --runs 1 --out /tmp/quick.md   a quick check
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rows=5000000
runs=3
out="bench/results/compare-inspect.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: bench/compare/run.sh [--rows N] [--runs N] [--out FILE.md]" >&2; exit 2 ;;
  esac
done
say() { echo "[compare] $*" >&2; }
group() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; } # 5000000 → 5,000,000

if [ ! -x /usr/bin/time ]; then
  say "GNU time is missing: apt-get install time (./test installs it)"
  exit 2
fi

# --- what the comparison needs ---------------------------------------------------------------------------------
stamp=tests/peers/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s tests/peers/package-lock.json "$stamp"; then
  say "installing test peers (npm ci in tests/peers)"
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2)
  cp tests/peers/package-lock.json "$stamp"
fi
./datumsync --help >/dev/null # builds the CLI in Release when it is missing or stale
cli_dll="$root/artifacts/cli/datumsync.dll"

if [ "$rows" -eq 5000000 ]; then csv="bench/out/mixed-5m.csv"; else csv="bench/out/mixed-$rows.csv"; fi
if [ ! -f "$csv" ]; then
  say "generating $csv ($rows rows)"
  mkdir -p bench/out
  dotnet run --project bench/DatumSync.Benchmarks -c Release -- generate --rows "$rows" --out "$csv.partial" </dev/null >&2
  mv "$csv.partial" "$csv"
fi
csv_abs="$root/$csv"
size_mib=$(awk -v b="$(stat -L -c %s "$csv")" 'BEGIN { printf "%.1f", b / 1048576 }')
cat "$csv" >/dev/null # warm the page cache: every tool then reads from memory

# --- measuring ---------------------------------------------------------------------------------------------------
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
results=() # one "tool|command|wall|rss_kib|rows_read" per tool; wall empty when the tool failed

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

# measure TOOL DISPLAY-COMMAND -- COMMAND...: one row of the table
measure() {
  local tool="$1" shown="$2"
  shift 3
  say "$tool: $shown"
  if best_of "$@"; then
    results+=("$tool|$shown|$best_wall|$best_rss|$read_rows")
  else
    results+=("$tool|$shown|||")
  fi
}

# startup TOOL DISPLAY-COMMAND -- COMMAND...: the fixed cost of starting a tool, for the notes
startups=()
startup() {
  local tool="$1" shown="$2"
  shift 3
  say "$tool start-up: $shown"
  if best_of "$@"; then
    startups+=("$tool \`$shown\`: $best_wall s, $(awk -v k="$best_rss" 'BEGIN { printf "%.0f", k / 1024 }') MiB")
  else
    startups+=("$tool \`$shown\`: n/a (command failed)")
  fi
}

name="$(basename "$csv")"
measure "DatumSync" "datumsync inspect $name --json" -- dotnet "$cli_dll" inspect "$csv_abs" --json
measure "DuckDB (count)" "SELECT count(*) FROM read_csv('$name')" -- node bench/compare/duckdb-read.mjs count "$csv_abs"
measure "DuckDB (full read)" "CREATE TEMP TABLE t AS SELECT * FROM read_csv('$name')" -- node bench/compare/duckdb-read.mjs full "$csv_abs"
measure "Polars" "pl.readCSV('$name', {ignoreErrors: false, tryParseDates: true})" -- env POLARS_MAX_THREADS=2 node bench/compare/polars-read.mjs "$csv_abs"
startup "DatumSync" "datumsync --help" -- dotnet "$cli_dll" --help
startup "DuckDB" "SELECT version()" -- node bench/compare/duckdb-read.mjs version
startup "Polars" "import nodejs-polars" -- node bench/compare/polars-read.mjs version
pandas_version=""
if /usr/bin/python3 -c "import pandas" >/dev/null 2>&1; then
  pandas_version="$(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)')"
  measure "pandas" "pd.read_csv('$name', parse_dates=['day', 'ts'])" -- /usr/bin/python3 -c \
    'import sys, pandas as pd; print(len(pd.read_csv(sys.argv[1], parse_dates=["day", "ts"])))' "$csv_abs"
  startup "pandas" "import pandas" -- /usr/bin/python3 -c 'import pandas'
else
  say "pandas: skipped (/usr/bin/python3 cannot import pandas; Debian's python3-pandas provides it)"
fi

# --- the report ----------------------------------------------------------------------------------------------------
base_wall=""
count_wall=""
for r in "${results[@]}"; do
  IFS='|' read -r tool _ wall _ _ <<<"$r"
  if [ "$tool" = "DuckDB (full read)" ]; then base_wall="$wall"; fi
  if [ "$tool" = "DuckDB (count)" ]; then count_wall="$wall"; fi
done

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
os="$(. /etc/os-release && echo "$PRETTY_NAME")"
dotnet_runtime="$(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1)"
duckdb_version="$(node bench/compare/duckdb-read.mjs version 2>/dev/null || echo "?")"
polars_version="$(node bench/compare/polars-read.mjs version 2>/dev/null || echo "?")"

mkdir -p "$(dirname "$out")"
{
  echo "# Whole-command comparison: inspecting a CSV"
  echo
  echo "Input: \`$csv\`, $(group "$rows") rows, $size_mib MiB, generated by \`MixedCsvGenerator\`"
  echo "(columns \`id,amount,category,name,day,ts,active,qty\`; ~2% empty fields; a quoted multi-line name every 1000 rows)."
  echo "Each figure is the fastest of $runs runs (and that run's peak RSS), measured with GNU time after one untimed"
  echo "read warmed the page cache. Ratios = wall time ÷ DuckDB's \`count(*)\` and ÷ DuckDB's full read. Generated by \`bench/compare/run.sh\` on $(date -u +%Y-%m-%d)."
  echo
  echo "| tool | command | wall s | peak RSS MiB | rows/s | ÷ DuckDB count(*) | ÷ DuckDB full read |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for r in "${results[@]}"; do
    IFS='|' read -r tool shown wall rss read_rows <<<"$r"
    if [ -z "$wall" ]; then
      echo "| $tool | \`$shown\` | n/a (command failed) | | | | |"
      continue
    fi
    rate="$(awk -v n="$rows" -v w="$wall" 'BEGIN { if (w > 0) printf "%.0f", n / w; else print "" }')"
    [ -n "$rate" ] && rate="$(group "$rate")" || rate="—"
    ratio="—"
    if [ -n "$base_wall" ]; then ratio="$(awk -v w="$wall" -v b="$base_wall" 'BEGIN { if (b > 0) printf "%.2f×", w / b; else print "—" }')"; fi
    count_ratio="—"
    if [ -n "$count_wall" ]; then count_ratio="$(awk -v w="$wall" -v b="$count_wall" 'BEGIN { if (b > 0) printf "%.2f×", w / b; else print "—" }')"; fi
    note=""
    if [[ "$read_rows" =~ ^[0-9]+$ ]] && [ "$read_rows" != "$rows" ]; then note=" (read $read_rows rows!)"; fi
    echo "| $tool | \`$shown\` | $wall | $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') | $rate$note | $count_ratio | $ratio |"
  done
  echo
  echo "Notes:"
  echo "- DuckDB and Polars run inside Node.js (\`bench/compare/*.mjs\`, packages pinned in \`tests/peers\`); DatumSync"
  echo "  runs as \`dotnet artifacts/cli/datumsync.dll\` (what \`./datumsync\` execs). Both engines"
  echo "  are limited to 2 threads, the cores this machine has (pandas reads on one). Every figure includes starting the"
  echo "  tool; alone that costs:"
  for s in "${startups[@]}"; do echo "  - $s"; done
  echo "- \`count(*)\` lets DuckDB skip converting most values; the full read parses and types every column into a"
  echo "  table, which is what an inspect that checks every value has to match."
  if [ -z "$pandas_version" ]; then echo "- pandas: not measured (Debian's python3-pandas is not installed on this machine)."; fi
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $cpu |"
  echo "| cores | $(nproc) |"
  echo "| RAM | $mem |"
  echo "| OS | $os |"
  echo "| .NET | SDK $(dotnet --version), runtime $dotnet_runtime |"
  echo "| Node.js | $(node --version) |"
  echo "| DuckDB | $duckdb_version (@duckdb/node-api $(node -p 'require("./tests/peers/node_modules/@duckdb/node-api/package.json").version')) |"
  echo "| Polars | nodejs-polars $polars_version |"
  if [ -n "$pandas_version" ]; then echo "| pandas | $pandas_version |"; fi
} >"$out"
say "wrote $out"
cat "$out"
