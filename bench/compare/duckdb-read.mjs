// DuckDB side of bench/compare/run.sh. Prints the number of rows read (or DuckDB's version) on stdout.
//   node duckdb-read.mjs count FILE    SELECT count(*) FROM read_csv(FILE): DuckDB may skip converting values
//   node duckdb-read.mjs full FILE     every column parsed and typed into a temporary table, then counted
//   node duckdb-read.mjs version
// Two threads, like the machine has: DuckDB would use every core anyway, this only makes it explicit.
import { peer } from "./peers.mjs";

const { DuckDBInstance } = await peer("@duckdb/node-api");
const [mode, file] = process.argv.slice(2);
const literal = (s) => `'${String(s).replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
try {
  await connection.run("SET threads=2");
  let sql;
  if (mode === "version") sql = "SELECT version() AS v";
  else if (mode === "count" && file) sql = `SELECT count(*) AS n FROM read_csv(${literal(file)})`;
  else if (mode === "full" && file) sql = `CREATE TEMP TABLE t AS SELECT * FROM read_csv(${literal(file)}); SELECT count(*) AS n FROM t`;
  else {
    process.stderr.write("usage: node duckdb-read.mjs count|full FILE | version\n");
    process.exit(2);
  }
  const reader = await connection.runAndReadAll(sql);
  process.stdout.write(`${String(reader.getRows()[0][0])}\n`);
} finally {
  connection.closeSync();
}
