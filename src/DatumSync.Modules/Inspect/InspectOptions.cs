using DatumSync.Data.Formats;

namespace DatumSync.Modules.Inspect;

/// <summary>Options of the inspect module.</summary>
public sealed record InspectOptions
{
    /// <summary>How to read the input.</summary>
    public ReadOptions Read { get; init; } = new();

    /// <summary>Rows to show as a preview.</summary>
    public int PreviewRows { get; init; } = 10;
}
