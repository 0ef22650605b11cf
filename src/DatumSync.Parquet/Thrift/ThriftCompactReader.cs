using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using DatumSync.Parquet.Encodings;

namespace DatumSync.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a span. Every length is checked against the bytes that remain and nesting
/// is bounded, so a corrupt or hostile footer fails with <see cref="InvalidDataException"/> instead of allocating
/// gigabytes or recursing until the stack overflows.
/// </summary>
/// <remarks>
/// Spec: apache/thrift <c>doc/specs/thrift-compact-protocol.md</c>. Field ids arrive as deltas within a struct, so the
/// reader keeps the last id of each open struct on a small stack.
/// </remarks>
internal ref struct ThriftCompactReader
{
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private Span<short> _lastFieldIds;
    private int _depth;
    private short _lastFieldId;
    private byte _pendingBool; // 0 none, 1 true, 2 false: a bool field's value lives in its header

    public ThriftCompactReader(ReadOnlySpan<byte> data, Span<short> fieldIdStack)
    {
        _data = data;
        _lastFieldIds = fieldIdStack;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _data.Length - _position;

    public void BeginStruct()
    {
        if (_depth >= MaxDepth || _depth >= _lastFieldIds.Length)
            throw new InvalidDataException($"Thrift structures nest deeper than {MaxDepth} levels");
        _lastFieldIds[_depth++] = _lastFieldId;
        _lastFieldId = 0;
    }

    public void EndStruct() => _lastFieldId = _lastFieldIds[--_depth];

    /// <summary>Reads a field header; <see cref="ThriftType.Stop"/> ends the struct.</summary>
    public ThriftType ReadFieldHeader(out short fieldId)
    {
        var header = ReadByte();
        var type = (ThriftType)(header & 0x0F);
        fieldId = 0;
        if (type == ThriftType.Stop)
            return type;
        var delta = header >> 4;
        fieldId = delta != 0 ? (short)(_lastFieldId + delta) : ReadI16();
        _lastFieldId = fieldId;
        if (IsBool(type))
            _pendingBool = (byte)type;
        else if (type > ThriftType.Struct)
            throw new InvalidDataException($"unknown Thrift type {(int)type} for field {fieldId}");
        return type;
    }

    /// <summary>Whether a field header's type is a boolean: the compact protocol folds the value into the type.</summary>
    public static bool IsBool(ThriftType type) => type is ThriftType.BooleanTrue or ThriftType.BooleanFalse;

    public bool ReadBool()
    {
        if (_pendingBool != 0)
        {
            var value = _pendingBool == (byte)ThriftType.BooleanTrue;
            _pendingBool = 0;
            return value;
        }
        // Inside lists, booleans are one byte each.
        return ReadByte() == (byte)ThriftType.BooleanTrue;
    }

    public sbyte ReadI8() => (sbyte)ReadByte();

    public short ReadI16() => (short)ZigZag(ReadVarint(3));

    public int ReadI32() => (int)ZigZag(ReadVarint(5));

    public long ReadI64() => ZigZag(ReadVarint(10));

    public double ReadDouble()
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
        return value;
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadVarint(5);
        if (length > (ulong)Remaining)
            throw new InvalidDataException($"a Thrift binary field claims {length} bytes but only {Remaining} remain");
        return Take((int)length);
    }

    public byte[] ReadBinaryArray() => ReadBinary().ToArray();

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    /// <summary>Reads a list or set header.</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns>The element count, bounded by the remaining bytes.</returns>
    public int ReadListHeader(out ThriftType elementType)
    {
        var header = ReadByte();
        elementType = (ThriftType)(header & 0x0F);
        ulong size = (ulong)(header >> 4);
        if (size == 15)
            size = ReadVarint(5);
        // Every element takes at least one byte (booleans in lists are one byte each), except empty structs.
        if (size > (ulong)Remaining + 1 && elementType != ThriftType.Struct)
            throw new InvalidDataException($"a Thrift list claims {size} elements but only {Remaining} bytes remain");
        if (size > (ulong)Remaining * 2 + 16)
            throw new InvalidDataException($"a Thrift list claims {size} elements but only {Remaining} bytes remain");
        return (int)size;
    }

    /// <summary>Skips a value of <paramref name="type"/> (unknown fields of newer writers).</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                ReadBool();
                break;
            case ThriftType.Byte:
                ReadByte();
                break;
            case ThriftType.I16 or ThriftType.I32 or ThriftType.I64:
                ReadVarint(10);
                break;
            case ThriftType.Double:
                Take(8);
                break;
            case ThriftType.Binary:
                ReadBinary();
                break;
            case ThriftType.List or ThriftType.Set:
            {
                var n = ReadListHeader(out var element);
                for (var i = 0; i < n; i++)
                    SkipElement(element);
                break;
            }
            case ThriftType.Map:
            {
                var n = ReadVarint(5);
                if (n == 0)
                    break;
                if (n > (ulong)Remaining)
                    throw new InvalidDataException($"a Thrift map claims {n} entries but only {Remaining} bytes remain");
                var kinds = ReadByte();
                for (ulong i = 0; i < n; i++)
                {
                    SkipElement((ThriftType)(kinds >> 4));
                    SkipElement((ThriftType)(kinds & 0x0F));
                }
                break;
            }
            case ThriftType.Struct:
                BeginStruct();
                while (ReadFieldHeader(out _) is var t && t != ThriftType.Stop)
                    Skip(t);
                EndStruct();
                break;
            default:
                throw new InvalidDataException($"cannot skip unknown Thrift type {(int)type}");
        }
    }

    private void SkipElement(ThriftType type)
    {
        if (type is ThriftType.BooleanTrue or ThriftType.BooleanFalse)
            ReadByte();
        else
            Skip(type);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadByte()
    {
        if (_position >= _data.Length)
            ThrowTruncated();
        return _data[_position++];
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > Remaining)
            ThrowTruncated();
        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    private ulong ReadVarint(int maxBytes)
    {
        ulong result = 0;
        for (var shift = 0; shift < maxBytes * 7; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
        throw new InvalidDataException($"a Thrift varint is longer than {maxBytes} bytes");
    }

    private static long ZigZag(ulong n) => Varint.ZigZagDecode(n);

    private static void ThrowTruncated() => throw new InvalidDataException("the Thrift structure is truncated");
}
