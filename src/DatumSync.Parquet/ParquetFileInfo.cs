using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Mapping;

namespace DatumSync.Parquet;

/// <summary>What a Parquet file's footer says: row groups, column chunks, encodings, codecs and statistics.</summary>
/// <param name="CreatedBy">The writer (<c>created_by</c>).</param>
/// <param name="FormatVersion">The format version in the footer.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Columns">Leaf columns: path, physical and logical type, how they read.</param>
/// <param name="RowGroups">Row groups with their column chunks.</param>
/// <param name="KeyValueMetadata">Key-value metadata.</param>
public sealed record ParquetFileInfo(
    string? CreatedBy,
    int FormatVersion,
    long Rows,
    IReadOnlyList<ParquetColumnInfo> Columns,
    IReadOnlyList<ParquetRowGroupInfo> RowGroups,
    IReadOnlyDictionary<string, string?> KeyValueMetadata)
{
    /// <summary>Reads the footer of a Parquet file.</summary>
    /// <exception cref="ParquetException">Not a readable Parquet file.</exception>
    public static ParquetFileInfo Read(DataSource source)
    {
        using var stream = ParquetFormat.OpenSeekable(source);
        var footer = ParquetFooter.Read(stream, source.Name);
        var leaves = ParquetSchemaMapper.FromParquet(footer, source.Name);
        var columns = leaves.Select(l => new ParquetColumnInfo(
            l.Path,
            PhysicalName(l.PhysicalType),
            Describe(l.Element.LogicalType, l.Element.ConvertedType),
            l.Element.RepetitionType?.ToString().ToLowerInvariant() ?? "required",
            l.Type.ToString(),
            l.Unsupported)).ToList();
        var groups = new List<ParquetRowGroupInfo>(footer.RowGroups.Count);
        foreach (var group in footer.RowGroups)
        {
            var chunks = new List<ParquetChunkInfo>(group.Columns.Count);
            for (var c = 0; c < group.Columns.Count; c++)
            {
                var m = group.Columns[c].MetaData!;
                var leaf = c < leaves.Count ? leaves[c] : null;
                var stats = m.Statistics;
                chunks.Add(new ParquetChunkInfo(
                    string.Join('.', m.PathInSchema),
                    m.Encodings.Select(e => Name(e)).Distinct().ToList(),
                    CodecName(m.Codec),
                    m.NumValues,
                    m.TotalCompressedSize,
                    m.TotalUncompressedSize,
                    stats?.NullCount,
                    leaf is null ? null : Text(leaf, stats?.MinValue ?? stats?.Min),
                    leaf is null ? null : Text(leaf, stats?.MaxValue ?? stats?.Max)));
            }
            groups.Add(new ParquetRowGroupInfo(group.NumRows, group.TotalByteSize, group.TotalCompressedSize ?? group.Columns.Sum(c => c.MetaData!.TotalCompressedSize), chunks));
        }
        var kv = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var item in footer.KeyValueMetadata ?? [])
            kv[item.Key] = item.Value;
        return new ParquetFileInfo(footer.CreatedBy, footer.Version, footer.NumRows, columns, groups, kv);
    }

    private static string? Text(ColumnDescriptor column, byte[]? bytes)
    {
        if (bytes is null || column.IsList)
            return null;
        return PhysicalValues.Decode(column, bytes) switch
        {
            null => null,
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", System.Globalization.CultureInfo.InvariantCulture) + "Z",
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            string s => s.Length > 64 ? string.Concat(s.AsSpan(0, 61), "...") : s,
            var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string Describe(LogicalType? logical, ConvertedType? converted)
    {
        if (logical is not null)
        {
            return logical.Kind switch
            {
                LogicalTypeKind.Decimal => $"DECIMAL({logical.Precision},{logical.Scale})",
                LogicalTypeKind.Timestamp => $"TIMESTAMP({(logical.IsAdjustedToUtc ? "UTC" : "local")}, {logical.Unit.ToString().ToUpperInvariant()})",
                LogicalTypeKind.Time => $"TIME({(logical.IsAdjustedToUtc ? "UTC" : "local")}, {logical.Unit.ToString().ToUpperInvariant()})",
                LogicalTypeKind.Integer => $"INT({logical.BitWidth}, {(logical.IsSigned ? "signed" : "unsigned")})",
                var k => k.ToString().ToUpperInvariant(),
            };
        }
        return converted?.ToString().ToUpperInvariant() ?? "";
    }

    internal static string PhysicalName(PhysicalType type) => type switch
    {
        PhysicalType.Boolean => "BOOLEAN",
        PhysicalType.Int32 => "INT32",
        PhysicalType.Int64 => "INT64",
        PhysicalType.Int96 => "INT96",
        PhysicalType.Float => "FLOAT",
        PhysicalType.Double => "DOUBLE",
        PhysicalType.ByteArray => "BYTE_ARRAY",
        PhysicalType.FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
        var t => $"TYPE_{(int)t}",
    };

    internal static string Name(Format.Encoding encoding) => encoding switch
    {
        Format.Encoding.Plain => "PLAIN",
        Format.Encoding.PlainDictionary => "PLAIN_DICTIONARY",
        Format.Encoding.Rle => "RLE",
        Format.Encoding.BitPacked => "BIT_PACKED",
        Format.Encoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        Format.Encoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        Format.Encoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        Format.Encoding.RleDictionary => "RLE_DICTIONARY",
        Format.Encoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        var e => $"ENCODING_{(int)e}",
    };

    internal static string CodecName(int codec) => codec switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"CODEC_{codec}",
    };
}

/// <summary>A leaf column of a Parquet file.</summary>
/// <param name="Path">Dotted path.</param>
/// <param name="PhysicalType">Physical type (INT64, BYTE_ARRAY, ...).</param>
/// <param name="LogicalType">Logical or converted type annotation.</param>
/// <param name="Repetition">required, optional or repeated.</param>
/// <param name="ReadsAs">The DatumSync type it reads as.</param>
/// <param name="Unsupported">Why it cannot be read, if so.</param>
public sealed record ParquetColumnInfo(string Path, string PhysicalType, string LogicalType, string Repetition, string ReadsAs, string? Unsupported);

/// <summary>A row group.</summary>
/// <param name="Rows">Rows.</param>
/// <param name="UncompressedBytes">Total byte size (uncompressed).</param>
/// <param name="CompressedBytes">Total compressed size.</param>
/// <param name="Columns">Its column chunks.</param>
public sealed record ParquetRowGroupInfo(long Rows, long UncompressedBytes, long CompressedBytes, IReadOnlyList<ParquetChunkInfo> Columns);

/// <summary>A column chunk.</summary>
/// <param name="Path">Column path.</param>
/// <param name="Encodings">Encodings used.</param>
/// <param name="Codec">Compression codec.</param>
/// <param name="Values">Values (including nulls).</param>
/// <param name="CompressedBytes">Compressed size.</param>
/// <param name="UncompressedBytes">Uncompressed size.</param>
/// <param name="Nulls">Null count from the statistics.</param>
/// <param name="Min">Minimum from the statistics, as text.</param>
/// <param name="Max">Maximum from the statistics, as text.</param>
public sealed record ParquetChunkInfo(string Path, IReadOnlyList<string> Encodings, string Codec, long Values, long CompressedBytes, long UncompressedBytes, long? Nulls, string? Min, string? Max);
