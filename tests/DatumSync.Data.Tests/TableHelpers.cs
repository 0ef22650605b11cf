using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Data.Tests;

/// <summary>Reads whole tables into plain values for assertions.</summary>
internal static class TableHelpers
{
    public sealed record Table(Schema Schema, List<object?[]> Rows, IReaderDiagnostics? Diagnostics, int Batches)
    {
        public object?[] Column(string name)
        {
            var i = Schema.IndexOf(name);
            return [.. Rows.Select(r => r[i])];
        }
    }

    public static async Task<Table> ReadCsvAsync(string text, ReadOptions? options = null, Encoding? encoding = null)
        => await ReadCsvAsync((encoding ?? new UTF8Encoding(false)).GetBytes(text), options);

    public static async Task<Table> ReadCsvAsync(byte[] bytes, ReadOptions? options = null, string name = "test.csv")
    {
        await using var reader = await CsvReader.OpenAsync(DataSource.FromBytes(bytes, name), options ?? new ReadOptions());
        return await DrainAsync(reader);
    }

    public static async Task<Table> DrainAsync(IBatchReader reader)
    {
        var rows = new List<object?[]>();
        var batches = 0;
        Schema schema = reader.Schema;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                batches++;
                schema = batch.Schema;
                for (var r = 0; r < batch.RowCount; r++)
                    rows.Add([.. batch.Columns.Select(c => c.GetValue(r))]);
            }
        }
        return new Table(reader.Schema, rows, reader as IReaderDiagnostics, batches);
    }

    /// <summary>
    /// Collects the first column's values, like a file writer: what it wrote counts only once completed, so an
    /// abandoned attempt (a restart after widening) leaves nothing.
    /// </summary>
    public sealed class CollectingWriter(Schema schema, List<object?> sink) : IBatchWriter
    {
        private readonly List<object?> _pending = [];

        public Schema Schema => schema;

        public ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
        {
            for (var r = 0; r < batch.RowCount; r++)
                _pending.Add(batch.Column(0).GetValue(r));
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
        {
            sink.AddRange(_pending);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
