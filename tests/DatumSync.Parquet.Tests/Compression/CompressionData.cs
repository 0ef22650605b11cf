using System.Buffers.Binary;
using System.Text;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>Seeded inputs of the shapes pages have, from empty to over 1 MiB; each name says the shape.</summary>
internal static class CompressionData
{
    public const int Seed = 20251121;

    private static readonly Lazy<Dictionary<string, byte[]>> All = new(Build);

    public static IReadOnlyCollection<string> Names => All.Value.Keys;

    public static byte[] Get(string name) => All.Value[name];

    /// <summary>xunit rows: one per shape.</summary>
    public static TheoryData<string> Shapes()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
            data.Add(name);
        return data;
    }

    /// <summary>Words joined into CSV-like lines: compressible like real string columns.</summary>
    public static byte[] Text(int length, int seed)
    {
        string[] words = ["alpha", "beta", "gamma", "delta", "Paris", "London", "2024-01-15", "true", "false", "null",
            "customer", "order", "widget", "3.14159", "Zürich", "naïve", "data", "sync", "parquet", "column", "row", "42"];
        var random = new Random(seed);
        var text = new StringBuilder(length + 64);
        while (text.Length < length)
        {
            for (var i = random.Next(3, 9); i > 0; i--)
                text.Append(words[random.Next(words.Length)]).Append(i > 1 ? ',' : '\n');
            text.Append(random.Next(100000));
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return bytes.AsSpan(0, Math.Min(length, bytes.Length)).ToArray();
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static Dictionary<string, byte[]> Build()
    {
        var random = new Random(Seed);
        var data = new Dictionary<string, byte[]>
        {
            ["empty"] = [],
            ["one byte"] = [42],
            ["four bytes"] = [1, 2, 3, 4],
            ["short text"] = Encoding.UTF8.GetBytes("hello hello hello world"),
            ["random 1 KiB"] = Random(1024, Seed + 1),
            ["random 300 KiB"] = Random(300 << 10, Seed + 2),
            ["zeros 1 MiB"] = new byte[1 << 20],
            ["period 3 pattern"] = Enumerable.Range(0, 100_000).Select(i => (byte)"abc"[i % 3]).ToArray(),
            ["period 7 pattern with noise"] = Enumerable.Range(0, 70_000).Select(i => i % 997 == 0 ? (byte)random.Next(256) : (byte)(i % 7)).ToArray(),
            ["text 64 KiB - 1"] = Text((1 << 16) - 1, Seed + 3),
            ["text 64 KiB"] = Text(1 << 16, Seed + 4),
            ["text 64 KiB + 1"] = Text((1 << 16) + 1, Seed + 5),
            ["text 1 MiB + 1000"] = Text((1 << 20) + 1000, Seed + 6),
        };

        // int64 plain: increasing ids with small steps.
        var ids = new byte[131_072 * 8];
        long id = 1_000_000;
        for (var i = 0; i < ids.Length; i += 8)
            BinaryPrimitives.WriteInt64LittleEndian(ids.AsSpan(i), id += random.Next(1, 20));
        data["int64 ids 1 MiB"] = ids;

        // Dictionary indices: skewed small values, one byte each.
        data["dictionary indices 256 KiB"] = Enumerable.Range(0, 256 << 10).Select(_ => (byte)Math.Min(255, (int)(-Math.Log(1 - random.NextDouble()) * 12))).ToArray();

        // Alternating incompressible and repetitive stretches.
        var mixed = new byte[200_000];
        for (var start = 0; start < mixed.Length; start += 5000)
        {
            var chunk = mixed.AsSpan(start, Math.Min(5000, mixed.Length - start));
            if (start / 5000 % 2 == 0)
                random.NextBytes(chunk);
            else
                chunk.Fill((byte)start);
        }
        data["mixed random and runs"] = mixed;
        return data;
    }
}
