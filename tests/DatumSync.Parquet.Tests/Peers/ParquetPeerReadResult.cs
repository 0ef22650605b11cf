using System.Text;
using System.Text.Json;

namespace DatumSync.Parquet.Tests.Peers;

/// <summary>A column as the engine reports it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">The engine's own type name: DuckDB's SQL type (<c>DECIMAL(18,6)</c>), Polars' dtype as it
/// prints it (<c>decimal[18,6]</c>), or for hyparquet the Parquet schema (<c>INT64 DECIMAL(18,6)</c>).</param>
public sealed record ParquetPeerColumn(string Name, string Type);

/// <summary>
/// What one engine read from a Parquet file (<c>tests/peers/parquet-read.mjs</c>), every value as DatumSync's
/// canonical text (<c>ValueFormatter</c>): null, <c>true</c>/<c>false</c>, integers exact, doubles in .NET's
/// round-trip text (<c>NaN</c>, <c>Infinity</c>), decimals with every scale digit, <c>yyyy-MM-dd</c>,
/// <c>yyyy-MM-ddTHH:mm:ss[.ffffff][Z]</c>, binary as base64. A list (or struct) cell holds its compact JSON text
/// (<c>[1,null,"x"]</c>); <see cref="ListAt"/> splits it into canonical items.
/// </summary>
public sealed class ParquetPeerReadResult
{
    private ParquetPeerReadResult(string engine, IReadOnlyList<ParquetPeerColumn> columns, string?[][] data)
    {
        Engine = engine;
        Columns = columns;
        Data = data;
    }

    /// <summary><c>duckdb</c>, <c>polars</c> or <c>hyparquet</c>.</summary>
    public string Engine { get; }

    /// <summary>The number of rows read.</summary>
    public int Rows => Data.Length;

    /// <summary>The columns, in file (or requested) order.</summary>
    public IReadOnlyList<ParquetPeerColumn> Columns { get; }

    /// <summary>Row-major canonical text; <c>Data[row][column]</c>, null for a null value.</summary>
    public string?[][] Data { get; }

    /// <summary>The index of a column by name.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
                return i;
        }
        throw new ArgumentException($"{Engine} read no column '{column}'; it has {string.Join(", ", Columns.Select(c => c.Name))}.", nameof(column));
    }

    /// <summary>One column's values, top to bottom.</summary>
    public string?[] Column(string column)
    {
        var index = IndexOf(column);
        return [.. Data.Select(row => row[index])];
    }

    /// <summary>The engine's type name of a column.</summary>
    public string TypeOf(string column) => Columns[IndexOf(column)].Type;

    /// <summary>A list cell's items as canonical text (nested lists as their JSON text); null for a null list.</summary>
    public IReadOnlyList<string?>? ListAt(int row, string column) => ParseList(Data[row][IndexOf(column)]);

    /// <summary>A list cell's JSON text → its items as canonical text; null for null.</summary>
    public static IReadOnlyList<string?>? ParseList(string? json)
    {
        if (json is null)
            return null;
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new FormatException($"Not a list: {json}");
        var items = new List<string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            items.Add(ReadValue(ref reader, bytes));
        return items;
    }

    /// <summary>Parses parquet-read.mjs's output without building a DOM (files may hold a million rows).</summary>
    internal static ParquetPeerReadResult Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
        string? engine = null;
        List<ParquetPeerColumn>? columns = null;
        List<string?[]>? data = null;
        long? rows = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "engine":
                    engine = reader.GetString();
                    break;
                case "columns":
                    columns = JsonSerializer.Deserialize<List<ParquetPeerColumn>>(ref reader, JsonOptions);
                    break;
                case "data":
                    data = ReadRows(ref reader, bytes, columns?.Count ?? 0);
                    break;
                case "rows":
                    rows = reader.GetInt64();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (engine is null || columns is null || data is null || rows is null)
            throw new FormatException("parquet-read.mjs printed an incomplete document (no engine, columns, data or rows).");
        if (rows != data.Count)
            throw new FormatException($"parquet-read.mjs says {rows} rows but printed {data.Count}.");
        return new ParquetPeerReadResult(engine, columns, [.. data]);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static List<string?[]> ReadRows(ref Utf8JsonReader reader, byte[] bytes, int width)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new FormatException("\"data\" is not an array.");
        var rows = new List<string?[]>();
        var cells = new List<string?>(width);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            cells.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                cells.Add(ReadValue(ref reader, bytes));
            if (cells.Count != width)
                throw new FormatException($"Row {rows.Count} has {cells.Count} values for {width} columns.");
            rows.Add([.. cells]);
        }
        return rows;
    }

    // One value → canonical text: strings as they are, numbers and booleans as their literal, arrays and objects
    // as their raw (compact) JSON text.
    private static string? ReadValue(ref Utf8JsonReader reader, byte[] bytes)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.StartArray:
            case JsonTokenType.StartObject:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(bytes, start, (int)reader.BytesConsumed - start);
            default:
                throw new FormatException($"Unexpected {reader.TokenType} at byte {reader.TokenStartIndex}.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new FormatException($"Expected {type} at byte {reader.TokenStartIndex}.");
    }
}
