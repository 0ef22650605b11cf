using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet.Format;

// The structs of parquet.thrift that a reader and writer of flat and list columns need, each with its compact
// protocol reader and writer. Fields this code does not know are skipped on read, so files from newer writers work.

/// <summary><c>KeyValue</c>.</summary>
internal sealed record KeyValue(string Key, string? Value)
{
    public static KeyValue Read(ref ThriftCompactReader r)
    {
        string key = "";
        string? value = null;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: key = r.ReadString(); break;
                case 2 when t == ThriftType.Binary: value = r.ReadString(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return new KeyValue(key, value);
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.String(1, Key);
        if (Value is not null)
            w.String(2, Value);
        w.EndStruct();
    }
}

/// <summary><c>Statistics</c>: min/max as the physical type's PLAIN bytes (byte arrays without length).</summary>
internal sealed class Statistics
{
    public byte[]? Max { get; set; }

    public byte[]? Min { get; set; }

    public long? NullCount { get; set; }

    public long? DistinctCount { get; set; }

    public byte[]? MaxValue { get; set; }

    public byte[]? MinValue { get; set; }

    public bool? IsMaxValueExact { get; set; }

    public bool? IsMinValueExact { get; set; }

    public static Statistics Read(ref ThriftCompactReader r)
    {
        var s = new Statistics();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: s.Max = r.ReadBinaryArray(); break;
                case 2 when t == ThriftType.Binary: s.Min = r.ReadBinaryArray(); break;
                case 3 when t == ThriftType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when t == ThriftType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when t == ThriftType.Binary: s.MaxValue = r.ReadBinaryArray(); break;
                case 6 when t == ThriftType.Binary: s.MinValue = r.ReadBinaryArray(); break;
                case 7 when ThriftCompactReader.IsBool(t): s.IsMaxValueExact = r.ReadBool(); break;
                case 8 when ThriftCompactReader.IsBool(t): s.IsMinValueExact = r.ReadBool(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return s;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (Max is not null)
            w.Binary(1, Max);
        if (Min is not null)
            w.Binary(2, Min);
        if (NullCount is { } n)
            w.I64(3, n);
        if (DistinctCount is { } d)
            w.I64(4, d);
        if (MaxValue is not null)
            w.Binary(5, MaxValue);
        if (MinValue is not null)
            w.Binary(6, MinValue);
        if (IsMaxValueExact is { } xe)
            w.Bool(7, xe);
        if (IsMinValueExact is { } ne)
            w.Bool(8, ne);
        w.EndStruct();
    }
}

/// <summary>The <c>LogicalType</c> union, flattened.</summary>
internal sealed record LogicalType(LogicalTypeKind Kind)
{
    public int Scale { get; init; }

    public int Precision { get; init; }

    public bool IsAdjustedToUtc { get; init; }

    public TimeUnit Unit { get; init; } = TimeUnit.Micros;

    public int BitWidth { get; init; }

    public bool IsSigned { get; init; } = true;

    public static LogicalType Read(ref ThriftCompactReader r)
    {
        var result = new LogicalType(LogicalTypeKind.Other);
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            if (t != ThriftType.Struct)
            {
                r.Skip(t);
                continue;
            }
            var kind = Enum.IsDefined((LogicalTypeKind)id) ? (LogicalTypeKind)id : LogicalTypeKind.Other;
            result = kind switch
            {
                LogicalTypeKind.Decimal => ReadDecimal(ref r),
                LogicalTypeKind.Time or LogicalTypeKind.Timestamp => ReadTemporal(ref r, kind),
                LogicalTypeKind.Integer => ReadInteger(ref r),
                _ => SkipEmpty(ref r, kind),
            };
        }
        r.EndStruct();
        return result;
    }

    private static LogicalType SkipEmpty(ref ThriftCompactReader r, LogicalTypeKind kind)
    {
        r.Skip(ThriftType.Struct);
        return new LogicalType(kind);
    }

    private static LogicalType ReadDecimal(ref ThriftCompactReader r)
    {
        int scale = 0, precision = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: scale = r.ReadI32(); break;
                case 2 when t == ThriftType.I32: precision = r.ReadI32(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return new LogicalType(LogicalTypeKind.Decimal) { Scale = scale, Precision = precision };
    }

    private static LogicalType ReadTemporal(ref ThriftCompactReader r, LogicalTypeKind kind)
    {
        var utc = false;
        var unit = TimeUnit.Micros;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when ThriftCompactReader.IsBool(t): utc = r.ReadBool(); break;
                case 2 when t == ThriftType.Struct:
                    r.BeginStruct();
                    while (r.ReadFieldHeader(out var unitId) is var ut && ut != ThriftType.Stop)
                    {
                        if (ut == ThriftType.Struct && unitId is >= 1 and <= 3)
                            unit = (TimeUnit)unitId;
                        r.Skip(ut);
                    }
                    r.EndStruct();
                    break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return new LogicalType(kind) { IsAdjustedToUtc = utc, Unit = unit };
    }

    private static LogicalType ReadInteger(ref ThriftCompactReader r)
    {
        int width = 64;
        var signed = true;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.Byte: width = r.ReadI8(); break;
                case 2 when ThriftCompactReader.IsBool(t): signed = r.ReadBool(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return new LogicalType(LogicalTypeKind.Integer) { BitWidth = width, IsSigned = signed };
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.StructField((short)Kind);
        switch (Kind)
        {
            case LogicalTypeKind.Decimal:
                w.I32(1, Scale);
                w.I32(2, Precision);
                break;
            case LogicalTypeKind.Time or LogicalTypeKind.Timestamp:
                w.Bool(1, IsAdjustedToUtc);
                w.StructField(2);
                w.StructField((short)Unit);
                w.EndStruct();
                w.EndStruct();
                break;
            case LogicalTypeKind.Integer:
                w.I8(1, (sbyte)BitWidth);
                w.Bool(2, IsSigned);
                break;
        }
        w.EndStruct();
        w.EndStruct();
    }
}

/// <summary><c>SchemaElement</c>.</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }

    public int? TypeLength { get; set; }

    public Repetition? RepetitionType { get; set; }

    public string Name { get; set; } = "";

    public int? NumChildren { get; set; }

    public ConvertedType? ConvertedType { get; set; }

    public int? Scale { get; set; }

    public int? Precision { get; set; }

    public int? FieldId { get; set; }

    public LogicalType? LogicalType { get; set; }

    public static SchemaElement Read(ref ThriftCompactReader r)
    {
        var e = new SchemaElement();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when t == ThriftType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when t == ThriftType.I32: e.RepetitionType = (Repetition)r.ReadI32(); break;
                case 4 when t == ThriftType.Binary: e.Name = r.ReadString(); break;
                case 5 when t == ThriftType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when t == ThriftType.I32: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7 when t == ThriftType.I32: e.Scale = r.ReadI32(); break;
                case 8 when t == ThriftType.I32: e.Precision = r.ReadI32(); break;
                case 9 when t == ThriftType.I32: e.FieldId = r.ReadI32(); break;
                case 10 when t == ThriftType.Struct: e.LogicalType = LogicalType.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return e;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } type)
            w.I32(1, (int)type);
        if (TypeLength is { } length)
            w.I32(2, length);
        if (RepetitionType is { } repetition)
            w.I32(3, (int)repetition);
        w.String(4, Name);
        if (NumChildren is { } children)
            w.I32(5, children);
        if (ConvertedType is { } converted)
            w.I32(6, (int)converted);
        if (Scale is { } scale)
            w.I32(7, scale);
        if (Precision is { } precision)
            w.I32(8, precision);
        if (FieldId is { } fieldId)
            w.I32(9, fieldId);
        if (LogicalType is { } logical)
        {
            w.FieldBegin(10, ThriftType.Struct);
            logical.Write(w);
        }
        w.EndStruct();
    }
}

/// <summary><c>PageEncodingStats</c>.</summary>
internal sealed record PageEncodingStats(PageType PageType, Encoding Encoding, int Count)
{
    public static PageEncodingStats Read(ref ThriftCompactReader r)
    {
        PageType pageType = 0;
        Encoding encoding = 0;
        var count = 0;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: pageType = (PageType)r.ReadI32(); break;
                case 2 when t == ThriftType.I32: encoding = (Encoding)r.ReadI32(); break;
                case 3 when t == ThriftType.I32: count = r.ReadI32(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return new PageEncodingStats(pageType, encoding, count);
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, (int)PageType);
        w.I32(2, (int)Encoding);
        w.I32(3, Count);
        w.EndStruct();
    }
}

/// <summary><c>ColumnMetaData</c>.</summary>
internal sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }

    public List<Encoding> Encodings { get; set; } = [];

    public List<string> PathInSchema { get; set; } = [];

    public int Codec { get; set; }

    public long NumValues { get; set; }

    public long TotalUncompressedSize { get; set; }

    public long TotalCompressedSize { get; set; }

    public List<KeyValue>? KeyValueMetadata { get; set; }

    public long DataPageOffset { get; set; }

    public long? IndexPageOffset { get; set; }

    public long? DictionaryPageOffset { get; set; }

    public Statistics? Statistics { get; set; }

    public List<PageEncodingStats>? EncodingStats { get; set; }

    public static ColumnMetaData Read(ref ThriftCompactReader r)
    {
        var m = new ColumnMetaData();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: m.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    for (var i = 0; i < n; i++)
                        m.Encodings.Add((Encoding)r.ReadI32());
                    break;
                }
                case 3 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    for (var i = 0; i < n; i++)
                        m.PathInSchema.Add(r.ReadString());
                    break;
                }
                case 4 when t == ThriftType.I32: m.Codec = r.ReadI32(); break;
                case 5 when t == ThriftType.I64: m.NumValues = r.ReadI64(); break;
                case 6 when t == ThriftType.I64: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7 when t == ThriftType.I64: m.TotalCompressedSize = r.ReadI64(); break;
                case 8 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    m.KeyValueMetadata = [];
                    for (var i = 0; i < n; i++)
                        m.KeyValueMetadata.Add(KeyValue.Read(ref r));
                    break;
                }
                case 9 when t == ThriftType.I64: m.DataPageOffset = r.ReadI64(); break;
                case 10 when t == ThriftType.I64: m.IndexPageOffset = r.ReadI64(); break;
                case 11 when t == ThriftType.I64: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when t == ThriftType.Struct: m.Statistics = Statistics.Read(ref r); break;
                case 13 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    m.EncodingStats = [];
                    for (var i = 0; i < n; i++)
                        m.EncodingStats.Add(PageEncodingStats.Read(ref r));
                    break;
                }
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return m;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, (int)Type);
        w.ListField(2, ThriftType.I32, Encodings.Count);
        foreach (var e in Encodings)
            w.I32Element((int)e);
        w.ListField(3, ThriftType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema)
            w.StringElement(p);
        w.I32(4, Codec);
        w.I64(5, NumValues);
        w.I64(6, TotalUncompressedSize);
        w.I64(7, TotalCompressedSize);
        if (KeyValueMetadata is { Count: > 0 } kv)
        {
            w.ListField(8, ThriftType.Struct, kv.Count);
            foreach (var item in kv)
                item.Write(w);
        }
        w.I64(9, DataPageOffset);
        if (IndexPageOffset is { } index)
            w.I64(10, index);
        if (DictionaryPageOffset is { } dictionary)
            w.I64(11, dictionary);
        if (Statistics is { } stats)
        {
            w.FieldBegin(12, ThriftType.Struct);
            stats.Write(w);
        }
        if (EncodingStats is { Count: > 0 } es)
        {
            w.ListField(13, ThriftType.Struct, es.Count);
            foreach (var item in es)
                item.Write(w);
        }
        w.EndStruct();
    }
}

/// <summary><c>ColumnChunk</c>.</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }

    public long FileOffset { get; set; }

    public ColumnMetaData? MetaData { get; set; }

    public static ColumnChunk Read(ref ThriftCompactReader r)
    {
        var c = new ColumnChunk();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when t == ThriftType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when t == ThriftType.Struct: c.MetaData = ColumnMetaData.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return c;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (FilePath is not null)
            w.String(1, FilePath);
        w.I64(2, FileOffset);
        if (MetaData is not null)
        {
            w.FieldBegin(3, ThriftType.Struct);
            MetaData.Write(w);
        }
        w.EndStruct();
    }
}

/// <summary><c>RowGroup</c>.</summary>
internal sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];

    public long TotalByteSize { get; set; }

    public long NumRows { get; set; }

    public long? FileOffset { get; set; }

    public long? TotalCompressedSize { get; set; }

    public short? Ordinal { get; set; }

    public static RowGroup Read(ref ThriftCompactReader r)
    {
        var g = new RowGroup();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    for (var i = 0; i < n; i++)
                        g.Columns.Add(ColumnChunk.Read(ref r));
                    break;
                }
                case 2 when t == ThriftType.I64: g.TotalByteSize = r.ReadI64(); break;
                case 3 when t == ThriftType.I64: g.NumRows = r.ReadI64(); break;
                case 5 when t == ThriftType.I64: g.FileOffset = r.ReadI64(); break;
                case 6 when t == ThriftType.I64: g.TotalCompressedSize = r.ReadI64(); break;
                case 7 when t == ThriftType.I16: g.Ordinal = r.ReadI16(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return g;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.ListField(1, ThriftType.Struct, Columns.Count);
        foreach (var c in Columns)
            c.Write(w);
        w.I64(2, TotalByteSize);
        w.I64(3, NumRows);
        if (FileOffset is { } offset)
            w.I64(5, offset);
        if (TotalCompressedSize is { } compressed)
            w.I64(6, compressed);
        if (Ordinal is { } ordinal)
        {
            w.FieldBegin(7, ThriftType.I16);
            w.I32Element(ordinal);
        }
        w.EndStruct();
    }
}

/// <summary><c>FileMetaData</c>: the footer.</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; } = 2;

    public List<SchemaElement> Schema { get; set; } = [];

    public long NumRows { get; set; }

    public List<RowGroup> RowGroups { get; set; } = [];

    public List<KeyValue>? KeyValueMetadata { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Column orders: true per leaf column for TYPE_ORDER (the only order defined besides newer ones we skip).</summary>
    public int TypeDefinedColumnOrders { get; set; }

    public bool Encrypted { get; private set; }

    public static FileMetaData Read(ref ThriftCompactReader r)
    {
        var f = new FileMetaData();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: f.Version = r.ReadI32(); break;
                case 2 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    for (var i = 0; i < n; i++)
                        f.Schema.Add(SchemaElement.Read(ref r));
                    break;
                }
                case 3 when t == ThriftType.I64: f.NumRows = r.ReadI64(); break;
                case 4 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    for (var i = 0; i < n; i++)
                        f.RowGroups.Add(RowGroup.Read(ref r));
                    break;
                }
                case 5 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out _);
                    f.KeyValueMetadata = [];
                    for (var i = 0; i < n; i++)
                        f.KeyValueMetadata.Add(KeyValue.Read(ref r));
                    break;
                }
                case 6 when t == ThriftType.Binary: f.CreatedBy = r.ReadString(); break;
                case 7 when t == ThriftType.List:
                {
                    var n = r.ReadListHeader(out var element);
                    for (var i = 0; i < n; i++)
                        r.Skip(element);
                    f.TypeDefinedColumnOrders = n;
                    break;
                }
                case 8: f.Encrypted = true; r.Skip(t); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return f;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, Version);
        w.ListField(2, ThriftType.Struct, Schema.Count);
        foreach (var e in Schema)
            e.Write(w);
        w.I64(3, NumRows);
        w.ListField(4, ThriftType.Struct, RowGroups.Count);
        foreach (var g in RowGroups)
            g.Write(w);
        if (KeyValueMetadata is { Count: > 0 } kv)
        {
            w.ListField(5, ThriftType.Struct, kv.Count);
            foreach (var item in kv)
                item.Write(w);
        }
        if (CreatedBy is not null)
            w.String(6, CreatedBy);
        if (TypeDefinedColumnOrders > 0)
        {
            // ColumnOrder is a union; TYPE_ORDER (field 1) is an empty struct.
            w.ListField(7, ThriftType.Struct, TypeDefinedColumnOrders);
            for (var i = 0; i < TypeDefinedColumnOrders; i++)
            {
                w.BeginStruct();
                w.StructField(1);
                w.EndStruct();
                w.EndStruct();
            }
        }
        w.EndStruct();
    }
}
