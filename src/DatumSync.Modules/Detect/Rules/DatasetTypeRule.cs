namespace DatumSync.Modules.Detect.Rules;

/// <summary>One dataset type of a rules file.</summary>
/// <param name="Name">The type's name (<c>customers</c>).</param>
/// <param name="Description">What such a dataset is.</param>
/// <param name="Columns">The column roles it has.</param>
/// <param name="Heuristics">Checks on the data (row count, key uniqueness, order, ranges).</param>
public sealed record DatasetTypeRule(string Name, string Description, IReadOnlyList<ColumnRule> Columns, IReadOnlyList<HeuristicRule> Heuristics);
