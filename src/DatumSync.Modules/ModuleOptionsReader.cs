using System.Globalization;
using System.Text.Json;
using DatumSync.Data;
using DatumSync.Data.Formats;

namespace DatumSync.Modules;

/// <summary>
/// Reads a module's JSON options (as sent to the job API) strictly: every key must be known, every value the right
/// kind, or a <see cref="ModuleOptionsException"/> names the option. Keys are camelCase (<c>skipRows</c>).
/// </summary>
public sealed class ModuleOptionsReader
{
    private readonly JsonElement _options;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly string _prefix;

    /// <summary>Wraps <paramref name="options"/> (an object, or undefined/null for "all defaults").</summary>
    public ModuleOptionsReader(JsonElement options, string prefix = "")
    {
        if (options.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
            throw new ModuleOptionsException($"options{(prefix.Length > 0 ? " '" + prefix.TrimEnd('.') + "'" : "")} must be a JSON object");
        _options = options;
        _prefix = prefix;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _used.Add(name);
        value = default;
        return _options.ValueKind == JsonValueKind.Object && _options.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private ModuleOptionsException Bad(string name, string expected) => new($"option '{_prefix}{name}' must be {expected}");

    /// <summary>A string option.</summary>
    public string? String(string name) =>
        !TryGet(name, out var v) ? null : v.ValueKind == JsonValueKind.String ? v.GetString() : throw Bad(name, "a string");

    /// <summary>A single-character option (<c>"\t"</c>, <c>";"</c>).</summary>
    public char? Char(string name) =>
        String(name) is not { } s ? null : s.Length == 1 ? s[0] : s.Length == 0 ? '\0' : throw Bad(name, "a single character");

    /// <summary>A single-character option that must be one of <paramref name="allowed"/> (<c>""</c> reads as <c>\0</c>).</summary>
    public char? Char(string name, string allowed, string expected) =>
        Char(name) is not { } c ? null : allowed.Contains(c, StringComparison.Ordinal) ? c : throw Bad(name, expected);

    /// <summary>An integer option within a range.</summary>
    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!TryGet(name, out var v))
            return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i) || i < min || i > max)
            throw Bad(name, $"an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return i;
    }

    /// <summary>A number option.</summary>
    public double? Number(string name) =>
        !TryGet(name, out var v) ? null : v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Bad(name, "a number");

    /// <summary>A boolean option.</summary>
    public bool? Bool(string name) =>
        !TryGet(name, out var v) ? null : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Bad(name, "true or false");

    /// <summary>An enum option, by case-insensitive name (dashes ignored).</summary>
    public T? Enum<T>(string name) where T : struct, Enum
    {
        if (String(name) is not { } s)
            return null;
        return System.Enum.TryParse<T>(s.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw Bad(name, "one of " + string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant())));
    }

    /// <summary>An array of strings.</summary>
    public IReadOnlyList<string>? Strings(string name)
    {
        if (!TryGet(name, out var v))
            return null;
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Bad(name, "an array of strings");
        return [.. v.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>An object of string values (such as <c>{"id": "int64"}</c>).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        if (!TryGet(name, out var v))
            return null;
        if (v.ValueKind != JsonValueKind.Object)
            throw Bad(name, "an object of strings");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return map;
    }

    /// <summary>A nested object, read with its own reader (checked by its own <see cref="EnsureAllUsed"/>).</summary>
    public ModuleOptionsReader Object(string name) =>
        TryGet(name, out var v) ? new ModuleOptionsReader(v, _prefix + name + ".") : new ModuleOptionsReader(default, _prefix + name + ".");

    /// <summary>Reading options shared by every module under the key <c>read</c>.</summary>
    public ReadOptions ReadOptions()
    {
        var r = Object("read");
        var schema = r.StringMap("schema");
        Dictionary<string, DataType>? types = null;
        if (schema is not null)
        {
            types = new Dictionary<string, DataType>(StringComparer.Ordinal);
            foreach (var (column, typeName) in schema)
                types[column] = DataType.TryParse(typeName, out var t) ? t : throw new ModuleOptionsException($"option 'read.schema.{column}': unknown type '{typeName}'");
        }
        var defaults = new ReadOptions();
        var options = new ReadOptions
        {
            Format = r.String("format"),
            ColumnTypes = types,
            NullTokens = r.Strings("nulls"),
            InferenceRows = r.Int("inferRows", 1) ?? defaults.InferenceRows,
            AllStrings = r.Bool("allStrings") ?? false,
            Sheet = r.String("sheet"),
            RecordElement = r.String("recordElement"),
            Csv = new CsvOptions
            {
                Delimiter = r.Char("delimiter"),
                Quote = r.Char("quote"),
                Escape = r.Char("escape"),
                HasHeader = r.Bool("header"),
                Encoding = r.String("encoding"),
                SkipRows = r.Int("skipRows", 0) ?? 0,
                Ragged = r.Enum<RaggedRows>("ragged") ?? RaggedRows.Error,
                DecimalSeparator = r.Char("decimal", CsvOptions.DecimalSeparators, "'.' or ','"),
                ThousandsSeparator = r.Char("thousands", CsvOptions.ThousandsSeparators + "\0", "',', '.', ' ', \"'\" or \"\" (none)"),
                DateOrder = r.Enum<DateOrder>("dateOrder") ?? DateOrder.Auto,
            },
        };
        r.EnsureAllUsed();
        return options;
    }

    /// <summary>Throws when the options hold a key nothing asked for (a typo should not pass silently).</summary>
    public void EnsureAllUsed()
    {
        if (_options.ValueKind != JsonValueKind.Object)
            return;
        var unknown = _options.EnumerateObject().Select(p => p.Name).Where(n => !_used.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new ModuleOptionsException($"unknown option{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => "'" + _prefix + u + "'"))}; known: {string.Join(", ", _used.Order(StringComparer.Ordinal))}");
    }
}
