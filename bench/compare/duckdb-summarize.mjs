// DuckDB side of bench/compare/profile.sh: SUMMARIZE over a CSV or Parquet file, two threads. Prints the row count
// SUMMARIZE reports for the first column (so the script can check every row was read).
//   node duckdb-summarize.mjs FILE
import { peer } from "./peers.mjs";

const { DuckDBInstance } = await peer("@duckdb/node-api");
const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node duckdb-summarize.mjs FILE.csv|FILE.parquet\n");
  process.exit(2);
}
const literal = (s) => `'${String(s).replaceAll("'", "''")}'`;
const source = file.endsWith(".parquet") ? `read_parquet(${literal(file)})` : `read_csv(${literal(file)})`;

const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
try {
  await connection.run("SET threads=2");
  const reader = await connection.runAndReadAll(`SUMMARIZE SELECT * FROM ${source}`);
  const columns = reader.columnNames();
  const rows = reader.getRows();
  process.stdout.write(`${String(rows[0][columns.indexOf("count")])}\n`);
} finally {
  connection.closeSync();
}
