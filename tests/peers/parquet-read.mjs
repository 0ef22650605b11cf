#!/usr/bin/env node
// Reads a Parquet file with one third-party engine and prints what that engine made of it as ONE JSON document,
// every value in DatumSync's canonical text, so the .NET conformance tests can compare our writer's files with
// what DuckDB, Polars and hyparquet read, value by value.
//
//   node tests/peers/parquet-read.mjs duckdb|polars|hyparquet FILE [--columns a,b] [--batch-rows N]
//
//   --columns a,b    read only these top-level columns, in this order
//   --batch-rows N   rows converted per batch (default 10000); memory stays bounded by one batch
//                    (Polars excepted: it loads the file whole, then converts it batch by batch)
//
// Output (one row per line, written as it is read):
//   {"engine":"duckdb","file":"…","columns":[{"name":"id","type":"INTEGER"},…],"data":[
//   [1,"x",…],
//   …
//   ],"rows":2}
// "type" is the engine's own type name: DuckDB's SQL type ("DECIMAL(18,6)", "TIMESTAMP WITH TIME ZONE",
// "INTEGER[]"), Polars' dtype as it prints it ("decimal[18,6]", "datetime[μs, UTC]", "list[i32]"), and for
// hyparquet, which has no type system of its own, the Parquet schema ("INT64 DECIMAL(18,6)",
// "INT64 TIMESTAMP(MICROS,utc)", "LIST<INT32 INT_32>"). "rows" is the number of rows written to "data".
//
// Values (src/DatumSync.Data/ValueFormatter.cs is the reference):
//   null                 null
//   boolean              true / false
//   integers (any width) JSON number, exact even beyond 2^53
//   FLOAT, DOUBLE        string, .NET's round-trip text of the (widened) double: "0.1", "1E+21", "-0",
//                        "NaN", "Infinity", "-Infinity"
//   DECIMAL(p,s)         string with exactly s fraction digits: "-0.05", "12.30"
//   DATE                 "yyyy-MM-dd"
//   TIMESTAMP            "yyyy-MM-ddTHH:mm:ss[.ffffff]", fraction trailing zeros dropped (up to 9 digits for
//                        nanoseconds), plus "Z" when the engine says the value is a UTC instant
//   TIME                 "HH:mm:ss[.ffffff]"
//   strings              string
//   binary               string, base64
//   lists                JSON array of canonical values; structs: object; maps: [{"key":k,"value":v},…]
// Where the engines differ, and what each cannot read, is in README.md ("parquet-read.mjs").
//
// Exit codes: 0 read; 1 the engine could not read the file (its message as one line on stderr; stdout may hold a
// partial document); 2 bad usage.

import { engineFailed, parseArgs, usageError, write } from "./lib/cli.mjs";

const USAGE = "usage: node parquet-read.mjs duckdb|polars|hyparquet FILE [--columns a,b] [--batch-rows N]";
const { positional, options, error } = parseArgs(process.argv.slice(2), { columns: "value", "batch-rows": "value" });
const usage = (message) => usageError("parquet-read", message, USAGE);
if (error) usage(error);
if (positional.length !== 2) usage("expected ENGINE and FILE");
const [engine, file] = positional;
const columns = options.columns === undefined ? null : options.columns.split(",").map((c) => c.trim()).filter((c) => c);
if (columns !== null && columns.length === 0) usage("--columns needs at least one name");
const batchRows = options["batch-rows"] === undefined ? 10_000 : Number.parseInt(options["batch-rows"], 10);
if (!(batchRows > 0)) usage("--batch-rows needs a positive number");

const readers = {
  duckdb: () => import("./lib/read-duckdb.mjs"),
  polars: () => import("./lib/read-polars.mjs"),
  hyparquet: () => import("./lib/read-hyparquet.mjs"),
};
if (!Object.hasOwn(readers, engine)) usage(`unknown engine '${engine}'`);

let started = false;
try {
  const { open } = await readers[engine]();
  // open() returns the columns and an async iterable of batches, each an array of row JSON texts ("[1,\"x\"]").
  const reader = await open(file, { columns, batchRows });
  let rows = 0;
  try {
    started = true;
    await write(`{"engine":${JSON.stringify(engine)},"file":${JSON.stringify(file)},"columns":${JSON.stringify(reader.columns)},"data":[`);
    for await (const batch of reader.batches) {
      if (batch.length === 0) continue;
      await write(`${rows === 0 ? "\n" : ",\n"}${batch.join(",\n")}`);
      rows += batch.length;
    }
    await write(`\n],"rows":${rows}}\n`);
  } finally {
    await reader.close?.();
  }
} catch (e) {
  if (started) await write("\n");
  engineFailed(e);
}
