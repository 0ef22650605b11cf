using System.Buffers;

namespace DatumSync.Platform.Storage;

/// <summary>
/// The shape every object key must have, checked by every store before a key touches disk or the network:
/// relative, '/'-separated segments of <c>[A-Za-z0-9._-]</c>, no empty, <c>.</c> or <c>..</c> segment, at most 1,024 characters.
/// </summary>
public static class ObjectKeys
{
    private static readonly SearchValues<char> Allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>The key of an upload with the given lower-case hex SHA-256: <c>uploads/ab/cd/&lt;sha256&gt;</c>.</summary>
    public static string Upload(string sha256)
    {
        if (sha256.Length != 64 || sha256.AsSpan().ContainsAnyExcept(SearchValues.Create("0123456789abcdef")))
            throw new ArgumentException("expected a lower-case hex SHA-256", nameof(sha256));
        return $"uploads/{sha256[..2]}/{sha256[2..4]}/{sha256}";
    }

    /// <summary>The prefix under which one attempt of a job writes its outputs: <c>jobs/&lt;job&gt;/&lt;token&gt;/</c>.</summary>
    public static string AttemptPrefix(Guid jobId, Guid leaseToken) => $"jobs/{jobId:N}/{leaseToken:N}/";

    /// <summary>The prefix of everything a job ever wrote: <c>jobs/&lt;job&gt;/</c>.</summary>
    public static string JobPrefix(Guid jobId) => $"jobs/{jobId:N}/";

    /// <summary>A valid key segment spelling <paramref name="name"/>: characters outside <c>[A-Za-z0-9._-]</c> become '_'
    /// (so <c>my data.csv</c> is stored as <c>my_data.csv</c>); <c>.</c>, <c>..</c> and empty names become <c>_</c>.</summary>
    public static string SafeSegment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Length > 200 ? name[..200].ToCharArray() : name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!Allowed.Contains(chars[i]))
                chars[i] = '_';
        }
        var safe = new string(chars);
        return safe is "" or "." or ".." ? "_" : safe;
    }

    /// <summary>Whether <paramref name="key"/> is a valid object key.</summary>
    public static bool IsValid(string? key) => Problem(key) is null;

    /// <summary>Throws unless <paramref name="key"/> is valid.</summary>
    /// <exception cref="ArgumentException">The key is not a valid object key.</exception>
    public static void Validate(string? key)
    {
        if (Problem(key) is { } problem)
            throw new ArgumentException($"invalid object key '{key}': {problem}", nameof(key));
    }

    /// <summary>Throws unless <paramref name="prefix"/> is a valid key followed by '/'.</summary>
    /// <exception cref="ArgumentException">The prefix is not valid.</exception>
    public static void ValidatePrefix(string? prefix)
    {
        if (prefix is null || !prefix.EndsWith('/'))
            throw new ArgumentException($"invalid object prefix '{prefix}': must end with '/'", nameof(prefix));
        Validate(prefix[..^1]);
    }

    private static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
            return "empty";
        if (key.Length > 1024)
            return "longer than 1024 characters";
        foreach (var range in key.AsSpan().Split('/'))
        {
            var segment = key.AsSpan(range);
            if (segment.IsEmpty)
                return key[0] == '/' ? "must be relative" : "empty path segment";
            if (segment is "." or "..")
                return "'.' and '..' segments are not allowed";
            if (segment.ContainsAnyExcept(Allowed))
                return "segments may hold only letters, digits, '.', '_' and '-'";
        }
        return null;
    }
}
