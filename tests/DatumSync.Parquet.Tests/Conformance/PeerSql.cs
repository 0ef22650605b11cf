namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// The DuckDB query behind the peer-written files: every type DuckDB writes to Parquet (TINYINT to UBIGINT, FLOAT,
/// DOUBLE, DECIMAL of each backing, VARCHAR, BLOB, DATE, TIME, TIMESTAMP in each unit, TIMESTAMPTZ, UUID, lists of
/// integers and strings, a struct), nulls in every column, four rows of edge values (each type's extremes, NaN,
/// ±∞, -0.0, empty strings and lists, multi-line unicode, dates and timestamps of years 1 and 9999 and just before
/// 1970), then 6,000 rows of pseudo-random values from DuckDB's <c>hash</c> (deterministic) with low-cardinality
/// columns (<c>lowcard</c>, <c>i8</c>, <c>u8</c>) that writers dictionary-encode.
/// </summary>
internal static class PeerSql
{
    /// <summary>The rows written.</summary>
    public const int Rows = 6_004;

    public const string EveryType = "SELECT * FROM (" + Edge + "\nUNION ALL SELECT * FROM (" + Generated + ")) ORDER BY id";

    private const string Edge = """
        SELECT * FROM (VALUES
         (1, true, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-9223372036854775808)::BIGINT, 0::UTINYINT, 0::USMALLINT, 0::UINTEGER, 0::UBIGINT,
          'NaN'::FLOAT, 'NaN'::DOUBLE, (-99.99)::DECIMAL(4,2), (-999999.999)::DECIMAL(9,3), (-999999999999.999999)::DECIMAL(18,6), (-9999999999999999999999999999.9999999999)::DECIMAL(38,10),
          '', '', ''::BLOB, DATE '0001-01-01', TIME '00:00:00', TIMESTAMP '0001-01-01 00:00:00', TIMESTAMP_S '0001-01-01 00:00:00', TIMESTAMP_MS '0001-01-01 00:00:00.001',
          TIMESTAMP_NS '1677-09-22 00:00:00.000000001', TIMESTAMPTZ '0001-01-02 00:00:00+00', '00000000-0000-0000-0000-000000000000'::UUID, [-2147483648, 2147483647], ['', NULL], {'a': NULL, 'b': NULL}),
         (2, false, 127::TINYINT, 32767::SMALLINT, 2147483647::INTEGER, 9223372036854775807::BIGINT, 255::UTINYINT, 65535::USMALLINT, 4294967295::UINTEGER, 18446744073709551615::UBIGINT,
          'Infinity'::FLOAT, '-Infinity'::DOUBLE, 99.99::DECIMAL(4,2), 999999.999::DECIMAL(9,3), 999999999999.999999::DECIMAL(18,6), 9999999999999999999999999999.9999999999::DECIMAL(38,10),
          'multi' || chr(10) || 'line "quoted", tab' || chr(9) || ' ✓ 日本 🦊', 'x', '\x00\xFF\xC3'::BLOB, DATE '9999-12-31', TIME '23:59:59.999999', TIMESTAMP '9999-12-31 23:59:59.999999', TIMESTAMP_S '9999-12-31 23:59:59', TIMESTAMP_MS '9999-12-31 23:59:59.999',
          TIMESTAMP_NS '2262-04-11 23:47:16.854775806', TIMESTAMPTZ '9999-12-30 23:59:59.999999+00', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID, [], [], NULL),
         (3, NULL, 0::TINYINT, 0::SMALLINT, 0::INTEGER, 0::BIGINT, NULL, NULL, NULL, 9223372036854775808::UBIGINT,
          (-0.0)::FLOAT, (-0.0)::DOUBLE, 0.00::DECIMAL(4,2), (-0.001)::DECIMAL(9,3), 0.000001::DECIMAL(18,6), (-0.0000000001)::DECIMAL(38,10),
          NULL, NULL, encode('plain text ✓'), DATE '1969-12-31', TIME '12:00:00.5', TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMP_S '1970-01-01 00:00:00', TIMESTAMP_MS '1969-12-31 23:59:59.999',
          TIMESTAMP_NS '1969-12-31 23:59:59.999999999', TIMESTAMPTZ '1970-01-01 00:00:00+00', NULL, [NULL], [NULL, 'a'], {'a': 1, 'b': NULL}),
         (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 3.4028235e38::FLOAT, 5e-324::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, TIMESTAMP_NS '2024-02-29 13:14:15.1234567', NULL, NULL, NULL, NULL, NULL)
        ) t(id, b, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, dec4, dec9, dec18, dec38, s, lowcard, bl, dt, tm, ts, ts_s, ts_ms, ts_ns, tstz, u, li, ls, st)
        """;

    private const string Generated = """
        WITH g AS (SELECT i, hash(i) AS h, hash(i + 1000003) AS h2, hash(i + 2000003) AS h3 FROM range(6000) t(i))
        SELECT
          i + 100 AS id,
          CASE WHEN i % 7 = 3 THEN NULL ELSE h % 3 = 0 END AS b,
          CASE WHEN i % 11 = 1 THEN NULL ELSE ((h % 256)::INTEGER - 128)::TINYINT END AS i8,
          ((h2 % 65536)::INTEGER - 32768)::SMALLINT AS i16,
          CASE WHEN i % 13 = 2 THEN NULL ELSE ((h % 4294967296)::BIGINT - 2147483648)::INTEGER END AS i32,
          CASE WHEN i % 5 = 4 THEN NULL ELSE (h::HUGEINT - 9223372036854775808)::BIGINT END AS i64,
          (h3 % 256)::UTINYINT AS u8,
          (h3 % 65536)::USMALLINT AS u16,
          CASE WHEN i % 9 = 0 THEN NULL ELSE (h2 % 4294967296)::UINTEGER END AS u32,
          h3::UBIGINT AS u64,
          CASE WHEN i % 8 = 5 THEN NULL ELSE ((h % 2000001)::DOUBLE / 1000 - 1000)::FLOAT END AS f32,
          CASE WHEN i % 6 = 1 THEN NULL WHEN i % 4 = 0 THEN (h2 % 1000)::DOUBLE / 8 ELSE (h::DOUBLE - 9.2e18) / (h2 % 100000 + 1)::DOUBLE END AS f64,
          CASE WHEN i % 10 = 7 THEN NULL ELSE ((h % 19999)::INTEGER - 9999)::DECIMAL(4,0) * 0.01 END::DECIMAL(4,2) AS dec4,
          (((h2 % 1999999999)::BIGINT - 999999999)::DECIMAL(10,0) * 0.001)::DECIMAL(9,3) AS dec9,
          CASE WHEN i % 12 = 11 THEN NULL ELSE (CASE WHEN h % 2 = 0 THEN '-' ELSE '' END || (h2 % 1000000000000)::VARCHAR || '.' || lpad((h3 % 1000000)::VARCHAR, 6, '0'))::DECIMAL(18,6) END AS dec18,
          (CASE WHEN h2 % 2 = 0 THEN '-' ELSE '' END || (h % 10000000000000000000)::VARCHAR || lpad((h2 % 1000000000)::VARCHAR, 9, '0') || '.' || lpad((h3 % 10000000000)::VARCHAR, 10, '0'))::DECIMAL(38,10) AS dec38,
          CASE WHEN i % 7 = 0 THEN NULL WHEN i % 3 = 0 THEN 'cat ' || (h % 5) ELSE 'v' || h2 || CASE WHEN i % 17 = 0 THEN ' ✓ ünï 🦊' ELSE '' END END AS s,
          CASE WHEN i % 4 = 0 THEN 'cat' || (h3 % 3) ELSE 'dict' || (h3 % 40) END AS lowcard,
          CASE WHEN i % 5 = 2 THEN NULL WHEN i % 2 = 0 THEN ('blob' || i)::BLOB ELSE unhex(printf('%016x', h)) END AS bl,
          CASE WHEN i % 10 = 3 THEN NULL ELSE DATE '1970-01-01' + ((h % 3652059)::INTEGER - 719162) END AS dt,
          CASE WHEN i % 9 = 4 THEN NULL ELSE make_time(0, 0, 0) + to_microseconds((h % 86400000000)::BIGINT) END::TIME AS tm,
          CASE WHEN i % 6 = 5 THEN NULL ELSE make_timestamp((h % 315537897600000000)::BIGINT - 62135596800000000) END AS ts,
          make_timestamp((h2 % 4000000000000000)::BIGINT - 1000000000000000)::TIMESTAMP_S AS ts_s,
          CASE WHEN i % 4 = 1 THEN NULL ELSE make_timestamp((h3 % 4000000000000000)::BIGINT - 1000000000000000)::TIMESTAMP_MS END AS ts_ms,
          CASE WHEN i % 8 = 2 THEN NULL ELSE make_timestamp_ns((h % 9000000000000000000)::BIGINT - 4500000000000000000) END AS ts_ns,
          CASE WHEN i % 7 = 6 THEN NULL ELSE make_timestamp((h2 % 4000000000000000)::BIGINT - 1000000000000000)::TIMESTAMPTZ END AS tstz,
          CASE WHEN i % 10 = 9 THEN NULL ELSE (substr(printf('%016x%016x', h, h2), 1, 8) || '-' || substr(printf('%016x', h2), 1, 4) || '-4' || substr(printf('%016x', h3), 1, 3) || '-8' || substr(printf('%016x', h3), 4, 3) || '-' || substr(printf('%016x', h), 5, 12))::UUID END AS u,
          CASE WHEN i % 11 = 0 THEN NULL WHEN i % 11 = 1 THEN [] WHEN i % 11 = 2 THEN [NULL] ELSE [(h % 1000)::INTEGER, NULL, (h2 % 7)::INTEGER][1:(h3 % 4)::INTEGER] END AS li,
          CASE WHEN i % 13 = 0 THEN NULL WHEN i % 13 = 1 THEN [] ELSE ['a' || (h % 9), NULL, '', 'x"y' || chr(10)][1:(h2 % 5)::INTEGER] END AS ls,
          CASE WHEN i % 9 = 0 THEN NULL ELSE {'a': CASE WHEN i % 2 = 0 THEN NULL ELSE (h % 100)::INTEGER END, 'b': 'st' || (h2 % 10)} END AS st
        FROM g
        """;
}
