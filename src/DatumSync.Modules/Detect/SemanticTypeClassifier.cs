using System.Globalization;
using DatumSync.Data;

namespace DatumSync.Modules.Detect;

/// <summary>What the classifier sees of one column: its name, its type and a sample of its values as text.</summary>
/// <param name="Name">Column name (header hints come from it).</param>
/// <param name="Type">The column's data type.</param>
/// <param name="Count">Values in the column (nulls included).</param>
/// <param name="Nulls">Null values.</param>
/// <param name="Distinct">Distinct non-null values (exact or estimated), when known.</param>
/// <param name="Values">A sample of non-null values as text (at most a few thousand; uniformly drawn).</param>
public sealed record ColumnSample(string Name, DataType Type, long Count, long Nulls, long? Distinct, IReadOnlyList<string> Values);

/// <summary>A column's semantic type with the evidence for it.</summary>
/// <param name="Type">The semantic type name (<c>email</c>, <c>url</c>, <c>phone</c>, … <c>free_text</c>, <c>unknown</c>).</param>
/// <param name="Confidence">0..1.</param>
/// <param name="ConformingShare">Share of sampled values that conform to the type.</param>
/// <param name="NonConforming">A few sampled values that do not conform.</param>
/// <param name="IsPii">Whether the type is personal data (email, phone, name, IBAN, card number, IP address…).</param>
/// <param name="Evidence">Short human-readable reasons (<c>header 'email' matches</c>, <c>98.5% match the e-mail pattern</c>).</param>
public sealed record SemanticTypeResult(string Type, double Confidence, double ConformingShare, IReadOnlyList<string> NonConforming, bool IsPii,
    IReadOnlyList<string> Evidence)
{
    /// <summary>The result for a column nothing could be said of.</summary>
    public static SemanticTypeResult Unknown { get; } = new("unknown", 0, 0, [], false, []);
}

/// <summary>Decides a column's semantic type from a <see cref="ColumnSample"/>. Used by detect and by profile.</summary>
/// <remarks>
/// Every pattern type is scored the same way (see docs/detect.md):
/// <c>confidence = clamp(share × specificity + 0.10 × [header hints the type] − 0.10 × [header hints another type], 0, 1)</c>,
/// where <c>share</c> is the share of sampled non-empty values that pass the type's validator and <c>specificity</c>
/// says how unlikely a random column is to pass it (checksummed types ≈ 1, postal codes 0.8). A type is a candidate
/// when its share reaches 0.8, or 0.6 when the header hints it; the candidate with the highest confidence wins.
/// When no pattern type qualifies the column falls back to person name, free text, identifier or categorical,
/// judged from word shapes, lengths and cardinality. Validators are span code, not regular expressions, and each
/// stops as soon as the share it could still reach is below the bar, so a 1,000-value sample takes microseconds.
/// </remarks>
public static partial class SemanticTypeClassifier
{
    private const double MinShare = 0.8;
    private const double MinShareHinted = 0.6;
    private const double HintBonus = 0.10;
    private const int MaxExamples = 5;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The pattern types, as an enum so the per-value check is a jump table, not a string switch.</summary>
    private enum Kind
    {
        Uuid, Iban, CreditCard, Email, IPv4, IPv6, Isbn, Url, Timestamp, Date, CurrencyAmount, Percentage, CurrencyCode,
        Boolean, CountryCode, Phone, Latitude, Longitude, PostalCode,
    }

    /// <summary>The pattern types in the order ties are broken (most specific first) with their specificity.</summary>
    private static readonly (string Type, Kind Kind, double Specificity)[] PatternTypes =
    [
        (SemanticTypes.Uuid, Kind.Uuid, 0.99),
        (SemanticTypes.Iban, Kind.Iban, 0.99),
        (SemanticTypes.CreditCard, Kind.CreditCard, 0.99),
        (SemanticTypes.Email, Kind.Email, 0.99),
        (SemanticTypes.IPv4, Kind.IPv4, 0.97),
        (SemanticTypes.IPv6, Kind.IPv6, 0.97),
        (SemanticTypes.Isbn, Kind.Isbn, 0.97),
        (SemanticTypes.Url, Kind.Url, 0.97),
        (SemanticTypes.Timestamp, Kind.Timestamp, 0.96),
        (SemanticTypes.Date, Kind.Date, 0.95),
        (SemanticTypes.CurrencyAmount, Kind.CurrencyAmount, 0.95),
        (SemanticTypes.Percentage, Kind.Percentage, 0.95),
        (SemanticTypes.CurrencyCode, Kind.CurrencyCode, 0.92),
        (SemanticTypes.Boolean, Kind.Boolean, 0.90),
        (SemanticTypes.CountryCode, Kind.CountryCode, 0.88),
        (SemanticTypes.Phone, Kind.Phone, 0.88),
        (SemanticTypes.Latitude, Kind.Latitude, 0.85),
        (SemanticTypes.Longitude, Kind.Longitude, 0.85),
        (SemanticTypes.PostalCode, Kind.PostalCode, 0.80),
    ];

    /// <summary>Values looked at before a type that is failing badly is given up (the sample is uniform, so they are a random subset).</summary>
    private const int Probe = 32;

    /// <summary>Classifies one column.</summary>
    public static SemanticTypeResult Classify(ColumnSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return ClassifyCore(sample);
    }

    private static SemanticTypeResult ClassifyCore(ColumnSample sample)
    {
        var values = new List<string>(sample.Values.Count);
        foreach (var v in sample.Values)
        {
            if (!string.IsNullOrWhiteSpace(v))
                values.Add(v);
        }
        if (values.Count == 0)
            return new SemanticTypeResult(SemanticTypes.Unknown, 0, 0, [], false, ["no non-empty values"]);

        var hints = HintsFor(sample.Name);
        var context = new Context(sample, values, hints);
        string? best = null;
        double bestConfidence = 0, bestShare = 0;
        List<string>? bestExamples = null;
        string? runnerUp = null;
        double runnerUpConfidence = 0;
        foreach (var (type, kind, specificity) in PatternTypes)
        {
            var hinted = hints.Hints(type);
            if (!Applies(type, sample.Type, hinted))
                continue;
            var min = hinted ? MinShareHinted : MinShare;
            var examples = new List<string>(MaxExamples);
            var share = Share(kind, context, hinted, min, examples);
            if (share < min)
                continue;
            var typeSpecificity = type switch
            {
                // Bare numbers are amounts or percentages only by their header: less specific than "$1,234.50" or "12 %".
                SemanticTypes.CurrencyAmount when !context.SymbolAmounts => 0.80,
                SemanticTypes.Percentage when !context.PercentSigns => 0.80,
                _ => specificity,
            };
            var confidence = Confidence(share, typeSpecificity, hinted, hints, type);
            if (confidence > bestConfidence)
            {
                (runnerUp, runnerUpConfidence) = (best, bestConfidence);
                (best, bestConfidence, bestShare, bestExamples) = (type, confidence, share, examples);
            }
            else if (confidence > runnerUpConfidence)
                (runnerUp, runnerUpConfidence) = (type, confidence);
        }

        if (best is not null)
            return Result(best, bestConfidence, bestShare, bestExamples!, context, runnerUp, runnerUpConfidence);
        return Fallback(context);
    }

    /// <summary>The documented confidence formula.</summary>
    private static double Confidence(double share, double specificity, bool hinted, HeaderHints hints, string type)
    {
        var c = share * specificity;
        if (hinted)
            c += HintBonus;
        else if (HintsOtherSpecificType(hints, type))
            c -= HintBonus;
        return Math.Round(Math.Clamp(c, 0, 1), 3);
    }

    private static bool HintsOtherSpecificType(HeaderHints hints, string type)
    {
        foreach (var t in hints.Types)
        {
            if (t != type && t is not (SemanticTypes.Identifier or SemanticTypes.Categorical) && !(IsDateLike(t) && IsDateLike(type))
                && !(t is SemanticTypes.IPv4 or SemanticTypes.IPv6 && type is SemanticTypes.IPv4 or SemanticTypes.IPv6))
                return true;
        }
        return false;
    }

    private static bool IsDateLike(string t) => t is SemanticTypes.Date or SemanticTypes.Timestamp;

    /// <summary>Types a column's data type rules out, and types that are only ever taken on a header's word.</summary>
    private static bool Applies(string type, DataType dataType, bool hinted) => (type, dataType.Kind) switch
    {
        (SemanticTypes.Date, TypeKind.Date) or (SemanticTypes.Timestamp, TypeKind.Timestamp) or (SemanticTypes.Boolean, TypeKind.Boolean) => true,
        (_, TypeKind.Date or TypeKind.Timestamp or TypeKind.Boolean) => false,
        (SemanticTypes.Latitude or SemanticTypes.Longitude, _) => hinted,
        (SemanticTypes.Date or SemanticTypes.Timestamp, TypeKind.Double or TypeKind.Decimal) => false,
        _ => true,
    };

    /// <summary>
    /// The share of values conforming to <paramref name="kind"/>, collecting a few that do not. Gives up (returning 0)
    /// once the bar is out of reach, or when more than twice the allowed failures show in the first <see cref="Probe"/> values.
    /// </summary>
    private static double Share(Kind kind, Context context, bool hinted, double min, List<string> examples)
    {
        if (kind is Kind.Date or Kind.Timestamp)
        {
            var dates = context.Dates(kind == Kind.Timestamp ? SemanticTypes.Timestamp : SemanticTypes.Date);
            examples.AddRange(dates.Failures);
            return dates.Share;
        }
        if (kind == Kind.Boolean)
        {
            examples.AddRange(context.BooleanFailures());
            return context.BooleanShare();
        }
        var values = context.Values;
        var maxFailures = (int)Math.Floor(values.Count * (1 - min));
        var probeFailures = (int)(Probe * (1 - min) * 2);
        var failures = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (Conforms(kind, values[i].AsSpan().Trim(), hinted, context))
                continue;
            if (++failures > maxFailures || i < Probe && failures > probeFailures)
                return 0;
            if (examples.Count < MaxExamples && !examples.Contains(values[i]))
                examples.Add(values[i]);
        }
        return 1 - failures / (double)values.Count;
    }

    /// <summary>Whether one value conforms to a pattern type.</summary>
    private static bool Conforms(Kind kind, ReadOnlySpan<char> v, bool hinted, Context context)
    {
        switch (kind)
        {
            case Kind.Email: return SemanticValidators.IsEmail(v);
            case Kind.Url: return SemanticValidators.IsUrl(v);
            case Kind.Phone: return SemanticValidators.IsPhone(v, hinted);
            case Kind.IPv4: return SemanticValidators.IsIPv4(v);
            case Kind.IPv6: return SemanticValidators.IsIPv6(v) && !SemanticValidators.IsIPv4(v);
            case Kind.Uuid: return SemanticValidators.IsUuid(v);
            case Kind.CreditCard: return SemanticValidators.IsCreditCard(v);
            case Kind.Iban: return SemanticValidators.IsIban(v);
            case Kind.Isbn: return SemanticValidators.IsIsbn(v);
            case Kind.PostalCode: return SemanticValidators.IsPostalCode(v, hinted);
            case Kind.CountryCode:
                // Lower-case two-letter words ("de", "it", "no") are too common to count without a hint.
                return (hinted || IsUpper(v)) && (ReferenceData.IsCountryAlpha2(v) || ReferenceData.IsCountryAlpha3(v));
            case Kind.CurrencyCode: return ReferenceData.IsCurrencyCode(hinted ? Upper(v, stackalloc char[3]) : v);
            case Kind.CurrencyAmount:
                if (SemanticValidators.IsCurrencyAmount(v))
                {
                    context.SymbolAmounts = true;
                    return true;
                }
                return hinted && SemanticValidators.TryParsePlainNumber(v, out _, out var decimals) && decimals <= 4;
            case Kind.Percentage:
                if (SemanticValidators.IsPercentText(v))
                {
                    context.PercentSigns = true;
                    return true;
                }
                return hinted && SemanticValidators.TryParsePlainNumber(v, out var p, out _) && p is >= -100 and <= 100;
            case Kind.Latitude: return SemanticValidators.TryParsePlainNumber(v, out var lat, out var latDecimals) && lat is >= -90 and <= 90 && latDecimals >= 1;
            case Kind.Longitude: return SemanticValidators.TryParsePlainNumber(v, out var lon, out var lonDecimals) && lon is >= -180 and <= 180 && lonDecimals >= 1;
            default: return false;
        }
    }

    private static bool IsUpper(ReadOnlySpan<char> v) => !v.ContainsAnyInRange('a', 'z');

    private static ReadOnlySpan<char> Upper(ReadOnlySpan<char> v, Span<char> buffer)
    {
        if (v.Length != 3)
            return v;
        v.ToUpperInvariant(buffer);
        return buffer;
    }

    /// <summary>Builds the result of a pattern type: evidence, non-conforming examples, PII.</summary>
    private static SemanticTypeResult Result(string type, double confidence, double share, List<string> examples, Context context, string? runnerUp, double runnerUpConfidence)
    {
        var evidence = new List<string>
        {
            $"{Percent(share)} of {context.Values.Count.ToString("N0", Inv)} sampled values {Describe(type)}",
        };
        AddHintEvidence(evidence, context, type);
        if (type is SemanticTypes.Date or SemanticTypes.Timestamp)
            evidence.AddRange(context.Dates(type).Notes);
        else if (type == SemanticTypes.Boolean)
            evidence.Add("values: " + string.Join(", ", context.BooleanVocabulary()));
        if (type == SemanticTypes.CurrencyAmount && !context.SymbolAmounts)
            evidence.Add("plain numbers taken for amounts on the header's word");
        if (type == SemanticTypes.Percentage && !context.PercentSigns)
            evidence.Add("plain numbers taken for percentages on the header's word");
        if (runnerUp is not null)
            evidence.Add($"also fits {runnerUp} ({runnerUpConfidence.ToString("0.00", Inv)})");
        var pii = SemanticTypes.Pii.Contains(type) || IsDateLike(type) && context.Hints.BirthDate;
        if (IsDateLike(type) && context.Hints.BirthDate)
            evidence.Add("header names a birth date: personal data");
        if (type == SemanticTypes.PostalCode)
            evidence.Add("postal codes are quasi-identifiers: personal data with other columns");
        return new SemanticTypeResult(type, confidence, Math.Round(share, 4), examples, pii, evidence);
    }

    private static void AddHintEvidence(List<string> evidence, Context context, string type)
    {
        if (context.Hints.Hints(type))
            evidence.Add($"header '{context.Sample.Name}' suggests {type} (+{HintBonus.ToString("0.00", Inv)})");
        else if (context.Hints.Types.Count > 0 && HintsOtherSpecificType(context.Hints, type))
            evidence.Add($"header '{context.Sample.Name}' suggests {string.Join("/", context.Hints.Types.Order(StringComparer.Ordinal))}, not {type} (−{HintBonus.ToString("0.00", Inv)})");
    }

    private static string Describe(string type) => type switch
    {
        SemanticTypes.Email => "are e-mail addresses",
        SemanticTypes.Url => "are web addresses",
        SemanticTypes.Phone => "are phone numbers",
        SemanticTypes.IPv4 => "are IPv4 addresses",
        SemanticTypes.IPv6 => "are IPv6 addresses",
        SemanticTypes.Uuid => "are UUIDs",
        SemanticTypes.CreditCard => "are card numbers with a valid issuer prefix and Luhn check digit",
        SemanticTypes.Iban => "are IBANs with the country's length and a valid mod-97 checksum",
        SemanticTypes.Isbn => "are ISBN-10/13 with a valid check digit",
        SemanticTypes.PostalCode => "are postal codes",
        SemanticTypes.CountryCode => "are ISO 3166 country codes",
        SemanticTypes.CurrencyCode => "are ISO 4217 currency codes",
        SemanticTypes.CurrencyAmount => "are money amounts",
        SemanticTypes.Percentage => "are percentages",
        SemanticTypes.Boolean => "are yes/no values",
        SemanticTypes.Latitude => "are latitudes (−90..90)",
        SemanticTypes.Longitude => "are longitudes (−180..180)",
        SemanticTypes.Date => "are dates",
        SemanticTypes.Timestamp => "are timestamps",
        SemanticTypes.PersonName => "look like person names",
        SemanticTypes.FreeText => "are free text",
        SemanticTypes.Identifier => "are unique codes",
        SemanticTypes.Categorical => "fall in few categories",
        _ => "conform",
    };

    internal static string Percent(double share) => (share * 100).ToString(share is > 0.999 or < 0.001 ? "0" : "0.0", Inv) + "%";
}
