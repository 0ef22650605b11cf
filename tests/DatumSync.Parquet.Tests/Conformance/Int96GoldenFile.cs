using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// Builds, byte by byte, the kind of file Impala, Hive and older Spark write and no peer here can: timestamps as
/// INT96 (nanoseconds of the day, then the Julian day). One row group, SNAPPY, three columns: <c>id</c> (INT64,
/// required), <c>ts</c> (INT96, optional, PLAIN, in two data pages) and <c>ts_dict</c> (the same values
/// dictionary-encoded, as Spark writes them). The footer comes from our Thrift model; nothing of our writer is used
/// beyond the encoders, so the file tests the reader on its own.
/// </summary>
internal static class Int96GoldenFile
{
    /// <summary>The values: the epoch, a leap day with nanoseconds, a nanosecond before the epoch, years 1 and
    /// 9999, a null, and noon of 1900-01-01.</summary>
    public static readonly Int96?[] Values =
    [
        new Int96(0, Int96.UnixEpochJulianDay),
        new Int96(((13 * 3600 + 14 * 60 + 15) * 1_000_000_000L) + 123_456_789, Int96.UnixEpochJulianDay + 19_782),
        new Int96(86_399_999_999_999, Int96.UnixEpochJulianDay - 1),
        new Int96(0, Int96.UnixEpochJulianDay - 719_162),
        new Int96(86_399_999_999_000, Int96.UnixEpochJulianDay + 2_932_896),
        null,
        new Int96(12 * 3600 * 1_000_000_000L, Int96.UnixEpochJulianDay - 25_567),
    ];

    /// <summary>What the values mean, to the nanosecond (null for null).</summary>
    public static readonly string?[] Meaning =
    [
        "1970-01-01T00:00:00", "2024-02-29T13:14:15.123456789", "1969-12-31T23:59:59.999999999", "0001-01-01T00:00:00",
        "9999-12-31T23:59:59.999999", null, "1900-01-01T12:00:00",
    ];

    private const ParquetCompression Codec = ParquetCompression.Snappy;

    public static void Write(string path)
    {
        using var file = new ParquetFileBuilder();
        var rows = Values.Length;
        var present = Values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        var levels = Values.Select(v => v is null ? 0 : 1).ToArray();
        var chunks = new List<ColumnChunk>();

        // id: one PLAIN page of INT64, required (no levels).
        using (var page = new ByteBuffer())
        {
            PlainEncoding.EncodeInt64([.. Enumerable.Range(1, rows).Select(i => (long)i)], page);
            var start = file.Position;
            file.Page(ParquetFileBuilder.DataPage(rows, Format.Encoding.Plain), page.WrittenSpan, Codec);
            chunks.Add(file.Chunk("id", PhysicalType.Int64, Codec, rows, start, null, [Format.Encoding.Plain]));
        }

        // ts: two PLAIN pages (rows 0-3 and 4-6), definition levels RLE.
        {
            var start = file.Position;
            var split = 4;
            foreach (var (from, count) in new[] { (0, split), (split, rows - split) })
            {
                using var page = new ByteBuffer();
                RleBitPackedHybrid.EncodeWithLengthPrefix(levels.AsSpan(from, count), 1, page);
                PlainEncoding.EncodeInt96([.. Values.Skip(from).Take(count).Where(v => v is not null).Select(v => v!.Value)], page);
                file.Page(ParquetFileBuilder.DataPage(count, Format.Encoding.Plain), page.WrittenSpan, Codec);
            }
            chunks.Add(file.Chunk("ts", PhysicalType.Int96, Codec, rows, start, null, [Format.Encoding.Plain, Format.Encoding.Rle]));
        }

        // ts_dict: a dictionary page of the distinct values (in reverse, so indices differ from positions), then
        // one RLE_DICTIONARY page.
        {
            var dictionary = present.Distinct().Reverse().ToArray();
            var start = file.Position;
            using (var page = new ByteBuffer())
            {
                PlainEncoding.EncodeInt96(dictionary, page);
                file.Page(new PageHeader
                {
                    Type = PageType.DictionaryPage,
                    DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Length, Encoding = Format.Encoding.Plain },
                }, page.WrittenSpan, Codec);
            }
            var dataStart = file.Position;
            using (var page = new ByteBuffer())
            {
                RleBitPackedHybrid.EncodeWithLengthPrefix(levels, 1, page);
                RleBitPackedHybrid.EncodeDictionaryIndices([.. present.Select(v => Array.IndexOf(dictionary, v))], RleBitPackedHybrid.DictionaryBitWidth(dictionary.Length), page);
                file.Page(ParquetFileBuilder.DataPage(rows, Format.Encoding.RleDictionary), page.WrittenSpan, Codec);
            }
            chunks.Add(file.Chunk("ts_dict", PhysicalType.Int96, Codec, rows, start, dataStart,
                [Format.Encoding.Plain, Format.Encoding.RleDictionary, Format.Encoding.Rle]));
        }

        File.WriteAllBytes(path, file.Finish(new FileMetaData
        {
            Version = 1,
            Schema =
            [
                new SchemaElement { Name = "spark_schema", NumChildren = 3 },
                new SchemaElement { Name = "id", Type = PhysicalType.Int64, RepetitionType = Repetition.Required },
                new SchemaElement { Name = "ts", Type = PhysicalType.Int96, RepetitionType = Repetition.Optional },
                new SchemaElement { Name = "ts_dict", Type = PhysicalType.Int96, RepetitionType = Repetition.Optional },
            ],
            NumRows = rows,
            RowGroups = [new RowGroup { NumRows = rows, Columns = chunks, TotalByteSize = chunks.Sum(c => c.MetaData!.TotalUncompressedSize), FileOffset = 4 }],
            CreatedBy = "parquet-mr version 1.10.1 (build a89df8f9932b6ef6633d06069e50c9b7970bebd1)",
        }));
    }
}
