using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class DeltaBinaryPackedTests
{
    private static byte[] Encode(int[] values, int blockSize = 128, int miniblocks = 4)
    {
        using var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode(values, buffer, blockSize, miniblocks);
        return buffer.ToArray();
    }

    private static byte[] Encode(long[] values, int blockSize = 128, int miniblocks = 4)
    {
        using var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode(values, buffer, blockSize, miniblocks);
        return buffer.ToArray();
    }

    private static int[] DecodeInt32(byte[] data, int count)
    {
        var values = new int[count];
        DeltaBinaryPacked.Decode(data, values).Should().Be(data.Length);
        return values;
    }

    private static long[] DecodeInt64(byte[] data, int count)
    {
        var values = new long[count];
        DeltaBinaryPacked.Decode(data, values).Should().Be(data.Length);
        return values;
    }

    [Fact]
    public void Spec_example_1_decodes()
    {
        // Encodings.md, Example 1: 1, 2, 3, 4, 5 with block size 8 (too small for a writer, but a reader only needs
        // whole-byte miniblocks). Header: 8 (block size), 1 (miniblock), 5 (count), first value 1 as zigzag 2.
        // Block: min delta 1 as zigzag 2, bit width 0, no miniblock data.
        byte[] data = [0x08, 0x01, 0x05, 0x02, 0x02, 0x00];
        DecodeInt32(data, 5).Should().Equal(1, 2, 3, 4, 5);
        DecodeInt64(data, 5).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void Spec_example_2_decodes()
    {
        // Encodings.md, Example 2: 7, 5, 3, 1, 2, 3, 4, 5. Header 8, 1, 8, first value 7 as zigzag 14 (0x0E).
        // Block: min delta -2 as zigzag 3, bit width 2, then the relative deltas 0,0,0,3,3,3,3 (+ one padding 0)
        // in 2 bits LSB first: byte 0 = 00,00,00,11 from the low bits up = 0b11000000 = 0xC0;
        // byte 1 = 11,11,11,00 = 0b00111111 = 0x3F. (The spec prints the bits in value order, 00000011111111b.)
        byte[] data = [0x08, 0x01, 0x08, 0x0E, 0x03, 0x02, 0xC0, 0x3F];
        DecodeInt32(data, 8).Should().Equal(7, 5, 3, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void Spec_example_1_encodes_with_the_usual_configuration()
    {
        // Block size 128 is ULEB128 80 01; 4 miniblocks; 5 values; first value zigzag 2. One block: min delta
        // zigzag 2, four width bytes (only the first is used, the rest written as 0), no data at width 0.
        int[] values = [1, 2, 3, 4, 5];
        byte[] expected = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00];
        Encode(values).Should().Equal(expected);
        DecodeInt32(expected, 5).Should().Equal(values);
    }

    [Fact]
    public void Spec_example_2_encodes_with_the_usual_configuration()
    {
        // As example 2, with 128-value blocks of 4 miniblocks of 32: the first miniblock has width 2 and is padded
        // to 32 values (8 bytes): C0 3F then zeros. Widths of unused miniblocks are 0.
        int[] values = [7, 5, 3, 1, 2, 3, 4, 5];
        byte[] expected = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0];
        Encode(values).Should().Equal(expected);
        DecodeInt32(expected, 8).Should().Equal(values);
    }

    [Fact]
    public void Empty_and_single_value_sequences_are_a_header_only()
    {
        Encode(Array.Empty<int>()).Should().Equal(0x80, 0x01, 0x04, 0x00, 0x00);
        Encode([-3]).Should().Equal(0x80, 0x01, 0x04, 0x01, 0x05);
        DecodeInt32([0x80, 0x01, 0x04, 0x01, 0x05], 1).Should().Equal(-3);
        DecodeInt32([0x80, 0x01, 0x04, 0x00, 0x00], 0).Should().BeEmpty();
        DeltaBinaryPacked.Decode([], Span<int>.Empty).Should().Be(0);
    }

    [Fact]
    public void Int32_deltas_wrap_and_never_need_more_than_32_bits()
    {
        int[] values = [int.MaxValue, int.MinValue, int.MaxValue, 0, -1, int.MinValue, 1, int.MaxValue, int.MaxValue];
        var encoded = Encode(values);
        DecodeInt32(encoded, values.Length).Should().Equal(values);
        // Width byte of the first miniblock: right after header (80 01 04 09 + zigzag(int.MaxValue) in 5 bytes)
        // and the min delta (zigzag, 5 bytes).
        encoded[4 + 5 + 5].Should().BeLessThanOrEqualTo(32);
    }

    [Fact]
    public void Int64_extremes_round_trip()
    {
        long[] values = [long.MaxValue, long.MinValue, long.MaxValue, 0, -1, long.MinValue, 1, long.MaxValue, 42];
        DecodeInt64(Encode(values), values.Length).Should().Equal(values);
    }

    public static TheoryData<int, int> Configurations() => new()
    {
        { 128, 4 },
        { 128, 1 },
        { 128, 2 },
        { 256, 8 },
        { 512, 4 },
        { 1024, 8 },
        { 2048, 16 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Every_valid_configuration_round_trips_int32_and_int64(int blockSize, int miniblocks)
    {
        var random = new Random(blockSize * 31 + miniblocks);
        foreach (var count in new[] { 2, 31, 32, 33, 127, 128, 129, 1000, blockSize * 3 + 1 })
        {
            foreach (var ints in Int32Shapes(random, count))
                DecodeInt32(Encode(ints, blockSize, miniblocks), count).Should().Equal(ints, $"{count} values, {blockSize}/{miniblocks}");
            foreach (var longs in Int64Shapes(random, count))
                DecodeInt64(Encode(longs, blockSize, miniblocks), count).Should().Equal(longs, $"{count} values, {blockSize}/{miniblocks}");
        }
    }

    [Fact]
    public void Every_bit_width_appears_and_round_trips()
    {
        // Deltas of exactly 2^k - 1 above the minimum force miniblocks of every width 0..64.
        for (var width = 0; width <= 64; width++)
        {
            var step = width == 64 ? unchecked((long)ulong.MaxValue) : (long)((1UL << width) - 1);
            var values = new long[200];
            for (var i = 1; i < values.Length; i++)
                values[i] = unchecked(values[i - 1] + (i % 2 == 0 ? step : 0));
            var encoded = Encode(values);
            DecodeInt64(encoded, values.Length).Should().Equal(values, $"width {width}");
            if (width <= 32)
                DecodeInt32(Encode(values.Select(v => (int)v).ToArray()), values.Length).Should().Equal(values.Select(v => (int)v));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(300)]
    public void Reading_in_chunks_gives_the_same_values(int chunk)
    {
        var random = new Random(chunk);
        var values = Enumerable.Range(0, 1000).Select(_ => random.NextInt64(-1_000_000, 1_000_000) * (random.Next(10) == 0 ? 1_000_000_000 : 1)).ToArray();
        var encoded = Encode(values);
        var decoder = new DeltaBinaryPackedDecoder(encoded);
        decoder.TotalCount.Should().Be(1000);
        var result = new long[1000];
        var done = 0;
        while (decoder.Remaining > 0)
            done += decoder.Read(result.AsSpan(done, Math.Min(chunk, 1000 - done)));
        result.Should().Equal(values);
        decoder.BytesConsumed.Should().Be(encoded.Length);
    }

    [Fact]
    public void Unused_miniblock_widths_of_the_last_block_may_hold_anything()
    {
        // 5 values, 4 miniblocks: only the first width is read; the others are garbage and have no data.
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0xFF, 0x41, 0x07];
        DecodeInt32(data, 5).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void An_unpadded_last_miniblock_is_accepted()
    {
        // Example 2 with 32-value miniblocks, but the writer stopped after the 2 bytes the 7 deltas need.
        byte[] data = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F];
        DecodeInt32(data, 8).Should().Equal(7, 5, 3, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void Decoding_stops_at_the_end_of_the_encoding()
    {
        var encoded = Encode([10, 20, 30, 25]);
        byte[] withTrailer = [.. encoded, 0xAB, 0xCD];
        var values = new int[4];
        DeltaBinaryPacked.Decode(withTrailer, values).Should().Be(encoded.Length);
        values.Should().Equal(10, 20, 30, 25);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x00 }, "*blocks of 0 values in 1 miniblocks are not valid*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x00, 0x01, 0x00 }, "*blocks of 128 values in 0 miniblocks*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x03, 0x01, 0x00 }, "*blocks of 128 values in 3 miniblocks*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x20, 0x01, 0x00 }, "*blocks of 128 values in 32 miniblocks*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x02, 0x00, 0x02 }, "*bit widths of the block at byte 5*needs 4 bytes but only 0 remain*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x02, 0x00, 0x02, 0x41, 0, 0, 0 }, "*bit width 65 is over the maximum of 64*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x02, 0x00, 0x02, 0x10, 0, 0, 0, 1 }, "*miniblock at byte 10*needs 2 bytes but only 1 remain*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x02, 0x00 }, "*min delta*runs past the end*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "*first value*longer than a 64-bit value allows*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x05 }, "*first value*runs past the end*")]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x03, 0x00 }, "*announces 3 values where 2 are expected*")]
    public void Corrupt_int32_data_is_invalid_data_with_a_clear_message(byte[] data, string message)
    {
        var act = () => DeltaBinaryPacked.Decode(data, new int[2]);
        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void Int32_values_with_deltas_computed_in_64_bits_decode_as_duckdb_writes_them()
    {
        // Regression: DuckDB's PARQUET_VERSION V2 writes INT32 columns with 64-bit deltas, so a jump from
        // int.MinValue to int.MaxValue takes a 33-bit miniblock; the reader refused it ("bit width 33 is over the
        // maximum of 32"). The INT64 encoder writes exactly such a stream.
        int[] values = [int.MinValue, int.MaxValue, 0, int.MaxValue, int.MinValue, -1, .. Enumerable.Range(0, 300).Select(i => i * 7_919_111)];
        using var buffer = new ByteBuffer();
        DeltaBinaryPacked.Encode([.. values.Select(v => (long)v)], buffer);

        var decoded = new int[values.Length];
        DeltaBinaryPacked.Decode(buffer.WrittenSpan, decoded).Should().Be(buffer.WrittenCount);

        decoded.Should().Equal(values);
    }

    [Fact]
    public void Int64_bit_width_over_64_is_invalid_data()
    {
        var act = () => DeltaBinaryPacked.Decode([0x80, 0x01, 0x04, 0x02, 0x00, 0x02, 0x41, 0, 0, 0], new long[2]);
        act.Should().Throw<InvalidDataException>().WithMessage("*bit width 65 is over the maximum of 64*");
    }

    [Fact]
    public void Invalid_writer_configurations_are_argument_errors()
    {
        using var buffer = new ByteBuffer();
        var notMultiple = () => DeltaBinaryPacked.Encode([1], buffer, blockSize: 100);
        notMultiple.Should().Throw<ArgumentOutOfRangeException>();
        var smallMiniblocks = () => DeltaBinaryPacked.Encode([1], buffer, blockSize: 128, miniblockCount: 8);
        smallMiniblocks.Should().Throw<ArgumentOutOfRangeException>();
    }

    internal static IEnumerable<int[]> Int32Shapes(Random random, int count)
    {
        yield return [.. Enumerable.Range(0, count).Select(_ => random.Next(int.MinValue, int.MaxValue))];
        yield return [.. Enumerable.Range(0, count).Select(i => 1_000_000 + i * 3)];
        yield return [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? int.MinValue : int.MaxValue)];
        yield return [.. Enumerable.Repeat(-7, count)];
        yield return [.. Enumerable.Range(0, count).Select(i => random.Next(100) - 50 + i)];
    }

    internal static IEnumerable<long[]> Int64Shapes(Random random, int count)
    {
        yield return [.. Enumerable.Range(0, count).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];
        yield return [.. Enumerable.Range(0, count).Select(i => 1_700_000_000_000_000L + i * 1_000_000L + random.Next(1000))];
        yield return [.. Enumerable.Range(0, count).Select(i => i % 3 == 0 ? long.MinValue : long.MaxValue)];
        yield return [.. Enumerable.Repeat(long.MinValue, count)];
    }
}
