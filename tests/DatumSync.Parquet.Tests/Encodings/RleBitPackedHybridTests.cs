using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class RleBitPackedHybridTests
{
    public static TheoryData<int> Widths() => [.. Enumerable.Range(0, 33)];

    private static byte[] Encode(int[] values, int bitWidth)
    {
        using var buffer = new ByteBuffer();
        RleBitPackedHybrid.Encode(values, bitWidth, buffer);
        return buffer.ToArray();
    }

    private static int[] Decode(byte[] data, int bitWidth, int count)
    {
        var values = new int[count];
        RleBitPackedHybrid.Decode(data, bitWidth, values).Should().Be(data.Length);
        return values;
    }

    [Fact]
    public void Spec_bit_packing_example_is_one_bit_packed_run()
    {
        // Encodings.md, RLE note 1: 0..7 in 3 bits pack to 88 C6 FA. As a hybrid run the header is
        // varint(bit-pack-scaled-run-len << 1 | 1) with 1 group of 8: (1 << 1) | 1 = 0x03.
        int[] values = [0, 1, 2, 3, 4, 5, 6, 7];
        byte[] expected = [0x03, 0x88, 0xC6, 0xFA];
        Encode(values, 3).Should().Equal(expected);
        Decode(expected, 3, 8).Should().Equal(values);
    }

    [Fact]
    public void Repeated_value_is_one_rle_run_of_header_and_value_bytes()
    {
        // rle-header = varint(rle-run-len << 1): 100 << 1 = 200 = 0xC8 0x01 as ULEB128; the repeated value takes
        // round-up-to-byte(3 bits) = 1 byte.
        var values = Enumerable.Repeat(5, 100).ToArray();
        byte[] expected = [0xC8, 0x01, 0x05];
        Encode(values, 3).Should().Equal(expected);
        Decode(expected, 3, 100).Should().Equal(values);
    }

    [Fact]
    public void Rle_value_takes_whole_bytes_of_the_bit_width_little_endian()
    {
        // Width 17 rounds up to 3 bytes: 0x1ABCD is CD AB 01. Run of 8: header 8 << 1 = 0x10.
        var values = Enumerable.Repeat(0x1ABCD, 8).ToArray();
        byte[] expected = [0x10, 0xCD, 0xAB, 0x01];
        Encode(values, 17).Should().Equal(expected);
        Decode(expected, 17, 8).Should().Equal(values);
    }

    [Fact]
    public void Run_starting_inside_a_group_fills_the_group_then_becomes_rle()
    {
        // [7, then 30 twos], width 3. The first group (7,2,2,2,2,2,2,2) is bit-packed; the 23 twos left are a run.
        // Bits LSB first: 7 = 1,1,1 then each 2 = 0,1,0:
        //   byte 0 = bits 0-7  : 1 1 1 | 0 1 0 | 0 1      -> 0b10010111 = 0x97
        //   byte 1 = bits 8-15 : 0 | 0 1 0 | 0 1 0 | 0    -> 0b00100100 = 0x24
        //   byte 2 = bits 16-23: 1 0 | 0 1 0 | 0 1 0      -> 0b01001001 = 0x49
        // then the RLE run: header 23 << 1 = 0x2E, value 0x02.
        int[] values = [7, .. Enumerable.Repeat(2, 30)];
        byte[] expected = [0x03, 0x97, 0x24, 0x49, 0x2E, 0x02];
        Encode(values, 3).Should().Equal(expected);
        Decode(expected, 3, values.Length).Should().Equal(values);
    }

    [Fact]
    public void Last_group_is_padded_with_zeros()
    {
        // Three 1-bit values 1,0,1: one group, bits 1,0,1,0,0,0,0,0 = 0x05.
        byte[] expected = [0x03, 0x05];
        Encode([1, 0, 1], 1).Should().Equal(expected);
        Decode(expected, 1, 3).Should().Equal(1, 0, 1);
    }

    [Theory]
    [InlineData(1, 25)]
    [InlineData(2, 13)]
    [InlineData(3, 9)]
    [InlineData(4, 8)]
    [InlineData(10, 8)]
    [InlineData(32, 8)]
    public void Runs_shorter_than_their_bit_packed_size_stay_bit_packed_at_small_widths(int bitWidth, int minRun)
    {
        RleBitPackedHybrid.MinRleRun(bitWidth).Should().Be(minRun);
        // A run one short of the minimum, between literals, stays inside one bit-packed run; at the minimum it is RLE.
        int[] literals = [0, 1, 0, 1, 0, 1, 0, 1];
        int[] Values(int run) => [.. literals, .. Enumerable.Repeat(1, run), .. literals];
        var shortRun = Encode(Values(minRun - 1), bitWidth);
        shortRun[0].Should().Be((byte)((((8 + minRun - 1 + 8 + 7) / 8) << 1) | 1), "one bit-packed run holds everything");
        Decode(shortRun, bitWidth, 16 + minRun - 1).Should().Equal(Values(minRun - 1));
        var longRun = Encode(Values(minRun), bitWidth);
        longRun.Should().Contain((byte)(minRun << 1), "the run is an RLE run");
        Decode(longRun, bitWidth, 16 + minRun).Should().Equal(Values(minRun));
    }

    [Fact]
    public void Levels_of_a_column_without_nulls_are_one_run()
    {
        var values = Enumerable.Repeat(1, 1_000_000).ToArray();
        // 1,000,000 << 1 = 2,000,000 = 0x1E8480 -> ULEB128 80 89 7A; value 01.
        Encode(values, 1).Should().Equal(0x80, 0x89, 0x7A, 0x01);
    }

    [Fact]
    public void Width_zero_is_a_run_without_value_bytes()
    {
        Encode(new int[20], 0).Should().Equal(0x28);
        Decode([0x28], 0, 20).Should().Equal(new int[20]);
        Encode([], 0).Should().BeEmpty();
    }

    [Fact]
    public void Length_prefixed_form_puts_the_little_endian_byte_count_first()
    {
        using var buffer = new ByteBuffer();
        buffer.WriteByte(0xAA);
        RleBitPackedHybrid.EncodeWithLengthPrefix([0, 1, 2, 3, 4, 5, 6, 7], 3, buffer);
        buffer.ToArray().Should().Equal(0xAA, 0x04, 0x00, 0x00, 0x00, 0x03, 0x88, 0xC6, 0xFA);

        var values = new int[8];
        RleBitPackedHybrid.DecodeWithLengthPrefix([0x04, 0x00, 0x00, 0x00, 0x03, 0x88, 0xC6, 0xFA, 0x99], 3, values).Should().Be(8);
        values.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
    }

    [Fact]
    public void Dictionary_index_form_puts_the_bit_width_byte_first()
    {
        using var buffer = new ByteBuffer();
        RleBitPackedHybrid.EncodeDictionaryIndices([0, 1, 2, 3, 4, 5, 6, 7], RleBitPackedHybrid.DictionaryBitWidth(8), buffer);
        buffer.ToArray().Should().Equal(0x03, 0x03, 0x88, 0xC6, 0xFA);

        var values = new int[8];
        RleBitPackedHybrid.DecodeDictionaryIndices(buffer.WrittenSpan, 8, values).Should().Be(5);
        values.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(256, 8)]
    [InlineData(257, 9)]
    public void Dictionary_bit_width_covers_the_largest_index(int count, int width) =>
        RleBitPackedHybrid.DictionaryBitWidth(count).Should().Be(width);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Values_of_every_width_and_shape_round_trip(int bitWidth)
    {
        var random = new Random(40 + bitWidth);
        var max = bitWidth == 32 ? -1 : (int)((1L << bitWidth) - 1);
        foreach (var values in Shapes(random, bitWidth, max))
        {
            var encoded = Encode(values, bitWidth);
            Decode(encoded, bitWidth, values.Length).Should().Equal(values);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(13)]
    [InlineData(32)]
    public void Reading_in_chunks_of_any_size_gives_the_same_values(int bitWidth)
    {
        var random = new Random(7 + bitWidth);
        var max = bitWidth == 32 ? -1 : (int)((1L << bitWidth) - 1);
        var values = Shapes(random, bitWidth, max).SelectMany(v => v).ToArray();
        var encoded = Encode(values, bitWidth);
        foreach (var chunk in new[] { 1, 3, 7, 8, 9, 100 })
        {
            var decoder = new RleBitPackedHybridDecoder(encoded, bitWidth, values.Length);
            var result = new int[values.Length];
            var done = 0;
            while (decoder.Remaining > 0)
                done += decoder.Read(result.AsSpan(done, Math.Min(chunk, values.Length - done)));
            result.Should().Equal(values, $"chunks of {chunk}");
            decoder.BytesConsumed.Should().Be(encoded.Length);
            decoder.Read(new int[5]).Should().Be(0);
        }
    }

    [Fact]
    public void Values_that_do_not_fit_the_width_are_rejected_when_encoding()
    {
        using var buffer = new ByteBuffer();
        var tooBig = () => RleBitPackedHybrid.Encode([1, 8, 2], 3, buffer);
        tooBig.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Value 1 does not fit in 3 bits*");
        var negative = () => RleBitPackedHybrid.Encode([-1], 31, buffer);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(new byte[] { 0x14, 0x01 }, 1, 5, "*RLE run at byte 0 holds 10 values but only 5 remain*")]
    [InlineData(new byte[] { 0x03, 0x88 }, 3, 8, "*bit-packed run at byte 0*needs 3 bytes but only 1 remain*")]
    [InlineData(new byte[] { 0x02, 0x01 }, 1, 2, "*varint at byte 2 runs past the end*")]
    [InlineData(new byte[] { 0x00, 0x01 }, 1, 2, "*RLE run at byte 0 is empty*")]
    [InlineData(new byte[] { 0x01 }, 1, 2, "*bit-packed run at byte 0 is empty*")]
    [InlineData(new byte[] { 0x02, 0x02 }, 1, 1, "*repeats 2, which does not fit in 1 bits*")]
    [InlineData(new byte[] { 0x02 }, 8, 1, "*RLE run at byte 0*needs 1 bytes but only 0 remain*")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, 1, 1, "*longer than a 32-bit value allows*")]
    public void Corrupt_runs_are_invalid_data_with_a_clear_message(byte[] data, int bitWidth, int count, string message)
    {
        var act = () => RleBitPackedHybrid.Decode(data, bitWidth, new int[count]);
        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public void Padding_of_the_last_group_may_run_past_the_expected_count()
    {
        // One group of 8 for 3 expected values: only padding lies beyond them.
        Decode([0x03, 0x05], 1, 3).Should().Equal(1, 0, 1);
    }

    [Fact]
    public void A_bit_packed_run_longer_than_the_values_expected_is_read_up_to_them()
    {
        // Regression: DuckDB writes the repetition levels of a two-element list page as one bit-packed run of 32
        // groups (256 values); the reader refused it ("holds 256 values but only 2 remain").
        byte[] data = [0x41, 0x02, .. new byte[31]];
        var values = new int[2];
        RleBitPackedHybrid.Decode(data, 1, values).Should().Be(33);
        values.Should().Equal(0, 1);
        Decode([0x05, 0xFF, 0x00], 1, 8).Should().Equal(1, 1, 1, 1, 1, 1, 1, 1);
    }

    [Fact]
    public void A_truncated_last_group_holding_every_expected_value_is_accepted()
    {
        // 0..7 in 3 bits, but only 4 values expected: their 12 bits are in the first 2 of the 3 bytes.
        var values = new int[4];
        RleBitPackedHybrid.Decode([0x03, 0x88, 0xC6], 3, values).Should().Be(3);
        values.Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public void Bit_width_over_32_is_invalid_data()
    {
        var act = () => RleBitPackedHybrid.Decode([0x02, 0x01], 33, new int[1]);
        act.Should().Throw<InvalidDataException>().WithMessage("*bit width 33*");
        var dictionary = () => RleBitPackedHybrid.DecodeDictionaryIndices([33, 0x02, 0, 0, 0, 0, 0], 10, new int[1]);
        dictionary.Should().Throw<InvalidDataException>().WithMessage("*bit width 33*");
    }

    [Fact]
    public void Length_prefix_beyond_the_data_is_invalid_data()
    {
        var act = () => RleBitPackedHybrid.DecodeWithLengthPrefix([0x10, 0, 0, 0, 0x02, 0x01], 1, new int[1]);
        act.Should().Throw<InvalidDataException>().WithMessage("*needs 16 bytes but only 2 remain*");
        var huge = () => RleBitPackedHybrid.DecodeWithLengthPrefix([0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01], 1, new int[1]);
        huge.Should().Throw<InvalidDataException>();
        var short3 = () => RleBitPackedHybrid.DecodeWithLengthPrefix([0x01, 0, 0], 1, new int[1]);
        short3.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public void Dictionary_index_outside_the_dictionary_is_invalid_data()
    {
        // Width 3, RLE run of 1 with value 5, but the dictionary has 5 entries (0..4).
        var act = () => RleBitPackedHybrid.DecodeDictionaryIndices([0x03, 0x02, 0x05], 5, new int[1]);
        act.Should().Throw<InvalidDataException>().WithMessage("*index 5 at value 0 is outside the dictionary of 5 entries*");
        var empty = () => RleBitPackedHybrid.DecodeDictionaryIndices([0x00, 0x02], 0, new int[1]);
        empty.Should().Throw<InvalidDataException>();
        RleBitPackedHybrid.DecodeDictionaryIndices([], 0, []).Should().Be(0);
    }

    /// <summary>Random data, long runs, alternating values, runs of 7, 8 and 9, extremes and mixtures.</summary>
    internal static IEnumerable<int[]> Shapes(Random random, int bitWidth, int max)
    {
        int Next() => bitWidth == 0 ? 0 : bitWidth == 32 ? random.Next(int.MinValue, int.MaxValue) : random.Next(0, max) + random.Next(2);
        yield return [];
        yield return [Next()];
        yield return [.. Enumerable.Range(0, 1000).Select(_ => Next())];
        yield return [.. Enumerable.Repeat(max, 5000)];
        yield return [.. Enumerable.Range(0, 999).Select(i => i % 2 == 0 ? 0 : max)];
        foreach (var run in new[] { 7, 8, 9, 15, 16, 17 })
            yield return [.. Enumerable.Range(0, 40).SelectMany(_ => Enumerable.Repeat(Next(), run)).Concat([Next(), Next(), Next()])];
        var mixed = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            var v = Next();
            mixed.AddRange(random.Next(3) == 0 ? Enumerable.Repeat(v, random.Next(1, 50)) : [v]);
        }
        yield return [.. mixed];
    }
}
