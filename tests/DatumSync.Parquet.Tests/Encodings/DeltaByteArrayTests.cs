using System.Text;
using DatumSync.Parquet.Encodings;
using static DatumSync.Parquet.Tests.Encodings.PlainEncodingTests;

namespace DatumSync.Parquet.Tests.Encodings;

public class DeltaByteArrayTests
{
    [Fact]
    public void Delta_length_spec_example_is_the_lengths_then_the_bytes()
    {
        // Encodings.md: "Hello", "World", "Foobar", "ABCDEF" -> DeltaEncoding(5, 5, 6, 6) then
        // "HelloWorldFoobarABCDEF". The lengths with 128/4 blocks: header 80 01 04 04 and first value 5 (zigzag 0A);
        // deltas 0, 1, 0 have min 0 (zigzag 00) and width 1: bits 0,1,0 = 0x02, padded to 32 values (4 bytes).
        var (data, offsets) = Strings("Hello", "World", "Foobar", "ABCDEF");
        byte[] expected = [0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
            .. "HelloWorldFoobarABCDEF"u8.ToArray()];
        using var buffer = new ByteBuffer();
        DeltaLengthByteArray.Encode(data, offsets, buffer);
        buffer.ToArray().Should().Equal(expected);

        using var values = new ByteBuffer();
        var decoded = new int[5];
        DeltaLengthByteArray.Decode(expected, decoded, values).Should().Be(expected.Length);
        ToStrings(values.WrittenSpan, decoded).Should().Equal("Hello", "World", "Foobar", "ABCDEF");
    }

    [Fact]
    public void Delta_strings_spec_example_is_prefixes_suffix_lengths_and_suffixes()
    {
        // Encodings.md: "axis", "axle", "babble", "babyhood" -> prefix lengths 0, 2, 0, 3; suffix lengths 4, 2, 6, 5;
        // then "axislebabbleyhood".
        //   prefixes: header 80 01 04 04, first 0 (00); deltas 2, -2, 3 -> min -2 (zigzag 03), relative 4, 0, 5 in
        //             3 bits: 100 000 101 LSB first = byte 0b01000100 = 0x44, byte 0b00000001 = 0x01; 12 bytes total.
        //   suffixes: header 80 01 04 04, first 4 (08); deltas -2, 4, -1 -> min -2 (03), relative 0, 6, 1 in 3 bits:
        //             000 110 001 = byte 0b01110000 = 0x70, byte 0b00000000 = 0x00; 12 bytes total.
        var (data, offsets) = Strings("axis", "axle", "babble", "babyhood");
        byte[] expected =
        [
            0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x44, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0x00, 0x00, 0x00, 0x70, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            .. "axislebabbleyhood"u8.ToArray(),
        ];
        using var buffer = new ByteBuffer();
        DeltaByteArray.Encode(data, offsets, buffer);
        buffer.ToArray().Should().Equal(expected);

        using var values = new ByteBuffer();
        var decoded = new int[5];
        DeltaByteArray.Decode(expected, decoded, values).Should().Be(expected.Length);
        ToStrings(values.WrittenSpan, decoded).Should().Equal("axis", "axle", "babble", "babyhood");
    }

    public static TheoryData<string[]> StringSets() => new()
    {
        Array.Empty<string>(),
        new[] { "" },
        new[] { "", "", "" },
        new[] { "a", "", "a", "ab", "abc", "ab", "" },
        new[] { "héllo", "hélloworld", "日本語", "日本", "🎉🎉", "🎉", "\0\0", "\0" },
        new[] { "same", "same", "same", "same" },
        Enumerable.Range(0, 2000).Select(i => $"customer-{i / 7:D6}-{i % 13}").ToArray(),
        Enumerable.Range(0, 300).Select(i => new string('x', i * 37 % 1000)).ToArray(),
    };

    [Theory]
    [MemberData(nameof(StringSets))]
    public void Both_encodings_round_trip_strings_after_existing_values(string[] strings)
    {
        var (data, offsets) = Strings(strings);
        foreach (var encoding in new[] { "length", "prefix" })
        {
            using var buffer = new ByteBuffer();
            if (encoding == "length")
                DeltaLengthByteArray.Encode(data, offsets, buffer);
            else
                DeltaByteArray.Encode(data, offsets, buffer);
            var encoded = buffer.ToArray();

            // Decode after bytes already in the buffer, as a second page of a column chunk would be.
            using var values = new ByteBuffer();
            values.Write("previous"u8);
            var decoded = new int[strings.Length + 1];
            var read = encoding == "length"
                ? DeltaLengthByteArray.Decode(encoded, decoded, values)
                : DeltaByteArray.Decode(encoded, decoded, values);
            read.Should().Be(encoded.Length);
            decoded[0].Should().Be(8);
            ToStrings(values.WrittenSpan, decoded).Should().Equal(strings, encoding);
        }
    }

    [Fact]
    public void Random_binary_values_round_trip()
    {
        var random = new Random(11);
        var list = new List<byte[]>();
        var previous = Array.Empty<byte>();
        for (var i = 0; i < 3000; i++)
        {
            // Half share a random prefix with the previous value.
            var prefix = random.Next(2) == 0 ? previous.AsSpan(0, random.Next(previous.Length + 1)).ToArray() : [];
            var suffix = new byte[random.Next(0, 40)];
            random.NextBytes(suffix);
            previous = [.. prefix, .. suffix];
            list.Add(previous);
        }
        var offsets = new int[list.Count + 1];
        for (var i = 0; i < list.Count; i++)
            offsets[i + 1] = offsets[i] + list[i].Length;
        var data = list.SelectMany(b => b).ToArray();

        using var buffer = new ByteBuffer();
        DeltaByteArray.Encode(data, offsets, buffer);
        using var values = new ByteBuffer();
        var decoded = new int[offsets.Length];
        DeltaByteArray.Decode(buffer.WrittenSpan, decoded, values);
        decoded.Should().Equal(offsets);
        values.ToArray().Should().Equal(data);
    }

    [Fact]
    public void Prefix_longer_than_the_previous_value_is_invalid_data()
    {
        // Prefix lengths 0, 5 after a value of 4 bytes.
        using var prefixes = new ByteBuffer();
        DeltaBinaryPacked.Encode([0, 5], prefixes);
        DeltaBinaryPacked.Encode([4, 1], prefixes);
        prefixes.Write("axisz"u8);
        var act = () => DeltaByteArray.Decode(prefixes.WrittenSpan, new int[3], new ByteBuffer());
        act.Should().Throw<InvalidDataException>().WithMessage("*value 1 shares a prefix of 5 bytes with a previous value of 4 bytes*");
    }

    [Fact]
    public void Negative_lengths_and_suffixes_past_the_data_are_invalid_data()
    {
        using var negative = new ByteBuffer();
        DeltaBinaryPacked.Encode([3, -1], negative);
        negative.Write("abc"u8);
        var act = () => DeltaLengthByteArray.Decode(negative.WrittenSpan, new int[3], new ByteBuffer());
        act.Should().Throw<InvalidDataException>().WithMessage("*value 1 has a negative length (-1)*");

        using var pastEnd = new ByteBuffer();
        DeltaBinaryPacked.Encode([3, 100], pastEnd);
        pastEnd.Write("abc"u8);
        var past = () => DeltaLengthByteArray.Decode(pastEnd.WrittenSpan, new int[3], new ByteBuffer());
        past.Should().Throw<InvalidDataException>().WithMessage("*needs 103 bytes but only 3 remain*");
    }

    [Fact]
    public void Values_over_the_size_limit_are_invalid_data_before_anything_is_allocated()
    {
        // 1000 values that each repeat the whole previous 100-byte value: 100 KB from 100 bytes of data.
        using var encoded = new ByteBuffer();
        DeltaBinaryPacked.Encode([0, .. Enumerable.Repeat(100, 999)], encoded);
        DeltaBinaryPacked.Encode([100, .. Enumerable.Repeat(0, 999)], encoded);
        encoded.Write(new byte[100]);
        using var values = new ByteBuffer(16);
        var act = () => DeltaByteArray.Decode(encoded.WrittenSpan, new int[1001], values, maxValueBytes: 50_000);
        act.Should().Throw<InvalidDataException>().WithMessage("*1000 values would take 100000 bytes, over the limit of 50000*");
        values.Capacity.Should().Be(0);

        var offsets = new int[1001];
        DeltaByteArray.Decode(encoded.WrittenSpan, offsets, values);
        offsets[^1].Should().Be(100_000);
    }

    [Fact]
    public void Value_count_differing_from_the_page_is_invalid_data()
    {
        var (data, offsets) = Strings("a", "b");
        using var buffer = new ByteBuffer();
        DeltaLengthByteArray.Encode(data, offsets, buffer);
        var act = () => DeltaLengthByteArray.Decode(buffer.WrittenSpan, new int[4], new ByteBuffer());
        act.Should().Throw<InvalidDataException>().WithMessage("*announces 2 values where 3 are expected*");
    }

    [Fact]
    public void Strings_from_a_string_column_with_a_non_zero_first_offset_encode()
    {
        var data = Encoding.UTF8.GetBytes("xxabcde");
        int[] offsets = [2, 4, 7];
        using var buffer = new ByteBuffer();
        DeltaLengthByteArray.Encode(data, offsets, buffer);
        using var values = new ByteBuffer();
        var decoded = new int[3];
        DeltaLengthByteArray.Decode(buffer.WrittenSpan, decoded, values);
        ToStrings(values.WrittenSpan, decoded).Should().Equal("ab", "cde");
    }
}
