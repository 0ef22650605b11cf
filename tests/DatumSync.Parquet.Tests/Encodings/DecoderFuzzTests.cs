using DatumSync.Parquet.Encodings;
using Xunit.Abstractions;

namespace DatumSync.Parquet.Tests.Encodings;

/// <summary>
/// Seeded fuzzing of every decoder: valid encodings of random data are mutated (bytes flipped or set to extremes,
/// truncated, extended, bytes inserted or removed) and decoded, sometimes with a wrong value count. Each case must
/// decode or throw <see cref="InvalidDataException"/>; any other exception, or a run that does not finish in time,
/// fails the test with the seed and case to reproduce it.
/// </summary>
public class DecoderFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 3000;
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(120);

    [Fact]
    public void Rle_bit_packed_hybrid_decoders_never_fail_otherwise() => Fuzz(101, random =>
    {
        var bitWidth = random.Next(0, 33);
        var max = bitWidth == 32 ? -1 : (int)((1L << bitWidth) - 1);
        var values = RleBitPackedHybridTests.Shapes(random, bitWidth, max).ElementAt(random.Next(1, 12));
        using var buffer = new ByteBuffer();
        var form = random.Next(3);
        if (form == 0)
            RleBitPackedHybrid.Encode(values, bitWidth, buffer);
        else if (form == 1)
            RleBitPackedHybrid.EncodeWithLengthPrefix(values, bitWidth, buffer);
        else
            RleBitPackedHybrid.EncodeDictionaryIndices(values, bitWidth, buffer);
        var data = Mutate(random, buffer.ToArray());
        var count = Count(random, values.Length);
        var chunk = random.Next(1, 300);
        return () =>
        {
            var destination = new int[count];
            if (form == 0)
            {
                var decoder = new RleBitPackedHybridDecoder(data, bitWidth, count);
                var done = 0;
                while (decoder.Remaining > 0)
                    done += decoder.Read(destination.AsSpan(done, Math.Min(chunk, count - done)));
            }
            else if (form == 1)
            {
                RleBitPackedHybrid.DecodeWithLengthPrefix(data, bitWidth, destination);
            }
            else
            {
                RleBitPackedHybrid.DecodeDictionaryIndices(data, random.Next(0, 1 << Math.Min(bitWidth, 20)), destination);
            }
        };
    });

    [Fact]
    public void Delta_binary_packed_decoder_never_fails_otherwise() => Fuzz(202, random =>
    {
        var count = random.Next(0, 1500);
        var blockSize = 128 << random.Next(0, 4);
        var miniblocks = blockSize / 32 >> random.Next(0, 3);
        using var buffer = new ByteBuffer();
        var wide = random.Next(2) == 0;
        if (wide)
            DeltaBinaryPacked.Encode(DeltaBinaryPackedTests.Int64Shapes(random, count).ElementAt(random.Next(4)), buffer, blockSize, miniblocks);
        else
            DeltaBinaryPacked.Encode(DeltaBinaryPackedTests.Int32Shapes(random, count).ElementAt(random.Next(5)), buffer, blockSize, miniblocks);
        var data = Mutate(random, buffer.ToArray());
        var expected = Count(random, count);
        var chunk = random.Next(1, 400);
        return () =>
        {
            if (random.Next(2) == 0)
            {
                if (wide)
                    DeltaBinaryPacked.Decode(data, new long[expected]);
                else
                    DeltaBinaryPacked.Decode(data, new int[expected]);
                return;
            }
            var decoder = new DeltaBinaryPackedDecoder(data);
            var longs = new long[chunk];
            var ints = new int[chunk];
            while (decoder.Remaining > 0)
            {
                if (wide)
                    decoder.Read(longs);
                else
                    decoder.Read(ints);
            }
        };
    });

    [Fact]
    public void Byte_array_decoders_never_fail_otherwise() => Fuzz(303, random =>
    {
        var strings = Enumerable.Range(0, random.Next(0, 300))
            .Select(i => random.Next(4) == 0 ? "" : $"value-{random.Next(50)}-{new string('é', random.Next(0, 5))}")
            .ToArray();
        var (bytes, offsets) = PlainEncodingTests.Strings(strings);
        using var buffer = new ByteBuffer();
        var encoding = random.Next(3);
        if (encoding == 0)
            PlainEncoding.EncodeByteArrays(bytes, offsets, buffer);
        else if (encoding == 1)
            DeltaLengthByteArray.Encode(bytes, offsets, buffer);
        else
            DeltaByteArray.Encode(bytes, offsets, buffer);
        var data = Mutate(random, buffer.ToArray());
        var count = Count(random, strings.Length);
        return () =>
        {
            using var values = new ByteBuffer();
            var decoded = new int[count + 1];
            if (encoding == 0)
                PlainEncoding.DecodeByteArrays(data, decoded, values);
            else if (encoding == 1)
                DeltaLengthByteArray.Decode(data, decoded, values);
            else
                DeltaByteArray.Decode(data, decoded, values, maxValueBytes: 16 << 20);
        };
    });

    [Fact]
    public void Plain_and_byte_stream_split_decoders_never_fail_otherwise() => Fuzz(404, random =>
    {
        var data = Mutate(random, Enumerable.Range(0, random.Next(0, 200)).Select(_ => (byte)random.Next(256)).ToArray());
        var count = random.Next(0, 60);
        var kind = random.Next(6);
        return () =>
        {
            switch (kind)
            {
                case 0:
                    PlainEncoding.DecodeBooleans(data, new bool[count]);
                    break;
                case 1:
                    PlainEncoding.DecodeInt64(data, new long[count]);
                    break;
                case 2:
                    PlainEncoding.DecodeInt96(data, new Int96[count]);
                    break;
                case 3:
                    PlainEncoding.DecodeFixedLenByteArrays(data, 3, count, new byte[count * 3]);
                    break;
                case 4:
                    ByteStreamSplit.Decode(data, 3, new byte[count * 3]);
                    break;
                default:
                    PlainEncoding.DecodeBooleanBits(data, count, new byte[(count + 7) / 8]);
                    break;
            }
        };
    });

    /// <summary>The right count most of the time, else a nearby or arbitrary one.</summary>
    private static int Count(Random random, int count) => random.Next(4) switch
    {
        0 => Math.Max(0, count + random.Next(-9, 10)),
        1 => random.Next(0, 2 * count + 10),
        _ => count,
    };

    private static byte[] Mutate(Random random, byte[] data)
    {
        var list = data.ToList();
        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(7))
            {
                case 0 when list.Count > 0:
                    list[random.Next(list.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when list.Count > 0:
                    list[random.Next(list.Count)] = (byte)(random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => 0x80 });
                    break;
                case 2 when list.Count > 0:
                    var from = random.Next(list.Count);
                    list.RemoveRange(from, random.Next(1, list.Count - from + 1));
                    break;
                case 3:
                    list.Insert(random.Next(list.Count + 1), (byte)random.Next(256));
                    break;
                case 4 when list.Count > 0:
                    list.RemoveAt(random.Next(list.Count));
                    break;
                case 5 when list.Count > 0:
                    list[random.Next(list.Count)] = (byte)random.Next(256);
                    break;
                case 6:
                    list.AddRange(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    break;
            }
        }
        // Now and then a plain truncation, the commonest real corruption.
        if (list.Count > 0 && random.Next(5) == 0)
        {
            var end = random.Next(list.Count);
            list.RemoveRange(end, list.Count - end);
        }
        return [.. list];
    }

    private void Fuzz(int seed, Func<Random, Action> makeCase)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        var decoded = 0;
        var rejected = 0;
        var run = Task.Run(() =>
        {
            for (var i = 0; i < Cases; i++)
            {
                var decode = makeCase(random);
                try
                {
                    decode();
                    decoded++;
                }
                catch (InvalidDataException)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"seed {seed}, case {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        });
        run.Wait(s_limit).Should().BeTrue($"{Cases} cases finish within {s_limit} (no decoder may hang)");
        output.WriteLine($"seed {seed}: {decoded} decoded, {rejected} rejected as invalid data");
        failures.Should().BeEmpty();
        decoded.Should().BeGreaterThan(0, "some mutations leave valid data");
        rejected.Should().BeGreaterThan(0, "some mutations are detected");
    }
}
