using DatumSync.Modules;

namespace DatumSync.Platform.Workers;

/// <summary>Keeps only the latest progress a module reported; the heartbeat writes it, so progress costs no extra round trips.</summary>
internal sealed class LatestProgress : IProgress<ModuleProgress>
{
    private ModuleProgress? _latest;
    private readonly Lock _lock = new();

    public void Report(ModuleProgress value)
    {
        lock (_lock)
            _latest = value;
    }

    public ModuleProgress? Latest
    {
        get
        {
            lock (_lock)
                return _latest;
        }
    }
}
