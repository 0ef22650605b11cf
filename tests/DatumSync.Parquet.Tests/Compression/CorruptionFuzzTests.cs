using System.Diagnostics;
using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>
/// Compressed pages with seeded mutations and truncations: each decompresses (to whatever the damaged data says) or
/// fails with <see cref="InvalidDataException"/>; nothing else, and quickly. Where a reference library is at hand it
/// is the oracle: what it accepts we decode to the same bytes.
/// </summary>
public class CorruptionFuzzTests
{
    private const int MutationsPerInput = 300;

    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(2);

    public static TheoryData<ParquetCompression> SupportedCodecs() => new(RoundTrip.Supported);

    [Theory]
    [MemberData(nameof(SupportedCodecs))]
    public void Damaged_data_decompresses_or_fails_with_InvalidDataException_and_nothing_else(ParquetCompression codec)
    {
        var random = new Random(CompressionData.Seed + (int)codec);
        var compressor = Codecs.Get(codec);
        foreach (var data in Inputs())
        {
            var compressed = RoundTrip.Compress(compressor, data);
            for (var i = 0; i < MutationsPerInput; i++)
            {
                var damaged = Mutate(compressed, random);
                // Mostly the right size; sometimes a wrong one, as a damaged page header would give.
                var output = new byte[random.Next(8) == 0 ? Math.Max(0, data.Length + random.Next(-3, 4)) : data.Length];
                var clock = Stopwatch.StartNew();
                try
                {
                    compressor.Decompress(damaged, output);
                }
                catch (InvalidDataException)
                {
                }
                clock.Elapsed.Should().BeLessThan(Slowest);
            }
        }
    }

    [Fact]
    public void Damaged_Snappy_blocks_decode_exactly_when_libsnappy_accepts_them()
    {
        var random = new Random(CompressionData.Seed);
        var snappy = Codecs.Get(ParquetCompression.Snappy);
        var agreed = 0;
        foreach (var data in Inputs())
        {
            var compressed = RoundTrip.Compress(snappy, data);
            for (var i = 0; i < MutationsPerInput; i++)
            {
                var damaged = Mutate(compressed, random);
                if (SnappyCodec.ReadPreamble(damaged, out var length) == 0 || length > 1 << 20)
                    continue;
                var expected = new byte[length];
                var referenceAccepts = LibSnappy.TryDecompress(damaged, expected);
                var ours = new byte[length];
                var act = () => snappy.Decompress(damaged, ours);
                if (referenceAccepts)
                {
                    act.Should().NotThrow();
                    ours.Should().Equal(expected);
                }
                else
                {
                    act.Should().Throw<InvalidDataException>();
                }
                agreed++;
            }
        }
        agreed.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Damaged_LZ4_blocks_that_liblz4_accepts_decode_to_the_same_bytes_unless_they_hold_offset_0()
    {
        var random = new Random(CompressionData.Seed);
        var lz4 = Codecs.Get(ParquetCompression.Lz4Raw);
        foreach (var data in Inputs())
        {
            var compressed = RoundTrip.Compress(lz4, data);
            for (var i = 0; i < MutationsPerInput; i++)
            {
                var damaged = Mutate(compressed, random);
                var expected = new byte[data.Length];
                if (!LibLz4.TryDecompress(damaged, expected))
                    continue;
                try
                {
                    RoundTrip.Decompress(lz4, damaged, data.Length).Should().Equal(expected);
                }
                catch (InvalidDataException e) when (e.Message.EndsWith("has offset 0", StringComparison.Ordinal))
                {
                    // The block format calls offset 0 invalid; liblz4 1.9 lets it through.
                }
            }
        }
    }

    private static IEnumerable<byte[]> Inputs()
    {
        yield return [];
        yield return CompressionData.Get("short text");
        yield return CompressionData.Text(20_000, 7);
        yield return CompressionData.Get("int64 ids 1 MiB")[..8192];
        yield return CompressionData.Get("dictionary indices 256 KiB")[..4096];
        yield return CompressionData.Get("period 3 pattern")[..5000];
        yield return CompressionData.Get("random 1 KiB");
    }

    /// <summary>One damage: flipped bits, a changed byte, a cut, stray bytes, a removed or repeated stretch.</summary>
    private static byte[] Mutate(byte[] data, Random random)
    {
        var bytes = data.ToList();
        switch (random.Next(6))
        {
            case 0 when bytes.Count > 0:
                for (var i = random.Next(1, 4); i > 0; i--)
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when bytes.Count > 0:
                bytes[random.Next(bytes.Count)] = (byte)(random.Next(3) switch { 0 => 0, 1 => 0xFF, _ => random.Next(256) });
                break;
            case 2:
                bytes.RemoveRange(random.Next(bytes.Count + 1) is var at ? at : 0, bytes.Count - at);
                break;
            case 3:
                bytes.AddRange(Enumerable.Range(0, random.Next(1, 17)).Select(_ => (byte)random.Next(256)));
                break;
            case 4 when bytes.Count > 1:
                var start = random.Next(bytes.Count);
                bytes.RemoveRange(start, random.Next(1, Math.Min(32, bytes.Count - start) + 1));
                break;
            default:
                if (bytes.Count > 0)
                {
                    var from = random.Next(bytes.Count);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(from, Math.Min(random.Next(1, 32), bytes.Count - from)));
                }
                break;
        }
        return [.. bytes];
    }
}
