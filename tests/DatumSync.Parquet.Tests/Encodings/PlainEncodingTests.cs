using System.Text;
using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class PlainEncodingTests
{
    [Fact]
    public void Booleans_are_bit_packed_lsb_first()
    {
        // true,false,true,true,false,false,false,false,true -> bits 1011 0000 | 1 -> 0x0D, 0x01.
        bool[] values = [true, false, true, true, false, false, false, false, true];
        using var buffer = new ByteBuffer();
        PlainEncoding.EncodeBooleans(values, buffer);
        buffer.ToArray().Should().Equal(0x0D, 0x01);

        var decoded = new bool[values.Length];
        PlainEncoding.DecodeBooleans(buffer.WrittenSpan, decoded).Should().Be(2);
        decoded.Should().Equal(values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Random_booleans_round_trip_through_both_layouts(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => random.Next(2) == 1).ToArray();
        using var buffer = new ByteBuffer();
        PlainEncoding.EncodeBooleans(values, buffer);
        var encoded = buffer.ToArray();
        encoded.Should().Equal(ReferenceBits.Pack(values.Select(v => v ? 1UL : 0UL).ToArray(), 1));

        var decoded = new bool[count];
        PlainEncoding.DecodeBooleans(encoded, decoded);
        decoded.Should().Equal(values);

        // The packed layout: the bits as they are, unused bits of the last byte cleared both ways.
        var bits = encoded.ToArray();
        if (bits.Length > 0 && count % 8 != 0)
            bits[^1] |= (byte)(0xFF << (count % 8));
        buffer.Clear();
        PlainEncoding.EncodeBooleanBits(bits, count, buffer);
        buffer.ToArray().Should().Equal(encoded);
        var copied = new byte[bits.Length];
        PlainEncoding.DecodeBooleanBits(bits, count, copied).Should().Be(bits.Length);
        copied.Should().Equal(encoded);
    }

    [Fact]
    public void Fixed_width_values_are_little_endian_and_keep_edge_values()
    {
        using var buffer = new ByteBuffer();
        PlainEncoding.EncodeInt32([1, -1, int.MinValue], buffer);
        buffer.ToArray().Should().Equal(1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x80);
        buffer.Clear();
        PlainEncoding.EncodeInt64([0x0102030405060708], buffer);
        buffer.ToArray().Should().Equal(8, 7, 6, 5, 4, 3, 2, 1);
        buffer.Clear();
        PlainEncoding.EncodeDouble([1.0], buffer);
        buffer.ToArray().Should().Equal(0, 0, 0, 0, 0, 0, 0xF0, 0x3F);
        buffer.Clear();
        PlainEncoding.EncodeFloat([-2.5f], buffer);
        buffer.ToArray().Should().Equal(0, 0, 0x20, 0xC0);
    }

    [Fact]
    public void Random_numbers_with_edge_values_round_trip()
    {
        var random = new Random(5);
        int[] ints = [0, 1, -1, int.MinValue, int.MaxValue, .. Enumerable.Range(0, 500).Select(_ => random.Next(int.MinValue, int.MaxValue))];
        long[] longs = [0, long.MinValue, long.MaxValue, .. Enumerable.Range(0, 500).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];
        using var buffer = new ByteBuffer();

        PlainEncoding.EncodeInt32(ints, buffer);
        var decodedInts = new int[ints.Length];
        PlainEncoding.DecodeInt32(buffer.WrittenSpan, decodedInts).Should().Be(ints.Length * 4);
        decodedInts.Should().Equal(ints);

        buffer.Clear();
        PlainEncoding.EncodeInt64(longs, buffer);
        var decodedLongs = new long[longs.Length];
        PlainEncoding.DecodeInt64(buffer.WrittenSpan, decodedLongs).Should().Be(longs.Length * 8);
        decodedLongs.Should().Equal(longs);
    }

    [Fact]
    public void Floating_point_bit_patterns_survive_exactly()
    {
        // NaNs with payloads and sign, negative zero, infinities, subnormals: compared as bits, not as numbers.
        long[] doubleBits = [0x7FF8000000000000, unchecked((long)0xFFF8000000000001), 0x7FF0000000000001, unchecked((long)0x8000000000000000),
            0x7FF0000000000000, unchecked((long)0xFFF0000000000000), 1, BitConverter.DoubleToInt64Bits(double.Epsilon), BitConverter.DoubleToInt64Bits(Math.PI)];
        var doubles = doubleBits.Select(BitConverter.Int64BitsToDouble).ToArray();
        using var buffer = new ByteBuffer();
        PlainEncoding.EncodeDouble(doubles, buffer);
        var decoded = new double[doubles.Length];
        PlainEncoding.DecodeDouble(buffer.WrittenSpan, decoded);
        decoded.Select(BitConverter.DoubleToInt64Bits).Should().Equal(doubleBits);

        int[] floatBits = [0x7FC00000, unchecked((int)0xFFC00001), 0x7F800001, unchecked((int)0x80000000), 0x7F800000, unchecked((int)0xFF800000), 1];
        var floats = floatBits.Select(BitConverter.Int32BitsToSingle).ToArray();
        buffer.Clear();
        PlainEncoding.EncodeFloat(floats, buffer);
        var decodedFloats = new float[floats.Length];
        PlainEncoding.DecodeFloat(buffer.WrittenSpan, decodedFloats);
        decodedFloats.Select(BitConverter.SingleToInt32Bits).Should().Equal(floatBits);
    }

    [Fact]
    public void Int96_is_nanoseconds_of_day_then_julian_day()
    {
        // 2000-01-01T00:00:01.000001 = Julian day 2451545; 1,000,001,000 ns = 0x3B9ACDE8.
        var value = new Int96(1_000_001_000, 2_451_545);
        using var buffer = new ByteBuffer();
        PlainEncoding.EncodeInt96([value], buffer);
        buffer.ToArray().Should().Equal(0xE8, 0xCD, 0x9A, 0x3B, 0, 0, 0, 0, 0x59, 0x68, 0x25, 0x00);

        var decoded = new Int96[1];
        PlainEncoding.DecodeInt96(buffer.WrittenSpan, decoded).Should().Be(12);
        decoded[0].Should().Be(value);
        var micros = (long)(new DateTime(2000, 1, 1, 0, 0, 1, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMicroseconds + 1;
        value.ToUnixMicroseconds().Should().Be(micros);
        Int96.FromUnixMicroseconds(micros).Should().Be(value);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-86_400_000_001L)]
    [InlineData(253_402_300_799_999_999L)]
    [InlineData(-62_135_596_800_000_000L)]
    public void Int96_converts_to_and_from_unix_microseconds(long micros)
    {
        var value = Int96.FromUnixMicroseconds(micros);
        value.NanosOfDay.Should().BeInRange(0, 86_399_999_999_000);
        value.ToUnixMicroseconds().Should().Be(micros);
    }

    [Fact]
    public void Byte_arrays_are_length_prefixed_and_decode_into_offsets_and_bytes()
    {
        var (data, offsets) = Strings("Hello", "", "wörld", "🎉");
        using var buffer = new ByteBuffer();
        PlainEncoding.EncodeByteArrays(data, offsets, buffer);
        var encoded = buffer.ToArray();
        encoded[..9].Should().Equal(5, 0, 0, 0, (byte)'H', (byte)'e', (byte)'l', (byte)'l', (byte)'o');
        encoded[9..13].Should().Equal(0, 0, 0, 0);
        encoded.Length.Should().Be(4 * 4 + data.Length);

        using var values = new ByteBuffer();
        values.Write("xy"u8);
        var decodedOffsets = new int[5];
        PlainEncoding.DecodeByteArrays(encoded, decodedOffsets, values).Should().Be(encoded.Length);
        decodedOffsets.Should().Equal(offsets.Select(o => o + 2));
        values.WrittenSpan[2..].ToArray().Should().Equal(data);

        buffer.Clear();
        PlainEncoding.EncodeByteArray("abc"u8, buffer);
        buffer.ToArray().Should().Equal(3, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c');
    }

    [Fact]
    public void Byte_array_length_past_the_data_is_invalid_data_and_appends_nothing()
    {
        using var values = new ByteBuffer();
        var tooLong = () => PlainEncoding.DecodeByteArrays([2, 0, 0, 0, 1, 2, 0xFF, 0xFF, 0xFF, 0x7F, 1], new int[3], values);
        tooLong.Should().Throw<InvalidDataException>().WithMessage("*value 1 at byte 6 claims 2147483647 bytes, but only 1 remain*");
        values.WrittenCount.Should().Be(0);
        var noLength = () => PlainEncoding.DecodeByteArrays([0, 0, 0, 0, 9], new int[3], values);
        noLength.Should().Throw<InvalidDataException>().WithMessage("*value 1 of 2 needs a 4-byte length*");
    }

    [Fact]
    public void Fixed_length_byte_arrays_are_the_bytes_alone()
    {
        byte[] values = [1, 2, 3, 4, 5, 6];
        using var buffer = new ByteBuffer();
        PlainEncoding.EncodeFixedLenByteArrays(values, 3, buffer);
        buffer.ToArray().Should().Equal(values);
        var decoded = new byte[6];
        PlainEncoding.DecodeFixedLenByteArrays(buffer.WrittenSpan, 3, 2, decoded).Should().Be(6);
        decoded.Should().Equal(values);
        var truncated = () => PlainEncoding.DecodeFixedLenByteArrays(values, 4, 2, new byte[8]);
        truncated.Should().Throw<InvalidDataException>();
        var ragged = () => PlainEncoding.EncodeFixedLenByteArrays(values, 4, buffer);
        ragged.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Short_input_for_fixed_width_values_is_invalid_data()
    {
        var ints = () => PlainEncoding.DecodeInt32([1, 2, 3, 4, 5], new int[2]);
        ints.Should().Throw<InvalidDataException>().WithMessage("PLAIN INT32 (2 values): needs 8 bytes but only 5 remain.");
        var bools = () => PlainEncoding.DecodeBooleans([1], new bool[9]);
        bools.Should().Throw<InvalidDataException>();
        var int96 = () => PlainEncoding.DecodeInt96(new byte[11], new Int96[1]);
        int96.Should().Throw<InvalidDataException>();
    }

    /// <summary>UTF-8 strings in the string column layout.</summary>
    internal static (byte[] Data, int[] Offsets) Strings(params string[] values)
    {
        var offsets = new int[values.Length + 1];
        var data = new List<byte>();
        for (var i = 0; i < values.Length; i++)
        {
            data.AddRange(Encoding.UTF8.GetBytes(values[i]));
            offsets[i + 1] = data.Count;
        }
        return ([.. data], offsets);
    }

    /// <summary>The values of a string column layout as strings.</summary>
    internal static string[] ToStrings(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets)
    {
        var result = new string[offsets.Length - 1];
        for (var i = 0; i < result.Length; i++)
            result[i] = Encoding.UTF8.GetString(data[offsets[i]..offsets[i + 1]]);
        return result;
    }
}
