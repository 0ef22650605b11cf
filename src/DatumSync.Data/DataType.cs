using System.Diagnostics.CodeAnalysis;

namespace DatumSync.Data;

/// <summary>
/// A column's logical type. Instances are immutable and compare by value.
/// </summary>
/// <remarks>
/// <para>Physical layout per kind (the Arrow layout, so a future Arrow bridge is a view, not a copy):
/// Boolean is bit-packed; Int64 is <see cref="long"/>; Double is <see cref="double"/>;
/// Decimal is an <see cref="Int128"/> unscaled value (value = unscaled × 10^-scale);
/// String is UTF-8 bytes plus <c>length + 1</c> offsets; Date is <see cref="int"/> days since the Unix epoch;
/// Timestamp is <see cref="long"/> microseconds since the Unix epoch.</para>
/// <para>A timestamp <see cref="HasOffset"/> when its source values carried a UTC offset: values are then
/// normalised to UTC instants (Parquet's <c>isAdjustedToUTC = true</c>). Without offset, values are wall-clock
/// local times with no zone.</para>
/// </remarks>
public sealed record DataType
{
    /// <summary>The largest decimal precision we hold exactly (fits <see cref="Int128"/>).</summary>
    public const int MaxDecimalPrecision = 38;

    private DataType(TypeKind kind, int precision = 0, int scale = 0, bool hasOffset = false)
    {
        Kind = kind;
        Precision = precision;
        Scale = scale;
        HasOffset = hasOffset;
    }

    /// <summary>The kind of value.</summary>
    public TypeKind Kind { get; }

    /// <summary>Total significant digits, for <see cref="TypeKind.Decimal"/>; 0 otherwise.</summary>
    public int Precision { get; }

    /// <summary>Digits after the decimal point, for <see cref="TypeKind.Decimal"/>; 0 otherwise.</summary>
    public int Scale { get; }

    /// <summary>For <see cref="TypeKind.Timestamp"/>: values are UTC instants (the source had offsets).</summary>
    public bool HasOffset { get; }

    /// <summary>Boolean.</summary>
    public static DataType Boolean { get; } = new(TypeKind.Boolean);

    /// <summary>64-bit integer.</summary>
    public static DataType Int64 { get; } = new(TypeKind.Int64);

    /// <summary>Double precision float.</summary>
    public static DataType Double { get; } = new(TypeKind.Double);

    /// <summary>UTF-8 text.</summary>
    public static DataType String { get; } = new(TypeKind.String);

    /// <summary>Calendar date.</summary>
    public static DataType Date { get; } = new(TypeKind.Date);

    /// <summary>Timestamp without zone (wall clock).</summary>
    public static DataType Timestamp { get; } = new(TypeKind.Timestamp);

    /// <summary>Timestamp normalised to UTC from values that carried an offset.</summary>
    public static DataType TimestampWithOffset { get; } = new(TypeKind.Timestamp, hasOffset: true);

    /// <summary>A decimal type.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Precision outside 1..38 or scale outside 0..precision.</exception>
    public static DataType Decimal(int precision, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, MaxDecimalPrecision);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        return new DataType(TypeKind.Decimal, precision, scale);
    }

    /// <summary>The canonical name: <c>boolean</c>, <c>int64</c>, <c>double</c>, <c>decimal(p,s)</c>,
    /// <c>string</c>, <c>date</c>, <c>timestamp</c>, <c>timestamptz</c>.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Boolean => "boolean",
        TypeKind.Int64 => "int64",
        TypeKind.Double => "double",
        TypeKind.Decimal => $"decimal({Precision},{Scale})",
        TypeKind.String => "string",
        TypeKind.Date => "date",
        TypeKind.Timestamp => HasOffset ? "timestamptz" : "timestamp",
        _ => Kind.ToString(),
    };

    /// <summary>
    /// Parses a type name as users write it in <c>--schema</c> overrides: the canonical names plus common
    /// aliases (<c>bool</c>, <c>int</c>, <c>integer</c>, <c>bigint</c>, <c>long</c>, <c>float</c>, <c>real</c>,
    /// <c>numeric(p,s)</c>, <c>text</c>, <c>varchar</c>, <c>datetime</c>, <c>timestamp with time zone</c>).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DataType? type)
    {
        type = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var t = text.Trim().ToLowerInvariant();
        type = t switch
        {
            "boolean" or "bool" => Boolean,
            "int64" or "int" or "integer" or "bigint" or "long" or "int32" or "smallint" => Int64,
            "double" or "float" or "float64" or "real" or "number" => Double,
            "string" or "text" or "varchar" or "str" => String,
            "date" => Date,
            "timestamp" or "datetime" or "timestamp without time zone" => Timestamp,
            "timestamptz" or "timestamp with time zone" or "datetimeoffset" => TimestampWithOffset,
            _ => null,
        };
        if (type is not null)
            return true;
        foreach (var prefix in (ReadOnlySpan<string>)["decimal", "numeric"])
        {
            if (!t.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            var rest = t.AsSpan(prefix.Length).Trim();
            if (rest.IsEmpty)
            {
                type = Decimal(MaxDecimalPrecision, 9);
                return true;
            }
            if (rest[0] != '(' || rest[^1] != ')')
                return false;
            var inner = rest[1..^1];
            var comma = inner.IndexOf(',');
            var pText = comma < 0 ? inner : inner[..comma];
            var sText = comma < 0 ? "0" : inner[(comma + 1)..];
            if (int.TryParse(pText.Trim(), out var p) && int.TryParse(sText.Trim(), out var s)
                && p is >= 1 and <= MaxDecimalPrecision && s >= 0 && s <= p)
            {
                type = Decimal(p, s);
                return true;
            }
            return false;
        }
        return false;
    }
}
