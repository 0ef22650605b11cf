using DatumSync.Data;
using DatumSync.Modules.Profile.Sketches;

namespace DatumSync.Modules.Profile;

/// <summary>
/// The mergeable state of a whole profile: one <see cref="ColumnProfileState"/> per column, a distinct counter of row
/// hashes (duplicate rows), Pearson co-moments for every pair of numeric columns, a row sample for Spearman, and
/// contingency tables for pairs of low-cardinality text/boolean columns. Workers each fill their own state from the
/// batches they are given; <see cref="Merge"/> combines them into what one pass would have produced.
/// </summary>
public sealed class TableProfileState
{
    private readonly ProfileOptions _options;
    private readonly int[] _numericSlot;
    private readonly int[] _categoricalSlot;
    private readonly ProfileScratch _scratch = new();
    private ulong[] _priorities = [];
    private ulong[] _rowHashes = [];
    private ulong[] _hashes = [];
    private readonly double[][] _numbers;
    private readonly byte[][] _codeRows;
    private readonly long[]?[] _tables;

    /// <summary>Creates an empty state for <paramref name="schema"/> (the schema the reader starts with).</summary>
    public TableProfileState(Schema schema, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        // Heavy-hitter tables may grow to 4,096 items on narrow tables (exact counts for columns of a few thousand
        // values), less on wide ones (2^17 items in all); value samples shrink the same way, so a 500-column table
        // costs about as much per worker as a narrow one.
        var columns = Math.Max(1, schema.Count);
        var topMax = Math.Clamp((1 << 17) / columns, options.TopValuesCapacity, 4096);
        var perColumn = options with { SampleValues = Math.Clamp(250_000 / columns, Math.Min(100, options.SampleValues), options.SampleValues) };
        Columns = [.. schema.Select(f => new ColumnProfileState(f.Name, perColumn, topMax))];
        _numericSlot = new int[schema.Count];
        _categoricalSlot = new int[schema.Count];
        var numeric = new List<int>();
        var categorical = new List<int>();
        for (var c = 0; c < schema.Count; c++)
        {
            _numericSlot[c] = _categoricalSlot[c] = -1;
            if (!options.Correlations)
                continue;
            var kind = schema[c].Type.Kind;
            if (kind is TypeKind.Int64 or TypeKind.Double or TypeKind.Decimal)
            {
                if (numeric.Count < options.MaxNumericCorrelationColumns)
                {
                    _numericSlot[c] = numeric.Count;
                    numeric.Add(c);
                }
                else
                {
                    CorrelationsCapped = true;
                }
            }
            else if (kind is TypeKind.String or TypeKind.Boolean)
            {
                if (categorical.Count < options.MaxCategoricalCorrelationColumns)
                {
                    _categoricalSlot[c] = categorical.Count;
                    categorical.Add(c);
                }
                else
                {
                    CorrelationsCapped = true;
                }
            }
        }
        NumericColumns = [.. numeric];
        CategoricalColumns = [.. categorical];
        Pearson = new CoMoments[numeric.Count * (numeric.Count - 1) / 2];
        for (var i = 0; i < Pearson.Length; i++)
            Pearson[i] = new CoMoments();
        RowSample = new BottomKSample<double[]>(options.SpearmanSampleRows);
        Codes = [.. categorical.Select(_ => new CategoryCodes(options.MaxCategories))];
        _tables = new long[]?[categorical.Count * (categorical.Count - 1) / 2];
        _numbers = [.. numeric.Select(_ => Array.Empty<double>())];
        _codeRows = [.. categorical.Select(_ => Array.Empty<byte>())];
    }

    /// <summary>Per-column states, in schema order.</summary>
    public IReadOnlyList<ColumnProfileState> Columns { get; }

    /// <summary>Rows seen.</summary>
    public long Rows { get; private set; }

    /// <summary>Distinct rows (by a hash of every value in the row): exact up to 2^18 distinct rows (4 MB).</summary>
    public DistinctCounter DistinctRows { get; } = new(1 << 18);

    /// <summary>Indices of the columns taking part in Pearson/Spearman.</summary>
    public IReadOnlyList<int> NumericColumns { get; }

    /// <summary>Indices of the columns that may take part in Cramér's V.</summary>
    public IReadOnlyList<int> CategoricalColumns { get; }

    /// <summary>Whether some columns were left out of correlations by the caps.</summary>
    public bool CorrelationsCapped { get; }

    /// <summary>Co-moments per numeric pair (i &lt; j, row-major over <see cref="NumericColumns"/>).</summary>
    public CoMoments[] Pearson { get; }

    /// <summary>A uniform sample of rows' numeric values (NaN for missing), for Spearman.</summary>
    public BottomKSample<double[]> RowSample { get; }

    /// <summary>Category codes per categorical candidate.</summary>
    public CategoryCodes[] Codes { get; }

    /// <summary>The contingency table (codes a × b, <see cref="ProfileOptions.MaxCategories"/> wide) of categorical pair <paramref name="pair"/>, or null.</summary>
    public long[]? Contingency(int pair) => _tables[pair];

    /// <summary>The pair index of candidates <paramref name="i"/> &lt; <paramref name="j"/> among <paramref name="count"/>.</summary>
    public static int PairIndex(int i, int j, int count) => i * (2 * count - i - 1) / 2 + (j - i - 1);

    /// <summary>Adds a batch whose first row is row <paramref name="firstRow"/> of the input (for reproducible sampling).</summary>
    public void Add(RecordBatch batch, long firstRow)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = batch.RowCount;
        if (rows == 0)
            return;
        Ensure(ref _priorities, rows);
        Ensure(ref _rowHashes, rows);
        Ensure(ref _hashes, rows);
        var priorities = _priorities.AsSpan(0, rows);
        var rowHashes = _rowHashes.AsSpan(0, rows);
        var hashes = _hashes.AsSpan(0, rows);
        for (var r = 0; r < rows; r++)
            priorities[r] = ProfileHash.OfRow(firstRow + r, _options.Seed);
        rowHashes.Clear();
        for (var c = 0; c < Columns.Count; c++)
        {
            var slot = _numericSlot[c];
            Span<double> numbers = default;
            if (slot >= 0)
            {
                Ensure(ref _numbers[slot], rows);
                numbers = _numbers[slot].AsSpan(0, rows);
            }
            Columns[c].Add(batch.Column(c), priorities, hashes, numbers, _scratch);
            for (var r = 0; r < rows; r++)
                rowHashes[r] = ProfileHash.Combine(rowHashes[r], hashes[r]);
            var cat = _categoricalSlot[c];
            if (cat >= 0 && !Codes[cat].Overflowed)
            {
                Ensure(ref _codeRows[cat], rows);
                var codes = _codeRows[cat].AsSpan(0, rows);
                var map = Codes[cat];
                for (var r = 0; r < rows; r++)
                    codes[r] = hashes[r] == ProfileHash.Null ? CategoryCodes.None : map.Code(hashes[r]);
            }
        }
        foreach (var h in rowHashes)
            DistinctRows.Add(ProfileHash.Mix(h));
        Rows += rows;
        AddCorrelations(rows, priorities);
    }

    private void AddCorrelations(int rows, ReadOnlySpan<ulong> priorities)
    {
        var k = NumericColumns.Count;
        for (int i = 0, p = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++, p++)
                Pearson[p].Add(_numbers[i].AsSpan(0, rows), _numbers[j].AsSpan(0, rows));
        }
        if (k >= 2)
        {
            var threshold = RowSample.Threshold;
            for (var r = 0; r < rows; r++)
            {
                if (priorities[r] >= threshold)
                    continue;
                var values = new double[k];
                for (var i = 0; i < k; i++)
                    values[i] = _numbers[i][r];
                RowSample.Add(priorities[r], values);
                threshold = RowSample.Threshold;
            }
        }
        var m = CategoricalColumns.Count;
        var width = _options.MaxCategories;
        for (int a = 0, p = 0; a < m; a++)
        {
            for (var b = a + 1; b < m; b++, p++)
            {
                if (Codes[a].Overflowed || Codes[b].Overflowed)
                {
                    _tables[p] = null;
                    continue;
                }
                var table = _tables[p] ??= new long[width * width];
                var ca = _codeRows[a];
                var cb = _codeRows[b];
                for (var r = 0; r < rows; r++)
                {
                    if (ca[r] != CategoryCodes.None && cb[r] != CategoryCodes.None)
                        table[ca[r] * width + cb[r]]++;
                }
            }
        }
    }

    /// <summary>Adds what <paramref name="other"/> (same schema, other rows) saw.</summary>
    public void Merge(TableProfileState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Columns.Count != Columns.Count)
            throw new ArgumentException("The states are of different tables.", nameof(other));
        Rows += other.Rows;
        for (var c = 0; c < Columns.Count; c++)
            Columns[c].Merge(other.Columns[c]);
        DistinctRows.Merge(other.DistinctRows);
        for (var p = 0; p < Pearson.Length; p++)
            Pearson[p].Merge(other.Pearson[p]);
        RowSample.Merge(other.RowSample);

        var m = CategoricalColumns.Count;
        var maps = new byte[m][];
        for (var a = 0; a < m; a++)
        {
            if (other.Codes[a].Overflowed)
                Codes[a].Overflow();
            maps[a] = [.. other.Codes[a].Hashes.Select(Codes[a].Code)];
        }
        var width = _options.MaxCategories;
        for (int a = 0, p = 0; a < m; a++)
        {
            for (var b = a + 1; b < m; b++, p++)
            {
                if (Codes[a].Overflowed || Codes[b].Overflowed)
                {
                    _tables[p] = null;
                    continue;
                }
                if (other._tables[p] is not { } theirs)
                    continue;
                var mine = _tables[p] ??= new long[width * width];
                for (var x = 0; x < other.Codes[a].Count; x++)
                {
                    for (var y = 0; y < other.Codes[b].Count; y++)
                    {
                        var v = theirs[x * width + y];
                        if (v != 0)
                            mine[maps[a][x] * width + maps[b][y]] += v;
                    }
                }
            }
        }
    }

    private static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[length];
    }
}
