using System.Buffers.Text;

namespace DatumSync.Benchmarks.Data;

/// <summary>
/// Writes a deterministic CSV of mixed column types, the shared input of the benchmarks, the whole-command comparison
/// (<c>bench/compare/run.sh</c>) and the large-file memory tests.
/// </summary>
/// <remarks>
/// <para>Columns: <c>id,amount,category,name,day,ts,active,qty</c>. <c>id</c> is the 1-based row number;
/// <c>amount</c> has two decimals (about one in ten negative); <c>category</c> is one of 12 words; <c>name</c> is two
/// words, sometimes with an apostrophe, and on every 1000th row a quoted field holding a comma and a newline
/// (<c>"Smith, John\nJr"</c>); <c>day</c> is an ISO date; <c>ts</c> is <c>yyyy-MM-ddTHH:mm:ss</c>; <c>active</c> is
/// <c>true</c>/<c>false</c>; <c>qty</c> is an integer. About 2% of the fields other than <c>id</c> are empty.
/// Lines end in <c>\n</c>; the text is ASCII.</para>
/// <para>The same seed and row count give the same bytes on every machine and .NET version: the random source is
/// a private SplitMix64, not <see cref="Random"/>, and formatting never looks at the culture. Speed matters because
/// the memory tests write a gigabyte: rows are formatted as UTF-8 straight into a large buffer.</para>
/// </remarks>
public static class MixedCsvGenerator
{
    /// <summary>The header line, without its newline.</summary>
    public const string Header = "id,amount,category,name,day,ts,active,qty";

    /// <summary>The seed used when none is given.</summary>
    public const ulong DefaultSeed = 20240601;

    /// <summary>Every row whose id is a multiple of this has a quoted name with a comma and a newline in it.</summary>
    public const int MultilineNameEvery = 1000;

    private const int BufferSize = 1 << 20;
    private const int MaxRowBytes = 256; // generously above the longest row this can write (~110 bytes)
    private const int EmptyPerMille = 20;

    private static readonly byte[][] Categories = Utf8(
        "books", "garden", "electronics", "toys", "grocery", "clothing",
        "sports", "beauty", "automotive", "music", "office", "health");

    private static readonly byte[][] FirstNames = Utf8(
        "Ada", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
        "Kemi", "Liam", "Maya", "Noor", "Oscar", "Priya", "Quentin", "Rosa", "Sven", "Tariq");

    private static readonly byte[][] LastNames = Utf8(
        "Smith", "Garcia", "O'Brien", "Nguyen", "Muller", "D'Angelo", "Kowalski", "Okafor", "Rossi", "Tanaka",
        "Dubois", "O'Neil", "Silva", "Jensen", "Haddad", "Novak", "L'Estrange", "Park", "Costa", "Fischer");

    private static readonly byte[][] Suffixes = Utf8("Jr", "Sr", "II", "III", "PhD");

    // Every day from 2015-01-01 to 2025-12-31, preformatted: a date is a table lookup, not a calendar computation.
    private static readonly byte[][] Days = BuildDays(new DateOnly(2015, 1, 1), new DateOnly(2025, 12, 31));

    /// <summary>Writes <paramref name="rows"/> data rows after the header to a new file (replacing any).</summary>
    /// <returns>The number of bytes written.</returns>
    public static long WriteFile(string path, long rows, ulong seed = DefaultSeed)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.SequentialScan);
        return Write(file, rows, seed);
    }

    /// <summary>Writes the header and <paramref name="rows"/> data rows to <paramref name="output"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    public static long Write(Stream output, long rows, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var buffer = new byte[BufferSize];
        var n = 0;
        long total = 0;
        var rng = new SplitMix64(seed);

        n += Put(buffer, n, Header);
        buffer[n++] = (byte)'\n';
        for (long id = 1; id <= rows; id++)
        {
            if (buffer.Length - n < MaxRowBytes)
            {
                output.Write(buffer, 0, n);
                total += n;
                n = 0;
            }
            n += WriteRow(buffer.AsSpan(n), id, ref rng);
        }
        output.Write(buffer, 0, n);
        total += n;
        output.Flush();
        return total;
    }

    /// <summary>How many rows make a file of about <paramref name="bytes"/> (within a fraction of a percent).</summary>
    /// <remarks>The rest of a row is measured on a sample; the id is counted exactly, since its width grows with
    /// the row count (a 1 GB file has 8-digit ids, a sample 5-digit ones).</remarks>
    public static long RowsForSize(long bytes, ulong seed = DefaultSeed)
    {
        const int sample = 20_000;
        using var counter = new CountingStream();
        Write(counter, sample, seed);
        var restPerRow = (double)(counter.Length - Header.Length - 1 - IdDigits(sample)) / sample;
        long low = 0, high = Math.Max(1, bytes);
        while (low < high)
        {
            var mid = low + (high - low + 1) / 2;
            if (Header.Length + 1 + mid * restPerRow + IdDigits(mid) <= bytes)
                low = mid;
            else
                high = mid - 1;
        }
        return low;
    }

    /// <summary>The total number of digits in the ids 1..<paramref name="rows"/>.</summary>
    private static long IdDigits(long rows)
    {
        long total = 0;
        for (long from = 1, width = 1; from <= rows; from *= 10, width++)
            total += (Math.Min(rows, from * 10 - 1) - from + 1) * width;
        return total;
    }

    private static int WriteRow(Span<byte> dst, long id, ref SplitMix64 rng)
    {
        var p = 0;
        p += Format(id, dst);
        dst[p++] = (byte)',';

        // amount: cents in [-5000.00, 45000.00), about one in ten negative
        if (!rng.Empty())
        {
            var cents = rng.Below(5_000_000) - 500_000;
            if (cents < 0)
            {
                dst[p++] = (byte)'-';
                cents = -cents;
            }
            p += Format(cents / 100, dst[p..]);
            dst[p++] = (byte)'.';
            dst[p++] = (byte)('0' + (cents / 10 % 10));
            dst[p++] = (byte)('0' + (cents % 10));
        }
        dst[p++] = (byte)',';

        if (!rng.Empty())
            p += Put(dst[p..], Categories[rng.Below(Categories.Length)]);
        dst[p++] = (byte)',';

        // name: the multi-line quoted form is never empty, so the reader always meets it
        var first = FirstNames[rng.Below(FirstNames.Length)];
        var last = LastNames[rng.Below(LastNames.Length)];
        if (id % MultilineNameEvery == 0)
        {
            dst[p++] = (byte)'"';
            p += Put(dst[p..], last);
            dst[p++] = (byte)',';
            dst[p++] = (byte)' ';
            p += Put(dst[p..], first);
            dst[p++] = (byte)'\n';
            p += Put(dst[p..], Suffixes[rng.Below(Suffixes.Length)]);
            dst[p++] = (byte)'"';
        }
        else if (!rng.Empty())
        {
            p += Put(dst[p..], first);
            dst[p++] = (byte)' ';
            p += Put(dst[p..], last);
        }
        dst[p++] = (byte)',';

        if (!rng.Empty())
            p += Put(dst[p..], Days[rng.Below(Days.Length)]);
        dst[p++] = (byte)',';

        if (!rng.Empty())
        {
            p += Put(dst[p..], Days[rng.Below(Days.Length)]);
            dst[p++] = (byte)'T';
            var seconds = rng.Below(86_400);
            p += TwoDigits(seconds / 3600, dst[p..]);
            dst[p++] = (byte)':';
            p += TwoDigits(seconds / 60 % 60, dst[p..]);
            dst[p++] = (byte)':';
            p += TwoDigits(seconds % 60, dst[p..]);
        }
        dst[p++] = (byte)',';

        if (!rng.Empty())
            p += Put(dst[p..], rng.Below(2) == 0 ? "false"u8 : "true"u8);
        dst[p++] = (byte)',';

        if (!rng.Empty())
            p += Format(rng.Below(1000), dst[p..]);
        dst[p++] = (byte)'\n';
        return p;
    }

    private static int Format(long value, Span<byte> dst)
    {
        Utf8Formatter.TryFormat(value, dst, out var written);
        return written;
    }

    private static int TwoDigits(int value, Span<byte> dst)
    {
        dst[0] = (byte)('0' + value / 10);
        dst[1] = (byte)('0' + value % 10);
        return 2;
    }

    private static int Put(Span<byte> dst, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(dst);
        return bytes.Length;
    }

    private static int Put(byte[] dst, int at, string ascii)
    {
        for (var i = 0; i < ascii.Length; i++)
            dst[at + i] = (byte)ascii[i];
        return ascii.Length;
    }

    private static byte[][] Utf8(params string[] words) => [.. words.Select(w => System.Text.Encoding.UTF8.GetBytes(w))];

    private static byte[][] BuildDays(DateOnly from, DateOnly to)
    {
        var days = new byte[to.DayNumber - from.DayNumber + 1][];
        for (var i = 0; i < days.Length; i++)
            days[i] = System.Text.Encoding.ASCII.GetBytes(from.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return days;
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and fixed forever, unlike a seeded <see cref="Random"/>.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A number in [0, <paramref name="bound"/>); the modulo bias is far below anything a benchmark sees.</summary>
        public int Below(int bound) => (int)(Next() % (ulong)bound);

        /// <summary>Whether this field is empty (about 2% of the time).</summary>
        public bool Empty() => Below(1000) < EmptyPerMille;
    }

    /// <summary>A write-only stream that only counts, for <see cref="RowsForSize"/>.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
