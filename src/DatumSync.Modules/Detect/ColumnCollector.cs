using DatumSync.Modules.Profile.Sketches;
using DatumSync.Data;

namespace DatumSync.Modules.Detect;

/// <summary>
/// Gathers what detect needs of one column in a single streaming pass: counts, a distinct count, a seeded uniform
/// reservoir sample of the values as text, and for numeric and temporal columns the range and whether values never
/// decrease in file order.
/// </summary>
internal sealed class ColumnCollector(string name, int sampleSize, int seed)
{
    private const long MicrosPerDay = 86_400_000_000L;

    private readonly List<string> _sample = new(Math.Min(sampleSize, 1024));
    private readonly Random _random = new(seed);
    // Exact up to 16,384 distinct values (detect asks "unique or not", "few or many"), then the profile's HyperLogLog.
    private readonly DistinctCounter _distinct = new(16_384);
    private long _seen;      // non-null values so far
    private long _nextTake;  // the index of the next non-null value the reservoir takes (Algorithm L)
    private double _w;
    private double _last = double.NaN;
    private bool _numericSoFar = true;

    public string Name { get; } = name;

    public DataType Type { get; private set; } = DataType.String;

    public long Count { get; private set; }

    public long Nulls { get; private set; }

    public double? Min { get; private set; }

    public double? Max { get; private set; }

    /// <summary>Whether numeric/temporal values never decreased (and did increase) in file order.</summary>
    public bool NonDecreasing { get; private set; } = true;

    public long Distinct => _distinct.Count;

    public bool DistinctIsExact => _distinct.IsExact;

    public IReadOnlyList<string> Sample => _sample;

    public void Add(Column column)
    {
        Type = column.Type;
        Count += column.Length;
        Nulls += column.NullCount;
        if (column is not (Int64Column or DoubleColumn or DecimalColumn or DateColumn or TimestampColumn))
            _numericSoFar = false;
        for (var i = 0; i < column.Length; i++)
        {
            if (!column.IsValid(i))
                continue;
            _distinct.Add(HashAt(column, i, out var number));
            if (_numericSoFar)
                Track(number);
            if (_seen < sampleSize)
            {
                _sample.Add(column.GetText(i)!);
                if (_seen == sampleSize - 1)
                    StartSkipping();
            }
            else if (_seen == _nextTake)
            {
                _sample[_random.Next(sampleSize)] = column.GetText(i)!;
                Skip();
            }
            _seen++;
        }
    }

    // Algorithm L (Li, 1994): draw how many values to skip instead of a random number per value.
    private void StartSkipping()
    {
        _w = Math.Exp(Math.Log(_random.NextDouble()) / sampleSize);
        _nextTake = sampleSize - 1;
        Skip();
    }

    private void Skip()
    {
        _nextTake += (long)Math.Floor(Math.Log(_random.NextDouble()) / Math.Log(1 - _w)) + 1;
        _w *= Math.Exp(Math.Log(_random.NextDouble()) / sampleSize);
    }

    private void Track(double value)
    {
        if (Min is not { } min || value < min)
            Min = value;
        if (Max is not { } max || value > max)
            Max = value;
        if (!double.IsNaN(_last) && value < _last)
            NonDecreasing = false;
        _last = value;
    }

    /// <summary>Whether the column is numeric or temporal all the way (range and order are meaningful).</summary>
    public bool IsOrdered => _numericSoFar && Min is not null;

    // The profile's value hashes: numbers by their double value and temporal values by their microseconds, so a
    // column widened mid-stream (int64 to double, date to timestamp) does not count a value twice under two types.
    private static ulong HashAt(Column column, int i, out double number)
    {
        switch (column)
        {
            case Int64Column c:
                number = c[i];
                return ProfileHash.OfDouble(number);
            case DoubleColumn c:
                number = c[i];
                return ProfileHash.OfDouble(number);
            case DecimalColumn c:
                number = (double)c[i] / Math.Pow(10, c.Type.Scale);
                return ProfileHash.OfDouble(number);
            case TimestampColumn c:
                number = c[i];
                return ProfileHash.OfMicros(c[i]);
            case DateColumn c:
                var micros = c[i] * MicrosPerDay;
                number = micros;
                return ProfileHash.OfMicros(micros);
            case BooleanColumn c:
                number = c[i] ? 1 : 0;
                return ProfileHash.OfBoolean(c[i]);
            case StringColumn c:
                number = 0;
                return ProfileHash.OfBytes(c.GetBytes(i));
            default:
                number = 0;
                var text = column.GetText(i) ?? "";
                return ProfileHash.OfBytes(System.Text.Encoding.UTF8.GetBytes(text));
        }
    }
}
