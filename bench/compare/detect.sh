#!/usr/bin/env bash
# Times `datumsync detect FILE --json` (and `datumsync inspect FILE --json` as the reading baseline) on the generated
# benchmark CSV, with GNU time: wall time and peak RSS, the fastest of RUNS runs after one untimed read.
# No peers are needed, so this does not source lib.sh (which installs them); the CSV is generated the same way.
#
#   bench/compare/detect.sh                              5,000,000 rows
#   bench/compare/detect.sh --rows 200000 --runs 1        a quick check
#   bench/compare/detect.sh --csv /path/to/mixed-5m.csv   reuse an already generated file
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rows=5000000
runs=3
csv=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --csv) csv="$2"; shift 2 ;;
    *) echo "usage: bench/compare/detect.sh [--rows N] [--runs N] [--csv FILE]" >&2; exit 2 ;;
  esac
done
say() { echo "[detect-bench] $*" >&2; }

./datumsync --help >/dev/null # builds (and publishes) the CLI when it is missing or stale
cli="$root/artifacts/cli/datumsync.dll"
if [ -z "$csv" ]; then
  if [ "$rows" -eq 5000000 ]; then csv="bench/out/mixed-5m.csv"; else csv="bench/out/mixed-$rows.csv"; fi
  if [ ! -f "$csv" ]; then
    say "generating $csv ($rows rows)"
    mkdir -p bench/out
    dotnet run --project bench/DatumSync.Benchmarks -c Release -- generate --rows "$rows" --out "$csv.partial" </dev/null >&2
    mv "$csv.partial" "$csv"
  fi
fi
cat "$csv" >/dev/null # warm the page cache
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for command in inspect detect; do
  best=""
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -f '%e %M' -o "$tmp/time" dotnet "$cli" "$command" "$csv" --json --quiet >"$tmp/out.json" </dev/null
    read -r wall rss < <(tail -n 1 "$tmp/time")
    say "$command run $i: ${wall} s, $((rss / 1024)) MiB"
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$wall $rss"; fi
  done
  echo "$command: best of $runs: ${best%% *} s, $(( ${best##* } / 1024 )) MiB peak RSS"
  if [ "$command" = detect ]; then
    echo "dataset type: $(grep -o '"best": *"[^"]*"' "$tmp/out.json" | head -n 1), semantic types:"
    grep -o '"semantic_type": *"[^"]*"' "$tmp/out.json" | sed 's/.*: *//' | tr '\n' ' '
    echo
  fi
done
