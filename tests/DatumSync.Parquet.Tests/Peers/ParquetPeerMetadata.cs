namespace DatumSync.Parquet.Tests.Peers;

/// <summary>
/// A Parquet footer as DuckDB reads it (<c>tests/peers/parquet-meta.mjs</c>: <c>parquet_file_metadata</c>,
/// <c>parquet_kv_metadata</c>, <c>parquet_schema</c>, <c>parquet_metadata</c>), names as DuckDB gives them.
/// </summary>
/// <param name="File">The file read.</param>
/// <param name="CreatedBy">The writer's <c>created_by</c>.</param>
/// <param name="NumRows">Rows the footer declares.</param>
/// <param name="NumRowGroups">Row groups the footer declares.</param>
/// <param name="FormatVersion">The footer's <c>version</c>.</param>
/// <param name="FileSizeBytes">The file's size.</param>
/// <param name="FooterSize">The thrift footer's length.</param>
/// <param name="ColumnOrders">DuckDB's text of each column order (<c>ColumnOrder(TYPE_ORDER=…)</c>).</param>
/// <param name="KeyValueMetadata">The file's key/value metadata (values as UTF-8 text).</param>
/// <param name="Schema">Every schema element, the root first, in file order.</param>
/// <param name="RowGroups">The row groups with their column chunks.</param>
public sealed record ParquetPeerMetadata(
    string File,
    string? CreatedBy,
    long NumRows,
    long NumRowGroups,
    long? FormatVersion,
    long? FileSizeBytes,
    long? FooterSize,
    IReadOnlyList<string>? ColumnOrders,
    IReadOnlyList<ParquetPeerKeyValue> KeyValueMetadata,
    IReadOnlyList<ParquetPeerSchemaElement> Schema,
    IReadOnlyList<ParquetPeerRowGroup> RowGroups)
{
    /// <summary>A schema element by name (the first with that name).</summary>
    public ParquetPeerSchemaElement SchemaElement(string name) =>
        Schema.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException($"No schema element '{name}' in {File}.", nameof(name));

    /// <summary>Every row group's chunk of one column (dotted path, e.g. <c>li.list.element</c>).</summary>
    public IReadOnlyList<ParquetPeerColumnChunk> Chunks(string path) => [.. RowGroups.Select(g => g.Column(path))];
}

/// <summary>A key/value pair of Parquet metadata.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value as UTF-8 text.</param>
public sealed record ParquetPeerKeyValue(string Key, string? Value);

/// <summary>A schema element as <c>parquet_schema()</c> reports it.</summary>
/// <param name="Name">The element's name.</param>
/// <param name="Type">Physical type (<c>INT32</c>, <c>FIXED_LEN_BYTE_ARRAY</c>, …); null for groups.</param>
/// <param name="TypeLength">FIXED_LEN_BYTE_ARRAY length.</param>
/// <param name="RepetitionType"><c>REQUIRED</c>, <c>OPTIONAL</c> or <c>REPEATED</c>.</param>
/// <param name="NumChildren">Children of a group.</param>
/// <param name="ConvertedType">Legacy annotation (<c>UTF8</c>, <c>DECIMAL</c>, <c>TIMESTAMP_MICROS</c>, …).</param>
/// <param name="Scale">Decimal scale.</param>
/// <param name="Precision">Decimal precision.</param>
/// <param name="FieldId">Field id.</param>
/// <param name="LogicalType">DuckDB's text of the logical type, e.g.
/// <c>TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=&lt;null&gt;, MICROS=MicroSeconds(), NANOS=&lt;null&gt;))</c>,
/// <c>DecimalType(scale=2, precision=4)</c>, <c>StringType()</c>.</param>
/// <param name="DuckdbType">The DuckDB type DuckDB reads it as.</param>
/// <param name="ColumnId">DuckDB's index of the element.</param>
public sealed record ParquetPeerSchemaElement(
    string Name,
    string? Type,
    int? TypeLength,
    string? RepetitionType,
    long? NumChildren,
    string? ConvertedType,
    long? Scale,
    long? Precision,
    long? FieldId,
    string? LogicalType,
    string? DuckdbType,
    long? ColumnId);

/// <summary>A row group.</summary>
/// <param name="Id">Its index.</param>
/// <param name="NumRows">Its rows.</param>
/// <param name="NumColumns">Its column chunks.</param>
/// <param name="TotalByteSize">The footer's <c>total_byte_size</c>.</param>
/// <param name="CompressedBytes">The footer's <c>total_compressed_size</c> (when written).</param>
/// <param name="Columns">Its column chunks, leaf by leaf.</param>
public sealed record ParquetPeerRowGroup(
    long Id,
    long NumRows,
    long NumColumns,
    long? TotalByteSize,
    long? CompressedBytes,
    IReadOnlyList<ParquetPeerColumnChunk> Columns)
{
    /// <summary>The chunk of one leaf column (dotted path).</summary>
    public ParquetPeerColumnChunk Column(string path) =>
        Columns.FirstOrDefault(c => c.PathInSchema == path)
        ?? throw new ArgumentException($"Row group {Id} has no column '{path}'; it has {string.Join(", ", Columns.Select(c => c.PathInSchema))}.", nameof(path));
}

/// <summary>A column chunk as <c>parquet_metadata()</c> reports it.</summary>
/// <param name="ColumnId">Leaf index.</param>
/// <param name="PathInSchema">Dotted path (<c>li.list.element</c>).</param>
/// <param name="Type">Physical type.</param>
/// <param name="NumValues">Values including nulls (and list levels).</param>
/// <param name="Compression">Codec: <c>UNCOMPRESSED</c>, <c>SNAPPY</c>, <c>GZIP</c>, <c>ZSTD</c>, …</param>
/// <param name="Encodings">The chunk's encodings list.</param>
/// <param name="StatsMin">Legacy <c>min</c>, DuckDB's text of the value.</param>
/// <param name="StatsMax">Legacy <c>max</c>, DuckDB's text.</param>
/// <param name="StatsNullCount">Null count.</param>
/// <param name="StatsDistinctCount">Distinct count.</param>
/// <param name="StatsMinValue"><c>min_value</c>, DuckDB's text (<c>12.34</c>, <c>2024-02-29 13:14:15.123456</c>).</param>
/// <param name="StatsMaxValue"><c>max_value</c>, DuckDB's text.</param>
/// <param name="MinIsExact"><c>is_min_value_exact</c>.</param>
/// <param name="MaxIsExact"><c>is_max_value_exact</c>.</param>
/// <param name="FileOffset">The chunk's <c>file_offset</c>.</param>
/// <param name="DataPageOffset">First data page.</param>
/// <param name="DictionaryPageOffset">Dictionary page (Polars leaves it unset and puts the page at DataPageOffset).</param>
/// <param name="IndexPageOffset">Index page.</param>
/// <param name="TotalCompressedSize">Bytes of the chunk in the file, page headers included.</param>
/// <param name="TotalUncompressedSize">Uncompressed bytes.</param>
/// <param name="BloomFilterOffset">Bloom filter.</param>
/// <param name="BloomFilterLength">Bloom filter length.</param>
/// <param name="Pages">The chunk's page headers (only with <c>pages: true</c>).</param>
public sealed record ParquetPeerColumnChunk(
    long ColumnId,
    string PathInSchema,
    string Type,
    long NumValues,
    string Compression,
    IReadOnlyList<string> Encodings,
    string? StatsMin,
    string? StatsMax,
    long? StatsNullCount,
    long? StatsDistinctCount,
    string? StatsMinValue,
    string? StatsMaxValue,
    bool? MinIsExact,
    bool? MaxIsExact,
    long? FileOffset,
    long? DataPageOffset,
    long? DictionaryPageOffset,
    long? IndexPageOffset,
    long TotalCompressedSize,
    long TotalUncompressedSize,
    long? BloomFilterOffset,
    long? BloomFilterLength,
    IReadOnlyList<ParquetPeerPage>? Pages);

/// <summary>A page header (decoded by hyparquet).</summary>
/// <param name="Offset">Where the header starts in the file.</param>
/// <param name="Type"><c>DATA_PAGE</c>, <c>DATA_PAGE_V2</c>, <c>DICTIONARY_PAGE</c> or <c>INDEX_PAGE</c>.</param>
/// <param name="CompressedPageSize">Bytes after the header.</param>
/// <param name="UncompressedPageSize">Bytes once decompressed.</param>
/// <param name="Crc">The page CRC, when written.</param>
/// <param name="NumValues">Values (including nulls) in the page, or dictionary entries.</param>
/// <param name="Encoding">The values' encoding.</param>
/// <param name="DefinitionLevelEncoding">v1 pages: definition level encoding.</param>
/// <param name="RepetitionLevelEncoding">v1 pages: repetition level encoding.</param>
/// <param name="NumNulls">v2 pages: nulls.</param>
/// <param name="NumRows">v2 pages: rows.</param>
/// <param name="DefinitionLevelsByteLength">v2 pages: definition level bytes.</param>
/// <param name="RepetitionLevelsByteLength">v2 pages: repetition level bytes.</param>
/// <param name="IsCompressed">v2 pages: whether the values are compressed.</param>
/// <param name="IsSorted">Dictionary pages: <c>is_sorted</c>.</param>
/// <param name="Statistics">Data pages: page statistics, raw.</param>
public sealed record ParquetPeerPage(
    long Offset,
    string Type,
    int CompressedPageSize,
    int UncompressedPageSize,
    int? Crc,
    long? NumValues,
    string? Encoding,
    string? DefinitionLevelEncoding,
    string? RepetitionLevelEncoding,
    long? NumNulls,
    long? NumRows,
    int? DefinitionLevelsByteLength,
    int? RepetitionLevelsByteLength,
    bool? IsCompressed,
    bool? IsSorted,
    ParquetPeerPageStatistics? Statistics);

/// <summary>Page statistics; the values are the raw bytes as base64 (the page does not say how to decode them).</summary>
/// <param name="NullCount">Nulls.</param>
/// <param name="DistinctCount">Distinct values.</param>
/// <param name="Min">Legacy <c>min</c>.</param>
/// <param name="Max">Legacy <c>max</c>.</param>
/// <param name="MinValue"><c>min_value</c>.</param>
/// <param name="MaxValue"><c>max_value</c>.</param>
public sealed record ParquetPeerPageStatistics(long? NullCount, long? DistinctCount, string? Min, string? Max, string? MinValue, string? MaxValue);
