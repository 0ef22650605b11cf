using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules;

namespace DatumSync.Platform.Datasets;

/// <summary>A page of rows: the schema and the values of the rows that passed the filter.</summary>
/// <param name="Schema">The dataset's schema.</param>
/// <param name="Rows">Row values: <see cref="bool"/>, <see cref="long"/>, finite <see cref="double"/>, text, or null.</param>
/// <param name="HasMore">More matching rows follow this page.</param>
public sealed record PreviewPage(Schema Schema, IReadOnlyList<object?[]> Rows, bool HasMore);

/// <summary>Reads a page of a dataset with the real streaming readers, stopping as soon as the page is full.</summary>
public static class DatasetPreview
{
    /// <summary>The most rows one page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Reads rows <paramref name="skip"/>.. of those matching <paramref name="where"/>, at most <paramref name="limit"/>.</summary>
    /// <exception cref="DataFormatException">The dataset cannot be read.</exception>
    /// <exception cref="RowFilterException">The filter is invalid for this dataset's schema.</exception>
    public static async Task<PreviewPage> ReadAsync(DataSource source, string? format, string? where, long skip, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        limit = Math.Clamp(limit, 0, MaxLimit);
        var reader = await TableReader.OpenAsync(source, new ReadOptions { Format = format }, ModuleFormats.Registry, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var filter = RowFilter.Parse(where, reader.Schema);
            var rows = new List<object?[]>(Math.Min(limit, 256));
            long matched = 0;
            while (await reader.ReadNextBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                using (batch)
                {
                    for (var r = 0; r < batch.RowCount; r++)
                    {
                        if (!filter.Matches(batch, r))
                            continue;
                        if (matched++ < skip)
                            continue;
                        if (rows.Count == limit)
                            return new PreviewPage(reader.Schema, rows, HasMore: true);
                        rows.Add(RowValues(batch, r));
                    }
                }
            }
            return new PreviewPage(reader.Schema, rows, HasMore: false);
        }
    }

    private static object?[] RowValues(RecordBatch batch, int row)
    {
        var values = new object?[batch.Columns.Count];
        for (var c = 0; c < values.Length; c++)
        {
            var column = batch.Column(c);
            values[c] = column.IsNull(row) ? null : column.Type.Kind switch
            {
                TypeKind.Boolean or TypeKind.Int64 => column.GetValue(row),
                TypeKind.Double when column.GetValue(row) is double d && double.IsFinite(d) => d,
                _ => column.GetText(row),
            };
        }
        return values;
    }
}
