using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Thrift;

/// <summary>Writes the Thrift compact protocol into a buffer.</summary>
internal sealed class ThriftCompactWriter(IBufferWriter<byte> output)
{
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        WriteByte(0);
        _lastFieldId = _lastFieldIds.Pop();
    }

    public void FieldBegin(short id, ThriftType type)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(id));
        }
        _lastFieldId = id;
    }

    public void Bool(short id, bool value) => FieldBegin(id, value ? ThriftType.BooleanTrue : ThriftType.BooleanFalse);

    public void I8(short id, sbyte value)
    {
        FieldBegin(id, ThriftType.Byte);
        WriteByte((byte)value);
    }

    public void I32(short id, int value)
    {
        FieldBegin(id, ThriftType.I32);
        WriteVarint(ZigZag(value));
    }

    public void I64(short id, long value)
    {
        FieldBegin(id, ThriftType.I64);
        WriteVarint(ZigZag(value));
    }

    public void Binary(short id, ReadOnlySpan<byte> value)
    {
        FieldBegin(id, ThriftType.Binary);
        WriteBinaryValue(value);
    }

    public void String(short id, string value)
    {
        FieldBegin(id, ThriftType.Binary);
        WriteBinaryValue(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Begins a struct-valued field; end it with <see cref="EndStruct"/>.</summary>
    public void StructField(short id)
    {
        FieldBegin(id, ThriftType.Struct);
        BeginStruct();
    }

    /// <summary>Begins a list field; write <paramref name="count"/> elements after.</summary>
    public void ListField(short id, ThriftType elementType, int count)
    {
        FieldBegin(id, ThriftType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(ThriftType elementType, int count)
    {
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (int)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (int)elementType));
            WriteVarint((ulong)count);
        }
    }

    public void I32Element(int value) => WriteVarint(ZigZag(value));

    public void I64Element(long value) => WriteVarint(ZigZag(value));

    public void StringElement(string value) => WriteBinaryValue(Encoding.UTF8.GetBytes(value));

    private void WriteBinaryValue(ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)value.Length);
        var span = output.GetSpan(value.Length);
        value.CopyTo(span);
        output.Advance(value.Length);
    }

    private void WriteByte(byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private void WriteVarint(ulong value) => output.Advance(Varint.Write(output.GetSpan(Varint.MaxLength64), value));

    private static ulong ZigZag(long value) => Varint.ZigZagEncode(value);

    /// <summary>Little-endian double (unused by Parquet metadata today, kept for completeness of the protocol).</summary>
    public void Double(short id, double value)
    {
        FieldBegin(id, ThriftType.Double);
        var span = output.GetSpan(8);
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        output.Advance(8);
    }
}
