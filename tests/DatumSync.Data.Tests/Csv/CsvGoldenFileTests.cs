using System.Text.Json;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Csv;

namespace DatumSync.Data.Tests.Csv;

/// <summary>
/// Each file under <c>Data/csv/</c> is read and compared with its <c>.expected.json</c>: schema (name:type), every
/// value as canonical text (null for null), and optionally detected properties, notes, warnings, or an error.
/// </summary>
public class CsvGoldenFileTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "csv");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Folder).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Golden_file_reads_as_expected(string file)
    {
        var path = Path.Combine(Folder, file);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, null).Replace(".csv", "", StringComparison.Ordinal).Replace(".tsv", "", StringComparison.Ordinal) + ".expected.json"));
        var root = expected.RootElement;
        var options = Options(root);

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            var act = async () =>
            {
                await using var r = await CsvReader.OpenAsync(DataSource.FromFile(path, file), options);
                while (await r.ReadNextBatchAsync() is { } b)
                    b.Dispose();
            };
            (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain(file).And.Contain(error.GetString());
            return;
        }

        await using var reader = await CsvReader.OpenAsync(DataSource.FromFile(path, file), options with { WidenInPlace = true });
        var rows = new List<string?[]>();
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++)
                    rows.Add([.. batch.Columns.Select(c => c.GetText(r))]);
            }
        }

        reader.Schema.Select(f => $"{f.Name}:{f.Type}").Should().Equal(root.GetProperty("schema").EnumerateArray().Select(e => e.GetString()), "schema of {0}", file);
        var expectedRows = root.GetProperty("rows").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray()).ToList();
        rows.Should().BeEquivalentTo(expectedRows, o => o.WithStrictOrdering(), "rows of {0}", file);

        if (root.TryGetProperty("properties", out var props))
        {
            foreach (var p in props.EnumerateObject())
                reader.Properties.Should().Contain(new KeyValuePair<string, string>(p.Name, p.Value.GetString()!), "property {0} of {1}", p.Name, file);
        }
        if (root.TryGetProperty("notes", out var notes))
        {
            foreach (var n in notes.EnumerateObject())
            {
                var i = reader.Schema.IndexOf(n.Name);
                var inferred = reader.InferredColumns![i];
                var text = string.Join("; ", inferred.Notes) + "; " + inferred.Format;
                foreach (var fragment in n.Value.EnumerateArray())
                    text.Should().Contain(fragment.GetString(), "notes of column {0} in {1}", n.Name, file);
            }
        }
        if (root.TryGetProperty("warnings", out var warnings))
        {
            foreach (var w in warnings.EnumerateArray())
                reader.Warnings.Should().Contain(x => x.Contains(w.GetString()!, StringComparison.Ordinal), "warnings of {0}", file);
        }
    }

    private static ReadOptions Options(JsonElement root)
    {
        var csv = new CsvOptions();
        if (root.TryGetProperty("options", out var o))
        {
            foreach (var p in o.EnumerateObject())
            {
                csv = p.Name switch
                {
                    "ragged" => csv with { Ragged = Enum.Parse<RaggedRows>(p.Value.GetString()!, ignoreCase: true) },
                    "dateOrder" => csv with { DateOrder = p.Value.GetString() == "mdy" ? DateOrder.MonthDayYear : DateOrder.DayMonthYear },
                    "skipRows" => csv with { SkipRows = p.Value.GetInt32() },
                    _ => throw new InvalidOperationException($"unknown golden option {p.Name}"),
                };
            }
        }
        return new ReadOptions { Csv = csv };
    }
}
