using System.Globalization;
using DatumSync.Data;

namespace DatumSync.Modules.Detect.Rules;

/// <summary>
/// Scores a file against every dataset type of a rules file.
/// </summary>
/// <remarks>
/// Per type, each role is filled by one column (or, for a <c>multiple</c> role, every column whose name matches), in
/// three passes: exact name or alias (strict, credit 1.0), then name pattern (0.8), then — for roles still empty that
/// expect types — a column of the expected semantic or data type (0.6). A name match whose column has the wrong type
/// keeps 0.75 of its credit. Required roles weigh 2, optional roles 1 when found and 0.25 when missing (a file need not
/// have every optional column, but one that has them is a better fit); every heuristic weighs 0.4 and earns it when
/// it passes. The score is <c>100 × (Σ weight × credit + Σ 0.4 × passed) / (Σ weight + 0.4 × heuristics)</c>, reported
/// split by the strategy that earned each part. A required role that is missing, or found by its type alone, caps the
/// score at 69.9 (below medium): the columns that define a type must be named for detect to be sure. So a file whose
/// columns carry the exact names scores near 100, one found by patterns near 80, by types alone at most 69.9.
/// </remarks>
public static class DatasetTypeScorer
{
    private const double Strict = 1.0;
    private const double Pattern = 0.8;
    private const double TypeOnly = 0.6;
    private const double HeuristicWeight = 0.4;
    private const double WrongTypeFactor = 0.75;
    private const double MissingRequiredCap = 69.9;
    private const double MissingOptionalWeight = 0.25;
    private const double CloseCall = 5;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The level of a score: high ≥ 90, medium 70–89, low 50–69, very_low below.</summary>
    public static string Level(double score) => score >= 90 ? "high" : score >= 70 ? "medium" : score >= 50 ? "low" : "very_low";

    /// <summary>Scores every type and decides.</summary>
    public static DatasetTypeVerdict Score(IReadOnlyList<ColumnFacts> columns, long rows, DatasetRules rules)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rules);
        var normalized = columns.Select(c => NamePattern.Normalize(c.Name)).ToArray();
        var candidates = rules.Types.Select(t => ScoreType(t, columns, normalized, rows))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Type, StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
            return new DatasetTypeVerdict(null, 0, "very_low", true, "the rules define no dataset type: choose one manually", []);
        var rulesByName = rules.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var best = candidates[0];
        var level = Level(best.Score);
        var runnerUp = candidates.Count > 1 ? candidates[1] : null;
        var close = runnerUp is not null && best.Score - runnerUp.Score < CloseCall && best.Score >= 70;
        var manual = level is "low" or "very_low" || close;
        var why = best.MissingColumns.Any(m => m.Required)
            ? $"; missing required {string.Join(", ", best.MissingColumns.Where(m => m.Required).Select(m => m.Role))}"
            : best.MatchedColumns.FirstOrDefault(m => m.Strategy == "data_type" && IsRequired(rulesByName[best.Type], m.Role)) is { } weak
                ? $"; required {weak.Role} found only by its type (column '{weak.Column}')"
                : "";
        var message = close
            ? $"ambiguous: {best.Type} ({F(best.Score)}%) and {runnerUp!.Type} ({F(runnerUp.Score)}%) fit almost equally: choose manually"
            : manual
                ? $"no type fits well enough: best is {best.Type} at {F(best.Score)}% ({level}){why}: choose manually"
                : $"{best.Type} ({F(best.Score)}%, {level}): {best.MatchedColumns.Count} of {best.MatchedColumns.Count + best.MissingColumns.Count} column roles found";
        return new DatasetTypeVerdict(best.Type, best.Score, level, manual, message, candidates);
    }

    private static bool IsRequired(DatasetTypeRule type, string role) => type.Columns.Any(c => c.Role == role && c.Required);

    private static string F(double v) => v.ToString("0.#", Inv);

    private static DatasetTypeCandidate ScoreType(DatasetTypeRule type, IReadOnlyList<ColumnFacts> columns, string[] normalized, long rows)
    {
        var assigned = new int[type.Columns.Count];
        Array.Fill(assigned, -1);
        var strategy = new string[type.Columns.Count];
        var taken = new bool[columns.Count];
        var more = new List<(int Column, string How)>?[type.Columns.Count];

        // Pass 1: exact names and aliases (with and without the underscores: "customerid" is "customer_id").
        for (var r = 0; r < type.Columns.Count; r++)
        {
            var role = type.Columns[r];
            for (var c = 0; c < columns.Count && (assigned[r] < 0 || role.Multiple); c++)
            {
                if (!taken[c] && role.ExactNames.Any(n => n == normalized[c] || Squash(n) == Squash(normalized[c])))
                    Take(r, c, "strict_name");
            }
        }
        // Pass 2: name patterns.
        for (var r = 0; r < type.Columns.Count; r++)
        {
            var role = type.Columns[r];
            for (var c = 0; c < columns.Count && (assigned[r] < 0 || role.Multiple); c++)
            {
                if (!taken[c] && role.Patterns.Any(p => p.Matches(normalized[c])))
                    Take(r, c, "name_pattern");
            }
        }
        // Pass 3: types alone, required roles first; a semantic match beats a data-type match.
        foreach (var r in Enumerable.Range(0, type.Columns.Count).OrderByDescending(i => type.Columns[i].Required))
        {
            var role = type.Columns[r];
            if (assigned[r] >= 0 || !role.HasTypeExpectation)
                continue;
            var bySemantic = Enumerable.Range(0, columns.Count).FirstOrDefault(c => !taken[c] && role.SemanticTypes.Contains(columns[c].SemanticType), -1);
            var pick = bySemantic >= 0 || role.SemanticTypes.Count > 0
                ? bySemantic
                : Enumerable.Range(0, columns.Count).FirstOrDefault(c => !taken[c] && DataTypeMatches(role.DataTypes, columns[c].Type), -1);
            if (pick >= 0)
                Take(r, pick, "data_type");
        }

        var weakRequired = false;
        double denominator = 0, strictPoints = 0, patternPoints = 0, typePoints = 0, heuristicPoints = 0;
        var matched = new List<RoleMatch>();
        var missing = new List<MissingRole>();
        for (var r = 0; r < type.Columns.Count; r++)
        {
            var role = type.Columns[r];
            if (assigned[r] < 0)
            {
                denominator += role.Required ? 2 : MissingOptionalWeight;
                missing.Add(new MissingRole(role.Role, role.Required));
                continue;
            }
            var weight = role.Required ? 2 : 1;
            denominator += weight;
            if (role.Required && strategy[r] == "data_type")
                weakRequired = true;
            var column = columns[assigned[r]];
            var agrees = TypeAgrees(role, column);
            var credit = strategy[r] switch { "strict_name" => Strict, "name_pattern" => Pattern, _ => TypeOnly } * (agrees ? 1 : WrongTypeFactor);
            switch (strategy[r])
            {
                case "strict_name": strictPoints += weight * credit; break;
                case "name_pattern": patternPoints += weight * credit; break;
                default: typePoints += weight * credit; break;
            }
            matched.Add(new RoleMatch(role.Role, column.Name, strategy[r], agrees));
            foreach (var extra in more[r] ?? [])
                matched.Add(new RoleMatch(role.Role, columns[extra.Column].Name, extra.How, TypeAgrees(role, columns[extra.Column])));
        }

        var heuristics = type.Heuristics.ToList();
        if (!heuristics.Any(h => h.Kind == "columns_explained"))
            heuristics.Add(new HeuristicRule("columns_explained", null, 0.5, null));
        var outcomes = new List<HeuristicOutcome>();
        foreach (var h in heuristics)
        {
            denominator += HeuristicWeight;
            var roleIndex = h.Role is null ? -1 : type.Columns.ToList().FindIndex(c => string.Equals(c.Role, h.Role, StringComparison.OrdinalIgnoreCase));
            var column = roleIndex >= 0 && assigned[roleIndex] >= 0 ? columns[assigned[roleIndex]] : null;
            var (passed, detail) = Check(h, column, rows, taken.Count(t => t), columns.Count);
            if (passed)
                heuristicPoints += HeuristicWeight;
            outcomes.Add(new HeuristicOutcome(h.Kind, h.Role, passed, detail));
        }

        var scale = 100 / denominator;
        var strategies = new StrategyScores(Round(strictPoints * scale), Round(patternPoints * scale), Round(typePoints * scale), Round(heuristicPoints * scale));
        var score = Round((strictPoints + patternPoints + typePoints + heuristicPoints) * scale);
        if (missing.Any(m => m.Required) || weakRequired)
            score = Math.Min(score, MissingRequiredCap);
        return new DatasetTypeCandidate(type.Name, score, Level(score), strategies, matched, missing, outcomes);

        void Take(int r, int c, string how)
        {
            taken[c] = true;
            if (assigned[r] >= 0)
            {
                // A further column of a multiple role: it is explained, the role's credit stays that of the first.
                (more[r] ??= []).Add((c, how));
                return;
            }
            assigned[r] = c;
            strategy[r] = how;
        }
    }

    private static string Squash(string s) => s.Replace("_", "", StringComparison.Ordinal);

    private static double Round(double v) => Math.Round(v, 1);

    private static bool TypeAgrees(ColumnRule role, ColumnFacts column) =>
        !role.HasTypeExpectation
        || role.SemanticTypes.Contains(column.SemanticType)
        || DataTypeMatches(role.DataTypes, column.Type);

    private static bool DataTypeMatches(IReadOnlyList<string> expected, DataType type)
    {
        foreach (var e in expected)
        {
            var ok = e switch
            {
                "numeric" => type.Kind is TypeKind.Int64 or TypeKind.Double or TypeKind.Decimal,
                "temporal" => type.Kind is TypeKind.Date or TypeKind.Timestamp,
                "string" => type.Kind == TypeKind.String,
                "int64" => type.Kind == TypeKind.Int64,
                "double" => type.Kind == TypeKind.Double,
                "decimal" => type.Kind == TypeKind.Decimal,
                "boolean" => type.Kind == TypeKind.Boolean,
                "date" => type.Kind == TypeKind.Date,
                "timestamp" => type.Kind == TypeKind.Timestamp,
                _ => false,
            };
            if (ok)
                return true;
        }
        return false;
    }

    private static (bool Passed, string Detail) Check(HeuristicRule h, ColumnFacts? column, long rows, int matchedRoles, int fileColumns)
    {
        string Range() => (h.Min, h.Max) switch
        {
            ({ } a, { } b) => $"{a.ToString(Inv)}..{b.ToString(Inv)}",
            ({ } a, null) => $"≥ {a.ToString(Inv)}",
            (null, { } b) => $"≤ {b.ToString(Inv)}",
            _ => "any",
        };
        switch (h.Kind)
        {
            case "row_count":
                var ok = (h.Min is null || rows >= h.Min) && (h.Max is null || rows <= h.Max);
                return (ok, $"{rows.ToString("N0", Inv)} rows, expected {Range()}");
            case "columns_explained":
                var share = fileColumns == 0 ? 0 : matchedRoles / (double)fileColumns;
                return (share >= (h.Min ?? 0.5) && (h.Max is null || share <= h.Max), $"{matchedRoles} of {fileColumns} file columns fill a role, expected share {Range()}");
        }
        if (column is null)
            return (false, $"role '{h.Role}' not found");
        switch (h.Kind)
        {
            case "unique":
                return (column.IsUnique, $"'{column.Name}': {column.Distinct.ToString("N0", Inv)} distinct of {(column.Count - column.Nulls).ToString("N0", Inv)} non-null values{(column.DistinctIsExact ? "" : " (estimated)")}");
            case "foreign_key":
                var idLike = column.SemanticType is SemanticTypes.Identifier or SemanticTypes.Uuid or SemanticTypes.Categorical || column.Type.Kind is TypeKind.Int64 or TypeKind.String;
                var repeats = !column.IsUnique;
                return (idLike && repeats, $"'{column.Name}' {(idLike ? "is id-like" : "is not id-like")} and {(repeats ? "repeats (refers to another table)" : "never repeats")}");
            case "monotonic":
                var ordered = column.Min is not null && column.NonDecreasing && column.Max > column.Min;
                return (ordered, $"'{column.Name}' {(column.Min is null ? "is not numeric or temporal" : ordered ? "never decreases in file order" : "is not in increasing order")}");
            case "range":
                if (column.Min is not { } min || column.Max is not { } max)
                    return (false, $"'{column.Name}' is not numeric");
                var inRange = (h.Min is null || min >= h.Min) && (h.Max is null || max <= h.Max);
                return (inRange, $"'{column.Name}' spans {min.ToString("G6", Inv)}..{max.ToString("G6", Inv)}, expected {Range()}");
            default:
                return (false, "unknown heuristic");
        }
    }
}
