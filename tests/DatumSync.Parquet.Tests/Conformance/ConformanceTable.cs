using System.Text;
using DatumSync.Data;
using Schema = DatumSync.Data.Schema;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>One core type of the conformance tables: its column name stem and what each engine calls it.</summary>
/// <param name="Stem">Column name stem (<c>dec18</c>).</param>
/// <param name="Type">The core type.</param>
/// <param name="DuckDb">DuckDB's SQL type when it reads our file.</param>
/// <param name="Polars">Polars' dtype.</param>
/// <param name="Hyparquet">hyparquet's view: the Parquet physical type and annotation we write.</param>
internal sealed record ConformanceType(string Stem, DataType Type, string DuckDb, string Polars, string Hyparquet);

/// <summary>
/// A seeded table of every core type, each three times: required (<c>_req</c>), optional with nulls (<c>_opt</c>)
/// and optional with only nulls (<c>_null</c>). The first rows hold the edge values (NaN, ±∞, -0.0, the
/// smallest and largest decimals, empty, unicode, multi-line and 3,000-character strings, years 1 and 9999,
/// dates before 1970); later rows mix repeats (so dictionaries pay) with fresh random values. The expected text
/// of every cell is <see cref="Column.GetText"/>, i.e. <see cref="ValueFormatter"/>'s canonical text, which is
/// what the peers print too.
/// </summary>
internal sealed class ConformanceTable
{
    public static readonly ConformanceType[] Types =
    [
        new("bool", DataType.Boolean, "BOOLEAN", "bool", "BOOLEAN"),
        new("i64", DataType.Int64, "BIGINT", "i64", "INT64 INTEGER(64,signed)"),
        new("f64", DataType.Double, "DOUBLE", "f64", "DOUBLE"),
        new("dec9", DataType.Decimal(9, 2), "DECIMAL(9,2)", "decimal[9,2]", "INT32 DECIMAL(9,2)"),
        new("dec18", DataType.Decimal(18, 4), "DECIMAL(18,4)", "decimal[18,4]", "INT64 DECIMAL(18,4)"),
        new("dec38", DataType.Decimal(38, 10), "DECIMAL(38,10)", "decimal[38,10]", "FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,10)"),
        new("str", DataType.String, "VARCHAR", "str", "BYTE_ARRAY STRING"),
        new("date", DataType.Date, "DATE", "date", "INT32 DATE"),
        new("ts", DataType.Timestamp, "TIMESTAMP", "datetime[μs]", "INT64 TIMESTAMP(MICROS)"),
        new("tstz", DataType.TimestampWithOffset, "TIMESTAMP WITH TIME ZONE", "datetime[μs, UTC]", "INT64 TIMESTAMP(MICROS,utc)"),
    ];

    /// <summary>The three nullability variants, as column name suffixes.</summary>
    public static readonly string[] Variants = ["req", "opt", "null"];

    private ConformanceTable(Schema schema, object?[][] values, string?[][] expected)
    {
        Schema = schema;
        Values = values;
        Expected = expected;
    }

    public Schema Schema { get; }

    /// <summary>Row-major source values (null, bool, long, double, Int128, string, int days, long micros).</summary>
    public object?[][] Values { get; }

    /// <summary>Row-major canonical text, null for null.</summary>
    public string?[][] Expected { get; }

    public int Rows => Values.Length;

    /// <summary>The type of a column by name.</summary>
    public static ConformanceType TypeOf(string column) => Types.Single(t => column.StartsWith(t.Stem + "_", StringComparison.Ordinal));

    public static Schema MakeSchema() => new(Types.SelectMany(t => Variants.Select(v => new Field($"{t.Stem}_{v}", t.Type, v != "req"))));

    /// <summary>Builds <paramref name="rows"/> rows from <paramref name="seed"/>.</summary>
    public static ConformanceTable Build(int rows, int seed)
    {
        var schema = MakeSchema();
        var random = new Random(seed);
        var values = new object?[rows][];
        for (var r = 0; r < rows; r++)
        {
            values[r] = new object?[schema.Count];
            for (var c = 0; c < schema.Count; c++)
            {
                var field = schema[c];
                var variant = field.Name[(field.Name.LastIndexOf('_') + 1)..];
                values[r][c] = variant switch
                {
                    "null" => null,
                    "opt" when r >= EdgeRows && random.Next(6) == 0 => null,
                    _ => Value(field.Type, r, random, values, c),
                };
            }
        }
        // The expected text comes from the columns themselves: ValueFormatter, as every text writer uses it.
        var expected = new string?[rows][];
        using (var batch = MakeBatch(schema, values, 0, rows))
        {
            for (var r = 0; r < rows; r++)
                expected[r] = [.. batch.Columns.Select(col => col.GetText(r))];
        }
        return new ConformanceTable(schema, values, expected);
    }

    /// <summary>The table as batches of <paramref name="batchRows"/> rows (the caller disposes them).</summary>
    public List<RecordBatch> Batches(int batchRows)
    {
        var batches = new List<RecordBatch>();
        for (var start = 0; start < Rows; start += batchRows)
            batches.Add(MakeBatch(Schema, Values, start, Math.Min(batchRows, Rows - start)));
        if (Rows == 0)
            batches.Add(MakeBatch(Schema, Values, 0, 0));
        return batches;
    }

    /// <summary>Writes the table with our writer to <paramref name="path"/>.</summary>
    public async Task WriteAsync(string path, ParquetWriteOptions options, int batchRows)
    {
        await using var stream = File.Create(path);
        await using var writer = new ParquetWriter(stream, Schema, options);
        foreach (var batch in Batches(batchRows))
        {
            using (batch)
                await writer.WriteBatchAsync(batch);
        }
        await writer.CompleteAsync();
    }

    // ---- values -----------------------------------------------------------------------------------------------

    private const int EdgeRows = 8;

    private static readonly string[] EdgeStrings =
    [
        "", "ünïcödé ✓ 🦊 ∑ 日本語", "multi\nline\r\nwith \"quotes\", commas", new string('x', 3000) + "end", "\t leading and trailing ",
        "NULL", "e\u0301 combining, \U0001F600 astral", "\\ backslash / slash",
    ];

    private static object? Value(DataType type, int row, Random random, object?[][] sofar, int column)
    {
        if (row < EdgeRows)
            return Edge(type, row);
        // Half the values repeat an earlier one, so dictionaries pay and fall back only when told to.
        if (random.Next(2) == 0)
        {
            var earlier = sofar[random.Next(Math.Max(1, row - 40), row)][column];
            if (earlier is not null)
                return earlier;
        }
        return type.Kind switch
        {
            TypeKind.Boolean => random.Next(2) == 0,
            TypeKind.Int64 => random.Next(4) switch
            {
                0 => random.NextInt64(),
                1 => -random.NextInt64(),
                _ => random.NextInt64(-100_000, 100_000),
            },
            TypeKind.Double => random.Next(5) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 1.5,
                1 => Math.Round(random.NextDouble() * 2000 - 1000, random.Next(0, 6)),
                2 => random.NextDouble() * Math.Pow(10, random.Next(-30, 30)),
                3 => random.Next(-1000, 1000),
                _ => -random.NextDouble(),
            },
            TypeKind.Decimal => RandomDecimal(type.Precision, random),
            TypeKind.String => RandomString(random),
            TypeKind.Date => random.Next(-719162, 2932897),
            TypeKind.Timestamp => random.Next(3) switch
            {
                0 => random.NextInt64(-62135596800000000L, 253402300800000000L),
                1 => random.NextInt64(-2_000_000_000, 4_000_000_000) * 1_000_000, // whole seconds
                _ => random.NextInt64(-2_000_000_000_000_000, 4_000_000_000_000_000),
            },
            _ => throw new InvalidOperationException(type.ToString()),
        };
    }

    private static object Edge(DataType type, int row) => type.Kind switch
    {
        TypeKind.Boolean => row % 3 != 1,
        TypeKind.Int64 => new[] { long.MinValue, long.MaxValue, 0L, -1L, 1L, int.MaxValue + 1L, int.MinValue - 1L, 9_007_199_254_740_993L }[row],
        TypeKind.Double => new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, double.MaxValue, 0.1 }[row],
        TypeKind.Decimal => EdgeDecimal(type.Precision, row),
        TypeKind.String => EdgeStrings[row],
        // 0001-01-01, 1969-12-31, 1970-01-01, 9999-12-31, 1900-02-28, 2000-02-29, 1582-10-04, 1600-03-01
        TypeKind.Date => new[] { -719162, -1, 0, 2932896, -25508, 11016, -141428, -135080 }[row],
        TypeKind.Timestamp => new[]
        {
            -62135596800000000L, // 0001-01-01T00:00:00
            253402300799999999L, // 9999-12-31T23:59:59.999999
            -1L, 0L, 1L, -86_400_000_001L, 1_709_212_455_123_456L, -12_219_292_800_000_000L,
        }[row],
        _ => throw new InvalidOperationException(type.ToString()),
    };

    private static Int128 Max(int precision)
    {
        var max = Int128.One;
        for (var i = 0; i < precision; i++)
            max *= 10;
        return max - 1;
    }

    private static Int128 EdgeDecimal(int precision, int row)
    {
        var max = Max(precision);
        return new[] { max, -max, Int128.Zero, Int128.One, Int128.NegativeOne, max / 2, -(max / 3), 5 }[row];
    }

    private static Int128 RandomDecimal(int precision, Random random)
    {
        var max = Max(precision);
        Int128 v = random.Next(3) switch
        {
            0 => random.Next(-10_000, 10_000),
            1 => random.NextInt64(long.MinValue, long.MaxValue),
            _ => ((Int128)random.NextInt64() << 64) | (ulong)random.NextInt64(),
        };
        return v % (max + 1) * (random.Next(2) == 0 ? 1 : -1);
    }

    private static readonly string[] Pieces = ["a", "Z", "0", " ", "é", "ß", "日", "🦊", "\n", "\"", ",", "'", "\t", "Ω", "∑", "e\u0301", "€", "\\", "{", "}"];

    private static string RandomString(Random random)
    {
        var length = random.Next(8) == 0 ? random.Next(100, 400) : random.Next(0, 16);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            text.Append(random.Next(3) == 0 ? Pieces[random.Next(Pieces.Length)] : ((char)random.Next('a', 'z' + 1)).ToString());
        return text.ToString();
    }

    // ---- batches ----------------------------------------------------------------------------------------------

    private static RecordBatch MakeBatch(Schema schema, object?[][] values, int start, int count)
    {
        var builders = schema.Select(f => ColumnBuilder.Create(f.Type, Math.Max(count, 1))).ToArray();
        for (var r = start; r < start + count; r++)
        {
            for (var c = 0; c < builders.Length; c++)
                Append(builders[c], values[r][c]);
        }
        return new RecordBatch(schema, [.. builders.Select(b => b.Build())], count);
    }

    public static void Append(ColumnBuilder builder, object? value) => RoundTrip.ParquetTestData.Append(builder, value);

    /// <summary>Canonical text of a value the way the table holds it (for statistics).</summary>
    public static string Text(DataType type, object value)
    {
        var builder = ColumnBuilder.Create(type, 1);
        Append(builder, value);
        using var column = builder.Build();
        return column.GetText(0)!;
    }
}
