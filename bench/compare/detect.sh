#!/usr/bin/env bash
# Times `datumsync detect FILE --json` (and `datumsync inspect FILE --json` as the reading baseline) on the generated
# benchmark CSV of run.sh, with GNU time: wall time and peak RSS, the fastest of RUNS runs after the page cache is warm.
# No peers are needed (needs_peers=0).
#
#   bench/compare/detect.sh                              5,000,000 rows (generated like run.sh's when missing)
#   bench/compare/detect.sh --rows 200000 --runs 1        a quick check
#   bench/compare/detect.sh --csv /path/to/mixed-5m.csv   reuse an already generated file
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rows=5000000
runs=3
bench_name=detect
needs_peers=0
# shellcheck source=bench/compare/lib.sh
. bench/compare/lib.sh "$@"

for command in inspect detect; do
  say "$command"
  best_of dotnet "$cli" "$command" "$csv_abs" --json --quiet
  echo "$command: best of $runs: $best_wall s, $((best_rss / 1024)) MiB peak RSS"
  if [ "$command" = detect ]; then
    echo "dataset type: $(grep -o '"best": *"[^"]*"' "$tmp/stdout" | head -n 1); semantic types: $(grep -o '"semantic_type": *"[^"]*"' "$tmp/stdout" | sed 's/.*: *//' | tr '\n' ' ')"
  fi
done
