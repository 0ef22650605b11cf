// Polars side of bench/compare/parquet.sh (POLARS_MAX_THREADS=2 set by the script):
//   node polars-parquet.mjs write CSV OUT CODEC   readCSV(CSV, typed) then writeParquet(OUT, {compression: CODEC})
//   node polars-parquet.mjs scan FILE             readParquet(FILE)
// Prints the number of rows on stdout.
import { peer } from "./peers.mjs";

const pl = (await peer("nodejs-polars")).default;
const [mode, a, b, codec] = process.argv.slice(2);
if (mode === "write") {
  const df = pl.readCSV(a, { ignoreErrors: false, tryParseDates: true });
  df.writeParquet(b, { compression: codec ?? "snappy" });
  process.stdout.write(`${df.height}\n`);
} else if (mode === "scan") {
  process.stdout.write(`${pl.readParquet(a).height}\n`);
} else {
  process.stderr.write("usage: node polars-parquet.mjs write CSV OUT CODEC | scan FILE\n");
  process.exit(2);
}
