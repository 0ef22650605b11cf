// Polars side of bench/compare/run.sh: reads the whole CSV into a DataFrame with every column typed (dates and
// timestamps parsed, as DuckDB and DatumSync do) and prints its row count; "version" loads Polars and prints its
// version (the start-up cost alone).
// Polars uses every core (two here); POLARS_MAX_THREADS is set by run.sh to make that explicit.
import { peer, peerVersion } from "./peers.mjs";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node polars-read.mjs FILE | version\n");
  process.exit(2);
}
const pl = (await peer("nodejs-polars")).default;
if (file === "version") {
  process.stdout.write(`${peerVersion("nodejs-polars")}\n`);
} else {
  const df = pl.readCSV(file, { ignoreErrors: false, tryParseDates: true });
  process.stdout.write(`${df.height}\n`);
}
