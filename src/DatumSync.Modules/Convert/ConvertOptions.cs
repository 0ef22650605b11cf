using DatumSync.Data.Formats;

namespace DatumSync.Modules.Convert;

/// <summary>Options of the convert module.</summary>
public sealed record ConvertOptions
{
    /// <summary>How to read the input.</summary>
    public ReadOptions Read { get; init; } = new();

    /// <summary>How to write the output (format, delimiter, format-specific settings).</summary>
    public WriteOptions Write { get; init; } = new();
}
