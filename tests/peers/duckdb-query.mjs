#!/usr/bin/env node
// Runs SQL in an in-memory DuckDB and prints the rows of the last statement as JSON lines (one object per row,
// keys in column order). The .NET tests use it as a reference reader: "what does DuckDB make of this file?".
//
//   node tests/peers/duckdb-query.mjs [--columns] [--db FILE] [--threads N] "SQL; ...; SQL"
//
//   --columns    print one extra first line: {"columns":[{"name":"id","type":"BIGINT"},...]}
//   --db FILE    open (or create) a database file instead of an in-memory database
//   --threads N  SET threads=N before running the SQL
//
// Exit codes: 0 on success; 1 when DuckDB reports an error (its message alone on stderr, one line); 2 on bad usage.
//
// Values are written in DatumSync's canonical text (src/DatumSync.Data/ValueFormatter.cs); the mapping is at the
// top of lib/duckdb-values.mjs. FLOAT and DOUBLE are JSON numbers here (NaN, Infinity, -Infinity as strings).

import * as duckdb from "@duckdb/node-api";
import { oneLine, write } from "./lib/cli.mjs";
import { duckdbJsonWriter } from "./lib/duckdb-values.mjs";

const toJson = duckdbJsonWriter({ doubles: "number" });

function usage(message) {
  process.stderr.write(`duckdb-query: ${message}\nusage: node duckdb-query.mjs [--columns] [--db FILE] [--threads N] SQL\n`);
  process.exit(2);
}

const options = { columns: false, db: ":memory:", threads: null };
const rest = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (rest.length === 0 && a === "--columns") options.columns = true;
  else if (rest.length === 0 && a === "--db") options.db = argv[++i] ?? usage("--db needs a file");
  else if (rest.length === 0 && a === "--threads") options.threads = Number.parseInt(argv[++i] ?? usage("--threads needs a number"), 10);
  else if (rest.length === 0 && a === "--") continue;
  else rest.push(a);
}
const sql = rest.join(" ").trim();
if (!sql) usage("no SQL given");
if (options.threads !== null && !(options.threads > 0)) usage("--threads needs a positive number");

// ---- run ----------------------------------------------------------------------------------------------------

let connection;
try {
  const instance = await duckdb.DuckDBInstance.create(options.db);
  connection = await instance.connect();
  if (options.threads !== null) await connection.run(`SET threads=${options.threads}`);
  const result = await connection.stream(sql);
  const names = result.columnNames();
  const keys = names.map((n) => JSON.stringify(n));
  if (options.columns) {
    const types = result.columnTypes().map((t) => t.toString());
    await write(`{"columns":[${names.map((n, i) => `{"name":${keys[i]},"type":${JSON.stringify(types[i])}}`).join(",")}]}\n`);
  }
  for await (const rows of result.yieldRows()) {
    let text = "";
    for (const row of rows) {
      text += "{";
      for (let i = 0; i < row.length; i++) text += `${i ? "," : ""}${keys[i]}:${toJson(row[i])}`;
      text += "}\n";
    }
    await write(text);
  }
} catch (e) {
  process.stderr.write(`${oneLine(e)}\n`);
  process.exitCode = 1;
} finally {
  connection?.closeSync();
}
