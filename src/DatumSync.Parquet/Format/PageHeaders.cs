using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet.Format;

/// <summary><c>DataPageHeader</c> (page v1).</summary>
internal sealed class DataPageHeader
{
    public int NumValues { get; set; }

    public Encoding Encoding { get; set; }

    public Encoding DefinitionLevelEncoding { get; set; } = Encoding.Rle;

    public Encoding RepetitionLevelEncoding { get; set; } = Encoding.Rle;

    public Statistics? Statistics { get; set; }

    public static DataPageHeader Read(ref ThriftCompactReader r)
    {
        var h = new DataPageHeader();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when t == ThriftType.I32: h.Encoding = (Encoding)r.ReadI32(); break;
                case 3 when t == ThriftType.I32: h.DefinitionLevelEncoding = (Encoding)r.ReadI32(); break;
                case 4 when t == ThriftType.I32: h.RepetitionLevelEncoding = (Encoding)r.ReadI32(); break;
                case 5 when t == ThriftType.Struct: h.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return h;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, NumValues);
        w.I32(2, (int)Encoding);
        w.I32(3, (int)DefinitionLevelEncoding);
        w.I32(4, (int)RepetitionLevelEncoding);
        if (Statistics is { } s)
        {
            w.FieldBegin(5, ThriftType.Struct);
            s.Write(w);
        }
        w.EndStruct();
    }
}

/// <summary><c>DictionaryPageHeader</c>.</summary>
internal sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }

    public Encoding Encoding { get; set; } = Encoding.Plain;

    public bool? IsSorted { get; set; }

    public static DictionaryPageHeader Read(ref ThriftCompactReader r)
    {
        var h = new DictionaryPageHeader();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when t == ThriftType.I32: h.Encoding = (Encoding)r.ReadI32(); break;
                case 3 when ThriftCompactReader.IsBool(t): h.IsSorted = r.ReadBool(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return h;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, NumValues);
        w.I32(2, (int)Encoding);
        if (IsSorted is { } sorted)
            w.Bool(3, sorted);
        w.EndStruct();
    }
}

/// <summary><c>DataPageHeaderV2</c>: levels are stored uncompressed before the (optionally compressed) values.</summary>
internal sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }

    public int NumNulls { get; set; }

    public int NumRows { get; set; }

    public Encoding Encoding { get; set; }

    public int DefinitionLevelsByteLength { get; set; }

    public int RepetitionLevelsByteLength { get; set; }

    public bool IsCompressed { get; set; } = true;

    public Statistics? Statistics { get; set; }

    public static DataPageHeaderV2 Read(ref ThriftCompactReader r)
    {
        var h = new DataPageHeaderV2();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when t == ThriftType.I32: h.NumNulls = r.ReadI32(); break;
                case 3 when t == ThriftType.I32: h.NumRows = r.ReadI32(); break;
                case 4 when t == ThriftType.I32: h.Encoding = (Encoding)r.ReadI32(); break;
                case 5 when t == ThriftType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6 when t == ThriftType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7 when ThriftCompactReader.IsBool(t): h.IsCompressed = r.ReadBool(); break;
                case 8 when t == ThriftType.Struct: h.Statistics = Statistics.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return h;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, NumValues);
        w.I32(2, NumNulls);
        w.I32(3, NumRows);
        w.I32(4, (int)Encoding);
        w.I32(5, DefinitionLevelsByteLength);
        w.I32(6, RepetitionLevelsByteLength);
        w.Bool(7, IsCompressed);
        if (Statistics is { } s)
        {
            w.FieldBegin(8, ThriftType.Struct);
            s.Write(w);
        }
        w.EndStruct();
    }
}

/// <summary><c>PageHeader</c>.</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }

    public int UncompressedPageSize { get; set; }

    public int CompressedPageSize { get; set; }

    public int? Crc { get; set; }

    public DataPageHeader? DataPageHeader { get; set; }

    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    public static PageHeader Read(ref ThriftCompactReader r)
    {
        var h = new PageHeader();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var id) is var t && t != ThriftType.Stop)
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.Type = (PageType)r.ReadI32(); break;
                case 2 when t == ThriftType.I32: h.UncompressedPageSize = r.ReadI32(); break;
                case 3 when t == ThriftType.I32: h.CompressedPageSize = r.ReadI32(); break;
                case 4 when t == ThriftType.I32: h.Crc = r.ReadI32(); break;
                case 5 when t == ThriftType.Struct: h.DataPageHeader = DataPageHeader.Read(ref r); break;
                case 7 when t == ThriftType.Struct: h.DictionaryPageHeader = DictionaryPageHeader.Read(ref r); break;
                case 8 when t == ThriftType.Struct: h.DataPageHeaderV2 = DataPageHeaderV2.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct();
        return h;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.I32(1, (int)Type);
        w.I32(2, UncompressedPageSize);
        w.I32(3, CompressedPageSize);
        if (Crc is { } crc)
            w.I32(4, crc);
        if (DataPageHeader is { } data)
        {
            w.FieldBegin(5, ThriftType.Struct);
            data.Write(w);
        }
        if (DictionaryPageHeader is { } dictionary)
        {
            w.FieldBegin(7, ThriftType.Struct);
            dictionary.Write(w);
        }
        if (DataPageHeaderV2 is { } v2)
        {
            w.FieldBegin(8, ThriftType.Struct);
            v2.Write(w);
        }
        w.EndStruct();
    }
}
