// parquet-read.mjs's hyparquet reader: parquetRead() over a few row groups at a time.
//
// hyparquet decodes pages, levels and encodings; two of its conversions on top of that are lossy, so they are
// replaced, and README.md says so: timestamps (it makes millisecond Dates) arrive as its decoded integer count
// through its `parsers` hook, and DECIMAL columns (it multiplies into a double) are read with the DECIMAL
// annotation hidden, so it hands over the unscaled integers it decoded, which are scaled here using the file's
// own scale. Byte arrays are not decoded as UTF-8 unless annotated as strings (utf8: false).

import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from "hyparquet";
import { isListLike, isMapLike } from "hyparquet/src/schema.js";
import { decompressBrotli, decompressLz4, decompressLz4Raw, decompressZstd, gunzip } from "hyparquet-compressors";
import { base64, bigIntFromBytes, formatDate, formatDecimal, formatDouble, formatTimeOfDay, formatTimestamp, timeUnit } from "./canonical.mjs";

/** Codecs hyparquet does not decode itself (SNAPPY it does, and keeps doing). */
export const compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => decompressZstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};

const utf8 = new TextDecoder();

/** Keeps hyparquet's decoded integers (timestamps as BigInt counts, dates as day numbers) and JSON as text. */
export const rawParsers = {
  timestampFromMilliseconds: (v) => v,
  timestampFromMicroseconds: (v) => v,
  timestampFromNanoseconds: (v) => v,
  dateFromDays: (v) => v,
  jsonFromBytes: (bytes) => bytes && utf8.decode(bytes),
};

export async function open(file, { columns, batchRows }) {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const tree = parquetSchema(metadata);
  const byName = new Map(tree.children.map((c) => [c.element.name, c]));
  for (const name of columns ?? []) {
    if (!byName.has(name)) throw new Error(`column "${name}" not found; the file has ${[...byName.keys()].join(", ")}`);
  }
  const selected = columns ? columns.map((name) => byName.get(name)) : tree.children;
  const readMetadata = withoutDecimalAnnotations(metadata);
  return {
    columns: selected.map((node) => ({ name: node.element.name, type: describe(node) })),
    batches: batches(buffer, readMetadata, columns, selected.map(formatter), batchRows),
  };
}

async function* batches(file, metadata, columns, formats, batchRows) {
  // Whole row groups per read (hyparquet decodes a row group's column chunks whole anyway).
  let start = 0;
  const groups = metadata.row_groups.map((g) => Number(g.num_rows));
  for (let g = 0; g < groups.length; ) {
    let end = start;
    do end += groups[g++];
    while (g < groups.length && end - start < batchRows);
    let rows = [];
    await parquetRead({
      file,
      metadata,
      columns: columns ?? undefined,
      rowStart: start,
      rowEnd: end,
      rowFormat: "array",
      utf8: false,
      parsers: rawParsers,
      compressors,
      onComplete: (data) => (rows = data),
    });
    if (rows.length !== end - start) throw new Error(`hyparquet returned ${rows.length} rows for rows ${start}..${end} (the footer says ${end - start})`);
    yield rows.map((row) => `[${formats.map((f, i) => f(row[i])).join(",")}]`);
    start = end;
  }
}

// ---- the schema ------------------------------------------------------------------------------------------------

export const isDecimal = (e) => e.converted_type === "DECIMAL" || e.logical_type?.type === "DECIMAL";

/** The metadata with DECIMAL annotations hidden, so hyparquet hands over the unscaled integers it decodes. */
export function withoutDecimalAnnotations(metadata) {
  return { ...metadata, schema: metadata.schema.map((e) => (isDecimal(e) ? { ...e, converted_type: undefined, logical_type: undefined } : e)) };
}

/** The Parquet type as text: "INT64 DECIMAL(18,6)", "INT64 TIMESTAMP(MICROS,utc)", "LIST<BYTE_ARRAY UTF8>". */
export function describe(node) {
  const e = node.element;
  if (isListLike(node)) return `LIST<${describe(node.children[0].children[0])}>`;
  if (isMapLike(node)) return `MAP<${describe(node.children[0].children[0])}, ${describe(node.children[0].children[1])}>`;
  if (!e.type) return `STRUCT<${node.children.map((c) => `${c.element.name}: ${describe(c)}`).join(", ")}>`;
  const physical = e.type === "FIXED_LEN_BYTE_ARRAY" ? `FIXED_LEN_BYTE_ARRAY(${e.type_length})` : e.type;
  const annotation = logicalText(e.logical_type) ?? convertedText(e);
  const text = annotation ? `${physical} ${annotation}` : physical;
  return e.repetition_type === "REPEATED" ? `REPEATED ${text}` : text;
}

function logicalText(t) {
  if (!t) return undefined;
  switch (t.type) {
    case "DECIMAL":
      return `DECIMAL(${t.precision},${t.scale})`;
    case "TIMESTAMP":
    case "TIME":
      return `${t.type}(${t.unit}${t.isAdjustedToUTC ? ",utc" : ""})`;
    case "INTEGER":
      return `INTEGER(${t.bitWidth},${t.isSigned ? "signed" : "unsigned"})`;
    default:
      return t.type;
  }
}

function convertedText(e) {
  if (!e.converted_type) return undefined;
  return e.converted_type === "DECIMAL" ? `DECIMAL(${e.precision},${e.scale ?? 0})` : e.converted_type;
}

// ---- hyparquet's value → canonical JSON text ---------------------------------------------------------------

const nullOr = (f) => (v) => (v === null || v === undefined ? "null" : f(v));
const str = (text) => JSON.stringify(text);

function formatter(node) {
  const e = node.element;
  if (e.repetition_type === "REPEATED") {
    // a legacy two-level list ("repeated int32 x"): hyparquet gives the array itself
    const item = formatter({ ...node, element: { ...e, repetition_type: "REQUIRED" } });
    return nullOr((v) => `[${Array.from(v, item).join(",")}]`);
  }
  if (isListLike(node)) {
    const item = formatter(node.children[0].children[0]);
    return nullOr((v) => `[${Array.from(v, item).join(",")}]`);
  }
  if (isMapLike(node)) {
    const [keyNode, valueNode] = node.children[0].children;
    const key = formatter(keyNode);
    const value = formatter(valueNode);
    const entries = (v) => (v instanceof Map ? [...v.entries()] : Object.entries(v));
    return nullOr((v) => `[${entries(v).map(([k, x]) => `{"key":${key(k)},"value":${value(x)}}`).join(",")}]`);
  }
  if (!e.type) {
    const fields = node.children.map((c) => [c.element.name, formatter(c)]);
    return nullOr((v) => `{${fields.map(([name, f]) => `${str(name)}:${f(v[name])}`).join(",")}}`);
  }
  return nullOr(leaf(e));
}

function leaf(e) {
  const lt = e.logical_type;
  const ct = e.converted_type;
  if (isDecimal(e)) {
    const scale = e.scale ?? lt?.scale ?? 0;
    return (v) => str(formatDecimal(v instanceof Uint8Array ? bigIntFromBytes(v) : BigInt(v), scale));
  }
  if (ct === "DATE" || lt?.type === "DATE") return (v) => str(formatDate(v));
  if (lt?.type === "TIMESTAMP" || ct === "TIMESTAMP_MILLIS" || ct === "TIMESTAMP_MICROS") {
    // Only the logical type's isAdjustedToUTC makes a UTC instant. parquet-format says a bare TIMESTAMP_MILLIS/
    // MICROS converted type means UTC-adjusted, but DuckDB and Polars read it as local time, and so does this.
    const unit = timeUnit(lt?.unit ?? (ct === "TIMESTAMP_MILLIS" ? "MILLIS" : "MICROS"));
    const utc = Boolean(lt?.isAdjustedToUTC);
    return (v) => str(formatTimestamp(v, unit.perSecond, unit.digits, utc));
  }
  if (e.type === "INT96") return (v) => str(formatTimestamp(v, 1_000_000_000n, 9, false));
  if (lt?.type === "TIME" || ct === "TIME_MILLIS" || ct === "TIME_MICROS") {
    const unit = timeUnit(lt?.unit ?? (ct === "TIME_MILLIS" ? "MILLIS" : "MICROS"));
    return (v) => str(formatTimeOfDay(BigInt(v), unit.perSecond, unit.digits));
  }
  if (ct === "ENUM" || lt?.type === "ENUM") return (v) => str(typeof v === "string" ? v : utf8.decode(v));
  if (ct === "JSON" || lt?.type === "JSON") return (v) => str(v);
  switch (e.type) {
    case "BOOLEAN":
      return (v) => (v ? "true" : "false");
    case "INT32":
    case "INT64":
      return (v) => String(v);
    case "FLOAT":
    case "DOUBLE":
      return (v) => str(formatDouble(v));
    default:
      break;
  }
  if (lt?.type === "FLOAT16") return (v) => str(formatDouble(v));
  // strings (decoded by hyparquet), UUIDs (its text), other byte arrays as base64, geometry as GeoJSON
  return (v) => (typeof v === "string" ? str(v) : v instanceof Uint8Array ? str(base64(v)) : JSON.stringify(v));
}
