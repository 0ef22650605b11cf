using System.Text;

namespace DatumSync.Data.Inference;

/// <summary>
/// The field texts read as null. An unquoted empty field is always null; a quoted empty field (<c>""</c>) is an
/// empty string in a string column and null elsewhere. <c>NaN</c> is null only in numeric columns.
/// </summary>
public sealed class NullTokenSet
{
    private readonly byte[][] _tokens;
    private readonly int _maxLength;
    private readonly ulong[] _firstBytes = new ulong[4];

    /// <summary>Creates the set from token strings.</summary>
    public NullTokenSet(IEnumerable<string> tokens)
    {
        _tokens = [.. tokens.Where(t => t.Length > 0).Distinct().Select(Encoding.UTF8.GetBytes)];
        foreach (var t in _tokens)
        {
            _maxLength = Math.Max(_maxLength, t.Length);
            _firstBytes[t[0] >> 6] |= 1UL << (t[0] & 63);
        }
    }

    /// <summary>The default tokens (<see cref="Formats.ReadOptions.DefaultNullTokens"/>).</summary>
    public static NullTokenSet Default { get; } = new(Formats.ReadOptions.DefaultNullTokens);

    /// <summary>The set for these options' tokens.</summary>
    public static NullTokenSet For(IReadOnlyList<string>? tokens) => tokens is null ? Default : new NullTokenSet(tokens);

    /// <summary>Whether <paramref name="field"/> is a null token (an empty field counts).</summary>
    public bool IsNull(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
            return true;
        if (field.Length > _maxLength || (_firstBytes[field[0] >> 6] & (1UL << (field[0] & 63))) == 0)
            return false;
        foreach (var t in _tokens)
        {
            if (field.SequenceEqual(t))
                return true;
        }
        return false;
    }

    /// <summary>Whether the (trimmed) text is NaN in any case.</summary>
    public static bool IsNaN(ReadOnlySpan<byte> field)
    {
        field = Utf8ValueParser.Trim(field);
        return field.Length == 3 && (field[0] | 0x20) == 'n' && (field[1] | 0x20) == 'a' && (field[2] | 0x20) == 'n';
    }
}
