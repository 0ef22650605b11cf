using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class BitPackingTests
{
    public static TheoryData<int> Widths32() => [.. Enumerable.Range(0, 33)];

    public static TheoryData<int> Widths64() => [.. Enumerable.Range(0, 65)];

    [Fact]
    public void Spec_example_packs_0_to_7_in_3_bits_as_88_C6_FA()
    {
        // Encodings.md, RLE section, note 1: the values 0..7 with bit width 3 are
        //   bit value: 10001000 11000110 11111010  (bytes written MSB on the left)
        // i.e. 0b10001000 = 0x88, 0b11000110 = 0xC6, 0b11111010 = 0xFA.
        var packed = new byte[3];
        BitPacking.Pack([0, 1, 2, 3, 4, 5, 6, 7], 3, packed).Should().Be(3);
        packed.Should().Equal(0x88, 0xC6, 0xFA);

        var values = new int[8];
        BitPacking.Unpack(packed, 3, values);
        values.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
    }

    [Theory]
    [MemberData(nameof(Widths32))]
    public void Int32_values_of_every_width_match_bit_by_bit_packing(int bitWidth)
    {
        var random = new Random(1000 + bitWidth);
        // Counts around group boundaries and long enough for the direct path and the padded tail.
        foreach (var count in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 1001 })
        {
            var expected = ReferenceBits.RandomValues(random, count, bitWidth);
            var values = expected.Select(v => (int)(uint)v).ToArray();
            var packed = new byte[BitPacking.ByteCount(count, bitWidth) + 3];
            Array.Fill(packed, (byte)0xEE);
            var written = BitPacking.Pack(values, bitWidth, packed);

            written.Should().Be((int)BitPacking.ByteCount(count, bitWidth));
            packed[..written].Should().Equal(ReferenceBits.Pack(expected, bitWidth), $"width {bitWidth}, {count} values");
            packed[written..].Should().OnlyContain(b => b == 0xEE, "nothing is written past the packed bytes");

            var unpacked = new int[count];
            BitPacking.Unpack(packed.AsSpan(0, written), bitWidth, unpacked);
            unpacked.Should().Equal(values);
        }
    }

    [Theory]
    [MemberData(nameof(Widths64))]
    public void Int64_values_of_every_width_match_bit_by_bit_packing(int bitWidth)
    {
        var random = new Random(2000 + bitWidth);
        foreach (var count in new[] { 0, 1, 7, 8, 9, 33, 128, 129 })
        {
            var expected = ReferenceBits.RandomValues(random, count, bitWidth);
            var values = expected.Select(v => (long)v).ToArray();
            var packed = new byte[BitPacking.ByteCount(count, bitWidth)];
            BitPacking.Pack(values, bitWidth, packed).Should().Be(packed.Length);
            packed.Should().Equal(ReferenceBits.Pack(expected, bitWidth), $"width {bitWidth}, {count} values");

            var unpacked = new long[count];
            BitPacking.Unpack(packed, bitWidth, unpacked);
            unpacked.Should().Equal(values);
        }
    }

    [Theory]
    [MemberData(nameof(Widths32))]
    public void Unpacking_can_start_at_any_value_index(int bitWidth)
    {
        var random = new Random(3000 + bitWidth);
        var expected = ReferenceBits.RandomValues(random, 100, bitWidth);
        var packed = ReferenceBits.Pack(expected, bitWidth);
        foreach (var (first, count) in new[] { (0, 100), (1, 5), (3, 20), (7, 1), (8, 92), (13, 87), (99, 1), (100, 0) })
        {
            var ints = new int[count];
            BitPacking.Unpack(packed, bitWidth, ints, first);
            ints.Select(v => (ulong)(uint)v).Should().Equal(expected.Skip(first).Take(count), $"from {first}");

            var longs = new long[count];
            BitPacking.Unpack(packed, bitWidth, longs, first);
            longs.Select(v => (ulong)v).Should().Equal(expected.Skip(first).Take(count), $"from {first}");
        }
    }

    [Fact]
    public void Packing_keeps_only_the_low_bits_of_each_value()
    {
        var packed = new byte[3];
        BitPacking.Pack([-1, 0, -1, 0, -1, 0, -1, 0], 3, packed);
        var values = new int[8];
        BitPacking.Unpack(packed, 3, values);
        values.Should().Equal(7, 0, 7, 0, 7, 0, 7, 0);
    }

    [Fact]
    public void Bit_width_of_a_maximum_is_the_bits_it_needs()
    {
        BitPacking.BitWidth(0u).Should().Be(0);
        BitPacking.BitWidth(1u).Should().Be(1);
        BitPacking.BitWidth(255u).Should().Be(8);
        BitPacking.BitWidth(256u).Should().Be(9);
        BitPacking.BitWidth(uint.MaxValue).Should().Be(32);
        BitPacking.BitWidth(ulong.MaxValue).Should().Be(64);
    }

    [Fact]
    public void Too_short_buffers_and_bad_widths_are_argument_errors()
    {
        var act = () => BitPacking.Unpack(new byte[2], 3, new int[8]);
        act.Should().Throw<ArgumentException>();
        var pack = () => BitPacking.Pack(new int[8], 3, new byte[2]);
        pack.Should().Throw<ArgumentException>();
        var width = () => BitPacking.Pack(new int[8], 33, new byte[64]);
        width.Should().Throw<ArgumentOutOfRangeException>();
    }
}
