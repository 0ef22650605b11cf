using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DatumSync.Data;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Tests.Peers;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// The footers and page headers our writer produces, as DuckDB (footer) and hyparquet (page headers) decode them
/// through <c>parquet-meta.mjs</c>: created_by, schema annotations, codec, encodings per chunk, the page sequence
/// of each dictionary mode, statistics (min/max/null count against the source data) and column orders.
/// </summary>
public sealed partial class OurWriterFooterTests(OurFiles files) : IClassFixture<OurFiles>
{
    public static TheoryData<ParquetCompression, DictionaryMode> Matrix()
    {
        var data = new TheoryData<ParquetCompression, DictionaryMode>();
        foreach (var codec in OurWriterPeerReadTests.Codecs)
        {
            foreach (var mode in Enum.GetValues<DictionaryMode>())
                data.Add(codec, mode);
        }
        return data;
    }

    [GeneratedRegex(@"^DatumSync version \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)? \(build ([0-9a-f]{7,12}|unknown)\)$")]
    private static partial Regex CreatedByFormat();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task The_footer_describes_every_chunk_as_written(ParquetCompression codec, DictionaryMode mode)
    {
        var file = await files.FileAsync(codec, mode);
        var table = files.Table;

        var meta = await ParquetPeers.MetadataAsync(file, pages: true);

        meta.CreatedBy.Should().MatchRegex(CreatedByFormat().ToString()).And.Be(ParquetWriter.CreatedBy);
        meta.FormatVersion.Should().Be(2);
        meta.NumRows.Should().Be(OurFiles.Rows);
        meta.RowGroups.Select(g => g.NumRows).Should().Equal(1000, 1000, 500);
        meta.ColumnOrders.Should().HaveCount(table.Schema.Count).And.OnlyContain(o => o == "ColumnOrder(TYPE_ORDER=TypeDefinedOrder())");
        var failures = new StringBuilder();
        var start = 0;
        foreach (var group in meta.RowGroups)
        {
            group.Columns.Select(c => c.PathInSchema).Should().Equal(table.Schema.Select(f => f.Name));
            for (var c = 0; c < table.Schema.Count; c++)
                CheckChunk(failures, group, table, c, start, codec, mode);
            start += (int)group.NumRows;
        }
        failures.ToString().Should().BeEmpty($"the footer of our {codec} file with dictionary {mode}");
    }

    [Fact]
    public async Task The_schema_carries_physical_types_and_both_logical_and_legacy_annotations()
    {
        var meta = await ParquetPeers.MetadataAsync(await files.FileAsync(ParquetCompression.Snappy, DictionaryMode.On));

        meta.Schema[0].Should().Match<ParquetPeerSchemaElement>(e => e.Name == "schema" && e.NumChildren == 30 && e.Type == null);
        foreach (var field in files.Table.Schema)
        {
            var e = meta.SchemaElement(field.Name);
            e.RepetitionType.Should().Be(field.Nullable ? "OPTIONAL" : "REQUIRED", field.Name);
            e.DuckdbType.Should().Be(ConformanceTable.TypeOf(field.Name).DuckDb, field.Name);
            var (type, converted, logical) = field.Type.Kind switch
            {
                TypeKind.Boolean => ("BOOLEAN", null, null),
                TypeKind.Int64 => ("INT64", "INT_64", "IntType(bitWidth=@, isSigned=1)"),
                TypeKind.Double => ("DOUBLE", null, null),
                TypeKind.Decimal => (field.Type.Precision switch { <= 9 => "INT32", <= 18 => "INT64", _ => "FIXED_LEN_BYTE_ARRAY" }, "DECIMAL",
                    $"DecimalType(scale={field.Type.Scale}, precision={field.Type.Precision})"),
                TypeKind.String => ("BYTE_ARRAY", "UTF8", "StringType()"),
                TypeKind.Date => ("INT32", "DATE", "DateType()"),
                // LogicalTypes.md: writers must put TIMESTAMP_MICROS on local timestamps too.
                TypeKind.Timestamp => ("INT64", "TIMESTAMP_MICROS",
                    $"TimestampType(isAdjustedToUTC={(field.Type.HasOffset ? 1 : 0)}, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))"),
                _ => throw new InvalidOperationException(field.Type.ToString()),
            };
            e.Type.Should().Be(type, field.Name);
            e.ConvertedType.Should().Be(converted, field.Name);
            e.LogicalType.Should().Be(logical, field.Name);
            if (field.Type.Kind == TypeKind.Decimal)
            {
                e.Precision.Should().Be(field.Type.Precision);
                e.Scale.Should().Be(field.Type.Scale);
                e.TypeLength.Should().Be(field.Type.Precision > 18 ? 16 : null);
            }
        }
    }

    [Fact]
    public async Task Key_value_metadata_and_a_zero_row_footer_are_written()
    {
        var file = files.Dir.File("zero-rows-kv.parquet");
        await ConformanceTable.Build(0, seed: 1).WriteAsync(file, new ParquetWriteOptions
        {
            Metadata = new Dictionary<string, string> { ["origin"] = "conformance ✓", ["empty"] = "" },
        }, batchRows: 10);

        var meta = await ParquetPeers.MetadataAsync(file, pages: true);

        meta.NumRows.Should().Be(0);
        meta.RowGroups.Should().BeEmpty();
        meta.Schema.Should().HaveCount(31);
        meta.KeyValueMetadata.Should().BeEquivalentTo(new[] { new ParquetPeerKeyValue("origin", "conformance ✓"), new ParquetPeerKeyValue("empty", "") });
        meta.CreatedBy.Should().Be(ParquetWriter.CreatedBy);
    }

    // ---- one chunk ------------------------------------------------------------------------------------------------

    private static void CheckChunk(StringBuilder failures, ParquetPeerRowGroup group, ConformanceTable table, int c, int start, ParquetCompression codec, DictionaryMode mode)
    {
        var field = table.Schema[c];
        var chunk = group.Columns[c];
        var rows = (int)group.NumRows;
        var values = table.Values.Skip(start).Take(rows).Select(r => r[c]).ToList();
        var nulls = values.Count(v => v is null);
        var where = $"row group {group.Id}, {field.Name}";
        void Expect(bool ok, string what)
        {
            if (!ok)
                failures.AppendLine($"{where}: {what}");
        }

        Expect(chunk.Compression == ParquetCompressionNames.ThriftName(codec), $"compression {chunk.Compression}");
        Expect(chunk.NumValues == rows, $"num_values {chunk.NumValues}");
        Expect(chunk.StatsNullCount == nulls, $"null count {chunk.StatsNullCount}, expected {nulls}");

        // Encodings: what the values use, plus RLE for the definition levels of optional columns.
        var dictionaryCapable = field.Type.Kind != TypeKind.Boolean && !(field.Type.Kind == TypeKind.Decimal && field.Type.Precision > 18);
        var dictionary = mode != DictionaryMode.Off && dictionaryCapable && nulls < rows;
        var expectedEncodings = new List<string> { "PLAIN" }; // PLAIN values, or the dictionary page's PLAIN entries
        if (dictionary)
            expectedEncodings.Add("RLE_DICTIONARY");
        if (field.Nullable)
            expectedEncodings.Add("RLE");
        Expect(chunk.Encodings.Order().SequenceEqual(expectedEncodings.Order()), $"encodings {string.Join(",", chunk.Encodings)}, expected {string.Join(",", expectedEncodings)}");

        // Pages: [dictionary] then data pages v1 whose values add up to the rows.
        var pages = chunk.Pages!;
        var data = pages.Where(p => p.Type == "DATA_PAGE").ToList();
        Expect(pages.All(p => p.Type is "DATA_PAGE" or "DICTIONARY_PAGE"), $"page types {string.Join(",", pages.Select(p => p.Type))}");
        Expect(data.Sum(p => p.NumValues) == rows, $"data pages hold {data.Sum(p => p.NumValues)} values");
        Expect(data.All(p => p.DefinitionLevelEncoding == "RLE"), "definition levels not RLE");
        var sequence = string.Join(" ", pages.Select(p => p.Type == "DICTIONARY_PAGE" ? "D" : p.Encoding == "PLAIN" ? "P" : p.Encoding == "RLE_DICTIONARY" ? "R" : "?"));
        var pattern = !dictionary ? "^P( P)*$" : mode == DictionaryMode.On ? "^D R( R)*$" : "^D R( R)*( P)+$";
        Expect(Regex.IsMatch(sequence, pattern), $"pages {sequence}, expected {pattern}");
        Expect(chunk.DictionaryPageOffset == (dictionary ? pages[0].Offset : null), $"dictionary_page_offset {chunk.DictionaryPageOffset}");
        Expect(chunk.DataPageOffset == data[0].Offset, $"data_page_offset {chunk.DataPageOffset}, first data page at {data[0].Offset}");
        if (mode == DictionaryMode.Off && group.Id < 2 && nulls < rows && field.Type.Kind != TypeKind.Boolean)
            Expect(data.Count >= 2, $"{data.Count} data page (small pages were asked for)");

        // Statistics against the source values (DuckDB's text of them).
        var (min, max) = MinMax(field.Type, values.OfType<object>());
        if (field.Type.Kind == TypeKind.String && (Utf8(min) > 1024 || Utf8(max) > 1024))
            min = max = null; // very long strings are left out of the footer
        Expect(SameStatistic(field.Type, chunk.StatsMinValue, min), $"min_value {chunk.StatsMinValue ?? "null"}, expected {Show(field.Type, min)}");
        Expect(SameStatistic(field.Type, chunk.StatsMaxValue, max), $"max_value {chunk.StatsMaxValue ?? "null"}, expected {Show(field.Type, max)}");
        // The deprecated min/max (signed order) only where signed order is the type order: not strings, not FLBA.
        var legacy = field.Type.Kind != TypeKind.String && !(field.Type.Kind == TypeKind.Decimal && field.Type.Precision > 18);
        Expect(SameStatistic(field.Type, chunk.StatsMin, legacy ? min : null), $"legacy min {chunk.StatsMin ?? "null"}");
        Expect(SameStatistic(field.Type, chunk.StatsMax, legacy ? max : null), $"legacy max {chunk.StatsMax ?? "null"}");
    }

    private static int Utf8(object? text) => text is string s ? Encoding.UTF8.GetByteCount(s) : 0;

    /// <summary>The extremes in the type's order; doubles without NaN, a zero minimum as -0.0 and maximum as +0.0
    /// (parquet.thrift's rule for floating-point statistics).</summary>
    private static (object? Min, object? Max) MinMax(DataType type, IEnumerable<object> values)
    {
        var list = values.Where(v => v is not double d || !double.IsNaN(d)).ToList();
        if (list.Count == 0)
            return (null, null);
        Comparison<object> compare = type.Kind switch
        {
            TypeKind.String => (a, b) => Encoding.UTF8.GetBytes((string)a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes((string)b)),
            _ => (a, b) => Comparer<object>.Default.Compare(a, b),
        };
        list.Sort(compare);
        object min = list[0], max = list[^1];
        if (min is 0.0)
            min = -0.0;
        if (max is 0.0)
            max = 0.0;
        return (min, max);
    }

    private static string Show(DataType type, object? value) => value is null ? "null" : ConformanceTable.Text(type, value);

    /// <summary>DuckDB's statistic text against the expected value: canonical text once DuckDB's spelling is
    /// normalised; doubles by value, and DuckDB shows no infinite statistic at all.</summary>
    private static bool SameStatistic(DataType type, string? duckdb, object? expected)
    {
        if (expected is double d)
        {
            if (double.IsInfinity(d))
                return duckdb is null;
            return duckdb is not null && double.Parse(duckdb, CultureInfo.InvariantCulture) is var parsed
                && BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(d);
        }
        if (expected is null || duckdb is null)
            return expected is null && duckdb is null;
        var text = type.Kind switch
        {
            TypeKind.Timestamp when type.HasOffset && duckdb.EndsWith("+00", StringComparison.Ordinal) => duckdb[..^3].Replace(' ', 'T') + "Z",
            TypeKind.Timestamp => duckdb.Replace(' ', 'T'),
            _ => duckdb,
        };
        return text == ConformanceTable.Text(type, expected);
    }
}
