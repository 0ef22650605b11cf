using DatumSync.Data;
using DatumSync.Parquet.Format;

namespace DatumSync.Parquet.Mapping;

/// <summary>How a leaf column's physical values become the core type.</summary>
internal enum ValueConversion
{
    /// <summary>Same width and meaning (INT64 → Int64, DOUBLE → Double, INT32 DATE → Date, BYTE_ARRAY → String).</summary>
    None,
    /// <summary>INT32 → Int64 (sign-extended), or unsigned INT32 (zero-extended).</summary>
    Int32ToInt64,
    /// <summary>Unsigned INT64 → decimal(20,0), so values above 2^63 survive.</summary>
    UInt64ToDecimal,
    /// <summary>FLOAT → Double.</summary>
    FloatToDouble,
    /// <summary>INT32 / INT64 unscaled decimal → Int128.</summary>
    IntDecimal,
    /// <summary>FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY big-endian two's complement decimal → Int128.</summary>
    BytesDecimal,
    /// <summary>INT64 timestamp in milliseconds → microseconds.</summary>
    TimestampMillis,
    /// <summary>INT64 timestamp in nanoseconds → microseconds (sub-microsecond digits dropped, reported).</summary>
    TimestampNanos,
    /// <summary>INT96 (nanoseconds of day + Julian day) → microseconds.</summary>
    Int96Timestamp,
    /// <summary>TIME (INT32 millis / INT64 micros or nanos) → text <c>HH:mm:ss[.ffffff]</c>.</summary>
    TimeToText,
    /// <summary>FIXED_LEN_BYTE_ARRAY(16) UUID → text.</summary>
    UuidToText,
    /// <summary>BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY without a text annotation → text when valid UTF-8, else base64.</summary>
    BinaryToText,
    /// <summary>BOOLEAN.</summary>
    Boolean,
}

/// <summary>
/// One leaf column of a Parquet schema: where it is, how it is stored, and what the reader makes of it.
/// </summary>
internal sealed record ColumnDescriptor
{
    /// <summary>The dotted path (<c>a.b.c</c>); the column name in our schema.</summary>
    public required string Path { get; init; }

    /// <summary>The path parts as stored (<c>path_in_schema</c>).</summary>
    public required IReadOnlyList<string> PathParts { get; init; }

    /// <summary>The leaf schema element.</summary>
    public required SchemaElement Element { get; init; }

    /// <summary>Physical type.</summary>
    public PhysicalType PhysicalType => Element.Type ?? PhysicalType.ByteArray;

    /// <summary>FIXED_LEN_BYTE_ARRAY length.</summary>
    public int TypeLength => Element.TypeLength ?? 0;

    /// <summary>Highest definition level (0 for a required top-level column).</summary>
    public required int MaxDefinitionLevel { get; init; }

    /// <summary>Highest repetition level (0 for a flat column).</summary>
    public required int MaxRepetitionLevel { get; init; }

    /// <summary>For a list of primitives: the definition level at which the list itself is present (its elements may
    /// still be null); values below mean the whole list is null.</summary>
    public int ListDefinitionLevel { get; init; }

    /// <summary>The core type the column reads as (text for lists, which read as JSON arrays).</summary>
    public required DataType Type { get; init; }

    /// <summary>The type of each value as stored: <see cref="Type"/> for flat columns, the element type for lists.</summary>
    public required DataType ValueType { get; init; }

    /// <summary>How physical values become <see cref="Type"/>.</summary>
    public required ValueConversion Conversion { get; init; }

    /// <summary>Scale for decimals (the physical values are unscaled).</summary>
    public int Scale { get; init; }

    /// <summary>Whether the column is a list of primitives (read as JSON array text).</summary>
    public bool IsList => MaxRepetitionLevel > 0;

    /// <summary>Why the column cannot be read, or null.</summary>
    public string? Unsupported { get; init; }
}
