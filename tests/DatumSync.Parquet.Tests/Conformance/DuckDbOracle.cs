using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DatumSync.Data;
using DatumSync.Parquet.Tests.Peers;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// What our reader must give for a file, derived from DuckDB's reading of it (the oracle), column by column, with
/// DatumSync's documented mapping applied:
/// <list type="bullet">
/// <item>TINYINT…INTEGER and UTINYINT…UINTEGER → int64; UBIGINT → decimal(20,0) (values above 2^63 survive);
/// FLOAT → double (widened); DECIMAL(p,s) of any backing → decimal(p,s).</item>
/// <item>TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS → timestamp; TIMESTAMP_NS → timestamp in microseconds (digits below a
/// microsecond dropped, rounding toward the past, and a warning says how many); TIMESTAMPTZ → timestamp with
/// offset (UTC).</item>
/// <item>TIME → text <c>HH:mm:ss[.ffffff]</c>; UUID → its lowercase text; BLOB → text when the bytes are valid UTF-8,
/// else base64 (DuckDB always gives base64).</item>
/// <item>Lists of primitives → JSON array text; a double that is NaN or ±∞ inside a list is <c>null</c> (JSON has no
/// such numbers, as in our JSON writer).</item>
/// <item>STRUCT → one column per field, named <c>struct.field</c>; a null struct reads as nulls in every field.</item>
/// </list>
/// </summary>
internal static partial class DuckDbOracle
{
    /// <summary>Our core type for a DuckDB column type (structs: see <see cref="StructFields"/>).</summary>
    public static DataType ExpectedType(string duckdb)
    {
        if (duckdb.EndsWith("[]", StringComparison.Ordinal))
            return DataType.String;
        if (DecimalType().Match(duckdb) is { Success: true } m)
            return DataType.Decimal(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        return duckdb switch
        {
            "BOOLEAN" => DataType.Boolean,
            "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" => DataType.Int64,
            "UBIGINT" => DataType.Decimal(20, 0),
            "FLOAT" or "DOUBLE" => DataType.Double,
            "VARCHAR" or "BLOB" or "TIME" or "UUID" => DataType.String,
            "DATE" => DataType.Date,
            "TIMESTAMP" or "TIMESTAMP_NS" => DataType.Timestamp,
            "TIMESTAMP WITH TIME ZONE" => DataType.TimestampWithOffset,
            _ => throw new ArgumentException($"No documented mapping for DuckDB type {duckdb}.", nameof(duckdb)),
        };
    }

    /// <summary>The fields of a DuckDB STRUCT type, or null when it is not one.</summary>
    public static IReadOnlyList<(string Name, string Type)>? StructFields(string duckdb)
    {
        if (!duckdb.StartsWith("STRUCT(", StringComparison.Ordinal))
            return null;
        return [.. StructField().Matches(duckdb[7..^1]).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];
    }

    /// <summary>Our schema as DuckDB's columns say it must be: structs flattened, types mapped, all nullable unless
    /// listed in <paramref name="required"/>.</summary>
    public static List<Field> ExpectedSchema(ParquetPeerReadResult duckdb, IReadOnlyCollection<string>? required = null)
    {
        var fields = new List<Field>();
        foreach (var column in duckdb.Columns)
        {
            if (StructFields(column.Type) is { } members)
                fields.AddRange(members.Select(f => new Field($"{column.Name}.{f.Name}", ExpectedType(f.Type), true)));
            else
                fields.Add(new Field(column.Name, ExpectedType(column.Type), required?.Contains(column.Name) != true));
        }
        return fields;
    }

    /// <summary>Every cell DuckDB read, turned into what our reader must give, in <see cref="ExpectedSchema"/>'s
    /// column order; list cells normalised by <see cref="Normalize"/>.</summary>
    public static string?[][] ExpectedRows(ParquetPeerReadResult duckdb)
    {
        var rows = new string?[duckdb.Rows][];
        for (var r = 0; r < duckdb.Rows; r++)
        {
            var row = new List<string?>();
            for (var c = 0; c < duckdb.Columns.Count; c++)
            {
                var type = duckdb.Columns[c].Type;
                var cell = duckdb.Data[r][c];
                if (StructFields(type) is { } members)
                {
                    var fields = cell is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(cell);
                    foreach (var (name, memberType) in members)
                        row.Add(fields is null ? null : Convert(memberType, Canonical(fields[name])));
                }
                else
                {
                    row.Add(Convert(type, cell));
                }
            }
            rows[r] = [.. row];
        }
        return rows;
    }

    /// <summary>Our rows with list cells normalised the same way as <see cref="ExpectedRows"/>.</summary>
    public static string?[][] NormalizeLists(string?[][] rows, IReadOnlyList<Field> expected, ParquetPeerReadResult duckdb)
    {
        var lists = expected.Select(f => duckdb.Columns.FirstOrDefault(c => c.Name == f.Name)?.Type.EndsWith("[]", StringComparison.Ordinal) == true).ToArray();
        return [.. rows.Select(row => row.Select((cell, i) => lists[i] ? Normalize(cell, doubles: false) : cell).ToArray())];
    }

    private static string? Convert(string type, string? cell)
    {
        if (cell is null)
            return null;
        if (type.EndsWith("[]", StringComparison.Ordinal))
            return Normalize(cell, doubles: type is "DOUBLE[]" or "FLOAT[]");
        return type switch
        {
            "BLOB" => BlobText(cell),
            "TIMESTAMP_NS" => TruncateToMicros(cell),
            _ => cell,
        };
    }

    /// <summary>A list's items as canonical text, one per line (<c>∅</c> for null); with <paramref name="doubles"/>
    /// NaN and ±∞ items become null, as our reader writes them in JSON.</summary>
    public static string? Normalize(string? list, bool doubles)
    {
        var items = ParquetPeerReadResult.ParseList(list);
        if (items is null)
            return null;
        return "[" + string.Join("␟", items.Select(i => doubles && i is "NaN" or "Infinity" or "-Infinity" ? "∅" : i ?? "∅")) + "]";
    }

    /// <summary>DuckDB's base64 → our text: the bytes as UTF-8 when valid, else the same base64.</summary>
    public static string BlobText(string base64)
    {
        var bytes = System.Convert.FromBase64String(base64);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : base64;
    }

    /// <summary><c>…:ss.123456789</c> → <c>…:ss.123456</c>: the fraction cut to microseconds (the past, for
    /// negative instants too, since the fraction counts forward from the whole second), trailing zeros dropped.</summary>
    public static string TruncateToMicros(string timestamp)
    {
        var dot = timestamp.LastIndexOf('.');
        if (dot < 0)
            return timestamp;
        var fraction = timestamp[(dot + 1)..];
        var suffix = fraction.EndsWith('Z') ? "Z" : "";
        fraction = fraction.TrimEnd('Z');
        fraction = fraction[..Math.Min(6, fraction.Length)].TrimEnd('0');
        return timestamp[..dot] + (fraction.Length > 0 ? "." + fraction : "") + suffix;
    }

    private static string? Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    [GeneratedRegex(@"^DECIMAL\((\d+),(\d+)\)$")]
    private static partial Regex DecimalType();

    [GeneratedRegex("\"([^\"]+)\" ([A-Z0-9_ ]+(?:\\(\\d+,\\d+\\))?(?:\\[\\])?)")]
    private static partial Regex StructField();
}
