using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class DictionaryLookupTests
{
    [Fact]
    public void Indices_gather_fixed_width_entries()
    {
        var destination = new long[4];
        DictionaryLookup.Gather<long>([10, 20, 30], [2, 0, 0, 1], destination);
        destination.Should().Equal(30, 10, 10, 20);
        var bad = () => DictionaryLookup.Gather<long>([10], [0, 1], new long[2]);
        bad.Should().Throw<InvalidDataException>().WithMessage("*index 1 at value 1 is outside the dictionary of 1 entries*");
    }

    [Fact]
    public void Indices_gather_byte_array_entries_after_existing_values()
    {
        var (data, offsets) = PlainEncodingTests.Strings("a", "", "ccc");
        using var values = new ByteBuffer();
        values.Write("zz"u8);
        var result = new int[5];
        DictionaryLookup.GatherByteArrays(data, offsets, [2, 1, 0, 2], result, values);
        result[0].Should().Be(2);
        PlainEncodingTests.ToStrings(values.WrittenSpan, result).Should().Equal("ccc", "", "a", "ccc");

        var before = values.WrittenCount;
        var bad = () => DictionaryLookup.GatherByteArrays(data, offsets, [0, -1], new int[3], values);
        bad.Should().Throw<InvalidDataException>();
        values.WrittenCount.Should().Be(before);
    }
}
