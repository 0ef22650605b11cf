namespace DatumSync.Platform.Tests.Support;

/// <summary>A clock that moves only when told (Microsoft.Extensions.TimeProvider.Testing is not on our package mirror).
/// Only <see cref="GetUtcNow"/> is faked: the catalog reads time, it never waits on it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public ManualClock() : this(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
