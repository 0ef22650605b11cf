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
// How values become JSON (chosen to match DatumSync's canonical text, src/DatumSync.Data/ValueFormatter.cs):
//   NULL                                 null
//   BOOLEAN                              true / false
//   TINYINT .. INTEGER, UTINYINT .. UINTEGER  number
//   BIGINT, UBIGINT, HUGEINT, UHUGEINT   number, written as the exact integer literal even beyond 2^53
//                                        (System.Text.Json reads it exactly; JSON.parse in JavaScript would not)
//   FLOAT, DOUBLE                        number (shortest round-trip text; FLOAT is widened to double first);
//                                        NaN, Infinity, -Infinity become the strings "NaN", "Infinity", "-Infinity"
//   DECIMAL(p,s)                         string with exactly s fraction digits: "-1234.50", "0.05"
//   DATE                                 string "yyyy-MM-dd" (years before 1 as -yyyy, astronomical);
//                                        "infinity" / "-infinity" for DuckDB's infinite dates
//   TIMESTAMP (_S, _MS, _NS)             string "yyyy-MM-ddTHH:mm:ss[.ffffff]", fraction trailing zeros dropped
//                                        (nanosecond timestamps keep up to 9 digits); "infinity" / "-infinity"
//   TIMESTAMPTZ                          the same, as the UTC instant, with a trailing "Z"
//   TIME, TIME_NS                        string "HH:mm:ss[.ffffff]"
//   TIMETZ                               string "HH:mm:ss[.ffffff]+hh:mm"
//   INTERVAL                             object {"months":m,"days":d,"micros":u}
//   UUID                                 string "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
//   BLOB                                 string, base64
//   LIST, ARRAY                          array of converted items
//   STRUCT                               object of converted fields
//   MAP                                  array of {"key":k,"value":v}
//   UNION                                the converted value of its active member
//   anything else (VARCHAR, ENUM, BIT, ...)  string (DuckDB's own text)

import * as duckdb from "@duckdb/node-api";

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

// ---- value conversion ---------------------------------------------------------------------------------------

const MAX_TS = (1n << 63n) - 1n; // DuckDB's infinity timestamp; -MAX_TS is -infinity
const MAX_DATE = 2 ** 31 - 1; // DuckDB's infinity date; -MAX_DATE is -infinity

const pad = (n, width) => String(n).padStart(width, "0");

// Days since 1970-01-01 → [year, month, day] in the proleptic Gregorian calendar (H. Hinnant's civil_from_days),
// exact for DuckDB's whole range where JavaScript's Date is not.
function civilFromDays(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function formatDate(days) {
  if (days === MAX_DATE) return "infinity";
  if (days === -MAX_DATE) return "-infinity";
  const [y, m, d] = civilFromDays(days);
  const year = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

// "HH:mm:ss[.fff…]" from a count of sub-second units within one day; fraction trailing zeros dropped.
function formatTimeOfDay(units, unitsPerSecond, fractionDigits) {
  const seconds = units / unitsPerSecond;
  const fraction = units % unitsPerSecond;
  const h = seconds / 3600n;
  const mi = (seconds % 3600n) / 60n;
  const s = seconds % 60n;
  let text = `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
  if (fraction !== 0n) text += "." + pad(fraction, fractionDigits).replace(/0+$/, "");
  return text;
}

function formatTimestamp(units, unitsPerSecond, fractionDigits, utc) {
  if (units === MAX_TS) return "infinity";
  if (units === -MAX_TS) return "-infinity";
  const perDay = 86400n * unitsPerSecond;
  let days = units / perDay;
  let rest = units % perDay;
  if (rest < 0n) {
    rest += perDay;
    days -= 1n;
  }
  return `${formatDate(Number(days))}T${formatTimeOfDay(rest, unitsPerSecond, fractionDigits)}${utc ? "Z" : ""}`;
}

function formatDecimal(unscaled, scale) {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

function formatDouble(n) {
  if (Number.isFinite(n)) return JSON.stringify(n);
  return JSON.stringify(Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity");
}

/** One DuckDB value → JSON text. */
function toJson(v) {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return formatDouble(v);
    case "bigint":
      return v.toString();
    case "string":
      return JSON.stringify(v);
    default:
      break;
  }
  if (v instanceof duckdb.DuckDBDecimalValue) return JSON.stringify(formatDecimal(v.value, v.scale));
  if (v instanceof duckdb.DuckDBDateValue) return JSON.stringify(formatDate(v.days));
  if (v instanceof duckdb.DuckDBTimestampTZValue) return JSON.stringify(formatTimestamp(v.micros, 1_000_000n, 6, true));
  if (v instanceof duckdb.DuckDBTimestampValue) return JSON.stringify(formatTimestamp(v.micros, 1_000_000n, 6, false));
  if (v instanceof duckdb.DuckDBTimestampSecondsValue) return JSON.stringify(formatTimestamp(v.seconds, 1n, 0, false));
  if (v instanceof duckdb.DuckDBTimestampMillisecondsValue) return JSON.stringify(formatTimestamp(v.millis, 1000n, 3, false));
  if (v instanceof duckdb.DuckDBTimestampNanosecondsValue) return JSON.stringify(formatTimestamp(v.nanos, 1_000_000_000n, 9, false));
  if (v instanceof duckdb.DuckDBTimeValue) return JSON.stringify(formatTimeOfDay(v.micros, 1_000_000n, 6));
  if (v instanceof duckdb.DuckDBTimeNSValue) return JSON.stringify(formatTimeOfDay(v.nanos, 1_000_000_000n, 9));
  if (v instanceof duckdb.DuckDBTimeTZValue) {
    const sign = v.offset < 0 ? "-" : "+";
    const off = Math.abs(v.offset);
    const zone = `${sign}${pad(Math.floor(off / 3600), 2)}:${pad(Math.floor((off % 3600) / 60), 2)}`;
    return JSON.stringify(formatTimeOfDay(v.micros, 1_000_000n, 6) + zone);
  }
  if (v instanceof duckdb.DuckDBIntervalValue) return `{"months":${v.months},"days":${v.days},"micros":${v.micros}}`;
  if (v instanceof duckdb.DuckDBBlobValue) return JSON.stringify(Buffer.from(v.bytes).toString("base64"));
  if (v instanceof duckdb.DuckDBListValue || v instanceof duckdb.DuckDBArrayValue) return `[${v.items.map(toJson).join(",")}]`;
  if (v instanceof duckdb.DuckDBStructValue) {
    return `{${Object.entries(v.entries).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(",")}}`;
  }
  if (v instanceof duckdb.DuckDBMapValue) return `[${v.entries.map((e) => `{"key":${toJson(e.key)},"value":${toJson(e.value)}}`).join(",")}]`;
  if (v instanceof duckdb.DuckDBUnionValue) return toJson(v.value);
  return JSON.stringify(String(v)); // UUID, BIT, and anything newer keep DuckDB's own text
}

// ---- run ----------------------------------------------------------------------------------------------------

function write(text) {
  if (process.stdout.write(text)) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once("drain", resolve));
}

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
  const message = (e && e.message ? e.message : String(e)).replace(/\s*\n\s*/g, " ").trim();
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
} finally {
  connection?.closeSync();
}
