using DatumSync.Data;
using DatumSync.Data.Formats;
using Schema = DatumSync.Data.Schema;

namespace DatumSync.Parquet.Tests.RoundTrip;

/// <summary>Seeded tables of every core type, with the edge values that break writers and readers.</summary>
internal static class ParquetTestData
{
    public static readonly DataType[] AllTypes =
    [
        DataType.Boolean, DataType.Int64, DataType.Double, DataType.Decimal(9, 2), DataType.Decimal(18, 4), DataType.Decimal(38, 10),
        DataType.String, DataType.Date, DataType.Timestamp, DataType.TimestampWithOffset,
    ];

    public static Schema Schema(bool nullable) => new(AllTypes.Select((t, i) => new Field($"c{i}_{t.Kind.ToString().ToLowerInvariant()}", t, nullable)));

    /// <summary>A deterministic value of <paramref name="type"/>: the first rows are edge values, then random ones.</summary>
    public static object? Value(DataType type, int row, Random random, bool nullable)
    {
        var edge = row < 6;
        if (nullable && !edge && (row % 7 == 3 || random.Next(10) == 0))
            return null;
        return type.Kind switch
        {
            TypeKind.Boolean => random.Next(2) == 0,
            TypeKind.Int64 => edge ? new[] { long.MinValue, long.MaxValue, 0L, -1L, 1L, 42L }[row] : random.NextInt64(-1000, 1000) * (row % 5 == 0 ? 1_000_000_000_000L : 1),
            TypeKind.Double => edge ? new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue }[row] : Math.Round(random.NextDouble() * 2000 - 1000, random.Next(0, 6)),
            TypeKind.Decimal => Decimal(type, edge, row, random),
            TypeKind.String => edge ? new[] { "", "ünïcödé ✓ 🦊", "a\nb\"c,d", new string('x', 3000), "\t", "NULL" }[row] : $"v{random.Next(30)}",
            TypeKind.Date => edge ? new[] { -719162, -1, 0, 1, 2932896, 19000 }[row] : random.Next(-30000, 30000),
            TypeKind.Timestamp => edge ? new[] { -62135596800000000L, -1L, 0L, 1L, 253402300799999999L, 1_700_000_000_123_456L }[row] : random.NextInt64(-2_000_000_000_000_000, 4_000_000_000_000_000),
            _ => null,
        };
    }

    private static object Decimal(DataType type, bool edge, int row, Random random)
    {
        var max = Int128.One;
        for (var i = 0; i < type.Precision; i++)
            max *= 10;
        max -= 1;
        if (edge)
            return new[] { max, -max, Int128.Zero, Int128.One, Int128.NegativeOne, (Int128)123456789 % max }[row];
        var v = (Int128)random.NextInt64(long.MinValue, long.MaxValue) * random.Next(1, 1000);
        return v % max;
    }

    /// <summary>Builds batches of <paramref name="rows"/> rows in pieces of <paramref name="batchRows"/>.</summary>
    public static (Schema Schema, List<object?[]> Rows, List<RecordBatch> Batches) Build(int rows, bool nullable, int seed, int batchRows = 10_000)
    {
        var schema = Schema(nullable);
        var random = new Random(seed);
        var data = new List<object?[]>(rows);
        for (var r = 0; r < rows; r++)
            data.Add([.. schema.Select(f => Value(f.Type, r, random, nullable))]);
        var batches = new List<RecordBatch>();
        for (var start = 0; start < Math.Max(rows, 1); start += batchRows)
        {
            var n = Math.Min(batchRows, rows - start);
            var builders = schema.Select(f => ColumnBuilder.Create(f.Type, Math.Max(n, 1))).ToArray();
            for (var r = start; r < start + n; r++)
            {
                for (var c = 0; c < schema.Count; c++)
                    Append(builders[c], data[r][c]);
            }
            batches.Add(new RecordBatch(schema, builders.Select(b => b.Build()).ToArray(), n));
            if (rows == 0)
                break;
        }
        return (schema, data, batches);
    }

    /// <summary>Appends a test value (bool, long, double, Int128, string, int days, or null) to its builder.</summary>
    public static void Append(ColumnBuilder builder, object? value)
    {
        switch (value)
        {
            case null: builder.AppendNull(); break;
            case bool b: ((BooleanColumnBuilder)builder).Append(b); break;
            case long l when builder is TimestampColumnBuilder t: t.Append(l); break;
            case long l: ((Int64ColumnBuilder)builder).Append(l); break;
            case double d: ((DoubleColumnBuilder)builder).Append(d); break;
            case Int128 i: ((DecimalColumnBuilder)builder).Append(i); break;
            case string s: ((StringColumnBuilder)builder).Append(s); break;
            case int days: ((DateColumnBuilder)builder).Append(days); break;
            default: throw new InvalidOperationException(value.GetType().Name);
        }
    }

    /// <summary>Physical value of a cell as the test data holds it (for comparing a read-back batch).</summary>
    public static object? Physical(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        BooleanColumn b => b[row],
        TimestampColumn t => t[row],
        Int64Column l => l[row],
        DoubleColumn d => d[row],
        DecimalColumn m => m[row],
        StringColumn s => s.GetString(row),
        DateColumn d => d[row],
        _ => throw new InvalidOperationException(column.GetType().Name),
    };

    public static async Task<byte[]> WriteAsync(Schema schema, IEnumerable<RecordBatch> batches, ParquetWriteOptions options)
    {
        using var stream = new MemoryStream();
        await using (var writer = new ParquetWriter(stream, schema, options))
        {
            foreach (var b in batches)
                await writer.WriteBatchAsync(b);
            await writer.CompleteAsync();
        }
        return stream.ToArray();
    }

    public static async Task<(Schema Schema, List<object?[]> Rows, int Batches)> ReadAsync(byte[] bytes, ReadOptions? options = null, ParquetReadOptions? parquet = null)
    {
        await using var reader = await ParquetReader.OpenAsync(DataSource.FromBytes(bytes, "test.parquet"), options, parquet);
        var rows = new List<object?[]>();
        var batches = 0;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                batches++;
                for (var r = 0; r < batch.RowCount; r++)
                    rows.Add([.. batch.Columns.Select(c => Physical(c, r))]);
            }
        }
        return (reader.Schema, rows, batches);
    }
}
