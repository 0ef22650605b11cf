namespace DatumSync.Modules;

/// <summary>Every module the worker can run, by name.</summary>
public static class ModuleCatalog
{
    private static readonly Dictionary<string, IModule> Modules = new(StringComparer.OrdinalIgnoreCase);

    static ModuleCatalog()
    {
        Add(new Inspect.InspectJobModule());
        Add(new Convert.ConvertJobModule());
        Add(new Diagnostics.NoopJobModule());
        Add(new Detect.DetectJobModule());
    }

    /// <summary>All modules, sorted by name.</summary>
    public static IReadOnlyList<IModule> All => [.. Modules.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];

    /// <summary>The module called <paramref name="name"/>, or <c>null</c>.</summary>
    public static IModule? Find(string name) => Modules.GetValueOrDefault(name);

    private static void Add(IModule module) => Modules.Add(module.Name, module);
}
