// DuckDB values (from @duckdb/node-api) → JSON text in DatumSync's canonical form. Used by duckdb-query.mjs
// (doubles as JSON numbers) and parquet-read.mjs / parquet-meta.mjs (doubles as canonical text in a string).
//
//   NULL                                 null
//   BOOLEAN                              true / false
//   TINYINT .. INTEGER, UTINYINT .. UINTEGER  number
//   BIGINT, UBIGINT, HUGEINT, UHUGEINT   number, written as the exact integer literal even beyond 2^53
//   FLOAT, DOUBLE                        FLOAT widened to double; doubles: "number" → a JSON number,
//                                        "text" → a string with .NET's round-trip text ("1E+21", "-0");
//                                        NaN, Infinity, -Infinity are always the strings "NaN", "Infinity", "-Infinity"
//   DECIMAL(p,s)                         string with exactly s fraction digits: "-1234.50", "0.05"
//   DATE                                 "yyyy-MM-dd"; "infinity" / "-infinity" for DuckDB's infinite dates
//   TIMESTAMP (_S, _MS, _NS)             "yyyy-MM-ddTHH:mm:ss[.ffffff]", fraction trailing zeros dropped
//                                        (nanosecond timestamps keep up to 9 digits); "infinity" / "-infinity"
//   TIMESTAMPTZ                          the same, as the UTC instant, with a trailing "Z"
//   TIME, TIME_NS                        "HH:mm:ss[.ffffff]"
//   TIMETZ                               "HH:mm:ss[.ffffff]+hh:mm"
//   INTERVAL                             object {"months":m,"days":d,"micros":u}
//   UUID                                 "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
//   BLOB                                 string, base64
//   LIST, ARRAY                          array of converted items
//   STRUCT                               object of converted fields
//   MAP                                  array of {"key":k,"value":v}
//   UNION                                the converted value of its active member
//   anything else (VARCHAR, ENUM, BIT, ...)  string (DuckDB's own text)

import * as duckdb from "@duckdb/node-api";
import { base64, formatDate, formatDecimal, formatDouble, formatTimeOfDay, formatTimestamp, pad } from "./canonical.mjs";

const MAX_TS = (1n << 63n) - 1n; // DuckDB's infinity timestamp; -MAX_TS is -infinity
const MAX_DATE = 2 ** 31 - 1; // DuckDB's infinity date; -MAX_DATE is -infinity

function date(days) {
  if (days === MAX_DATE) return "infinity";
  if (days === -MAX_DATE) return "-infinity";
  return formatDate(days);
}

function timestamp(units, unitsPerSecond, fractionDigits, utc) {
  if (units === MAX_TS) return "infinity";
  if (units === -MAX_TS) return "-infinity";
  return formatTimestamp(units, unitsPerSecond, fractionDigits, utc);
}

function doubleAsNumber(n) {
  return Number.isFinite(n) ? JSON.stringify(n) : JSON.stringify(formatDouble(n));
}

const doubleAsText = (n) => JSON.stringify(formatDouble(n));

/**
 * Returns toJson(value, type): one DuckDB value → JSON text. In "text" mode pass the value's DuckDBType (the
 * result's column type): node-api hands out TINYINT..INTEGER and FLOAT/DOUBLE alike as JavaScript numbers.
 * @param {{doubles: "number" | "text"}} options how FLOAT/DOUBLE values are written
 */
export function duckdbJsonWriter({ doubles }) {
  const text = doubles === "text";
  function number(n, type) {
    if (!text) return doubleAsNumber(n);
    const id = type?.typeId;
    return id === duckdb.DuckDBTypeId.FLOAT || id === duckdb.DuckDBTypeId.DOUBLE ? doubleAsText(n) : JSON.stringify(n);
  }
  function toJson(v, type) {
    if (v === null || v === undefined) return "null";
    switch (typeof v) {
      case "boolean":
        return v ? "true" : "false";
      case "number":
        return number(v, type);
      case "bigint":
        return v.toString();
      case "string":
        return JSON.stringify(v);
      default:
        break;
    }
    if (v instanceof duckdb.DuckDBDecimalValue) return JSON.stringify(formatDecimal(v.value, v.scale));
    if (v instanceof duckdb.DuckDBDateValue) return JSON.stringify(date(v.days));
    if (v instanceof duckdb.DuckDBTimestampTZValue) return JSON.stringify(timestamp(v.micros, 1_000_000n, 6, true));
    if (v instanceof duckdb.DuckDBTimestampValue) return JSON.stringify(timestamp(v.micros, 1_000_000n, 6, false));
    if (v instanceof duckdb.DuckDBTimestampSecondsValue) return JSON.stringify(timestamp(v.seconds, 1n, 0, false));
    if (v instanceof duckdb.DuckDBTimestampMillisecondsValue) return JSON.stringify(timestamp(v.millis, 1000n, 3, false));
    if (v instanceof duckdb.DuckDBTimestampNanosecondsValue) return JSON.stringify(timestamp(v.nanos, 1_000_000_000n, 9, false));
    if (v instanceof duckdb.DuckDBTimeValue) return JSON.stringify(formatTimeOfDay(v.micros, 1_000_000n, 6));
    if (v instanceof duckdb.DuckDBTimeNSValue) return JSON.stringify(formatTimeOfDay(v.nanos, 1_000_000_000n, 9));
    if (v instanceof duckdb.DuckDBTimeTZValue) {
      const sign = v.offset < 0 ? "-" : "+";
      const off = Math.abs(v.offset);
      const zone = `${sign}${pad(Math.floor(off / 3600), 2)}:${pad(Math.floor((off % 3600) / 60), 2)}`;
      return JSON.stringify(formatTimeOfDay(v.micros, 1_000_000n, 6) + zone);
    }
    if (v instanceof duckdb.DuckDBIntervalValue) return `{"months":${v.months},"days":${v.days},"micros":${v.micros}}`;
    if (v instanceof duckdb.DuckDBBlobValue) return JSON.stringify(base64(v.bytes));
    if (v instanceof duckdb.DuckDBListValue || v instanceof duckdb.DuckDBArrayValue) {
      return `[${v.items.map((x) => toJson(x, type?.valueType)).join(",")}]`;
    }
    if (v instanceof duckdb.DuckDBStructValue) {
      const field = (k) => type?.entryTypes?.[type.entryIndexes[k]];
      return `{${Object.entries(v.entries).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x, field(k))}`).join(",")}}`;
    }
    if (v instanceof duckdb.DuckDBMapValue) {
      return `[${v.entries.map((e) => `{"key":${toJson(e.key, type?.keyType)},"value":${toJson(e.value, type?.valueType)}}`).join(",")}]`;
    }
    if (v instanceof duckdb.DuckDBUnionValue) return toJson(v.value, type?.memberTypes?.[type.tagMemberIndexes[v.tag]]);
    return JSON.stringify(String(v)); // UUID, BIT, and anything newer keep DuckDB's own text
  }
  return toJson;
}

/**
 * A DuckDB value → a plain JavaScript value for metadata output: BIGINTs stay BigInt (lib/cli.mjs's stringify
 * writes them exactly), BLOBs become UTF-8 text (Parquet key/value metadata), lists/structs/maps recurse, and
 * anything else is DuckDB's own text.
 */
export function toPlain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object") return v;
  if (v instanceof duckdb.DuckDBBlobValue) return Buffer.from(v.bytes).toString("utf8");
  if (v instanceof duckdb.DuckDBListValue || v instanceof duckdb.DuckDBArrayValue) return v.items.map(toPlain);
  if (v instanceof duckdb.DuckDBStructValue) return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, toPlain(x)]));
  if (v instanceof duckdb.DuckDBMapValue) return v.entries.map((e) => ({ key: toPlain(e.key), value: toPlain(e.value) }));
  return String(v);
}

/** Runs SQL and returns every row as an object of plain values (see toPlain); for small metadata queries. */
export async function queryObjects(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((row) => Object.fromEntries(names.map((n, i) => [n, toPlain(row[i])])));
}

/** A text as a single-quoted SQL string literal. */
export const sqlString = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** A name as a double-quoted SQL identifier. */
export const sqlName = (text) => `"${String(text).replaceAll('"', '""')}"`;
