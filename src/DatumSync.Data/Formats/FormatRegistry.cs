namespace DatumSync.Data.Formats;

/// <summary>
/// Picks a format by name, by extension or by sniffing content. <see cref="Default"/> holds every built-in format;
/// other projects (Parquet) register theirs at start-up.
/// </summary>
public sealed class FormatRegistry
{
    private readonly List<IFileFormat> _formats = [];
    private readonly Lock _gate = new();

    /// <summary>The registry with the built-in formats.</summary>
    public static FormatRegistry Default { get; } = CreateDefault();

    /// <summary>The registered formats.</summary>
    public IReadOnlyList<IFileFormat> Formats
    {
        get
        {
            lock (_gate)
                return [.. _formats];
        }
    }

    /// <summary>Adds (or replaces, by name) a format.</summary>
    public void Register(IFileFormat format)
    {
        lock (_gate)
        {
            _formats.RemoveAll(f => f.Name == format.Name);
            _formats.Add(format);
        }
    }

    /// <summary>The format with this name or extension, or null.</summary>
    public IFileFormat? Find(string nameOrExtension)
    {
        var key = nameOrExtension.TrimStart('.').ToLowerInvariant();
        lock (_gate)
            return _formats.FirstOrDefault(f => f.Name == key) ?? _formats.FirstOrDefault(f => f.Extensions.Contains(key));
    }

    /// <summary>The format for reading <paramref name="source"/>: the explicit name, else content sniffing
    /// (magic numbers win), else the extension, else CSV.</summary>
    /// <exception cref="DataFormatException">An explicit name is unknown.</exception>
    public IFileFormat ResolveForRead(DataSource source, string? explicitFormat, ReadOnlySpan<byte> head)
    {
        if (explicitFormat is not null)
            return Find(explicitFormat) is { CanRead: true } f ? f : throw new DataFormatException(source.Name, $"unknown input format '{explicitFormat}'; expected one of {string.Join(", ", Formats.Where(x => x.CanRead).Select(x => x.Name))}");
        IFileFormat? best = null;
        var bestScore = 0;
        foreach (var f in Formats)
        {
            if (!f.CanRead)
                continue;
            var score = f.Sniff(head);
            if (score > bestScore)
            {
                best = f;
                bestScore = score;
            }
        }
        if (bestScore >= 100)
            return best!;
        if (Find(source.Extension) is { CanRead: true } byExtension && (bestScore < 60 || byExtension.Sniff(head) > 0))
            return byExtension;
        return best ?? Find("csv") ?? throw new DataFormatException(source.Name, "cannot tell the format; pass --format");
    }

    /// <summary>The format for writing to <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">Unknown or read-only format.</exception>
    public IFileFormat ResolveForWrite(string path, string? explicitFormat)
    {
        var key = explicitFormat ?? Path.GetExtension(path);
        if (string.IsNullOrEmpty(key))
            throw new DataFormatException(path, "cannot tell the output format from the file name; pass --to");
        var f = Find(key);
        if (f is null || !f.CanWrite)
            throw new DataFormatException(path, $"cannot write format '{key.TrimStart('.')}'; expected one of {string.Join(", ", Formats.Where(x => x.CanWrite).Select(x => x.Name))}");
        return f;
    }

    private static FormatRegistry CreateDefault()
    {
        var r = new FormatRegistry();
        foreach (var f in BuiltInFormats.All())
            r.Register(f);
        return r;
    }
}
