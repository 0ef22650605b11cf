using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Tests.Peers;
using Xunit.Abstractions;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>The reader fuzz runs alone: its memory check reads the process-wide allocation counter.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReaderFuzzCollection
{
    public const string Name = "Parquet reader fuzz";
}

/// <summary>
/// Seeded mutations of valid Parquet files (ours in every codec, DuckDB's, DuckDB's V2 encodings, Polars', hyparquet's
/// DATA_PAGE_V2 pages and the INT96 golden file): bytes flipped, runs zeroed, lengths and varints set to huge values,
/// the footer length lying, truncation, bytes inserted or removed. Each whole read must either succeed or throw a
/// <see cref="DataFormatException"/> (<see cref="ParquetException"/>) whose message names the file: never another
/// exception type, never a hang, never a runaway allocation.
/// </summary>
[Collection(ReaderFuzzCollection.Name)]
public sealed class ReaderFuzzTests(FuzzSeeds seeds, ITestOutputHelper output) : IClassFixture<FuzzSeeds>
{
    private const int CasesPerSeed = 400;
    private static readonly TimeSpan s_caseLimit = TimeSpan.FromSeconds(10);

    /// <summary>No case may allocate more than this (a valid seed file reads with a few MB).</summary>
    private const long AllocationLimit = 256L << 20;

    [Fact]
    public async Task Mutated_files_read_or_fail_with_a_ParquetException_naming_the_file()
    {
        var files = await seeds.AllAsync();
        var random = new Random(20240229);
        var failures = new StringBuilder();
        var outcomes = new Dictionary<string, int>();
        var maxAllocated = 0L;
        var clock = Stopwatch.StartNew();
        var cases = 0;
        foreach (var (name, bytes) in files)
        {
            // The seed itself reads.
            (await RunAsync(name, bytes)).Error.Should().BeNull($"the unmutated seed {name} reads");
            for (var i = 0; i < CasesPerSeed; i++)
            {
                var caseSeed = random.Next();
                var (mutated, how) = Mutate(new Random(caseSeed), bytes);
                var label = $"{name}#{i}";
                var result = await RunAsync(label, mutated);
                cases++;
                maxAllocated = Math.Max(maxAllocated, result.Allocated);
                var outcome = result.Error switch
                {
                    null => "read",
                    DataFormatException e when e.Message.Contains(label, StringComparison.Ordinal) => e.GetType().Name,
                    DataFormatException e => Fail($"{e.GetType().Name} without the file name: {e.Message}"),
                    TimeoutException => Fail($"no result within {s_caseLimit.TotalSeconds} s"),
                    var e => Fail($"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}"),
                };
                if (result.Allocated > AllocationLimit)
                    Fail($"allocated {result.Allocated >> 20} MB");
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

                string Fail(string what)
                {
                    if (failures.Length < 20_000)
                        failures.AppendLine($"{label} (case seed {caseSeed}, {how}): {what}");
                    return "failure";
                }
            }
        }
        output.WriteLine($"{cases} cases over {files.Count} seed files in {clock.Elapsed.TotalSeconds:0.0} s; most allocated by one case: {maxAllocated >> 10:N0} KB");
        output.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        failures.ToString().Should().BeEmpty();
        outcomes.Keys.Should().Contain(["read", nameof(ParquetException)], "the mutations reach both outcomes");
    }

    private readonly record struct Outcome(Exception? Error, long Allocated);

    /// <summary>Reads every batch of every column on a worker thread, under a time limit and an allocation count.</summary>
    private static async Task<Outcome> RunAsync(string name, byte[] bytes)
    {
        var work = Task.Run(async () =>
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            try
            {
                await using var reader = await ParquetReader.OpenAsync(DataSource.FromBytes(bytes, name), new ReadOptions { BatchRows = 257 });
                while (await reader.ReadNextBatchAsync() is { } batch)
                {
                    using (batch)
                    {
                        // Format every value, as a writer would: a value a reader let through but nothing can print
                        // is a failure too.
                        foreach (var column in batch.Columns)
                        {
                            for (var r = 0; r < batch.RowCount; r++)
                                _ = column.GetText(r);
                        }
                    }
                }
                _ = reader.Warnings;
                return new Outcome(null, GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            catch (Exception e)
            {
                return new Outcome(e, GC.GetTotalAllocatedBytes(precise: true) - before);
            }
        });
        if (await Task.WhenAny(work, Task.Delay(s_caseLimit)) != work)
            return new Outcome(new TimeoutException(), 0);
        return await work;
    }

    private static byte[] ZigZagVarint(int value)
    {
        var n = (uint)((value << 1) ^ (value >> 31));
        var bytes = new List<byte>();
        while (n >= 0x80)
        {
            bytes.Add((byte)(n | 0x80));
            n >>= 7;
        }
        bytes.Add((byte)n);
        return [.. bytes];
    }

    /// <summary>One seeded mutation; returns the bytes and what was done (for the failure report).</summary>
    internal static (byte[] Bytes, string How) Mutate(Random random, byte[] original)
    {
        var bytes = (byte[])original.Clone();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(original.AsSpan(original.Length - 8));
        var footerStart = Math.Max(4, original.Length - 8 - footerLength);
        // Half the mutations land in the footer, where a byte changes the most structure.
        int Position() => random.Next(2) == 0 && footerStart < original.Length - 8
            ? random.Next(footerStart, original.Length - 8)
            : random.Next(0, bytes.Length);
        switch (random.Next(9))
        {
            case 0:
            {
                var n = random.Next(1, 9);
                for (var i = 0; i < n; i++)
                    bytes[Position()] ^= (byte)(1 << random.Next(8));
                return (bytes, $"{n} bits flipped");
            }
            case 1:
            {
                var at = Position();
                bytes[at] = (byte)random.Next(256);
                return (bytes, $"byte {at} set");
            }
            case 2:
            {
                var length = random.Next(0, bytes.Length);
                return (bytes[..length], $"truncated to {length} bytes");
            }
            case 3:
            {
                // A 4-byte little-endian length (page data, PLAIN byte arrays, level sections) made huge.
                var at = random.Next(0, bytes.Length - 4);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), random.Next(2) == 0 ? int.MaxValue : random.Next(1 << 16, int.MaxValue));
                return (bytes, $"int32 at {at} made huge");
            }
            case 4:
            {
                // A Thrift varint (sizes, counts, offsets in headers and footer) made huge: five bytes in place.
                var at = Position();
                byte[] varint = random.Next(3) switch
                {
                    0 => [0xFE, 0xFF, 0xFF, 0xFF, 0x0F], // zigzag int.MaxValue
                    1 => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
                    _ => ZigZagVarint(random.Next(1 << 20, 1 << 30)), // large but under every ceiling
                };
                varint.AsSpan(0, Math.Min(varint.Length, bytes.Length - at)).CopyTo(bytes.AsSpan(at));
                return (bytes, $"varint at {at} made huge");
            }
            case 5:
            {
                // The footer length lies.
                var lie = random.Next(4) switch
                {
                    0 => int.MaxValue,
                    1 => -random.Next(1, 1000),
                    2 => footerLength + random.Next(-50, 50),
                    _ => random.Next(0, bytes.Length),
                };
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), lie);
                return (bytes, $"footer length {lie} instead of {footerLength}");
            }
            case 6:
            {
                var at = Position();
                var n = Math.Min(random.Next(1, 64), bytes.Length - at);
                bytes.AsSpan(at, n).Fill(random.Next(2) == 0 ? (byte)0 : (byte)0xFF);
                return (bytes, $"{n} bytes at {at} filled");
            }
            case 7:
            {
                // A byte inserted or removed inside the footer: everything after it shifts.
                var at = Position();
                var shifted = random.Next(2) == 0
                    ? [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]]
                    : bytes[..at].Concat(bytes[Math.Min(at + 1, bytes.Length)..]).ToArray();
                return (shifted, $"a byte inserted or removed at {at}");
            }
            default:
            {
                // Several mutations at once.
                var (twice, first) = Mutate(random, bytes);
                var (thrice, second) = Mutate(random, twice.Length >= 12 ? twice : bytes);
                return (thrice, $"{first}, then {second}");
            }
        }
    }
}

/// <summary>The fuzz seeds: small valid files of every kind, written once.</summary>
public sealed class FuzzSeeds : IDisposable
{
    private readonly PeerTestFiles _files = new();

    private const string PeerSqlSmall = """
        SELECT i::BIGINT AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || (i % 17) END AS s, (i * 0.25)::DOUBLE AS d,
          (i * 1.5)::DECIMAL(9,2) AS dec9, (i * 1.5)::DECIMAL(38,4) AS dec38, DATE '2024-01-01' + i::INTEGER AS dt,
          make_timestamp(1700000000000000 + i * 1000003) AS ts, (i % 3 = 0) AS b,
          CASE WHEN i % 7 = 0 THEN NULL ELSE [i::INTEGER, NULL][1:(i % 3)::INTEGER] END AS li,
          {'a': i::INTEGER, 'b': 'x' || i} AS st, make_timestamp_ns(1700000000000000000 + i * 1001) AS ns
        FROM range(600) t(i)
        """;

    /// <summary>Every seed: name and bytes.</summary>
    public Task<IReadOnlyList<(string Name, byte[] Bytes)>> AllAsync() => _files.OnceAsync<IReadOnlyList<(string, byte[])>>("seeds", async dir =>
    {
        var seeds = new List<(string, byte[])>();
        var table = ConformanceTable.Build(300, seed: 77);
        foreach (var codec in OurWriterPeerReadTests.Codecs)
        {
            var path = dir.File($"ours-{codec}.parquet".ToLowerInvariant());
            await table.WriteAsync(path, new ParquetWriteOptions
            {
                Compression = new ParquetCompressionOptions(codec),
                RowGroupRows = 120,
                PageBytes = 512,
                DictionaryBytes = codec == ParquetCompression.Gzip ? 64 : ParquetWriteOptions.DefaultDictionaryBytes,
                Dictionary = codec != ParquetCompression.Uncompressed,
            }, batchRows: 50);
            seeds.Add((Path.GetFileName(path), await File.ReadAllBytesAsync(path)));
        }
        foreach (var (name, writer, options) in new (string, ParquetPeer, ParquetPeerWriteOptions)[]
        {
            ("duckdb-snappy.parquet", ParquetPeer.DuckDb, new() { RowGroupSize = 2048 }),
            ("duckdb-v2-zstd.parquet", ParquetPeer.DuckDb, new() { ParquetVersion = "V2", Compression = "zstd" }),
            ("polars-zstd.parquet", ParquetPeer.Polars, new() { Compression = "zstd", RowGroupSize = 250, PageSize = 1024 }),
            ("hyparquet-v2-gzip.parquet", ParquetPeer.Hyparquet, new()
            {
                Compression = "gzip", RowGroupSize = 250, PageSize = 1024, Required = ["id"],
                Encodings = new Dictionary<string, string> { ["id"] = "DELTA_BINARY_PACKED", ["s"] = "DELTA_BYTE_ARRAY", ["d"] = "BYTE_STREAM_SPLIT", ["b"] = "RLE" },
            }),
        })
        {
            var path = dir.File(name);
            await ParquetPeers.WriteSqlAsync(PeerSqlSmall, path, options, writer);
            seeds.Add((name, await File.ReadAllBytesAsync(path)));
        }
        var int96 = dir.File("int96.parquet");
        Int96GoldenFile.Write(int96);
        seeds.Add(("int96.parquet", await File.ReadAllBytesAsync(int96)));
        return seeds;
    });

    public void Dispose() => _files.Dispose();
}
