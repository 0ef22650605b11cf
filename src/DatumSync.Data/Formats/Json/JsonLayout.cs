namespace DatumSync.Data.Formats.Json;

/// <summary>How records are laid out in a JSON file.</summary>
public enum JsonLayout
{
    /// <summary>One JSON array of objects, <c>[{...},{...}]</c> (format <c>json</c>).</summary>
    Array,

    /// <summary>One object per line, <c>{...}\n{...}\n</c> (format <c>ndjson</c>, JSON Lines).</summary>
    Lines,
}
