using System.Collections.Frozen;
using System.Reflection;

namespace DatumSync.Modules.Detect;

/// <summary>
/// Reference lists the classifier checks values against, loaded once from embedded resources (Detect/Resources):
/// ISO 3166 country codes, ISO 4217 currency codes, IBAN lengths per country, and given and family names.
/// </summary>
internal static class ReferenceData
{
    private static readonly FrozenSet<string> Alpha2;
    private static readonly FrozenSet<string> Alpha3;
    private static readonly FrozenSet<string> Currencies;
    private static readonly FrozenDictionary<string, int> IbanLengths;
    private static readonly FrozenSet<string> FirstNamesSet;
    private static readonly FrozenSet<string> SurnamesSet;

    // Lookups by span without allocating a string per value.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Alpha2Lookup;
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Alpha3Lookup;
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CurrencyLookup;
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstNameLookup;
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SurnameLookup;

    /// <summary>Name particles (<c>van</c>, <c>de</c>, <c>von</c>…): allowed inside a name, never evidence of one.</summary>
    internal static readonly FrozenSet<string> Particles = FrozenSet.ToFrozenSet(
        ["van", "von", "de", "der", "den", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "ter", "ten", "bin", "ibn", "al", "y", "e", "zu", "st", "mc", "o'"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ParticleLookup = Particles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> IbanLookup;

    static ReferenceData()
    {
        var countries = Lines("countries.txt").Select(l => l.Split(' ', 3)).ToList();
        Alpha2 = countries.Select(c => c[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        Alpha3 = countries.Select(c => c[1]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        Currencies = Lines("currencies.txt").SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToFrozenSet(StringComparer.Ordinal);
        IbanLengths = Lines("iban-lengths.txt").Select(l => l.Split(' ')).ToFrozenDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        FirstNamesSet = Words("first-names.txt");
        SurnamesSet = Words("surnames.txt");
        Alpha2Lookup = Alpha2.GetAlternateLookup<ReadOnlySpan<char>>();
        Alpha3Lookup = Alpha3.GetAlternateLookup<ReadOnlySpan<char>>();
        CurrencyLookup = Currencies.GetAlternateLookup<ReadOnlySpan<char>>();
        FirstNameLookup = FirstNamesSet.GetAlternateLookup<ReadOnlySpan<char>>();
        SurnameLookup = SurnamesSet.GetAlternateLookup<ReadOnlySpan<char>>();
        IbanLookup = IbanLengths.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static FrozenSet<string> Words(string resource) =>
        Lines(resource).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => !Particles.Contains(w))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Lines(string resource)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("DatumSync.Modules.Detect.Resources." + resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
                lines.Add(line);
        }
        return lines;
    }

    /// <summary>Every ISO 3166 alpha-2 code.</summary>
    public static IEnumerable<string> CountryAlpha2 => Alpha2;

    /// <summary>Every ISO 4217 code.</summary>
    public static IEnumerable<string> CurrencyCodes => Currencies;

    /// <summary>The given-name list.</summary>
    public static IEnumerable<string> FirstNames => FirstNamesSet;

    /// <summary>The family-name list.</summary>
    public static IEnumerable<string> Surnames => SurnamesSet;

    /// <summary>Whether <paramref name="code"/> is an ISO 3166 alpha-2 code (case-insensitive).</summary>
    public static bool IsCountryAlpha2(ReadOnlySpan<char> code) => code.Length == 2 && Alpha2Lookup.Contains(code);

    /// <summary>Whether <paramref name="code"/> is an ISO 3166 alpha-3 code (case-insensitive).</summary>
    public static bool IsCountryAlpha3(ReadOnlySpan<char> code) => code.Length == 3 && Alpha3Lookup.Contains(code);

    /// <summary>Whether <paramref name="code"/> is an ISO 4217 code (upper case).</summary>
    public static bool IsCurrencyCode(ReadOnlySpan<char> code) => code.Length == 3 && CurrencyLookup.Contains(code);

    /// <summary>The IBAN length for a country, or 0.</summary>
    public static int IbanLength(char a, char b)
    {
        Span<char> key = [a, b];
        return IbanLookup.TryGetValue(key, out var n) ? n : 0;
    }

    /// <summary>Whether <paramref name="token"/> is a name particle (<c>van</c>, <c>de</c>…).</summary>
    public static bool IsParticle(ReadOnlySpan<char> token) => ParticleLookup.Contains(token);

    /// <summary>Whether <paramref name="token"/> is a known given name.</summary>
    public static bool IsFirstName(ReadOnlySpan<char> token) => FirstNameLookup.Contains(token);

    /// <summary>Whether <paramref name="token"/> is a known family name.</summary>
    public static bool IsSurname(ReadOnlySpan<char> token) => SurnameLookup.Contains(token);
}
