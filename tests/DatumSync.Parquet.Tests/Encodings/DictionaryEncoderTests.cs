using System.Runtime.InteropServices;
using DatumSync.Parquet.Encodings;
using static DatumSync.Parquet.Tests.Encodings.PlainEncodingTests;

namespace DatumSync.Parquet.Tests.Encodings;

public class DictionaryEncoderTests
{
    [Fact]
    public void Entries_keep_first_seen_order_and_indices_point_at_them()
    {
        using var dictionary = new DictionaryEncoder<int>();
        int[] values = [5, 5, 7, 5, -1, 7, int.MinValue, int.MaxValue, 0, 0];
        var indices = new int[values.Length];
        dictionary.Encode(values, indices).Should().Be(values.Length);
        dictionary.Values.ToArray().Should().Equal(5, 7, -1, int.MinValue, int.MaxValue, 0);
        indices.Should().Equal(0, 0, 1, 0, 2, 1, 3, 4, 5, 5);
        dictionary.ByteSize.Should().Be(24);
        dictionary.BitWidth.Should().Be(3);

        using var page = new ByteBuffer();
        dictionary.WritePlain(page);
        var decoded = new int[6];
        PlainEncoding.DecodeInt32(page.WrittenSpan, decoded);
        decoded.Should().Equal(dictionary.Values.ToArray());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void Random_int64_values_map_back_to_themselves(int distinct)
    {
        var random = new Random(distinct);
        var pool = Enumerable.Range(0, distinct).Select(_ => random.NextInt64()).ToArray();
        var values = Enumerable.Range(0, 200_000).Select(_ => pool[random.Next(distinct)]).ToArray();
        using var dictionary = new DictionaryEncoder<long>(maxByteSize: int.MaxValue);
        var indices = new int[values.Length];
        dictionary.Encode(values, indices).Should().Be(values.Length);
        dictionary.Count.Should().Be(values.Distinct().Count());
        var entries = dictionary.Values.ToArray();
        indices.Select(i => entries[i]).Should().Equal(values);
    }

    [Fact]
    public void Doubles_are_entries_by_bit_pattern()
    {
        double[] values = [0.0, -0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8000000000001), double.NaN, 1.5, double.PositiveInfinity, -0.0];
        using var dictionary = new DictionaryEncoder<long>();
        var indices = new int[values.Length];
        dictionary.Encode(MemoryMarshal.Cast<double, long>(values), indices);
        indices.Should().Equal(0, 1, 2, 3, 2, 4, 5, 1);
        var entries = MemoryMarshal.Cast<long, double>(dictionary.Values).ToArray();
        indices.Select(i => BitConverter.DoubleToInt64Bits(entries[i])).Should().Equal(values.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Int96_values_are_supported_and_other_types_are_not()
    {
        using var dictionary = new DictionaryEncoder<Int96>();
        Int96[] values = [new(1, 2), new(1, 3), new(1, 2)];
        var indices = new int[3];
        dictionary.Encode(values, indices);
        indices.Should().Equal(0, 1, 0);
        using var page = new ByteBuffer();
        dictionary.WritePlain(page);
        page.WrittenCount.Should().Be(24);

        var act = () => new DictionaryEncoder<short>();
        act.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Encoding_stops_before_a_value_that_would_pass_the_size_limit()
    {
        // 10 ints fit in 40 bytes; the 11th distinct value does not.
        using var dictionary = new DictionaryEncoder<int>(maxByteSize: 40);
        var values = Enumerable.Range(0, 20).Select(i => i < 15 ? i % 12 : 3).ToArray();
        var indices = new int[values.Length];
        var mapped = dictionary.Encode(values, indices);
        mapped.Should().Be(10);
        dictionary.Count.Should().Be(10);
        dictionary.ByteSize.Should().Be(40);
        // Values already in the dictionary still map; a new one does not.
        dictionary.TryAdd(3, out var three).Should().BeTrue();
        three.Should().Be(3);
        dictionary.TryAdd(99, out _).Should().BeFalse();
        dictionary.Count.Should().Be(10);
    }

    [Fact]
    public void Clear_starts_a_new_column_chunk()
    {
        using var dictionary = new DictionaryEncoder<int>();
        var indices = new int[3000];
        dictionary.Encode(Enumerable.Range(0, 3000).ToArray(), indices);
        dictionary.Clear();
        dictionary.Count.Should().Be(0);
        dictionary.Encode([9, 8, 9], indices).Should().Be(3);
        dictionary.Values.ToArray().Should().Equal(9, 8);
        indices[..3].Should().Equal(0, 1, 0);
    }

    [Fact]
    public void Byte_arrays_are_entries_by_their_bytes()
    {
        var (data, offsets) = Strings("apple", "", "banana", "apple", "äpple", "", "banana", "bananas", "🍎");
        using var dictionary = new ByteArrayDictionaryEncoder();
        var indices = new int[9];
        dictionary.Encode(data, offsets, indices).Should().Be(9);
        indices.Should().Equal(0, 1, 2, 0, 3, 1, 2, 4, 5);
        ToStrings(dictionary.ValueData, dictionary.ValueOffsets).Should().Equal("apple", "", "banana", "äpple", "bananas", "🍎");
        dictionary.ByteSize.Should().Be(6 * 4 + dictionary.ValueData.Length);

        using var page = new ByteBuffer();
        dictionary.WritePlain(page);
        page.WrittenCount.Should().Be((int)dictionary.ByteSize);
        using var values = new ByteBuffer();
        var decoded = new int[7];
        PlainEncoding.DecodeByteArrays(page.WrittenSpan, decoded, values);
        ToStrings(values.WrittenSpan, decoded).Should().Equal("apple", "", "banana", "äpple", "bananas", "🍎");
    }

    [Fact]
    public void Many_random_byte_arrays_map_back_to_themselves()
    {
        var random = new Random(3);
        var pool = Enumerable.Range(0, 20_000).Select(i =>
        {
            var bytes = new byte[random.Next(0, 30)];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();
        var chosen = Enumerable.Range(0, 100_000).Select(_ => pool[random.Next(pool.Length)]).ToArray();
        var offsets = new int[chosen.Length + 1];
        for (var i = 0; i < chosen.Length; i++)
            offsets[i + 1] = offsets[i] + chosen[i].Length;
        var data = chosen.SelectMany(b => b).ToArray();

        using var dictionary = new ByteArrayDictionaryEncoder(int.MaxValue);
        var indices = new int[chosen.Length];
        dictionary.Encode(data, offsets, indices).Should().Be(chosen.Length);
        dictionary.Count.Should().Be(chosen.Select(Convert.ToHexString).Distinct().Count());
        var entryData = dictionary.ValueData.ToArray();
        var entryOffsets = dictionary.ValueOffsets.ToArray();
        for (var i = 0; i < chosen.Length; i++)
            entryData[entryOffsets[indices[i]]..entryOffsets[indices[i] + 1]].Should().Equal(chosen[i]);
    }

    [Fact]
    public void Byte_array_dictionary_stops_at_its_size_limit_and_clears()
    {
        // Each 3-byte value costs 7 bytes of PLAIN: two fit in 14.
        var (data, offsets) = Strings("abc", "abc", "def", "ghi", "abc");
        using var dictionary = new ByteArrayDictionaryEncoder(maxByteSize: 14);
        var indices = new int[5];
        dictionary.Encode(data, offsets, indices).Should().Be(3);
        indices[..3].Should().Equal(0, 0, 1);
        dictionary.ByteSize.Should().Be(14);

        dictionary.Clear();
        dictionary.ValueOffsets.ToArray().Should().Equal(0);
        dictionary.TryAdd("x"u8, out var x).Should().BeTrue();
        x.Should().Be(0);
        ToStrings(dictionary.ValueData, dictionary.ValueOffsets).Should().Equal("x");
    }

    [Fact]
    public void An_empty_dictionary_has_one_offset_and_writes_nothing()
    {
        using var dictionary = new ByteArrayDictionaryEncoder();
        dictionary.ValueOffsets.ToArray().Should().Equal(0);
        dictionary.BitWidth.Should().Be(0);
        using var page = new ByteBuffer();
        dictionary.WritePlain(page);
        page.WrittenCount.Should().Be(0);
    }
}
