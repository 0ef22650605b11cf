using System.Text.Json.Serialization;

namespace DatumSync.Modules.Profile;

/// <summary>How a profile differs from a baseline profile.</summary>
public sealed record ProfileComparisonReport
{
    /// <summary>The baseline report's name.</summary>
    [JsonPropertyName("baseline")] public required string Baseline { get; init; }

    /// <summary>Rows in the baseline.</summary>
    [JsonPropertyName("baseline_rows")] public long BaselineRows { get; init; }

    /// <summary>The thresholds used.</summary>
    [JsonPropertyName("thresholds")] public required DriftThresholds Thresholds { get; init; }

    /// <summary>Columns added, removed or retyped.</summary>
    [JsonPropertyName("schema_changes")] public required IReadOnlyList<SchemaChange> SchemaChanges { get; init; }

    /// <summary>Per column present in both.</summary>
    [JsonPropertyName("columns")] public required IReadOnlyList<ColumnDrift> Columns { get; init; }

    /// <summary>Columns whose drift is moderate or significant.</summary>
    [JsonPropertyName("drifted_columns")] public int DriftedColumns { get; init; }
}

/// <summary>Drift thresholds.</summary>
/// <param name="PsiModerate">PSI from which drift is moderate.</param>
/// <param name="PsiSignificant">PSI from which drift is significant.</param>
/// <param name="PValue">A test's p-value below this means the distributions differ (moderate drift at least).</param>
public sealed record DriftThresholds(
    [property: JsonPropertyName("psi_moderate")] double PsiModerate,
    [property: JsonPropertyName("psi_significant")] double PsiSignificant,
    [property: JsonPropertyName("p_value")] double PValue)
{
    /// <summary>The usual thresholds: PSI 0.1 / 0.25, p 0.05.</summary>
    public static DriftThresholds Default { get; } = new(0.1, 0.25, 0.05);
}

/// <summary>A column added, removed or retyped.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Change"><c>added</c>, <c>removed</c> or <c>type_changed</c>.</param>
/// <param name="OldType">Type in the baseline.</param>
/// <param name="NewType">Type now.</param>
public sealed record SchemaChange(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("old_type")] string? OldType = null,
    [property: JsonPropertyName("new_type")] string? NewType = null);

/// <summary>One column's drift.</summary>
public sealed record ColumnDrift
{
    /// <summary>Column name.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>Null fraction in the baseline.</summary>
    [JsonPropertyName("null_fraction_old")] public double NullFractionOld { get; init; }

    /// <summary>Null fraction now.</summary>
    [JsonPropertyName("null_fraction_new")] public double NullFractionNew { get; init; }

    /// <summary>New minus old.</summary>
    [JsonPropertyName("null_fraction_change")] public double NullFractionChange { get; init; }

    /// <summary>Population stability index.</summary>
    [JsonPropertyName("psi")] public double? Psi { get; init; }

    /// <summary>Two-sample Kolmogorov–Smirnov statistic (numeric and temporal).</summary>
    [JsonPropertyName("ks")] public double? Ks { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("ks_p_value")] public double? KsPValue { get; init; }

    /// <summary>Chi-square statistic of homogeneity (categorical).</summary>
    [JsonPropertyName("chi_square")] public double? ChiSquare { get; init; }

    /// <summary>Its p-value.</summary>
    [JsonPropertyName("chi_square_p_value")] public double? ChiSquarePValue { get; init; }

    /// <summary><c>none</c>, <c>moderate</c> or <c>significant</c>.</summary>
    [JsonPropertyName("drift")] public required string Drift { get; init; }
}
