using System.Buffers;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet.Tests.Thrift;

public class ThriftMetadataTests
{
    private static byte[] Serialize(Action<ThriftCompactWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new ThriftCompactWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    private static FileMetaData ReadFooter(byte[] bytes)
    {
        var r = new ThriftCompactReader(bytes, stackalloc short[64]);
        return FileMetaData.Read(ref r);
    }

    private static FileMetaData Sample() => new()
    {
        Version = 2,
        NumRows = 3,
        CreatedBy = "DatumSync version 1.0.0 (build abc)",
        TypeDefinedColumnOrders = 2,
        KeyValueMetadata = [new KeyValue("origin", "test"), new KeyValue("empty", null)],
        Schema =
        [
            new SchemaElement { Name = "schema", NumChildren = 2 },
            new SchemaElement { Name = "id", Type = PhysicalType.Int64, RepetitionType = Repetition.Required, LogicalType = new LogicalType(LogicalTypeKind.Integer) { BitWidth = 64, IsSigned = true }, ConvertedType = ConvertedType.Int64 },
            new SchemaElement { Name = "ts", Type = PhysicalType.Int64, RepetitionType = Repetition.Optional, LogicalType = new LogicalType(LogicalTypeKind.Timestamp) { IsAdjustedToUtc = true, Unit = TimeUnit.Micros }, ConvertedType = ConvertedType.TimestampMicros },
        ],
        RowGroups =
        [
            new RowGroup
            {
                NumRows = 3, TotalByteSize = 100, FileOffset = 4, TotalCompressedSize = 90, Ordinal = 0,
                Columns =
                [
                    new ColumnChunk
                    {
                        FileOffset = 4,
                        MetaData = new ColumnMetaData
                        {
                            Type = PhysicalType.Int64, Encodings = [Encoding.Plain, Encoding.Rle, Encoding.RleDictionary], PathInSchema = ["id"], Codec = 1,
                            NumValues = 3, TotalUncompressedSize = 50, TotalCompressedSize = 45, DataPageOffset = 4, DictionaryPageOffset = 4,
                            Statistics = new Statistics { MinValue = [1, 0, 0, 0, 0, 0, 0, 0], MaxValue = [3, 0, 0, 0, 0, 0, 0, 0], NullCount = 0 },
                            EncodingStats = [new PageEncodingStats(PageType.DictionaryPage, Encoding.Plain, 1), new PageEncodingStats(PageType.DataPage, Encoding.RleDictionary, 1)],
                        },
                    },
                ],
            },
        ],
    };

    [Fact]
    public void A_footer_round_trips_through_the_compact_protocol()
    {
        var bytes = Serialize(Sample().Write);
        var back = ReadFooter(bytes);

        back.Version.Should().Be(2);
        back.NumRows.Should().Be(3);
        back.CreatedBy.Should().Be("DatumSync version 1.0.0 (build abc)");
        back.TypeDefinedColumnOrders.Should().Be(2);
        back.KeyValueMetadata.Should().Equal(new KeyValue("origin", "test"), new KeyValue("empty", null));
        back.Schema.Select(s => s.Name).Should().Equal("schema", "id", "ts");
        back.Schema[2].LogicalType.Should().Be(new LogicalType(LogicalTypeKind.Timestamp) { IsAdjustedToUtc = true, Unit = TimeUnit.Micros });
        back.Schema[1].LogicalType!.BitWidth.Should().Be(64);
        var meta = back.RowGroups.Single().Columns.Single().MetaData!;
        meta.Encodings.Should().Equal(Encoding.Plain, Encoding.Rle, Encoding.RleDictionary);
        meta.Statistics!.MaxValue.Should().Equal(3, 0, 0, 0, 0, 0, 0, 0);
        meta.EncodingStats.Should().HaveCount(2);
        back.RowGroups[0].Ordinal.Should().Be(0);
        Serialize(back.Write).Should().Equal(bytes, "reading and writing again is byte-identical");
    }

    [Fact]
    public void Unknown_fields_from_newer_writers_are_skipped()
    {
        // A struct with an unknown field 20 (a list of structs) before the known ones.
        var bytes = Serialize(w =>
        {
            w.BeginStruct();
            w.ListField(20, ThriftType.Struct, 1);
            w.BeginStruct();
            w.I32(1, 7);
            w.String(2, "x");
            w.EndStruct();
            w.FieldBegin(21, ThriftType.Map);
            w.I32Element(0); // an empty map is one varint 0
            w.I32(1, 1);
            w.EndStruct();
        });
        var back = ReadFooter(bytes);
        back.Version.Should().Be(1);
    }

    [Fact]
    public void A_truncated_footer_is_invalid_data()
    {
        var bytes = Serialize(Sample().Write);
        for (var cut = 0; cut < bytes.Length - 1; cut += 7)
        {
            var act = () => ReadFooter(bytes[..cut]);
            act.Should().Throw<InvalidDataException>($"cut at {cut}");
        }
    }

    [Fact]
    public void A_lying_list_length_is_refused_before_allocating()
    {
        // Field 2 (schema) as a list of structs claiming 2^31-1 elements.
        byte[] bytes = [0x29, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        var act = () => ReadFooter(bytes);
        act.Should().Throw<InvalidDataException>().WithMessage("*claims*");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        // An unknown struct field inside a struct inside a struct..., 200 deep: skipped, but not without limit.
        var nested = new List<byte>();
        for (var i = 0; i < 200; i++)
            nested.Add(0x1C); // field delta 1, type struct
        var act = () => ReadFooter([.. nested]);
        act.Should().Throw<InvalidDataException>().WithMessage("*deeper*");
    }

    [Fact]
    public void Seeded_mutations_of_a_footer_fail_cleanly_or_read()
    {
        var good = Serialize(Sample().Write);
        var random = new Random(20261121);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = (byte[])good.Clone();
            var mutations = random.Next(1, 5);
            for (var m = 0; m < mutations; m++)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                ReadFooter(bytes);
            }
            catch (InvalidDataException)
            {
            }
        }
    }
}
