using System.Buffers;
using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Tests.Encodings;

public class ByteBufferTests
{
    [Fact]
    public void Appends_grow_the_buffer_and_keep_every_byte()
    {
        using var buffer = new ByteBuffer(16);
        var expected = new List<byte>();
        for (var i = 0; i < 10_000; i++)
        {
            buffer.WriteByte((byte)i);
            expected.Add((byte)i);
        }
        buffer.Write([1, 2, 3]);
        expected.AddRange([1, 2, 3]);
        buffer.WrittenCount.Should().Be(expected.Count);
        buffer.WrittenSpan.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Fixed_width_and_varint_writes_are_little_endian()
    {
        using var buffer = new ByteBuffer();
        buffer.WriteInt32LittleEndian(0x04030201);
        buffer.WriteInt64LittleEndian(0x0C0B0A0908070605);
        buffer.WriteUleb128(300);
        buffer.WriteZigZag(-2);
        buffer.ToArray().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xAC, 0x02, 0x03);
    }

    [Fact]
    public void Buffer_writer_contract_gives_at_least_the_hint_and_advance_commits()
    {
        using var buffer = new ByteBuffer(16);
        IBufferWriter<byte> writer = buffer;
        var span = writer.GetSpan(100);
        span.Length.Should().BeGreaterThanOrEqualTo(100);
        span[..5].Fill(9);
        writer.Advance(5);
        writer.GetMemory().Length.Should().BeGreaterThanOrEqualTo(1);
        buffer.ToArray().Should().Equal(9, 9, 9, 9, 9);

        var tooFar = () => buffer.Advance(buffer.FreeCapacity + 1);
        tooFar.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Patch_fills_in_a_placeholder_and_rejects_unwritten_bytes()
    {
        using var buffer = new ByteBuffer();
        buffer.WriteInt32LittleEndian(0);
        buffer.Write([7, 7]);
        buffer.Patch(0, 4)[0] = 2;
        buffer.ToArray().Should().Equal(2, 0, 0, 0, 7, 7);
        Action outside = () => buffer.Patch(4, 3);
        outside.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Clear_keeps_the_array_and_dispose_returns_it_but_the_buffer_stays_usable()
    {
        var buffer = new ByteBuffer(64);
        buffer.Write(new byte[50]);
        var capacity = buffer.Capacity;
        buffer.Clear();
        buffer.WrittenCount.Should().Be(0);
        buffer.Capacity.Should().Be(capacity);

        buffer.Dispose();
        buffer.Capacity.Should().Be(0);
        buffer.WriteByte(1);
        buffer.ToArray().Should().Equal(1);
        buffer.Dispose();
    }

    [Fact]
    public void Truncate_undoes_a_tentative_write()
    {
        using var buffer = new ByteBuffer();
        buffer.Write([1, 2, 3, 4]);
        buffer.Truncate(1);
        buffer.ToArray().Should().Equal(1);
    }
}
