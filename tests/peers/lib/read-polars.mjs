// parquet-read.mjs's Polars reader: pl.readParquet() (the whole file in memory), then converted batch by batch.
//
// nodejs-polars hands values to JavaScript lossily (Int64 as a double, Datetime as a millisecond Date) or not
// at all (Decimal, Binary), so each column is first cast, inside Polars, to a type whose JavaScript value is
// exact: 64-bit integers and decimals to text, dates to day numbers, datetimes/times/durations to their integer
// count (then to text), binary to a list of bytes. The canonical text is made from that and the original dtype.

import pl from "nodejs-polars";
import { base64, formatDate, formatDouble, formatTimeOfDay, formatTimestamp, timeUnit } from "./canonical.mjs";

export async function open(file, { columns, batchRows }) {
  const df = pl.readParquet(file, columns ? { columns } : undefined);
  const names = df.columns;
  const types = names.map((name) => typeText(df.getColumn(name)));
  const dtypes = names.map((name, i) => describe(types[i], () => df.getColumn(name).dtype));
  const exact = df.select(...names.map((name, i) => transport(pl.col(name), dtypes[i]).alias(`c${i}`)));
  const formats = dtypes.map(formatter);
  return {
    columns: names.map((name, i) => ({ name, type: types[i] })),
    batches: batches(exact, formats, batchRows),
  };
}

async function* batches(df, formats, batchRows) {
  for (let offset = 0; offset < df.height; offset += batchRows) {
    const slice = df.slice(offset, batchRows);
    const values = formats.map((_, i) => slice.getColumn(`c${i}`).toArray());
    const rows = new Array(slice.height);
    for (let r = 0; r < rows.length; r++) rows[r] = `[${formats.map((f, i) => f(values[i][r])).join(",")}]`;
    yield rows;
  }
}

/** Polars' own name for a column's dtype, as it prints it ("decimal[18,6]", "datetime[μs, UTC]", "list[i32]"). */
function typeText(series) {
  const line = String(series.head(0)).split("\n").find((l) => l.startsWith("Series: ")) ?? "";
  const at = line.lastIndexOf("' [");
  return at < 0 ? "unknown" : line.slice(at + 3, -1);
}

// ---- dtype → a plain description ------------------------------------------------------------------------------

// { kind, pl } where kind is one of int, bigint, float, bool, string, decimal, date, datetime, time, duration,
// binary, null, list (inner), struct (fields), other; pl is the Polars DataType (absent for binary).
function describe(text, getDtype) {
  // nodejs-polars 0.24 panics turning a Binary dtype into JavaScript, so those come from the printed name.
  if (/binary/.test(text)) return fromText(text);
  return fromDtype(getDtype());
}

function fromDtype(t) {
  switch (t.variant) {
    case "Int8":
    case "Int16":
    case "Int32":
    case "UInt8":
    case "UInt16":
    case "UInt32":
      return { kind: "int", pl: t };
    case "Int64":
    case "UInt64":
      return { kind: "bigint", pl: t };
    case "Float32":
    case "Float64":
      return { kind: "float", pl: t };
    case "Bool":
      return { kind: "bool", pl: t };
    case "Utf8":
    case "String":
    case "Categorical":
      return { kind: "string", pl: t };
    case "Decimal":
      return { kind: "decimal", pl: t };
    case "Date":
      return { kind: "date", pl: t };
    case "Datetime":
      // A zone-less Datetime has timeZone "" (or null); any zone means the values are UTC instants.
      return { kind: "datetime", pl: t, unit: timeUnit(t.timeUnit), utc: Boolean(t.timeZone) };
    case "Time":
      return { kind: "time", pl: t };
    case "Duration":
      return { kind: "duration", pl: t };
    case "Null":
      return { kind: "null", pl: t };
    case "List":
    case "FixedSizeList":
      return { kind: "list", pl: t, inner: fromDtype(t.inner[0]) };
    case "Struct":
      return { kind: "struct", pl: t, fields: t.fields.map((f) => ({ name: f.name, type: fromDtype(f.dtype) })) };
    default:
      return { kind: "other", pl: t };
  }
}

function fromText(text) {
  if (text === "binary") return { kind: "binary" };
  const list = /^list\[(.*)\]$/.exec(text);
  if (list) return { kind: "list", inner: fromText(list[1]) };
  const primitives = {
    bool: ["bool", pl.Bool], i8: ["int", pl.Int8], i16: ["int", pl.Int16], i32: ["int", pl.Int32],
    u8: ["int", pl.UInt8], u16: ["int", pl.UInt16], u32: ["int", pl.UInt32], i64: ["bigint", pl.Int64],
    u64: ["bigint", pl.UInt64], f32: ["float", pl.Float32], f64: ["float", pl.Float64], str: ["string", pl.Utf8],
    date: ["date", pl.Date],
  };
  if (primitives[text]) return { kind: primitives[text][0], pl: primitives[text][1] };
  throw new Error(`parquet-read cannot convert the Polars type ${text} (binary inside it)`);
}

// ---- the cast that makes JavaScript values exact --------------------------------------------------------------

// Two casts: first to the physical form (datetime → Int64, date → Int32, decimal → text, binary → List(UInt8)),
// then 64-bit integers to text. Polars casts nested lists and structs field by field.
function transport(expr, d) {
  const physical = physicalType(d);
  const text = textType(d);
  let e = expr;
  if (physical) e = e.cast(physical);
  if (text) e = e.cast(text);
  return e;
}

// Returns null when the column needs no cast at all.
function physicalType(d) {
  switch (d.kind) {
    case "bigint":
    case "decimal":
      return pl.Utf8;
    case "date":
      return pl.Int32;
    case "datetime":
    case "time":
    case "duration":
      return pl.Int64;
    case "binary":
      return pl.List(pl.UInt8);
    case "list": {
      const inner = physicalType(d.inner);
      return inner ? pl.List(inner) : null;
    }
    case "struct":
      return needsCast(d) ? pl.Struct(d.fields.map((f) => pl.Field.from(f.name, physicalType(f.type) ?? keep(f.type)))) : null;
    default:
      return null;
  }
}

function textType(d) {
  switch (d.kind) {
    case "datetime":
    case "time":
    case "duration":
      return pl.Utf8;
    case "list": {
      const inner = textType(d.inner);
      return inner ? pl.List(inner) : null;
    }
    case "struct":
      return needsCast(d) ? pl.Struct(d.fields.map((f) => pl.Field.from(f.name, textType(f.type) ?? physicalType(f.type) ?? keep(f.type)))) : null;
    default:
      return null;
  }
}

const needsCast = (d) => d.fields.some((f) => physicalType(f.type) !== null);

function keep(d) {
  if (!d.pl) throw new Error("parquet-read cannot convert this Polars struct (binary inside it)");
  return d.pl;
}

// ---- exact JavaScript value → canonical JSON text --------------------------------------------------------------

function formatter(d) {
  switch (d.kind) {
    case "int":
      return (v) => (v == null ? "null" : String(v));
    case "bigint":
    case "duration": // the count of its unit; DatumSync has no duration type
      return (v) => (v == null ? "null" : String(v));
    case "float":
      return (v) => (v == null ? "null" : JSON.stringify(formatDouble(v)));
    case "bool":
      return (v) => (v == null ? "null" : v ? "true" : "false");
    case "string":
    case "decimal": // Polars' decimal text keeps every scale digit
      return (v) => (v == null ? "null" : JSON.stringify(v));
    case "date":
      return (v) => (v == null ? "null" : JSON.stringify(formatDate(v)));
    case "datetime":
      return (v) => (v == null ? "null" : JSON.stringify(formatTimestamp(BigInt(v), d.unit.perSecond, d.unit.digits, d.utc)));
    case "time":
      return (v) => (v == null ? "null" : JSON.stringify(formatTimeOfDay(BigInt(v), 1_000_000_000n, 9)));
    case "binary":
      return (v) => (v == null ? "null" : JSON.stringify(base64(v)));
    case "null":
      return () => "null";
    case "list": {
      const item = formatter(d.inner);
      return (v) => (v == null ? "null" : `[${Array.from(v, item).join(",")}]`);
    }
    case "struct": {
      const fields = d.fields.map((f) => [JSON.stringify(f.name), f.name, formatter(f.type)]);
      return (v) => (v == null ? "null" : `{${fields.map(([key, name, f]) => `${key}:${f(v[name])}`).join(",")}}`);
    }
    default:
      return (v) => (v == null ? "null" : JSON.stringify(String(v)));
  }
}
