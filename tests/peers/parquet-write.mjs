#!/usr/bin/env node
// Writes a Parquet file with one third-party writer, so the .NET tests can check that our reader reads what others
// write (and compare footers with parquet-meta.mjs).
//
//   node tests/peers/parquet-write.mjs ENGINE INPUT OUT.parquet [options]
//   node tests/peers/parquet-write.mjs ENGINE --sql "SELECT ..." OUT.parquet [options]
//
//   ENGINE   duckdb     DuckDB's writer: COPY (…) TO OUT (FORMAT parquet, …)
//            polars     Polars' writer: LazyFrame.sinkParquet (statistics on, row order kept)
//            hyparquet  hyparquet-writer: the only one here that writes DATA_PAGE_V2 pages (and only those)
//   INPUT    a .csv file (parsed by DuckDB's read_csv, whatever the engine, so every engine writes the same
//            typed data) or a .parquet file (read by the engine itself: read_parquet / scanParquet / hyparquet)
//   --sql    a DuckDB query whose result is written (for polars and hyparquet DuckDB first writes it to a
//            temporary Parquet file, which that engine then reads and writes again): any type DuckDB has
//
// Options (an option an engine cannot honour exits 2 and says so, rather than writing something else):
//   --compression C        uncompressed|snappy|gzip|zstd|brotli|lz4 (default snappy; hyparquet: no zstd, lz4)
//   --compression-level N  duckdb: zstd only; polars: gzip, brotli, zstd
//   --row-group-size N     rows per row group (duckdb rounds up to a multiple of 2048 rows, its vector size)
//   --dictionary B         true = the engine's own choice (default); false = no dictionary pages
//                          (duckdb: DICTIONARY_SIZE_LIMIT 0; hyparquet: PLAIN encoding; polars cannot)
//   --page-version V       1 = DATA_PAGE headers (duckdb, polars); 2 = DATA_PAGE_V2 (hyparquet only)
//   --parquet-version V    duckdb only: V1 (default) or V2, DuckDB's PARQUET_VERSION: V2 switches to the newer
//                          encodings (DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT,
//                          RLE_DICTIONARY) but still writes DATA_PAGE (v1) headers
//   --page-size BYTES      polars, hyparquet: target data page size (small values give many pages per chunk)
//   --encodings 'c:E,…'    hyparquet only: a column's encoding (PLAIN, RLE, DELTA_BINARY_PACKED,
//                          DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT, RLE_DICTIONARY)
//   --required a,b|*       hyparquet only: write these top-level columns as REQUIRED (DuckDB and Polars write
//                          every column OPTIONAL); a null in one fails the write
//   --types 'c:TYPE,…'     CSV input only: DuckDB types for those columns (read_csv's types=…), e.g.
//                          'price:DECIMAL(18,6),day:DATE,at:TIMESTAMPTZ'; the others are sniffed by DuckDB
// DuckDB runs with TimeZone=UTC: CSV timestamps with an offset become UTC instants, ones without stay local.
//
// Exit codes: 0 written; 1 the engine failed (its message as one line on stderr); 2 bad usage or an option the
// engine cannot honour.

import * as duckdb from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { engineFailed, parseArgs, usageError } from "./lib/cli.mjs";
import { sqlString } from "./lib/duckdb-values.mjs";

const USAGE = [
  "usage: node parquet-write.mjs duckdb|polars|hyparquet (INPUT.csv|INPUT.parquet | --sql SQL) OUT.parquet",
  "         [--compression C] [--compression-level N] [--row-group-size N] [--dictionary true|false]",
  "         [--page-version 1|2] [--parquet-version V1|V2] [--page-size BYTES] [--encodings 'c:E,…'] [--required a,b|*]",
  "         [--types 'c:TYPE,…']",
].join("\n");
const usage = (message) => usageError("parquet-write", message, USAGE);

const { positional, options, error } = parseArgs(process.argv.slice(2), {
  sql: "value",
  compression: "value",
  "compression-level": "value",
  "row-group-size": "value",
  dictionary: "value",
  "page-version": "value",
  "parquet-version": "value",
  "page-size": "value",
  encodings: "value",
  types: "value",
  required: "value",
});
if (error) usage(error);
const engine = positional[0];
if (!["duckdb", "polars", "hyparquet"].includes(engine)) usage(`unknown engine '${engine ?? ""}'`);
const sql = options.sql === undefined ? null : options.sql.trim().replace(/;\s*$/, "");
if (positional.length !== (sql === null ? 3 : 2)) usage(sql === null ? "expected ENGINE INPUT OUT" : "expected ENGINE --sql SQL OUT");
const input = sql === null ? positional[1] : null;
const out = positional[positional.length - 1];
const inputKind = input === null ? "sql" : { ".csv": "csv", ".parquet": "parquet" }[extname(input).toLowerCase()];
if (!inputKind) usage(`INPUT must end in .csv or .parquet: ${input}`);

const settings = {
  compression: (options.compression ?? "snappy").toLowerCase(),
  compressionLevel: optionalInt("compression-level"),
  rowGroupSize: optionalInt("row-group-size", 1),
  dictionary: optionalBool("dictionary"),
  pageVersion: options["page-version"] === undefined ? null : oneOf("page-version", ["1", "2"]),
  parquetVersion: options["parquet-version"] === undefined ? null : oneOf("parquet-version", ["V1", "V2"]),
  pageSize: optionalInt("page-size", 1),
  encodings: options.encodings === undefined ? null : pairs("encodings", options.encodings),
  types: options.types === undefined ? null : pairs("types", options.types),
  required: options.required === undefined ? null : options.required.trim() === "*" ? "*" : options.required.split(",").map((c) => c.trim()).filter((c) => c),
};
if (!["uncompressed", "snappy", "gzip", "zstd", "brotli", "lz4"].includes(settings.compression)) usage(`unknown compression '${settings.compression}'`);
if (settings.types && inputKind !== "csv") usage("--types applies to CSV input only");

function optionalInt(name, min = 0) {
  if (options[name] === undefined) return null;
  const n = Number(options[name]);
  if (!Number.isInteger(n) || n < min) usage(`--${name} needs an integer ≥ ${min}`);
  return n;
}

function optionalBool(name) {
  if (options[name] === undefined) return null;
  return oneOf(name, ["true", "false"]) === "true";
}

function oneOf(name, values) {
  const v = String(options[name]);
  const match = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!match) usage(`--${name} must be ${values.join(" or ")}`);
  return match;
}

// "a:DECIMAL(18,6),b:DATE" → [["a","DECIMAL(18,6)"],["b","DATE"]]: commas inside parentheses stay.
function pairs(name, text) {
  const result = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if ((c === "," && depth === 0) || i === text.length) {
      const item = text.slice(start, i).trim();
      start = i + 1;
      if (!item) continue;
      const colon = item.lastIndexOf(":");
      if (colon <= 0 || colon === item.length - 1) usage(`--${name}: '${item}' is not NAME:VALUE`);
      result.push([item.slice(0, colon).trim(), item.slice(colon + 1).trim()]);
    }
  }
  return result;
}

/** Exits 2 when the engine cannot do what an option asks. */
function unsupported(message) {
  usage(`${engine}: ${message}`);
}

// ---- DuckDB as the source of typed data ------------------------------------------------------------------------

async function duckdbConnection() {
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run("SET TimeZone='UTC'");
  return connection;
}

/** The SELECT that produces the data: the CSV (typed), the Parquet file, or the user's SQL. */
function sourceQuery() {
  if (inputKind === "sql") return sql;
  if (inputKind === "parquet") return `SELECT * FROM read_parquet(${sqlString(input)})`;
  const types = settings.types ? `, types={${settings.types.map(([c, t]) => `${sqlString(c)}: ${sqlString(t)}`).join(", ")}}` : "";
  return `SELECT * FROM read_csv(${sqlString(input)}${types})`;
}

/** Materialises the source as an uncompressed Parquet file for Polars or hyparquet to read. */
async function sourceAsParquet(dir) {
  if (inputKind === "parquet") return input;
  const path = join(dir, "source.parquet");
  const connection = await duckdbConnection();
  try {
    await connection.run(`COPY (${sourceQuery()}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION uncompressed)`);
  } finally {
    connection.closeSync();
  }
  return path;
}

// ---- the writers -----------------------------------------------------------------------------------------------

async function writeDuckDb() {
  if (settings.pageVersion === "2") unsupported("DuckDB writes DATA_PAGE (v1) headers only; use engine hyparquet for DATA_PAGE_V2");
  if (settings.pageSize !== null) unsupported("DuckDB has no page size option");
  if (settings.encodings) unsupported("DuckDB has no per-column encoding option (see --parquet-version V2)");
  if (settings.required) unsupported("DuckDB writes every column OPTIONAL; use engine hyparquet for REQUIRED columns");
  if (settings.compressionLevel !== null && settings.compression !== "zstd") unsupported("DuckDB takes a compression level for zstd only");
  const copy = ["FORMAT parquet", `COMPRESSION ${settings.compression}`];
  if (settings.compressionLevel !== null) copy.push(`COMPRESSION_LEVEL ${settings.compressionLevel}`);
  if (settings.rowGroupSize !== null) copy.push(`ROW_GROUP_SIZE ${settings.rowGroupSize}`);
  if (settings.dictionary === false) copy.push("DICTIONARY_SIZE_LIMIT 0");
  if (settings.parquetVersion) copy.push(`PARQUET_VERSION ${settings.parquetVersion}`);
  const connection = await duckdbConnection();
  try {
    await connection.run(`COPY (${sourceQuery()}) TO ${sqlString(out)} (${copy.join(", ")})`);
  } finally {
    connection.closeSync();
  }
}

async function writePolars(dir) {
  if (settings.pageVersion === "2") unsupported("Polars writes DATA_PAGE (v1) headers only; use engine hyparquet for DATA_PAGE_V2");
  if (settings.dictionary === false) unsupported("nodejs-polars cannot turn dictionary encoding off");
  if (settings.parquetVersion) unsupported("--parquet-version is DuckDB's option");
  if (settings.encodings) unsupported("nodejs-polars has no per-column encoding option");
  if (settings.required) unsupported("Polars writes every column OPTIONAL; use engine hyparquet for REQUIRED columns");
  const { default: pl } = await import("nodejs-polars");
  const source = await sourceAsParquet(dir);
  const sink = {
    compression: settings.compression,
    statistics: true,
    // sinkParquet's defaults would reorder rows (maintainOrder false) and skip statistics
    sinkOptions: { maintainOrder: true, mkdir: false, syncOnClose: "all" },
  };
  if (settings.compressionLevel !== null) sink.compressionLevel = settings.compressionLevel;
  if (settings.rowGroupSize !== null) sink.rowGroupSize = settings.rowGroupSize;
  if (settings.pageSize !== null) sink.dataPagesizeLimit = settings.pageSize;
  // sinkParquet only plans the write; collecting runs it.
  await pl.scanParquet(source).sinkParquet(out, sink).collect();
}

async function writeHyparquet(dir) {
  if (settings.pageVersion === "1") unsupported("hyparquet-writer writes DATA_PAGE_V2 pages only; use duckdb or polars for v1 pages");
  if (settings.parquetVersion) unsupported("--parquet-version is DuckDB's option; use --encodings");
  if (settings.compressionLevel !== null) unsupported("hyparquet-writer takes no compression level");
  const { writeWithHyparquet } = await import("./lib/write-hyparquet.mjs");
  const source = await sourceAsParquet(dir);
  await writeWithHyparquet(source, out, settings, unsupported);
}

const writers = { duckdb: writeDuckDb, polars: writePolars, hyparquet: writeHyparquet };
const dir = mkdtempSync(join(tmpdir(), "parquet-write-"));
// on "exit", not in a finally: an option refused midway exits 2 at once (process.exit skips finally blocks)
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
try {
  await writers[engine](dir);
} catch (e) {
  engineFailed(e);
}
