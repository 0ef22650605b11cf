namespace DatumSync.Modules;

/// <summary>How far a module has got, reported while it runs.</summary>
/// <param name="Stage">What it is doing (<c>reading</c>, <c>writing</c>).</param>
/// <param name="BytesRead">Input bytes consumed.</param>
/// <param name="TotalBytes">Input size, when known.</param>
/// <param name="Rows">Rows processed.</param>
public readonly record struct ModuleProgress(string Stage, long BytesRead, long? TotalBytes, long Rows)
{
    /// <summary>0..1 when the total is known.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Clamp(BytesRead / (double)TotalBytes.Value, 0, 1) : null;
}
