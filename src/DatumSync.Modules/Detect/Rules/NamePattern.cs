using System.Text;
using System.Text.RegularExpressions;

namespace DatumSync.Modules.Detect.Rules;

/// <summary>
/// A column-name pattern: a glob (<c>*</c> any run, <c>?</c> one character) or, with a <c>re:</c> prefix, a regular
/// expression; both match the normalised name (lower case, words joined by <c>_</c>: <c>CustomerID</c> → <c>customer_id</c>).
/// Regular expressions are compiled once when the rules load.
/// </summary>
public sealed class NamePattern
{
    private readonly string _glob = "";
    private readonly Regex? _regex;

    private NamePattern(string text, string glob, Regex? regex)
    {
        Text = text;
        _glob = glob;
        _regex = regex;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Parses a pattern.</summary>
    /// <exception cref="ArgumentException">The regular expression is invalid.</exception>
    public static NamePattern Create(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("re:", StringComparison.Ordinal))
            return new NamePattern(text, "", new Regex(text[3..], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)));
        return new NamePattern(text, text.ToLowerInvariant(), null);
    }

    /// <summary>Whether a normalised name matches.</summary>
    public bool Matches(string normalizedName) => _regex is { } r ? r.IsMatch(normalizedName) : Glob(_glob, normalizedName);

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative glob with backtracking to the last star.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
                return false;
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    /// <summary>Lower case, words split at separators and lower→upper case changes, joined by <c>_</c>.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (sb.Length > 0 && sb[^1] != '_')
                    sb.Append('_');
                continue;
            }
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])) && sb.Length > 0 && sb[^1] != '_')
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Trim('_');
    }
}
