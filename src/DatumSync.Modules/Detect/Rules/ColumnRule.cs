namespace DatumSync.Modules.Detect.Rules;

/// <summary>A column role of a dataset type and how to recognise it.</summary>
/// <param name="Role">The role's name (also an exact name).</param>
/// <param name="Required">Whether the type needs it (weight 2 instead of 1; missing caps the score below medium).</param>
/// <param name="ExactNames">Normalised exact names and aliases (the strict strategy).</param>
/// <param name="Patterns">Globs or regular expressions on the normalised name (the name-pattern strategy).</param>
/// <param name="SemanticTypes">Expected semantic types (the data-type strategy).</param>
/// <param name="DataTypes">Expected data types: <c>int64</c>, <c>numeric</c>, <c>temporal</c>… (the data-type strategy).</param>
/// <param name="Multiple">Whether the role takes every column whose name matches (several readings, survey questions).</param>
public sealed record ColumnRule(string Role, bool Required, IReadOnlyList<string> ExactNames, IReadOnlyList<NamePattern> Patterns,
    IReadOnlyList<string> SemanticTypes, IReadOnlyList<string> DataTypes, bool Multiple = false)
{
    /// <summary>Whether the role says anything about types.</summary>
    public bool HasTypeExpectation => SemanticTypes.Count > 0 || DataTypes.Count > 0;
}
