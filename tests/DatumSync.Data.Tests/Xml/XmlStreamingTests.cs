using System.Globalization;
using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Xml;
using static DatumSync.Data.Tests.TableHelpers;
using static DatumSync.Data.Tests.Xml.XmlTestFiles;

namespace DatumSync.Data.Tests.Xml;

public class XmlStreamingTests
{
    private static byte[] Generated(int records, Func<int, string>? last = null)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<orders>\n");
        for (var i = 0; i < records; i++)
        {
            if (last is not null && i == records - 1)
            {
                sb.Append(last(i)).Append('\n');
                continue;
            }
            sb.Append("  <order id=\"").Append(i).Append("\"><qty>").Append(i % 13)
              .Append("</qty><price>").Append((i % 1000 * 0.25).ToString("0.00", CultureInfo.InvariantCulture))
              .Append("</price><note>").Append(i % 7 == 0 ? "" : "n" + (i % 5)).Append("</note></order>\n");
        }
        return Encoding.UTF8.GetBytes(sb.Append("</orders>\n").ToString());
    }

    [Fact]
    public async Task A_large_document_streams_in_several_batches_with_every_record()
    {
        var bytes = Generated(200_000);
        await using var reader = await XmlRecordReader.OpenAsync(DataSource.FromBytes(bytes, "big.xml"), new ReadOptions { BatchRows = 16_384 });
        reader.Schema.Select(f => f.ToString()).Should().Equal("id: int64", "qty: int64", "price: decimal(18,2)", "note: string");
        long rows = 0, batches = 0, nullNotes = 0, idSum = 0;
        var maxBatch = 0;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                batches++;
                rows += batch.RowCount;
                maxBatch = Math.Max(maxBatch, batch.RowCount);
                nullNotes += batch.Column("note").NullCount;
                foreach (var id in ((Int64Column)batch.Column("id")).Values)
                    idSum += id;
            }
        }
        rows.Should().Be(200_000);
        batches.Should().BeGreaterThan(10);
        maxBatch.Should().BeLessThanOrEqualTo(16_384);
        nullNotes.Should().Be(Enumerable.Range(0, 200_000).Count(i => i % 7 == 0));
        idSum.Should().Be(199_999L * 200_000 / 2);
        reader.BytesRead.Should().Be(bytes.Length);
        reader.TotalBytes.Should().Be(bytes.Length);
    }

    [Fact]
    public async Task A_value_after_the_sample_widens_the_column_in_the_first_batch()
    {
        var bytes = Generated(5_000, i => $"<order id=\"{i}\"><qty>2.5</qty><price>1</price><note>x</note></order>");
        var t = await ReadXmlAsync(bytes, new ReadOptions { InferenceRows = 100 });
        t.Schema[1].Type.Should().Be(DataType.Decimal(20, 1));
        t.Rows.Should().HaveCount(5_000);
        t.Rows[^1][1]!.ToString().Should().Be("2.5");
        t.Diagnostics!.Warnings.Should().Contain(w => w.Contains("'qty' widened") && w.Contains("record 5000"));
        t.Diagnostics.InferredColumns![1].Notes.Should().Contain(n => n.Contains("widened"));
    }

    [Fact]
    public async Task A_value_after_emitted_batches_asks_for_a_restart_and_CopyAsync_restarts()
    {
        var bytes = Generated(50_000, i => $"<order id=\"oops\"><qty>1</qty><price>1</price><note>x</note></order>");
        var options = new ReadOptions { InferenceRows = 100, BatchRows = 1_000 };

        var direct = () => ReadXmlAsync(bytes, options);
        var widened = (await direct.Should().ThrowAsync<SchemaWidenedException>()).Which;
        widened.Message.Should().Contain("row 50000").And.Contain("'oops'");
        widened.WidenedSchema[0].Type.Should().Be(DataType.String);

        var collected = new List<object?>();
        var (schema, rows, restarts) = await TableReader.CopyAsync(DataSource.FromBytes(bytes, "w.xml"), options,
            s => new CollectingWriter(s, collected));
        restarts.Should().Be(1);
        rows.Should().Be(50_000);
        schema[0].Type.Should().Be(DataType.String);
        collected.Should().HaveCount(50_000);
        collected[0].Should().Be("0");
        collected[^1].Should().Be("oops");
    }

    [Fact]
    public async Task With_widen_in_place_later_batches_change_type_instead_of_failing()
    {
        var bytes = Generated(50_000, i => $"<order id=\"{i}\"><qty>many</qty><price>1</price><note>x</note></order>");
        await using var reader = await XmlRecordReader.OpenAsync(DataSource.FromBytes(bytes, "w.xml"), new ReadOptions { InferenceRows = 100, BatchRows = 1_000, WidenInPlace = true });
        var types = new List<DataType>();
        long rows = 0;
        while (await reader.ReadNextBatchAsync() is { } batch)
        {
            using (batch)
            {
                rows += batch.RowCount;
                types.Add(batch.Schema[1].Type);
                if (batch.RowCount > 0 && batch.Schema[1].Type == DataType.String)
                    batch.Column(1).GetValue(batch.RowCount - 1).Should().Be("many");
            }
        }
        rows.Should().Be(50_000);
        types[0].Should().Be(DataType.Int64);
        types[^1].Should().Be(DataType.String);
        reader.Schema[1].Type.Should().Be(DataType.String);
        reader.Warnings.Should().Contain(w => w.Contains("'qty' widened to string"));
    }

    [Fact]
    public async Task A_large_utf16_document_streams()
    {
        var text = Encoding.UTF8.GetString(Generated(20_000));
        var bytes = new UnicodeEncoding(false, true).GetBytes(text.Replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"utf-16\"?>", StringComparison.Ordinal));
        var t = await ReadXmlAsync(bytes, new ReadOptions { BatchRows = 4_096 });
        t.Rows.Should().HaveCount(20_000);
        t.Batches.Should().BeGreaterThan(3);
        t.Rows[19_999][0].Should().Be(19_999L);
    }

    [Fact]
    public async Task A_sample_larger_than_a_batch_is_replayed_over_several_batches()
    {
        var t = await ReadXmlAsync(Generated(2_500), new ReadOptions { BatchRows = 1_000, InferenceRows = 2_000 });
        t.Rows.Should().HaveCount(2_500);
        t.Batches.Should().Be(3);
        t.Column("id").Should().Equal(Enumerable.Range(0, 2_500).Select(i => (object?)(long)i));
    }

    [Fact]
    public async Task A_wide_sparse_document_keeps_each_value_in_its_column()
    {
        // 3,000 optional elements, each in one record only: the batch holds the values present, not records × columns.
        var xml = Orders(3_000, i => $"<order><id>{i}</id><f{i}>{i * 2}</f{i}></order>");
        var t = await ReadXmlAsync(xml, new ReadOptions { InferenceRows = 5_000, BatchRows = 700 });
        t.Schema.Count.Should().Be(3_001);
        t.Rows.Should().HaveCount(3_000);
        t.Batches.Should().Be(5);
        for (var i = 0; i < 3_000; i += 499)
        {
            t.Rows[i][0].Should().Be((long)i);
            t.Rows[i][i + 1].Should().Be(i * 2L);
            t.Rows[i].Count(v => v is not null).Should().Be(2);
        }
    }

    [Fact]
    public async Task Cancellation_stops_the_read()
    {
        await using var reader = await XmlRecordReader.OpenAsync(DataSource.FromBytes(Generated(10_000), "c.xml"), new ReadOptions { InferenceRows = 10 });
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var act = async () => await reader.ReadNextBatchAsync(cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
