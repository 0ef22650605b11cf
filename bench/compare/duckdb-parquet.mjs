// DuckDB side of bench/compare/parquet.sh (2 threads, like the machine):
//   node duckdb-parquet.mjs write CSV OUT CODEC   COPY (SELECT * FROM read_csv(CSV)) TO OUT (FORMAT parquet, COMPRESSION CODEC)
//   node duckdb-parquet.mjs count FILE            SELECT count(*) FROM FILE            (metadata only)
//   node duckdb-parquet.mjs scan FILE             every column read: CREATE TEMP TABLE t AS SELECT * FROM FILE
// Prints the number of rows on stdout.
import { peer } from "./peers.mjs";

const { DuckDBInstance } = await peer("@duckdb/node-api");
const [mode, a, b, codec] = process.argv.slice(2);
const literal = (s) => `'${String(s).replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
try {
  await connection.run("SET threads=2");
  let sql;
  if (mode === "write") {
    await connection.run(`COPY (SELECT * FROM read_csv(${literal(a)})) TO ${literal(b)} (FORMAT parquet, COMPRESSION ${codec ?? "snappy"})`);
    sql = `SELECT count(*) FROM read_parquet(${literal(b)})`;
  } else if (mode === "count") {
    sql = `SELECT count(*) FROM read_parquet(${literal(a)})`;
  } else if (mode === "scan") {
    sql = `CREATE TEMP TABLE t AS SELECT * FROM read_parquet(${literal(a)}); SELECT count(*) FROM t`;
  } else {
    process.stderr.write("usage: node duckdb-parquet.mjs write CSV OUT CODEC | count FILE | scan FILE\n");
    process.exit(2);
  }
  const reader = await connection.runAndReadAll(sql);
  process.stdout.write(`${String(reader.getRows()[0][0])}\n`);
} finally {
  connection.closeSync();
}
