namespace DatumSync.Parquet.Tests.Peers;

/// <summary>A third-party Parquet engine in <c>tests/peers</c>.</summary>
public enum ParquetPeer
{
    /// <summary>DuckDB (<c>@duckdb/node-api</c>): reads everything here; writes DATA_PAGE (v1) pages.</summary>
    DuckDb,

    /// <summary>Polars (<c>nodejs-polars</c>): reads everything here; writes DATA_PAGE (v1) pages, always with dictionaries.</summary>
    Polars,

    /// <summary>hyparquet (pure JavaScript) reads; hyparquet-writer writes DATA_PAGE_V2 pages (only those).</summary>
    Hyparquet,
}

/// <summary>The engine names the peer scripts take.</summary>
public static class ParquetPeerNames
{
    /// <summary>Every engine, for <c>[Theory]</c> data.</summary>
    public static TheoryData<ParquetPeer> All => [ParquetPeer.DuckDb, ParquetPeer.Polars, ParquetPeer.Hyparquet];

    /// <summary><c>duckdb</c>, <c>polars</c> or <c>hyparquet</c>.</summary>
    public static string ScriptName(this ParquetPeer peer) => peer switch
    {
        ParquetPeer.DuckDb => "duckdb",
        ParquetPeer.Polars => "polars",
        ParquetPeer.Hyparquet => "hyparquet",
        _ => throw new ArgumentOutOfRangeException(nameof(peer), peer, null),
    };
}
