using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class VarintTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(uint.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Uleb128_bytes_match_the_definition(ulong value, byte[] expected)
    {
        var buffer = new byte[10];
        var n = Varint.Write(buffer, value);
        buffer[..n].Should().Equal(expected);
        Varint.Length(value).Should().Be(n);
        var position = 0;
        Varint.ReadUInt64(expected, ref position, "test").Should().Be(value);
        position.Should().Be(n);
    }

    [Theory]
    [InlineData(0L, 0UL)]
    [InlineData(-1L, 1UL)]
    [InlineData(1L, 2UL)]
    [InlineData(-2L, 3UL)]
    [InlineData(long.MaxValue, ulong.MaxValue - 1)]
    [InlineData(long.MinValue, ulong.MaxValue)]
    public void Zigzag_maps_small_magnitudes_to_small_numbers(long value, ulong encoded)
    {
        Varint.ZigZagEncode(value).Should().Be(encoded);
        Varint.ZigZagDecode(encoded).Should().Be(value);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { })]
    public void A_32_bit_varint_that_is_too_long_or_truncated_is_invalid_data(byte[] data)
    {
        var act = () =>
        {
            var position = 0;
            return Varint.ReadUInt32(data, ref position, "run header");
        };
        act.Should().Throw<InvalidDataException>().WithMessage("run header*");
    }

    [Fact]
    public void A_64_bit_varint_of_more_than_64_bits_is_invalid_data()
    {
        var act = () =>
        {
            var position = 0;
            return Varint.ReadUInt64([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], ref position, "x");
        };
        act.Should().Throw<InvalidDataException>();
    }
}
