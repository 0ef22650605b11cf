using System.Globalization;
using DatumSync.Data;

namespace DatumSync.Platform.Datasets;

/// <summary>
/// A small row filter for previews: clauses <c>column OP value</c> joined by <c>;</c> or <c>&amp;&amp;</c> (all must
/// hold). Operators: <c>=</c>, <c>!=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c> and <c>~</c>
/// (case-insensitive substring). Numeric columns compare as numbers, others by their canonical text (ISO dates sort
/// correctly). An empty value with <c>=</c> matches nulls; with <c>!=</c> it matches non-nulls.
/// </summary>
public sealed class RowFilter
{
    private enum Op
    {
        Equal,
        NotEqual,
        Greater,
        GreaterOrEqual,
        Less,
        LessOrEqual,
        Contains,
    }

    private sealed record Clause(int Column, Op Op, string Value, double? Number, bool Numeric);

    private readonly Clause[] _clauses;

    private RowFilter(Clause[] clauses) => _clauses = clauses;

    /// <summary>A filter matching every row.</summary>
    public static RowFilter All { get; } = new([]);

    /// <summary>Whether the filter has no clauses.</summary>
    public bool IsEmpty => _clauses.Length == 0;

    /// <summary>Parses <paramref name="where"/> against <paramref name="schema"/>.</summary>
    /// <exception cref="RowFilterException">A clause has no operator, names an unknown column, or compares a numeric
    /// column with something that is not a number.</exception>
    public static RowFilter Parse(string? where, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (string.IsNullOrWhiteSpace(where))
            return All;
        var clauses = new List<Clause>();
        foreach (var raw in where.Replace("&&", ";", StringComparison.Ordinal).Split(';'))
        {
            var text = raw.Trim();
            if (text.Length == 0)
                continue;
            var (at, length, op) = FindOperator(text);
            if (at <= 0)
                throw new RowFilterException($"clause '{text}': expected column=value, column!=value, column>value, column>=value, column<value, column<=value or column~text");
            var name = text[..at].Trim();
            var value = text[(at + length)..].Trim();
            var index = schema.IndexOf(name);
            if (index < 0)
                throw new RowFilterException($"unknown column '{name}'; columns: {string.Join(", ", schema.Select(f => f.Name))}");
            var numeric = schema[index].Type.Kind is TypeKind.Int64 or TypeKind.Double or TypeKind.Decimal;
            double? number = null;
            if (numeric && op != Op.Contains && value.Length > 0)
            {
                number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new RowFilterException($"column '{name}' is {schema[index].Type}: '{value}' is not a number");
            }
            if (value.Length == 0 && op is not (Op.Equal or Op.NotEqual))
                throw new RowFilterException($"clause '{text}': a value is required after the operator");
            clauses.Add(new Clause(index, op, value, number, numeric));
        }
        return new RowFilter([.. clauses]);
    }

    private static (int At, int Length, Op Op) FindOperator(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (text[i])
            {
                case '!' when next == '=':
                    return (i, 2, Op.NotEqual);
                case '>':
                    return next == '=' ? (i, 2, Op.GreaterOrEqual) : (i, 1, Op.Greater);
                case '<':
                    return next == '=' ? (i, 2, Op.LessOrEqual) : (i, 1, Op.Less);
                case '=':
                    return (i, 1, Op.Equal);
                case '~':
                    return (i, 1, Op.Contains);
            }
        }
        return (-1, 0, Op.Equal);
    }

    /// <summary>Whether row <paramref name="row"/> of <paramref name="batch"/> passes every clause.</summary>
    public bool Matches(RecordBatch batch, int row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var c in _clauses)
        {
            if (!Matches(c, batch.Column(c.Column), row))
                return false;
        }
        return true;
    }

    private static bool Matches(Clause c, Column column, int row)
    {
        if (column.IsNull(row))
            return c.Value.Length == 0 && c.Op == Op.Equal;
        if (c.Value.Length == 0)
            return c.Op == Op.NotEqual;
        var text = column.GetText(row) ?? "";
        if (c.Op == Op.Contains)
            return text.Contains(c.Value, StringComparison.OrdinalIgnoreCase);
        int order;
        if (c.Numeric)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var cell))
                return false;
            order = cell.CompareTo(c.Number!.Value);
        }
        else if (column.Type.Kind == TypeKind.Boolean)
        {
            order = string.Compare(text, c.Value, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            order = string.CompareOrdinal(text, c.Value);
        }
        return c.Op switch
        {
            Op.Equal => order == 0,
            Op.NotEqual => order != 0,
            Op.Greater => order > 0,
            Op.GreaterOrEqual => order >= 0,
            Op.Less => order < 0,
            _ => order <= 0,
        };
    }
}
