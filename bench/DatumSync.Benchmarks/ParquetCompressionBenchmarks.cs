using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Tests.Compression;

namespace DatumSync.Benchmarks;

/// <summary>
/// Compressing and decompressing one 1 MiB page of typical column data with each codec: our managed Snappy against
/// IronSnappy (managed) and the reference C++ libsnappy, and our LZ4_RAW, GZIP (level 6), ZSTD (level 3, libzstd) and
/// BROTLI (quality 5). <c>MB/s</c> counts uncompressed bytes both ways; <c>Ratio</c> is uncompressed / compressed.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[ShortRunJob]
public class ParquetCompressionBenchmarks
{
    public enum PageKind
    {
        /// <summary>A dictionary-encoded data page: 10-bit indices, skewed, bit-packed as Parquet's RLE/bit-packing hybrid.</summary>
        DictionaryIndices,

        /// <summary>PLAIN int64: microsecond timestamps a few seconds apart.</summary>
        Int64Plain,

        /// <summary>PLAIN byte arrays: 4-byte lengths and UTF-8 emails, cities and product codes.</summary>
        StringPlain,
    }

    public enum Implementation
    {
        Snappy,
        IronSnappy,
        LibSnappy,
        Lz4Raw,
        Gzip,
        Zstd,
        Brotli,
    }

    private byte[] _page = [];
    private byte[] _compressed = [];
    private byte[] _buffer = [];
    private byte[] _output = [];
    private ICompressionCodec? _codec;

    [Params(PageKind.DictionaryIndices, PageKind.Int64Plain, PageKind.StringPlain)]
    public PageKind Page { get; set; }

    [Params(Implementation.Snappy, Implementation.IronSnappy, Implementation.LibSnappy, Implementation.Lz4Raw,
        Implementation.Gzip, Implementation.Zstd, Implementation.Brotli)]
    public Implementation Codec { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _page = Pages.Get(Page);
        _codec = CodecFor(Codec);
        _buffer = new byte[_codec?.MaxCompressedLength(_page.Length) ?? LibSnappy.MaxCompressedLength(_page.Length)];
        _output = new byte[_page.Length];
        _compressed = _buffer.AsSpan(0, Compress()).ToArray();
        if (Decompress() != _page.Length || !_output.AsSpan().SequenceEqual(_page))
            throw new InvalidOperationException($"{Codec} does not round-trip {Page}");
    }

    [Benchmark]
    public int Compress() => Codec switch
    {
        // IronSnappy has no span destination: it returns a new array.
        Implementation.IronSnappy => CopyOut(IronSnappy.Snappy.Encode(_page)),
        Implementation.LibSnappy => LibSnappy.Compress(_page, _buffer),
        _ => _codec!.Compress(_page, _buffer),
    };

    [Benchmark]
    public int Decompress()
    {
        switch (Codec)
        {
            case Implementation.IronSnappy:
                return CopyOut(IronSnappy.Snappy.Decode(_compressed), _output);
            case Implementation.LibSnappy:
                return LibSnappy.TryDecompress(_compressed, _output) ? _output.Length : 0;
            default:
                _codec!.Decompress(_compressed, _output);
                return _output.Length;
        }
    }

    /// <summary>Keeps the comparison with the span-based codecs fair in what is measured: setup wants the bytes in the buffer.</summary>
    private int CopyOut(byte[] result) => CopyOut(result, _buffer);

    private static int CopyOut(byte[] result, byte[] target)
    {
        result.CopyTo(target, 0);
        return result.Length;
    }

    private static ICompressionCodec? CodecFor(Implementation implementation) => implementation switch
    {
        Implementation.Snappy => Codecs.Get(ParquetCompression.Snappy),
        Implementation.Lz4Raw => Codecs.Get(ParquetCompression.Lz4Raw),
        Implementation.Gzip => Codecs.Get(ParquetCompression.Gzip),
        Implementation.Zstd => Codecs.Get(ParquetCompression.Zstd),
        Implementation.Brotli => Codecs.Get(ParquetCompression.Brotli),
        _ => null,
    };

    /// <summary>Seeded 1 MiB pages.</summary>
    private static class Pages
    {
        private const int Size = 1 << 20;
        private const int Seed = 20251121;

        public static byte[] Get(PageKind kind) => kind switch
        {
            PageKind.DictionaryIndices => DictionaryIndices(),
            PageKind.Int64Plain => Int64Plain(),
            _ => StringPlain(),
        };

        private static byte[] DictionaryIndices()
        {
            const int BitWidth = 10;
            const int GroupsPerRun = 63;
            var random = new Random(Seed);
            var page = new byte[Size];
            page[0] = BitWidth;
            var at = 1;
            var previous = 0;
            while (at < Size)
            {
                // One bit-packed run: header (groups of 8 values << 1 | 1), then the values, 10 bits each.
                page[at++] = GroupsPerRun << 1 | 1;
                ulong bits = 0;
                var count = 0;
                for (var i = 0; i < GroupsPerRun * 8 && at < Size; i++)
                {
                    // A skewed dictionary, and sorted-ish data repeats the previous value a third of the time.
                    var value = random.Next(3) == 0 ? previous : Math.Min(999, (int)(-Math.Log(1 - random.NextDouble()) * 60));
                    previous = value;
                    bits |= (ulong)value << count;
                    count += BitWidth;
                    while (count >= 8 && at < Size)
                    {
                        page[at++] = (byte)bits;
                        bits >>= 8;
                        count -= 8;
                    }
                }
            }
            return page;
        }

        private static byte[] Int64Plain()
        {
            var random = new Random(Seed);
            var page = new byte[Size];
            var micros = 1_704_067_200_000_000L; // 2024-01-01
            for (var at = 0; at < Size; at += 8)
                BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(at), micros += random.Next(0, 10_000_000));
            return page;
        }

        private static byte[] StringPlain()
        {
            string[] cities = ["Paris", "London", "Zürich", "New York", "São Paulo", "Tokyo", "Berlin", "Madrid", "Oslo", "Kraków"];
            string[] sizes = ["XS", "S", "M", "L", "XL"];
            var random = new Random(Seed);
            var page = new byte[Size];
            var at = 0;
            while (at < Size)
            {
                var value = random.Next(3) switch
                {
                    0 => $"user{random.Next(100_000)}@example{random.Next(20)}.com",
                    1 => cities[random.Next(cities.Length)],
                    _ => $"SKU-{random.Next(1_000_000):D6}-{sizes[random.Next(sizes.Length)]}",
                };
                var bytes = Encoding.UTF8.GetBytes(value);
                var record = new byte[4 + bytes.Length];
                BinaryPrimitives.WriteInt32LittleEndian(record, bytes.Length);
                bytes.CopyTo(record, 4);
                var n = Math.Min(record.Length, Size - at);
                record.AsSpan(0, n).CopyTo(page.AsSpan(at));
                at += n;
            }
            return page;
        }
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new PageColumn("MB/s", "Uncompressed megabytes (10^6 bytes) per second, from the mean", PageThroughput));
            AddColumn(new PageColumn("Ratio", "Uncompressed / compressed size", PageRatio));
        }

        private static string PageThroughput(BenchmarkCase benchmarkCase, double meanNanoseconds)
            => (Pages.Get(PageOf(benchmarkCase)).Length / (meanNanoseconds / 1e9) / 1e6).ToString("N0", CultureInfo.InvariantCulture);

        // Columns run in the host process, not the benchmark's: compress once more to learn the size.
        private static string PageRatio(BenchmarkCase benchmarkCase, double meanNanoseconds)
        {
            var benchmark = new ParquetCompressionBenchmarks
            {
                Page = PageOf(benchmarkCase),
                Codec = (Implementation)benchmarkCase.Parameters["Codec"],
            };
            benchmark.Setup();
            return ((double)benchmark._page.Length / benchmark._compressed.Length).ToString("N2", CultureInfo.InvariantCulture);
        }

        private static PageKind PageOf(BenchmarkCase benchmarkCase) => (PageKind)benchmarkCase.Parameters["Page"];
    }

    /// <summary>A column computed from the case and its mean time.</summary>
    private sealed class PageColumn(string name, string legend, Func<BenchmarkCase, double, string> value) : IColumn
    {
        public string Id => nameof(PageColumn) + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => legend;

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            => summary[benchmarkCase]?.ResultStatistics?.Mean is > 0 and var mean ? value(benchmarkCase, mean) : "-";
    }
}
