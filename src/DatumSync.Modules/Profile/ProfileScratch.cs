namespace DatumSync.Modules.Profile;

/// <summary>Per-worker buffers reused from batch to batch (no allocation per batch on the hot path).</summary>
public sealed class ProfileScratch
{
    private double[] _doubles = [];

    /// <summary>A buffer of at least <paramref name="length"/> doubles.</summary>
    public double[] Doubles(int length)
    {
        if (_doubles.Length < length)
            _doubles = new double[length];
        return _doubles;
    }
}
