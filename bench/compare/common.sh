# Helpers shared by every benchmark script (sourced by lib.sh and upload.sh): messages, number formatting and the
# markdown table describing the machine.

say() { echo "[${bench_name:-compare}] $*" >&2; }
group() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; } # 5000000 → 5,000,000
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; } # bytes → MiB with one decimal

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
