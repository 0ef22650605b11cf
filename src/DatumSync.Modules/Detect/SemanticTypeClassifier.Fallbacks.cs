using DatumSync.Data;

namespace DatumSync.Modules.Detect;

public static partial class SemanticTypeClassifier
{
    /// <summary>
    /// When no pattern type reaches its bar: person name (name lists), free text (long, many words), identifier
    /// (unique short tokens) or categorical (few distinct values), in that order; else unknown.
    /// </summary>
    private static SemanticTypeResult Fallback(Context context)
    {
        var values = context.Values;
        var hints = context.Hints;
        var n = values.Count;
        var kind = context.Sample.Type.Kind;

        if (kind == TypeKind.String)
        {
            var nameShare = PersonNameShare(values, hints.Hints(SemanticTypes.PersonName), out var nameExamples);
            var nameBar = hints.Hints(SemanticTypes.PersonName) ? 0.5 : 0.7;
            if (nameShare >= nameBar)
            {
                var evidence = new List<string>
                {
                    $"{Percent(nameShare)} of {n.ToString("N0", Inv)} sampled values look like person names (capitalised words, at least half of them in the given/family name lists)",
                };
                AddHintEvidence(evidence, context, SemanticTypes.PersonName);
                return new SemanticTypeResult(SemanticTypes.PersonName, Confidence(nameShare, 0.9, hints.Hints(SemanticTypes.PersonName), hints, SemanticTypes.PersonName),
                    Math.Round(nameShare, 4), nameExamples, true, evidence);
            }

            var textShare = FreeTextShare(values, out var averageLength, out var textExamples);
            if (averageLength >= 25 && textShare >= (hints.Hints(SemanticTypes.FreeText) ? 0.4 : 0.6))
            {
                var evidence = new List<string>
                {
                    $"{Percent(textShare)} of {n.ToString("N0", Inv)} sampled values have four or more words; average length {averageLength.ToString("0", Inv)} characters",
                };
                AddHintEvidence(evidence, context, SemanticTypes.FreeText);
                return new SemanticTypeResult(SemanticTypes.FreeText, Confidence(textShare, 0.9, hints.Hints(SemanticTypes.FreeText), hints, SemanticTypes.FreeText),
                    Math.Round(textShare, 4), textExamples, false, evidence);
            }
        }

        // Cardinality: of the whole column when the caller counted it, else of the sample.
        var sampleDistinct = values.Distinct(StringComparer.Ordinal).Count();
        var nonNull = context.Sample.Count - context.Sample.Nulls;
        double distinct, population;
        if (context.Sample.Distinct is { } d && nonNull > 0)
            (distinct, population) = (Math.Min(d, nonNull), nonNull);
        else
            (distinct, population) = (sampleDistinct, n);
        var uniqueness = distinct / population;
        var distinctText = $"{distinct.ToString("N0", Inv)} distinct of {population.ToString("N0", Inv)} non-null values";

        if (IdentifierShape(values, kind, out var shapeShare, out var leadingZeros, out var minLength, out var maxLength, out var idExamples)
            && (uniqueness >= 0.95 || hints.Hints(SemanticTypes.Identifier) && uniqueness >= 0.5)
            && (population >= 20 || hints.Hints(SemanticTypes.Identifier)))
        {
            var evidence = new List<string> { $"{distinctText} ({Percent(uniqueness)} unique)", $"{Percent(shapeShare)} are single tokens of {minLength}–{maxLength} characters" };
            if (leadingZeros > 0)
                evidence.Add($"{leadingZeros} sampled values have leading zeros: keep as text");
            AddHintEvidence(evidence, context, SemanticTypes.Identifier);
            var confidence = Math.Round(Math.Clamp(Math.Min(uniqueness, shapeShare) * 0.85 + (hints.Hints(SemanticTypes.Identifier) ? HintBonus : 0), 0, 1), 3);
            return new SemanticTypeResult(SemanticTypes.Identifier, confidence, Math.Round(shapeShare, 4), idExamples, false, evidence);
        }

        var ratio = distinct / population;
        var categoricalHint = hints.Hints(SemanticTypes.Categorical);
        if (distinct <= 100 && population >= 10 && (ratio <= 0.2 || categoricalHint && ratio <= 0.5) && kind is not (TypeKind.Double or TypeKind.Decimal) || kind == TypeKind.Boolean)
        {
            var top = values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5)
                .Select(g => $"{g.Key} ({Percent(g.Count() / (double)n)})");
            var evidence = new List<string> { $"{distinctText} (ratio {ratio.ToString("0.000", Inv)})", "most frequent: " + string.Join(", ", top) };
            AddHintEvidence(evidence, context, SemanticTypes.Categorical);
            var confidence = Math.Round(Math.Clamp(0.6 + 0.3 * (1 - Math.Min(1, ratio / 0.2)) + (categoricalHint ? HintBonus : 0), 0, 1), 3);
            return new SemanticTypeResult(SemanticTypes.Categorical, confidence, 1, [], false, evidence);
        }

        return new SemanticTypeResult(SemanticTypes.Unknown, 0, 0, [], false,
            [$"no semantic type reached its bar ({context.Sample.Type} values, {distinctText})"]);
    }

    /// <summary>
    /// Share of values shaped like a person's name: 1–4 capitalised words (particles allowed), at least half of them
    /// (and at least one) in the given-name or family-name lists. <c>Last, First</c> is read as two words.
    /// </summary>
    private static double PersonNameShare(List<string> values, bool hinted, out List<string> examples)
    {
        examples = [];
        var ok = 0;
        var maxFailures = (int)(values.Count * (1 - (hinted ? 0.5 : 0.7)));
        var failures = 0;
        foreach (var raw in values)
        {
            if (LooksLikeName(raw.AsSpan().Trim()))
                ok++;
            else
            {
                if (examples.Count < MaxExamples && !examples.Contains(raw))
                    examples.Add(raw);
                if (++failures > maxFailures)
                    return 0;
            }
        }
        return ok / (double)values.Count;
    }

    private static bool LooksLikeName(ReadOnlySpan<char> v)
    {
        if (v.Length is < 2 or > 60)
            return false;
        int words = 0, known = 0, counted = 0;
        foreach (var range in v.SplitAny(' ', ','))
        {
            var word = v[range].Trim('.');
            if (word.IsEmpty)
                continue;
            if (++words > 4)
                return false;
            foreach (var c in word)
            {
                if (!char.IsLetter(c) && c is not ('-' or '\'' or '’' or '.'))
                    return false;
            }
            if (ReferenceData.IsParticle(word))
                continue;
            if (!char.IsUpper(word[0]))
                return false;
            counted++;
            if (IsKnownName(word))
                known++;
            else if (word.IndexOf('-') is > 0 and var dash && (IsKnownName(word[..dash]) || IsKnownName(word[(dash + 1)..])))
                known++;
        }
        return known > 0 && known * 2 >= counted;
    }

    private static bool IsKnownName(ReadOnlySpan<char> word) => ReferenceData.IsFirstName(word) || ReferenceData.IsSurname(word);

    /// <summary>Share of values with four or more words; the average length.</summary>
    private static double FreeTextShare(List<string> values, out double averageLength, out List<string> examples)
    {
        examples = [];
        long length = 0;
        var ok = 0;
        foreach (var v in values)
        {
            length += v.Length;
            var words = 0;
            var inWord = false;
            foreach (var c in v)
            {
                var letter = !char.IsWhiteSpace(c);
                if (letter && !inWord)
                    words++;
                inWord = letter;
            }
            if (words >= 4)
                ok++;
            else if (examples.Count < MaxExamples && !examples.Contains(v))
                examples.Add(v);
        }
        averageLength = length / (double)values.Count;
        return ok / (double)values.Count;
    }

    /// <summary>Whether the values are code-like tokens (no spaces, at most 64 characters, not decimal numbers).</summary>
    private static bool IdentifierShape(List<string> values, TypeKind kind, out double share, out int leadingZeros, out int minLength, out int maxLength, out List<string> examples)
    {
        examples = [];
        leadingZeros = 0;
        minLength = int.MaxValue;
        maxLength = 0;
        share = 0;
        if (kind is TypeKind.Double or TypeKind.Decimal or TypeKind.Boolean or TypeKind.Date or TypeKind.Timestamp)
            return false;
        var ok = 0;
        foreach (var raw in values)
        {
            var v = raw.AsSpan().Trim();
            var good = v.Length is > 0 and <= 64 && !v.ContainsAny(' ', '\t') && !(v.Contains('.') && SemanticValidators.TryParsePlainNumber(v, out _, out _));
            if (good)
            {
                ok++;
                minLength = Math.Min(minLength, v.Length);
                maxLength = Math.Max(maxLength, v.Length);
                if (v.Length > 1 && v[0] == '0' && SemanticValidators.AllDigits(v))
                    leadingZeros++;
            }
            else if (examples.Count < MaxExamples && !examples.Contains(raw))
                examples.Add(raw);
        }
        share = ok / (double)values.Count;
        return share >= 0.95;
    }
}
