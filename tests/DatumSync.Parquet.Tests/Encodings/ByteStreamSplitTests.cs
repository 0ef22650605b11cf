using System.Runtime.InteropServices;
using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class ByteStreamSplitTests
{
    [Fact]
    public void Spec_example_scatters_each_byte_to_its_stream()
    {
        // Encodings.md, BYTE_STREAM_SPLIT: three 4-byte elements AA BB CC DD, 00 11 22 33, A3 B4 C5 D6 become
        // AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6.
        byte[] values = [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6];
        byte[] expected = [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6];
        using var buffer = new ByteBuffer();
        ByteStreamSplit.Encode(values, 4, buffer);
        buffer.ToArray().Should().Equal(expected);
        var decoded = new byte[12];
        ByteStreamSplit.Decode(expected, 4, decoded).Should().Be(12);
        decoded.Should().Equal(values);
    }

    [Fact]
    public void Doubles_floats_and_fixed_length_values_round_trip_bit_for_bit()
    {
        var random = new Random(9);
        double[] doubles = [double.NaN, -0.0, double.NegativeInfinity, .. Enumerable.Range(0, 300).Select(_ => random.NextDouble() * 1e6)];
        using var buffer = new ByteBuffer();
        ByteStreamSplit.Encode<double>(doubles, buffer);
        var decoded = new double[doubles.Length];
        ByteStreamSplit.Decode<double>(buffer.WrittenSpan, decoded);
        MemoryMarshal.AsBytes(decoded.AsSpan()).ToArray().Should().Equal(MemoryMarshal.AsBytes(doubles.AsSpan()).ToArray());

        var floats = Enumerable.Range(0, 33).Select(_ => (float)random.NextDouble()).ToArray();
        buffer.Clear();
        ByteStreamSplit.Encode<float>(floats, buffer);
        var decodedFloats = new float[33];
        ByteStreamSplit.Decode<float>(buffer.WrittenSpan, decodedFloats);
        decodedFloats.Should().Equal(floats);

        var fixedLength = new byte[3 * 17];
        random.NextBytes(fixedLength);
        buffer.Clear();
        ByteStreamSplit.Encode(fixedLength, 3, buffer);
        var decodedFixed = new byte[fixedLength.Length];
        ByteStreamSplit.Decode(buffer.WrittenSpan, 3, decodedFixed);
        decodedFixed.Should().Equal(fixedLength);
    }

    [Fact]
    public void Short_data_is_invalid_data()
    {
        var act = () => ByteStreamSplit.Decode<long>(new byte[15], new long[2]);
        act.Should().Throw<InvalidDataException>().WithMessage("BYTE_STREAM_SPLIT (2 values of 8 bytes): needs 16 bytes but only 15 remain.");
    }
}
