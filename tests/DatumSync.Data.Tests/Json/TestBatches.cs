using System.Text;
using DatumSync.Data.Formats;

namespace DatumSync.Data.Tests.Json;

/// <summary>Builds record batches from plain values and reads whole outputs back, for format tests.</summary>
internal static class TestBatches
{
    /// <summary>A batch from columns given as (name, type, values); a null value is a null.</summary>
    public static RecordBatch Build(params (string Name, DataType Type, object?[] Values)[] columns)
    {
        var rows = columns.Length == 0 ? 0 : columns[0].Values.Length;
        var built = new List<Column>();
        foreach (var (name, type, values) in columns)
        {
            var b = ColumnBuilder.Create(type, 4);
            foreach (var v in values)
                Append(b, v);
            built.Add(b.Build());
        }
        return new RecordBatch(new Schema(columns.Select(c => new Field(c.Name, c.Type))), built, rows);
    }

    public static void Append(ColumnBuilder builder, object? value)
    {
        if (value is null)
        {
            builder.AppendNull();
            return;
        }
        switch (builder)
        {
            case BooleanColumnBuilder b: b.Append((bool)value); break;
            case Int64ColumnBuilder b: b.Append(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case DoubleColumnBuilder b: b.Append(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case DecimalColumnBuilder b: b.Append(((DecimalValue)value).Unscaled); break;
            case StringColumnBuilder b: b.Append((string)value); break;
            case DateColumnBuilder b: b.Append(ValueFormatter.ToEpochDays((DateOnly)value)); break;
            case TimestampColumnBuilder b:
                b.Append(value is DateTimeOffset dto ? ValueFormatter.ToEpochMicros(dto.UtcDateTime) : ValueFormatter.ToEpochMicros((DateTime)value));
                break;
            default: throw new ArgumentException($"No test appender for {builder.Type}.");
        }
    }

    /// <summary>Writes the batches with a writer made over a memory stream and returns the text.</summary>
    public static async Task<string> WriteAsync(Func<Stream, IBatchWriter> create, params RecordBatch[] batches)
    {
        using var ms = new MemoryStream();
        var writer = create(ms);
        await using (writer)
        {
            foreach (var b in batches)
                await writer.WriteBatchAsync(b);
            await writer.CompleteAsync();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Reads every batch of a reader into rows of boxed values (see <see cref="Column.GetValue"/>).</summary>
    public static async Task<(Schema Schema, List<object?[]> Rows, int Batches)> ReadAllAsync(IBatchReader reader)
    {
        var rows = new List<object?[]>();
        var batches = 0;
        await using (reader)
        {
            while (await reader.ReadNextBatchAsync() is { } batch)
            {
                using (batch)
                {
                    batches++;
                    batch.Schema.Equals(reader.Schema).Should().BeTrue("every batch has the reader's schema");
                    for (var r = 0; r < batch.RowCount; r++)
                        rows.Add([.. batch.Columns.Select(c => c.GetValue(r))]);
                }
            }
            return (reader.Schema, rows, batches);
        }
    }
}
