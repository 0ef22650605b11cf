using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using DatumSync.Parquet.Encodings;

namespace DatumSync.Benchmarks;

/// <summary>
/// Parquet value encodings on 1,000,000 values in memory (seeded data, built once): the RLE/bit-packed hybrid for
/// definition levels (bit width 1, 10% nulls scattered) and dictionary indices (bit width 10, 1,000 entries, some
/// runs), raw unpacking at width 10 against a one-loop-for-all-widths baseline, DELTA_BINARY_PACKED for increasing
/// INT64 timestamps, and dictionary building for INT64 and short strings. Every benchmark reuses its output buffers,
/// as the writer and reader do from page to page.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class ParquetEncodingBenchmarks : IDisposable
{
    private const int Count = 1_000_000;
    private const int IndexWidth = 10;

    private readonly ByteBuffer _output = new(1 << 20);
    private readonly ByteBuffer _stringOutput = new(1 << 20);
    private int[] _levels = [];
    private int[] _indices = [];
    private int[] _decoded = [];
    private long[] _timestamps = [];
    private long[] _decodedLongs = [];
    private long[] _categories = [];
    private byte[] _strings = [];
    private int[] _stringOffsets = [];
    private byte[] _encodedLevels = [];
    private byte[] _encodedIndices = [];
    private byte[] _packedIndices = [];
    private byte[] _encodedTimestamps = [];
    private DictionaryEncoder<long> _longDictionary = null!;
    private ByteArrayDictionaryEncoder _stringDictionary = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261121);
        _levels = new int[Count];
        for (var i = 0; i < Count; i++)
            _levels[i] = random.Next(10) == 0 ? 0 : 1;

        _indices = new int[Count];
        for (var i = 0; i < Count;)
        {
            // A third of the values come in runs of 8 to 40 (sorted or clustered data), the rest are single.
            var run = random.Next(3) == 0 ? random.Next(8, 40) : 1;
            var value = random.Next(1000);
            for (var k = 0; k < run && i < Count; k++)
                _indices[i++] = value;
        }

        _timestamps = new long[Count];
        var t = 1_700_000_000_000_000L;
        for (var i = 0; i < Count; i++)
            _timestamps[i] = t += 1_000_000 + random.Next(-50_000, 50_000);

        _categories = new long[Count];
        var pool = Enumerable.Range(0, 1000).Select(_ => random.NextInt64()).ToArray();
        for (var i = 0; i < Count; i++)
            _categories[i] = pool[random.Next(pool.Length)];

        var words = Enumerable.Range(0, 10_000).Select(i => $"customer-{i * 7919 % 100_000:D5}-{(char)('a' + i % 26)}").ToArray();
        var text = new StringBuilder();
        _stringOffsets = new int[Count + 1];
        for (var i = 0; i < Count; i++)
        {
            text.Append(words[random.Next(words.Length)]);
            _stringOffsets[i + 1] = text.Length; // ASCII: chars are bytes
        }
        _strings = Encoding.ASCII.GetBytes(text.ToString());

        _decoded = new int[Count];
        _decodedLongs = new long[Count];
        _encodedLevels = Encode(b => RleBitPackedHybrid.Encode(_levels, 1, b));
        _encodedIndices = Encode(b => RleBitPackedHybrid.Encode(_indices, IndexWidth, b));
        _packedIndices = new byte[Count / 8 * IndexWidth];
        BitPacking.Pack(_indices, IndexWidth, _packedIndices);
        _encodedTimestamps = Encode(b => DeltaBinaryPacked.Encode(_timestamps, b));
        _longDictionary = new DictionaryEncoder<long>();
        _stringDictionary = new ByteArrayDictionaryEncoder();
    }

    private static byte[] Encode(Action<ByteBuffer> encode)
    {
        using var buffer = new ByteBuffer();
        encode(buffer);
        return buffer.ToArray();
    }

    [Benchmark]
    public int RleEncodeLevels()
    {
        _output.Clear();
        RleBitPackedHybrid.Encode(_levels, 1, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int RleDecodeLevels() => RleBitPackedHybrid.Decode(_encodedLevels, 1, _decoded);

    [Benchmark]
    public int RleEncodeIndices()
    {
        _output.Clear();
        RleBitPackedHybrid.Encode(_indices, IndexWidth, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int RleDecodeIndices() => RleBitPackedHybrid.Decode(_encodedIndices, IndexWidth, _decoded);

    [Benchmark]
    public int UnpackWidth10()
    {
        BitPacking.Unpack(_packedIndices, IndexWidth, _decoded);
        return _decoded[^1];
    }

    /// <summary>The design alternative to <see cref="BitPacking32"/>: one loop, the width a variable.</summary>
    [Benchmark]
    public int UnpackWidth10VariableWidthLoop()
    {
        var packed = _packedIndices;
        var output = _decoded;
        var mask = (1u << IndexWidth) - 1;
        var bit = 0L;
        var i = 0;
        ref var src = ref MemoryMarshal.GetArrayDataReference(packed);
        // Same unaligned 64-bit read per value as BitPacking32, without bounds checks, but offsets computed at run time.
        for (; i < output.Length && (bit >> 3) + 8 <= packed.Length; i++, bit += IndexWidth)
            output[i] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, (nint)(bit >> 3))) >> (int)(bit & 7)) & mask);
        for (; i < output.Length; i++, bit += IndexWidth)
        {
            ulong word = 0;
            for (var k = 0; k < 8 && (bit >> 3) + k < packed.Length; k++)
                word |= (ulong)packed[(bit >> 3) + k] << (8 * k);
            output[i] = (int)((uint)(word >> (int)(bit & 7)) & mask);
        }
        return output[^1];
    }

    [Benchmark]
    public int PackWidth10()
    {
        var span = _output.GetSpan(_packedIndices.Length);
        return BitPacking.Pack(_indices, IndexWidth, span);
    }

    [Benchmark]
    public int DeltaEncodeInt64()
    {
        _output.Clear();
        DeltaBinaryPacked.Encode(_timestamps, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int DeltaDecodeInt64() => DeltaBinaryPacked.Decode(_encodedTimestamps, _decodedLongs);

    [Benchmark]
    public int DictionaryInt64()
    {
        _longDictionary.Clear();
        _longDictionary.Encode(_categories, _decoded);
        return _longDictionary.Count;
    }

    [Benchmark]
    public int DictionaryStrings()
    {
        _stringDictionary.Clear();
        _stringDictionary.Encode(_strings, _stringOffsets, _decoded);
        return _stringDictionary.Count;
    }

    [Benchmark]
    public int DictionaryStringsThenIndices()
    {
        _stringDictionary.Clear();
        _stringDictionary.Encode(_strings, _stringOffsets, _decoded);
        _stringOutput.Clear();
        RleBitPackedHybrid.EncodeDictionaryIndices(_decoded, _stringDictionary.BitWidth, _stringOutput);
        return _stringOutput.WrittenCount;
    }

    [Benchmark]
    public int PlainEncodeStrings()
    {
        _stringOutput.Clear();
        PlainEncoding.EncodeByteArrays(_strings, _stringOffsets, _stringOutput);
        return _stringOutput.WrittenCount;
    }

    public void Dispose()
    {
        _output.Dispose();
        _stringOutput.Dispose();
        _longDictionary?.Dispose();
        _stringDictionary?.Dispose();
        GC.SuppressFinalize(this);
    }
}
