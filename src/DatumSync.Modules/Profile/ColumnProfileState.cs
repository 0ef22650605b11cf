using System.Runtime.CompilerServices;
using System.Text;
using DatumSync.Data;
using DatumSync.Modules.Profile.Sketches;

namespace DatumSync.Modules.Profile;

/// <summary>
/// Everything profile keeps about one column while reading: counts, a distinct counter, heavy hitters, and per kind
/// of value the moments and quantile sketch (numbers), day set and range (dates, timestamps), lengths and patterns
/// (text) or true/false counts. Memory does not grow with the rows. Two states of the same column built from
/// different rows <see cref="Merge"/> into the state one pass over all rows would have built (exactly for counts,
/// extremes and moments; within the sketches' bounds for distinct counts, quantiles and heavy hitters).
/// </summary>
/// <remarks>
/// Readers may widen a column's type mid-stream (int64 → decimal → double, date → timestamp, anything → string), so
/// a column's batches can differ in type. Numbers are all held as doubles and hashed by value and temporal values
/// are held as microseconds, so widening within a family keeps distinct counts and heavy hitters consistent.
/// </remarks>
public sealed class ColumnProfileState
{
    private const long MicrosPerDay = 86_400_000_000L;
    private readonly int _patternCacheSize;
    private readonly ProfileOptions _options;
    private (ulong[] Keys, ulong[] Patterns)? _patternCache;

    /// <summary>Creates an empty state; the heavy-hitter table may grow to <paramref name="topValuesMaxCapacity"/> items.</summary>
    public ColumnProfileState(string name, ProfileOptions options, int topValuesMaxCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        Distinct = new DistinctCounter();
        Top = new FrequentItems(options.TopValuesCapacity, topValuesMaxCapacity);
        Sample = new BottomKSample<string>(options.SampleValues);
        // As many pattern-cache entries as heavy-hitter items (256 on wide tables, 4,096 on narrow ones): a column of
        // a few thousand names then finds most patterns in the cache.
        _patternCacheSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(topValuesMaxCapacity, 256, 4096));
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Values seen, nulls included.</summary>
    public long Count { get; private set; }

    /// <summary>Null values.</summary>
    public long Nulls { get; private set; }

    /// <summary>Empty strings.</summary>
    public long Empty { get; private set; }

    /// <summary>Values per kind of batch they came in (index: <see cref="TypeKind"/>).</summary>
    public long[] ValuesByKind { get; } = new long[7];

    /// <summary>Distinct non-null values.</summary>
    public DistinctCounter Distinct { get; }

    /// <summary>Heavy hitters.</summary>
    public FrequentItems Top { get; }

    /// <summary>Uniform sample of non-null values as text (for the semantic-type classifier).</summary>
    public BottomKSample<string> Sample { get; }

    /// <summary>Moments of numeric values (null until a numeric batch arrives).</summary>
    public Moments? Moments { get; private set; }

    /// <summary>Quantile sketch of numeric values.</summary>
    public KllSketch? Numbers { get; private set; }

    /// <summary>Numeric zeros.</summary>
    public long Zeros { get; private set; }

    /// <summary>Numeric negatives.</summary>
    public long Negatives { get; private set; }

    /// <summary>Quantile sketch of temporal values in microseconds since the epoch.</summary>
    public KllSketch? Times { get; private set; }

    /// <summary>Days covered by temporal values.</summary>
    public DaySet? Days { get; private set; }

    /// <summary>Smallest temporal value (microseconds).</summary>
    public long MinMicros { get; private set; } = long.MaxValue;

    /// <summary>Largest temporal value (microseconds).</summary>
    public long MaxMicros { get; private set; } = long.MinValue;

    /// <summary>Shortest text, in characters.</summary>
    public long LengthMin { get; private set; } = long.MaxValue;

    /// <summary>Longest text, in characters.</summary>
    public long LengthMax { get; private set; } = long.MinValue;

    /// <summary>Total characters of text values.</summary>
    public long LengthSum { get; private set; }

    /// <summary>Text values seen.</summary>
    public long TextCount { get; private set; }

    /// <summary>Character-class patterns of text values (null until a text batch arrives).</summary>
    public FrequentItems? Patterns { get; private set; }

    /// <summary>Boolean trues.</summary>
    public long True { get; private set; }

    /// <summary>Boolean falses.</summary>
    public long False { get; private set; }

    /// <summary>
    /// Adds a batch's column. <paramref name="hashes"/> receives each row's value hash (<see cref="ProfileHash.Null"/>
    /// for nulls); <paramref name="numbers"/>, when not empty, each row's numeric value (NaN for nulls and non-numbers).
    /// </summary>
    public void Add(Column column, ReadOnlySpan<ulong> priorities, Span<ulong> hashes, Span<double> numbers, ProfileScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(scratch);
        var rows = column.Length;
        Count += rows;
        Nulls += column.NullCount;
        ValuesByKind[(int)column.Type.Kind] += rows - column.NullCount;
        switch (column)
        {
            case Int64Column ints:
                {
                    AddNumbers(column, priorities, hashes, numbers, scratch, new Int64Numbers(ints.Values));
                    break;
                }
            case DoubleColumn doubles:
                {
                    AddNumbers(column, priorities, hashes, numbers, scratch, new DoubleNumbers(doubles.Values));
                    break;
                }
            case DecimalColumn decimals:
                {
                    AddNumbers(column, priorities, hashes, numbers, scratch, new DecimalNumbers(decimals.Values, Math.Pow(10, column.Type.Scale)));
                    break;
                }
            case DateColumn dates:
                {
                    AddTimes(column, priorities, hashes, numbers, scratch, new DateMicros(dates.Values));
                    break;
                }
            case TimestampColumn stamps:
                {
                    AddTimes(column, priorities, hashes, numbers, scratch, new TimestampMicros(stamps.Values));
                    break;
                }
            case BooleanColumn booleans:
                AddBooleans(booleans, priorities, hashes, numbers);
                break;
            case StringColumn strings:
                AddStrings(strings, priorities, hashes, numbers);
                break;
            default:
                throw new NotSupportedException($"column type {column.Type}");
        }
    }

    /// <summary>Reads a numeric column's values as doubles (a struct, so the loop is specialised per column type).</summary>
    private interface INumbers
    {
        double this[int row] { get; }
    }

    private readonly ref struct Int64Numbers(ReadOnlySpan<long> values) : INumbers
    {
        private readonly ReadOnlySpan<long> _values = values;

        public double this[int row] => _values[row];
    }

    private readonly ref struct DoubleNumbers(ReadOnlySpan<double> values) : INumbers
    {
        private readonly ReadOnlySpan<double> _values = values;

        public double this[int row] => _values[row];
    }

    private readonly ref struct DecimalNumbers(ReadOnlySpan<Int128> values, double scale) : INumbers
    {
        private readonly ReadOnlySpan<Int128> _values = values;

        public double this[int row] => (double)_values[row] / scale;
    }

    /// <summary>Reads a temporal column's values as microseconds since the epoch.</summary>
    private interface IMicros
    {
        long this[int row] { get; }
    }

    private readonly ref struct DateMicros(ReadOnlySpan<int> values) : IMicros
    {
        private readonly ReadOnlySpan<int> _values = values;

        public long this[int row] => _values[row] * MicrosPerDay;
    }

    private readonly ref struct TimestampMicros(ReadOnlySpan<long> values) : IMicros
    {
        private readonly ReadOnlySpan<long> _values = values;

        public long this[int row] => _values[row];
    }

    private void AddNumbers<T>(Column column, ReadOnlySpan<ulong> priorities, Span<ulong> hashes, Span<double> numbers, ProfileScratch scratch, T at)
        where T : INumbers, allows ref struct
    {
        Moments ??= new Moments();
        Numbers ??= new KllSketch(_options.QuantileK);
        var buffer = scratch.Doubles(column.Length);
        var n = 0;
        long zeros = 0, negatives = 0;
        var threshold = Sample.Threshold;
        var fillNumbers = !numbers.IsEmpty;
        var noNulls = column.NullCount == 0;
        for (var r = 0; r < column.Length; r++)
        {
            if (!noNulls && !column.IsValid(r))
            {
                hashes[r] = ProfileHash.Null;
                if (fillNumbers)
                    numbers[r] = double.NaN;
                continue;
            }
            var v = at[r];
            if (fillNumbers)
                numbers[r] = v;
            var h = ProfileHash.OfDouble(v);
            hashes[r] = h;
            CountKey(h, NumberTag);
            if (priorities[r] < threshold)
            {
                Sample.Add(priorities[r], column.GetText(r)!);
                threshold = Sample.Threshold;
            }
            if (double.IsNaN(v))
                continue;
            buffer[n++] = v;
            if (v == 0)
                zeros++;
            else if (v < 0)
                negatives++;
        }
        Zeros += zeros;
        Negatives += negatives;
        Moments.Add(buffer.AsSpan(0, n));
        Numbers.Add(buffer.AsSpan(0, n));
    }

    private void AddTimes<T>(Column column, ReadOnlySpan<ulong> priorities, Span<ulong> hashes, Span<double> numbers, ProfileScratch scratch, T at)
        where T : IMicros, allows ref struct
    {
        Times ??= new KllSketch(_options.QuantileK);
        Days ??= new DaySet();
        var buffer = scratch.Doubles(column.Length);
        var n = 0;
        var threshold = Sample.Threshold;
        var fillNumbers = !numbers.IsEmpty;
        long min = MinMicros, max = MaxMicros;
        for (var r = 0; r < column.Length; r++)
        {
            if (fillNumbers)
                numbers[r] = double.NaN;
            if (!column.IsValid(r))
            {
                hashes[r] = ProfileHash.Null;
                continue;
            }
            var micros = at[r];
            var h = ProfileHash.OfMicros(micros);
            hashes[r] = h;
            CountKey(h, MicrosTag);
            if (priorities[r] < threshold)
            {
                Sample.Add(priorities[r], column.GetText(r)!);
                threshold = Sample.Threshold;
            }
            buffer[n++] = micros;
            // Floor division in integers: exact (from about 2110 on, a double quotient rounds 23:59:59.999999 up to the
            // next day) and cheaper (division by a constant becomes a multiply).
            Days.Add((int)(micros >= 0 ? micros / MicrosPerDay : (micros + 1) / MicrosPerDay - 1));
            if (micros < min)
                min = micros;
            if (micros > max)
                max = micros;
        }
        (MinMicros, MaxMicros) = (min, max);
        Times.Add(buffer.AsSpan(0, n));
    }

    private void AddBooleans(BooleanColumn column, ReadOnlySpan<ulong> priorities, Span<ulong> hashes, Span<double> numbers)
    {
        var threshold = Sample.Threshold;
        for (var r = 0; r < column.Length; r++)
        {
            if (!numbers.IsEmpty)
                numbers[r] = double.NaN;
            if (!column.IsValid(r))
            {
                hashes[r] = ProfileHash.Null;
                continue;
            }
            var v = column[r];
            if (v)
                True++;
            else
                False++;
            var h = ProfileHash.OfBoolean(v);
            hashes[r] = h;
            CountText(h, v ? "true"u8 : "false"u8);
            if (priorities[r] < threshold)
            {
                Sample.Add(priorities[r], v ? "true" : "false");
                threshold = Sample.Threshold;
            }
        }
    }

    private void AddStrings(StringColumn column, ReadOnlySpan<ulong> priorities, Span<ulong> hashes, Span<double> numbers)
    {
        Patterns ??= new FrequentItems(_options.PatternsCapacity);
        _patternCache ??= (new ulong[_patternCacheSize], new ulong[_patternCacheSize]);
        var (cacheKeys, cacheValues) = _patternCache.Value;
        var data = column.Data;
        var offsets = column.Offsets;
        var threshold = Sample.Threshold;
        long empty = 0, lengthMin = LengthMin, lengthMax = LengthMax, lengthSum = 0, count = 0;
        Span<byte> pattern = stackalloc byte[CharacterPattern.MaxBytes];
        for (var r = 0; r < column.Length; r++)
        {
            if (!numbers.IsEmpty)
                numbers[r] = double.NaN;
            if (!column.IsValid(r))
            {
                hashes[r] = ProfileHash.Null;
                continue;
            }
            var bytes = data[offsets[r]..offsets[r + 1]];
            var h = ProfileHash.OfBytes(bytes);
            hashes[r] = h;
            CountText(h, bytes);
            if (priorities[r] < threshold)
            {
                Sample.Add(priorities[r], Encoding.UTF8.GetString(bytes));
                threshold = Sample.Threshold;
            }
            long length = System.Text.Ascii.IsValid(bytes) ? bytes.Length : CountChars(bytes);
            count++;
            lengthSum += length;
            if (length < lengthMin)
                lengthMin = length;
            if (length > lengthMax)
                lengthMax = length;
            if (length == 0)
                empty++;
            // A value's pattern is a function of the value: repeated values reuse it from a small direct-mapped cache.
            var slot = (int)(h & (ulong)(cacheKeys.Length - 1));
            if (cacheKeys[slot] == h && Patterns.TryIncrement(cacheValues[slot]))
                continue;
            var p = CharacterPattern.Write(bytes, pattern);
            var ph = ProfileHash.OfBytes(pattern[..p]);
            (cacheKeys[slot], cacheValues[slot]) = (h, ph);
            if (!Patterns.TryIncrement(ph))
                Patterns.Insert(ph, pattern[..p]);
        }
        Empty += empty;
        LengthMin = lengthMin;
        LengthMax = lengthMax;
        LengthSum += lengthSum;
        TextCount += count;
    }

    /// <summary>Characters (Unicode scalar values) in UTF-8: every byte that does not continue a sequence starts one.</summary>
    private static long CountChars(ReadOnlySpan<byte> bytes)
    {
        long n = 0;
        foreach (var b in bytes)
        {
            if ((b & 0xC0) != 0x80)
                n++;
        }
        return n;
    }

    // Heavy hitters of numbers and temporal values are stored by their hash alone (the hash is a bijection of the
    // value), behind a tag byte that never starts UTF-8 text; they are formatted once, for the report, in the
    // column's final type (formatting every new value of a high-cardinality column was a tenth of the profile's
    // time, copying its bytes a twentieth).
    // A value the heavy hitters still track was seen before: the distinct counter already has it.

    /// <summary>Counts a number or temporal value held by its (invertible) hash alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountKey(ulong hash, byte tag)
    {
        if (!Top.TryIncrement(hash))
        {
            Distinct.Add(hash);
            Top.InsertKey(hash, tag);
        }
    }

    /// <summary>Counts a text (or boolean) value, whose bytes the heavy hitters keep when they start tracking it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountText(ulong hash, ReadOnlySpan<byte> text)
    {
        if (!Top.TryIncrement(hash))
        {
            Distinct.Add(hash);
            Top.Insert(hash, text);
        }
    }

    private const byte NumberTag = 0xFF;
    private const byte MicrosTag = 0xFE;

    /// <summary>The text of a heavy hitter as stored by this state, for a column whose final type is <paramref name="type"/>.</summary>
    public static string DecodeTop(byte[] item, DataType type)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(type);
        if (item.Length == 9 && item[0] is NumberTag or MicrosTag)
        {
            var hash = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(item.AsSpan(1));
            if (item[0] == MicrosTag)
                return ProfileReportBuilder.FormatTemporal(ProfileHash.MicrosOf(hash), type.Kind is TypeKind.Date or TypeKind.Timestamp ? type : DataType.Timestamp);
            var v = ProfileHash.DoubleOf(hash);
            if (type.Kind == TypeKind.Decimal)
                return v.ToString("F" + type.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
            Span<byte> text = stackalloc byte[32];
            ValueFormatter.TryFormatDouble(v, text, out var n);
            return Encoding.ASCII.GetString(text[..n]);
        }
        return Encoding.UTF8.GetString(item);
    }

    /// <summary>Adds what <paramref name="other"/> (the same column, other rows) saw.</summary>
    public void Merge(ColumnProfileState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        Nulls += other.Nulls;
        Empty += other.Empty;
        for (var i = 0; i < ValuesByKind.Length; i++)
            ValuesByKind[i] += other.ValuesByKind[i];
        Distinct.Merge(other.Distinct);
        Top.Merge(other.Top);
        Sample.Merge(other.Sample);
        if (other.Moments is not null)
        {
            (Moments ??= new Moments()).Merge(other.Moments);
            (Numbers ??= new KllSketch(_options.QuantileK)).Merge(other.Numbers!);
        }
        Zeros += other.Zeros;
        Negatives += other.Negatives;
        if (other.Times is not null)
        {
            (Times ??= new KllSketch(_options.QuantileK)).Merge(other.Times);
            (Days ??= new DaySet()).Merge(other.Days!);
        }
        MinMicros = Math.Min(MinMicros, other.MinMicros);
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
        LengthMin = Math.Min(LengthMin, other.LengthMin);
        LengthMax = Math.Max(LengthMax, other.LengthMax);
        LengthSum += other.LengthSum;
        TextCount += other.TextCount;
        if (other.Patterns is not null)
            (Patterns ??= new FrequentItems(_options.PatternsCapacity)).Merge(other.Patterns);
        True += other.True;
        False += other.False;
    }
}
