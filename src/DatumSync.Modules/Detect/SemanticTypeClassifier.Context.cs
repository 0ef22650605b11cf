using DatumSync.Data;

namespace DatumSync.Modules.Detect;

public static partial class SemanticTypeClassifier
{
    /// <summary>Yes/no vocabularies; 0/1 only with a header hint (otherwise it is a number or a category).</summary>
    private static readonly (string Yes, string No)[] BooleanPairs =
    [
        ("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"), ("1", "0"), ("ja", "nein"), ("j", "n"), ("oui", "non"),
        ("si", "no"), ("sí", "no"), ("on", "off"), ("1.0", "0.0"),
    ];

    /// <summary>One classification: the sample, its non-empty values and what is computed once and shared by the checks.</summary>
    private sealed class Context(ColumnSample sample, List<string> values, HeaderHints hints)
    {
        private DateScan? _dates;
        private int _booleanPair = -2;
        private double _booleanShare;

        public ColumnSample Sample { get; } = sample;

        public List<string> Values { get; } = values;

        public HeaderHints Hints { get; } = hints;

        /// <summary>Some amount carries a currency symbol or code.</summary>
        public bool SymbolAmounts { get; set; }

        /// <summary>Some percentage carries a % sign.</summary>
        public bool PercentSigns { get; set; }

        /// <summary>The date scan; its share counts for <paramref name="type"/> only when the values are of that kind (with or without time).</summary>
        public DateScan Dates(string type)
        {
            _dates ??= DateScan.Run(this);
            var isTimestamp = _dates.Timestamps;
            return (type == SemanticTypes.Timestamp) == isTimestamp ? _dates : DateScan.Empty;
        }

        public double BooleanShare()
        {
            if (_booleanPair == -2)
                ScanBoolean();
            return _booleanShare;
        }

        public IEnumerable<string> BooleanVocabulary()
        {
            if (Sample.Type.Kind == TypeKind.Boolean)
                return ["true", "false"];
            var (yes, no) = BooleanPairs[_booleanPair];
            return [yes, no];
        }

        public IEnumerable<string> BooleanFailures()
        {
            if (_booleanPair == -2)
                ScanBoolean();
            if (Sample.Type.Kind == TypeKind.Boolean || _booleanShare == 0)
                return [];
            var (yes, no) = BooleanPairs[_booleanPair];
            return Values.Where(v => !Matches(v, yes) && !Matches(v, no)).Distinct().Take(MaxExamples);
        }

        private static bool Matches(string value, string word) => value.AsSpan().Trim().Equals(word, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Counts the short values once (case-insensitively), then reads each yes/no pair's coverage from the counts.
        /// Gives up early when too many values are longer than any yes/no word.
        /// </summary>
        private void ScanBoolean()
        {
            _booleanPair = 0;
            _booleanShare = 0;
            if (Sample.Type.Kind == TypeKind.Boolean)
            {
                _booleanShare = 1;
                return;
            }
            var hinted = Hints.Hints(SemanticTypes.Boolean);
            var maxLong = (int)(Values.Count * (1 - MinShareHinted));
            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
            var longValues = 0;
            foreach (var raw in Values)
            {
                var v = raw.AsSpan().Trim();
                if (v.Length > 5)
                {
                    if (++longValues > maxLong)
                        return;
                    continue;
                }
                lookup[v] = lookup.TryGetValue(v, out var n) ? n + 1 : 1;
                if (counts.Count > 64)
                    return;
            }
            var bestCount = 0;
            for (var p = 0; p < BooleanPairs.Length; p++)
            {
                var (yes, no) = BooleanPairs[p];
                if (!hinted && yes is "1" or "1.0")
                    continue;
                var yesCount = counts.GetValueOrDefault(yes);
                var count = yesCount + counts.GetValueOrDefault(no);
                // A column that is all "no" or all "n" says little; both words must appear unless the header says boolean.
                if (count > bestCount && (hinted || (yesCount > 0 && yesCount < count)))
                    (bestCount, _booleanPair) = (count, p);
            }
            _booleanShare = bestCount / (double)Values.Count;
            // A steady third answer ("maybe", "unknown") makes a category, not a yes/no: junk is scattered, a third value is not.
            var (yesWord, noWord) = BooleanPairs[_booleanPair];
            foreach (var (value, count) in counts)
            {
                if (count >= Math.Max(2, 0.05 * Values.Count) && !value.Equals(yesWord, StringComparison.OrdinalIgnoreCase) && !value.Equals(noWord, StringComparison.OrdinalIgnoreCase))
                    _booleanShare = 0;
            }
        }
    }

    /// <summary>One pass over the values as dates: the shape, the share that parse, day/month order of numeric dates.</summary>
    private sealed class DateScan
    {
        public static DateScan Empty { get; } = new();

        public double Share { get; private init; }

        public bool Timestamps { get; private init; }

        public List<string> Notes { get; } = [];

        public List<string> Failures { get; } = [];

        public static DateScan Run(Context context)
        {
            var kind = context.Sample.Type.Kind;
            if (kind is TypeKind.Date or TypeKind.Timestamp)
            {
                var typed = new DateScan { Share = 1, Timestamps = kind == TypeKind.Timestamp };
                typed.Notes.Add($"read as {context.Sample.Type} by the reader");
                return typed;
            }
            var hinted = context.Hints.Hints(SemanticTypes.Date) || context.Hints.Hints(SemanticTypes.Timestamp);
            int ok = 0, withTime = 0, firstOver12 = 0, secondOver12 = 0, numeric = 0;
            var shapes = new Dictionary<DateShape, int>();
            var separators = new HashSet<char>();
            var failures = new List<string>();
            var twoDigitYear = false;
            var probeFailures = (int)(Probe * (1 - (hinted ? MinShareHinted : MinShare)) * 2);
            var failed = 0;
            for (var i = 0; i < context.Values.Count; i++)
            {
                var raw = context.Values[i];
                var v = raw.AsSpan().Trim();
                var d = ParseDate(v, hinted);
                if (d.Shape == DateShape.None)
                {
                    if (++failed > probeFailures && i < Probe)
                        return Empty; // not dates: stop early
                    if (failures.Count < MaxExamples && !failures.Contains(raw))
                        failures.Add(raw);
                    continue;
                }
                ok++;
                shapes[d.Shape] = shapes.GetValueOrDefault(d.Shape) + 1;
                if (d.HasTime)
                    withTime++;
                if (d.Shape == DateShape.Numeric)
                {
                    numeric++;
                    separators.Add(d.Separator);
                    if (d.First > 12)
                        firstOver12++;
                    if (d.Second > 12)
                        secondOver12++;
                    var lastSep = v.LastIndexOf(d.Separator);
                    var yearPart = v[(lastSep + 1)..];
                    var space = yearPart.IndexOf(' ');
                    if ((space < 0 ? yearPart : yearPart[..space]).Length == 2)
                        twoDigitYear = true;
                }
            }
            var n = context.Values.Count;
            // Numeric dates whose day/month order contradicts the majority are failures, not dates.
            var contradicting = firstOver12 > 0 && secondOver12 > 0 ? Math.Min(firstOver12, secondOver12) : 0;
            var scan = new DateScan { Share = (ok - contradicting) / (double)n, Timestamps = withTime * 2 > ok };
            scan.Failures.AddRange(failures);
            if (ok == 0)
                return scan;
            var main = shapes.MaxBy(kv => kv.Value).Key;
            scan.Notes.Add("format " + FormatName(main, firstOver12, secondOver12, separators, twoDigitYear, scan.Timestamps));
            if (shapes.Count > 1)
                scan.Notes.Add("mixed formats: " + string.Join(", ", shapes.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
            if (numeric > 0)
            {
                if (firstOver12 > 0 && secondOver12 > 0)
                    scan.Notes.Add($"day/month order inconsistent: {firstOver12} values have the first part above 12, {secondOver12} the second");
                else if (firstOver12 > 0)
                    scan.Notes.Add($"day first: {firstOver12} of {numeric} values have a first part above 12");
                else if (secondOver12 > 0)
                    scan.Notes.Add($"month first: {secondOver12} of {numeric} values have a second part above 12");
                else
                    scan.Notes.Add("day/month order ambiguous: no value has a part above 12 (dd/MM or MM/dd); locale decides");
            }
            if (twoDigitYear)
                scan.Notes.Add("two-digit years: the century is a guess");
            return scan;
        }

        private static string FormatName(DateShape shape, int firstOver12, int secondOver12, HashSet<char> separators, bool twoDigitYear, bool time)
        {
            var t = time ? " HH:mm[:ss]" : "";
            switch (shape)
            {
                case DateShape.IsoDate: return "ISO 8601 yyyy-MM-dd";
                case DateShape.IsoTimestamp: return "ISO 8601 yyyy-MM-ddTHH:mm:ss";
                case DateShape.YearFirstSlash: return "yyyy/MM/dd" + t;
                case DateShape.MonthName: return "with month names (d MMM yyyy / MMMM d, yyyy)";
                case DateShape.Compact: return "yyyyMMdd";
                default:
                    var sep = separators.Count == 1 ? separators.First() : '/';
                    var year = twoDigitYear ? "yy" : "yyyy";
                    var order = firstOver12 > 0 && secondOver12 == 0 ? $"dd{sep}MM" : secondOver12 > 0 && firstOver12 == 0 ? $"MM{sep}dd" : $"dd{sep}MM or MM{sep}dd";
                    return $"{order}{sep}{year}{t}";
            }
        }
    }
}
