using System.Buffers;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Mapping;
using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet.Reading;

/// <summary>
/// Reads one column chunk page by page: finds page headers, decompresses, decodes levels and values (every encoding
/// other writers use), and hands rows to a <see cref="Data.ColumnBuilder"/> through <see cref="ValueEmitter"/>.
/// </summary>
/// <remarks>
/// Every size a page header states is checked against the chunk's bytes and a hard ceiling before anything is
/// allocated, so a corrupt file fails with a <see cref="ParquetException"/> naming the row group, column and page
/// instead of exhausting memory.
/// </remarks>
internal sealed partial class ColumnChunkReader : IDisposable
{
    // A page larger than this is treated as corrupt (no real writer comes near it).
    private const int MaxPageBytes = 1 << 30;

    // A compressed page's claimed size is only proven by decompressing into a buffer of that size, so it is also
    // bounded by the chunk's own uncompressed total from the footer (a page lies within its chunk), with this much
    // room for writers that under-report that total: a lying page header cannot make the reader allocate a gigabyte.
    private const int UnprovenPageBytes = 64 << 20;
    private const int MaxPageValues = 1 << 26;

    private readonly RandomAccessSource _file;
    private readonly string _source;
    private readonly ColumnDescriptor _column;
    private readonly int _rowGroup;
    private readonly ICompressionCodec _codec;
    private readonly long _end;
    private readonly long _maxUncompressedPage;
    private long _position;
    private long _valuesLeft;
    private int _page = -1;
    private byte[] _raw = [];
    private byte[] _data = [];
    private PageValues? _dictionary;
    private readonly PageValues _values = new();
    private int[] _indices = [];
    private bool _useIndices;
    private int[] _definition = [];
    private int[] _repetition = [];
    private int _levelCount;
    private int _levelPosition;
    private int _valuePosition;

    public ColumnChunkReader(RandomAccessSource file, string source, ColumnDescriptor column, ColumnMetaData metadata, int rowGroup)
    {
        _file = file;
        _source = source;
        _column = column;
        _rowGroup = rowGroup;
        try
        {
            _codec = Codecs.Get((ParquetCompression)metadata.Codec);
        }
        catch (NotSupportedException e)
        {
            throw Error(e.Message, e);
        }
        _position = metadata.DictionaryPageOffset is { } d && d > 0 && d < metadata.DataPageOffset ? d : metadata.DataPageOffset;
        _end = _position + metadata.TotalCompressedSize;
        _maxUncompressedPage = Math.Min(MaxPageBytes, Math.Max(metadata.TotalUncompressedSize, UnprovenPageBytes));
        _valuesLeft = metadata.NumValues;
        Emitter = new ValueEmitter(column);
    }

    public ValueEmitter Emitter { get; }

    private ParquetException Error(string problem, Exception? inner = null)
        => new(_source, problem, _rowGroup, _column.Path, _page >= 0 ? _page : null, inner);

    private int LevelsLeft => _levelCount - _levelPosition;

    /// <summary>Loads the next data page (reading any dictionary page before it). False at the chunk's end.</summary>
    private bool NextDataPage()
    {
        while (_position < _end)
        {
            var header = ReadHeader();
            _page++;
            var compressed = header.CompressedPageSize;
            if (compressed < 0 || compressed > _end - _position)
                throw Error($"the page claims {compressed} compressed bytes but the column chunk has {_end - _position} left");
            if (header.UncompressedPageSize < 0 || header.UncompressedPageSize > _maxUncompressedPage)
                throw Error($"the page claims {header.UncompressedPageSize} uncompressed bytes, more than the {_maxUncompressedPage} its column chunk allows");
            PageValues.Ensure(ref _raw, compressed);
            try
            {
                _file.ReadExactly(_position, _raw.AsSpan(0, compressed));
            }
            catch (EndOfStreamException e)
            {
                throw Error("the file ends inside this page (truncated)", e);
            }
            _position += compressed;
            try
            {
                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionary(header, _raw.AsSpan(0, compressed));
                        continue;
                    case PageType.DataPage when header.DataPageHeader is { } v1:
                        ReadDataPageV1(header, v1, _raw.AsSpan(0, compressed));
                        return true;
                    case PageType.DataPageV2 when header.DataPageHeaderV2 is { } v2:
                        ReadDataPageV2(header, v2, _raw.AsSpan(0, compressed));
                        return true;
                    case PageType.DataPage or PageType.DataPageV2:
                        throw Error("the data page has no data page header");
                    default:
                        continue; // index pages and pages of future kinds carry nothing we need
                }
            }
            catch (InvalidDataException e)
            {
                throw Error(e.Message, e);
            }
        }
        return false;
    }

    private PageHeader ReadHeader()
    {
        // Page headers are small but carry statistics of any size: read a window and widen it if the header is longer.
        var window = (int)Math.Min(_end - _position, 16 * 1024);
        while (true)
        {
            PageValues.Ensure(ref _raw, window);
            var span = _raw.AsSpan(0, window);
            try
            {
                _file.ReadExactly(_position, span);
            }
            catch (EndOfStreamException e)
            {
                throw Error("the file ends inside a page header (truncated)", e);
            }
            try
            {
                var reader = new ThriftCompactReader(span, stackalloc short[64]);
                var header = PageHeader.Read(ref reader);
                _position += reader.Position;
                return header;
            }
            catch (InvalidDataException e)
            {
                var left = _end - _position;
                if (window >= left || window >= MaxPageBytes / 4)
                    throw new ParquetException(_source, $"corrupt page header: {e.Message}", _rowGroup, _column.Path, _page + 1, e);
                window = (int)Math.Min(left, (long)window * 8);
            }
        }
    }

    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> compressed, int uncompressedSize, bool isCompressed = true)
    {
        if (!isCompressed || _codec.Codec == ParquetCompression.Uncompressed)
        {
            if (compressed.Length != uncompressedSize)
                throw new InvalidDataException($"an uncompressed page holds {compressed.Length} bytes but its header says {uncompressedSize}");
            return compressed;
        }
        PageValues.Ensure(ref _data, uncompressedSize);
        var destination = _data.AsSpan(0, uncompressedSize);
        try
        {
            _codec.Decompress(compressed, destination);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the page fails to decompress ({_codec.Codec}, {compressed.Length} → {uncompressedSize} bytes): {e.Message}", e);
        }
        return destination;
    }

    private void ReadDictionary(PageHeader header, ReadOnlySpan<byte> raw)
    {
        var h = header.DictionaryPageHeader ?? throw new InvalidDataException("the dictionary page has no dictionary page header");
        if (h.Encoding is not (Format.Encoding.Plain or Format.Encoding.PlainDictionary))
            throw new InvalidDataException($"the dictionary page is encoded {ParquetFileInfo.Name(h.Encoding)}; expected PLAIN");
        var data = Decompress(raw, header.UncompressedPageSize);
        if (h.NumValues < 0 || h.NumValues > data.Length * 8L + 1)
            throw new InvalidDataException($"the dictionary page claims {h.NumValues} values in {data.Length} bytes");
        _dictionary?.Dispose();
        _dictionary = new PageValues();
        DecodePlain(data, h.NumValues, _dictionary);
    }

    private void ReadDataPageV1(PageHeader header, DataPageHeader h, ReadOnlySpan<byte> raw)
    {
        var data = Decompress(raw, header.UncompressedPageSize);
        var count = CheckCount(h.NumValues);
        var position = 0;
        if (_column.MaxRepetitionLevel > 0)
            position += DecodeLevels(data[position..], h.RepetitionLevelEncoding, _column.MaxRepetitionLevel, count, ref _repetition, prefixed: true);
        if (_column.MaxDefinitionLevel > 0)
            position += DecodeLevels(data[position..], h.DefinitionLevelEncoding, _column.MaxDefinitionLevel, count, ref _definition, prefixed: true);
        DecodeValues(h.Encoding, data[position..], count);
    }

    private void ReadDataPageV2(PageHeader header, DataPageHeaderV2 h, ReadOnlySpan<byte> raw)
    {
        var count = CheckCount(h.NumValues);
        var repetitionBytes = h.RepetitionLevelsByteLength;
        var definitionBytes = h.DefinitionLevelsByteLength;
        if (repetitionBytes < 0 || definitionBytes < 0 || (long)repetitionBytes + definitionBytes > raw.Length)
            throw new InvalidDataException($"the page's level sections ({repetitionBytes} + {definitionBytes} bytes) do not fit its {raw.Length} bytes");
        if (_column.MaxRepetitionLevel > 0)
            DecodeLevels(raw[..repetitionBytes], Format.Encoding.Rle, _column.MaxRepetitionLevel, count, ref _repetition, prefixed: false);
        if (_column.MaxDefinitionLevel > 0)
            DecodeLevels(raw.Slice(repetitionBytes, definitionBytes), Format.Encoding.Rle, _column.MaxDefinitionLevel, count, ref _definition, prefixed: false);
        var levels = repetitionBytes + definitionBytes;
        var values = Decompress(raw[levels..], header.UncompressedPageSize - levels, h.IsCompressed);
        DecodeValues(h.Encoding, values, count);
    }

    private int CheckCount(int count)
    {
        // RLE lets a few bytes stand for many levels, so the bound is the chunk's own count plus a ceiling no writer
        // comes near: a lying header cannot make the reader allocate gigabytes.
        if (count < 0 || count > _valuesLeft || count > MaxPageValues)
            throw new InvalidDataException($"the page claims {count} values; the column chunk has {_valuesLeft} left (at most {MaxPageValues} per page are accepted)");
        _valuesLeft -= count;
        return count;
    }

    private static int DecodeLevels(ReadOnlySpan<byte> data, Format.Encoding encoding, int maxLevel, int count, ref int[] levels, bool prefixed)
    {
        PageValues.Ensure(ref levels, count);
        var destination = levels.AsSpan(0, count);
        var width = RleBitPackedHybrid.LevelBitWidth(maxLevel);
        int read;
        if (encoding == Format.Encoding.Rle)
        {
            read = prefixed ? RleBitPackedHybrid.DecodeWithLengthPrefix(data, width, destination) : RleBitPackedHybrid.Decode(data, width, destination);
        }
        else if (encoding == Format.Encoding.BitPacked)
        {
            // Deprecated BIT_PACKED levels: most significant bit first.
            read = (int)((count * (long)width + 7) >> 3);
            if (read > data.Length)
                throw new InvalidDataException("the BIT_PACKED levels run past the page");
            for (var i = 0; i < count; i++)
            {
                var v = 0;
                for (var b = 0; b < width; b++)
                {
                    var bit = (long)i * width + b;
                    v = (v << 1) | ((data[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
                }
                destination[i] = v;
            }
        }
        else
        {
            throw new InvalidDataException($"levels are encoded {ParquetFileInfo.Name(encoding)}; expected RLE");
        }
        foreach (var level in destination)
        {
            if ((uint)level > (uint)maxLevel)
                throw new InvalidDataException($"a level is {level}, above the column's maximum {maxLevel}");
        }
        return read;
    }

    private void DecodeValues(Format.Encoding encoding, ReadOnlySpan<byte> data, int levels)
    {
        _levelCount = levels;
        _levelPosition = 0;
        _valuePosition = 0;
        var count = levels;
        if (_column.MaxDefinitionLevel > 0)
        {
            count = 0;
            var max = _column.MaxDefinitionLevel;
            foreach (var d in _definition.AsSpan(0, levels))
                count += d == max ? 1 : 0;
        }
        _useIndices = false;
        switch (encoding)
        {
            case Format.Encoding.Plain:
                DecodePlain(data, count, _values);
                break;
            case Format.Encoding.PlainDictionary or Format.Encoding.RleDictionary:
                if (_dictionary is null)
                    throw new InvalidDataException("the page is dictionary-encoded but the chunk has no dictionary page before it");
                PageValues.Ensure(ref _indices, count);
                if (count > 0)
                    RleBitPackedHybrid.DecodeDictionaryIndices(data, _dictionary.Count, _indices.AsSpan(0, count));
                _useIndices = true;
                break;
            case Format.Encoding.Rle when _column.PhysicalType == PhysicalType.Boolean:
            {
                PageValues.Ensure(ref _indices, count);
                RleBitPackedHybrid.DecodeWithLengthPrefix(data, 1, _indices.AsSpan(0, count));
                PageValues.Ensure(ref _values.Booleans, count);
                for (var i = 0; i < count; i++)
                    _values.Booleans[i] = _indices[i] != 0;
                _values.Count = count;
                break;
            }
            case Format.Encoding.DeltaBinaryPacked when _column.PhysicalType == PhysicalType.Int32:
                PageValues.Ensure(ref _values.Int32s, count);
                DeltaBinaryPacked.Decode(data, _values.Int32s.AsSpan(0, count));
                _values.Count = count;
                break;
            case Format.Encoding.DeltaBinaryPacked when _column.PhysicalType == PhysicalType.Int64:
                PageValues.Ensure(ref _values.Int64s, count);
                DeltaBinaryPacked.Decode(data, _values.Int64s.AsSpan(0, count));
                _values.Count = count;
                break;
            case Format.Encoding.DeltaLengthByteArray when _column.PhysicalType == PhysicalType.ByteArray:
                DecodeByteArrays(data, count, delta: false);
                break;
            case Format.Encoding.DeltaByteArray when _column.PhysicalType is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                DecodeByteArrays(data, count, delta: true);
                break;
            case Format.Encoding.ByteStreamSplit:
                DecodeByteStreamSplit(data, count);
                break;
            default:
                throw new InvalidDataException($"values are encoded {ParquetFileInfo.Name(encoding)}, which is not supported for {_column.PhysicalType.ToString().ToUpperInvariant()}");
        }
    }

    private void DecodeByteArrays(ReadOnlySpan<byte> data, int count, bool delta)
    {
        var values = _values;
        PageValues.Ensure(ref values.Offsets, count + 1);
        values.Bytes.Clear();
        var offsets = values.Offsets.AsSpan(0, count + 1);
        if (delta)
            DeltaByteArray.Decode(data, offsets, values.Bytes, data.Length * 64L + 1024);
        else
            DeltaLengthByteArray.Decode(data, offsets, values.Bytes);
        values.Count = count;
        if (_column.PhysicalType == PhysicalType.FixedLenByteArray)
        {
            // Delta-encoded FLBA arrives as byte arrays; lay them out back to back.
            var width = _column.TypeLength;
            PageValues.Ensure(ref values.Fixed, count * width);
            for (var i = 0; i < count; i++)
            {
                var v = values.ByteArray(i);
                if (v.Length != width)
                    throw new InvalidDataException($"a FIXED_LEN_BYTE_ARRAY({width}) value has {v.Length} bytes");
                v.CopyTo(values.Fixed.AsSpan(i * width));
            }
        }
    }

    private void DecodeByteStreamSplit(ReadOnlySpan<byte> data, int count)
    {
        var width = _column.PhysicalType switch
        {
            PhysicalType.Float or PhysicalType.Int32 => 4,
            PhysicalType.Double or PhysicalType.Int64 => 8,
            PhysicalType.FixedLenByteArray => _column.TypeLength,
            _ => throw new InvalidDataException($"BYTE_STREAM_SPLIT is not defined for {_column.PhysicalType}"),
        };
        if ((long)count * width > data.Length)
            throw new InvalidDataException($"BYTE_STREAM_SPLIT needs {(long)count * width} bytes, the page has {data.Length}");
        // Byte k of value i is at stream k, position i: gather them back into PLAIN order.
        var plain = ArrayPool<byte>.Shared.Rent(count * width);
        try
        {
            for (var k = 0; k < width; k++)
            {
                var stream = data.Slice(k * count, count);
                for (var i = 0; i < count; i++)
                    plain[i * width + k] = stream[i];
            }
            DecodePlain(plain.AsSpan(0, count * width), count, _values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private void DecodePlain(ReadOnlySpan<byte> data, int count, PageValues values)
    {
        values.Count = count;
        switch (_column.PhysicalType)
        {
            case PhysicalType.Boolean:
                PageValues.Ensure(ref values.Booleans, count);
                if ((count + 7) / 8 > data.Length)
                    throw new InvalidDataException($"{count} PLAIN booleans need {(count + 7) / 8} bytes, the page has {data.Length}");
                PlainEncoding.DecodeBooleans(data, values.Booleans.AsSpan(0, count));
                break;
            case PhysicalType.Int32:
                PageValues.Ensure(ref values.Int32s, count);
                PlainEncoding.DecodeInt32(data, values.Int32s.AsSpan(0, count));
                break;
            case PhysicalType.Int64:
                PageValues.Ensure(ref values.Int64s, count);
                PlainEncoding.DecodeInt64(data, values.Int64s.AsSpan(0, count));
                break;
            case PhysicalType.Int96:
                PageValues.Ensure(ref values.Int96s, count);
                PlainEncoding.DecodeInt96(data, values.Int96s.AsSpan(0, count));
                break;
            case PhysicalType.Float:
                PageValues.Ensure(ref values.Floats, count);
                PlainEncoding.DecodeFloat(data, values.Floats.AsSpan(0, count));
                break;
            case PhysicalType.Double:
                PageValues.Ensure(ref values.Doubles, count);
                PlainEncoding.DecodeDouble(data, values.Doubles.AsSpan(0, count));
                break;
            case PhysicalType.ByteArray:
                if (count > data.Length / 4 + 1)
                    throw new InvalidDataException($"{count} PLAIN byte arrays need at least {4L * count} bytes, the page has {data.Length}");
                PageValues.Ensure(ref values.Offsets, count + 1);
                values.Bytes.Clear();
                PlainEncoding.DecodeByteArrays(data, values.Offsets.AsSpan(0, count + 1), values.Bytes);
                break;
            case PhysicalType.FixedLenByteArray:
                var width = _column.TypeLength;
                if ((long)count * width > data.Length)
                    throw new InvalidDataException($"{count} values of {width} bytes need {(long)count * width} bytes, the page has {data.Length}");
                PageValues.Ensure(ref values.Fixed, count * width);
                PlainEncoding.DecodeFixedLenByteArrays(data, width, count, values.Fixed.AsSpan(0, count * width));
                break;
            default:
                throw new InvalidDataException($"unknown physical type {(int)_column.PhysicalType}");
        }
    }

    public void Dispose()
    {
        Release(ref _raw);
        Release(ref _data);
        Release(ref _indices);
        Release(ref _definition);
        Release(ref _repetition);
        _values.Dispose();
        _dictionary?.Dispose();
    }

    private static void Release<T>(ref T[] array)
    {
        if (array.Length >= 16)
            ArrayPool<T>.Shared.Return(array);
        array = [];
    }
}
