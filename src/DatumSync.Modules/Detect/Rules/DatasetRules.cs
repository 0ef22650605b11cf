using System.Text.Json;
using System.Text.Json.Serialization;
using DatumSync.Data;

namespace DatumSync.Modules.Detect.Rules;

/// <summary>
/// The dataset types detect can recognise, read from a rules file (JSON; format in docs/detect.md, schema in
/// docs/detect-rules.schema.json). <see cref="Default"/> is the built-in file embedded from Detect/Rules/default-rules.json.
/// </summary>
public sealed class DatasetRules
{
    private static readonly Lazy<DatasetRules> BuiltIn = new(LoadDefault);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Data type names a role may expect: the reader's kinds plus <c>numeric</c> and <c>temporal</c>.</summary>
    public static IReadOnlyList<string> DataTypeNames { get; } = ["string", "int64", "double", "decimal", "boolean", "date", "timestamp", "numeric", "temporal"];

    /// <summary>Heuristic kinds.</summary>
    public static IReadOnlyList<string> HeuristicKinds { get; } = ["row_count", "unique", "foreign_key", "monotonic", "range", "columns_explained"];

    internal DatasetRules(IReadOnlyList<DatasetTypeRule> types) => Types = types;

    /// <summary>The dataset types, in file order.</summary>
    public IReadOnlyList<DatasetTypeRule> Types { get; }

    /// <summary>The built-in rules (customers, transactions, orders, order items, products, events, sensor readings, time use/survey).</summary>
    public static DatasetRules Default => BuiltIn.Value;

    /// <summary>These rules with <paramref name="overrides"/> applied: a type of the same name (case-insensitive) is replaced, new ones are added.</summary>
    public DatasetRules Extend(DatasetRules overrides)
    {
        var merged = Types.ToList();
        foreach (var type in overrides.Types)
        {
            var at = merged.FindIndex(t => string.Equals(t.Name, type.Name, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
                merged[at] = type;
            else
                merged.Add(type);
        }
        return new DatasetRules(merged);
    }

    /// <summary>Reads a rules file.</summary>
    /// <exception cref="DataFormatException">The file cannot be read or is not a valid rules file (the message names the file, line and JSON path).</exception>
    public static DatasetRules Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{path}: cannot read the rules file: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses rules JSON; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="DataFormatException">The JSON is malformed or breaks the rules format.</exception>
    public static DatasetRules Parse(string json, string sourceName)
    {
        RulesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RulesDocument>(json, Json);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? $"line {l + 1}, " : "";
            throw new DataFormatException($"{sourceName}: invalid detect rules at {line}{e.Path ?? "$"}: {Explain(e)}");
        }
        if (document is null)
            throw new DataFormatException($"{sourceName}: invalid detect rules at $: expected an object with \"types\"");
        return Compile(document, sourceName);
    }

    /// <summary>Parses rules given as a JSON element (the job API's inline <c>rules</c> option).</summary>
    public static DatasetRules Parse(JsonElement json, string sourceName) => Parse(json.GetRawText(), sourceName);

    private static string Explain(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
            message = message[..cut];
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'');
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            return end > start ? $"unknown key '{message[(start + 1)..end]}'" : "unknown key";
        }
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var start = message.IndexOf("properties including:", StringComparison.Ordinal);
            return start > 0 ? "missing required key" + message[(start + "properties including".Length)..].TrimEnd('.') : "missing a required key";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return "a value has the wrong JSON type (see the schema in docs/detect-rules.schema.json)";
        return message;
    }

    private static DatasetRules Compile(RulesDocument document, string source)
    {
        if (document.Version != 1)
            throw Invalid(source, "$.version", $"unsupported version {document.Version} (expected 1)");
        var types = new List<DatasetTypeRule>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var t = 0; t < document.Types.Count; t++)
        {
            var dto = document.Types[t];
            var path = $"$.types[{t}]";
            if (string.IsNullOrWhiteSpace(dto.Name))
                throw Invalid(source, path + ".name", "a type needs a name");
            if (!names.Add(dto.Name))
                throw Invalid(source, path + ".name", $"type '{dto.Name}' is defined twice");
            if (dto.Columns.Count == 0)
                throw Invalid(source, path + ".columns", "a type needs at least one column role");
            var roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var columns = new List<ColumnRule>();
            for (var c = 0; c < dto.Columns.Count; c++)
            {
                var col = dto.Columns[c];
                var cpath = $"{path}.columns[{c}]";
                if (string.IsNullOrWhiteSpace(col.Role) || !roles.Add(col.Role))
                    throw Invalid(source, cpath + ".role", $"role '{col.Role}' is empty or defined twice");
                var patterns = new List<NamePattern>();
                for (var p = 0; p < (col.Patterns?.Count ?? 0); p++)
                {
                    try
                    {
                        patterns.Add(NamePattern.Create(col.Patterns![p]));
                    }
                    catch (ArgumentException e)
                    {
                        throw Invalid(source, $"{cpath}.patterns[{p}]", $"invalid pattern '{col.Patterns![p]}': {e.Message}");
                    }
                }
                for (var s = 0; s < (col.SemanticTypes?.Count ?? 0); s++)
                {
                    if (!SemanticTypes.All.Contains(col.SemanticTypes![s]))
                        throw Invalid(source, $"{cpath}.semantic_types[{s}]", $"unknown semantic type '{col.SemanticTypes[s]}' (known: {string.Join(", ", SemanticTypes.All)})");
                }
                for (var d = 0; d < (col.DataTypes?.Count ?? 0); d++)
                {
                    if (!DataTypeNames.Contains(col.DataTypes![d]))
                        throw Invalid(source, $"{cpath}.data_types[{d}]", $"unknown data type '{col.DataTypes[d]}' (known: {string.Join(", ", DataTypeNames)})");
                }
                var exact = new List<string> { col.Role };
                exact.AddRange(col.Names ?? []);
                columns.Add(new ColumnRule(col.Role, col.Required, [.. exact.Select(NamePattern.Normalize).Distinct()], patterns,
                    col.SemanticTypes ?? [], col.DataTypes ?? [], col.Multiple));
            }
            var heuristics = new List<HeuristicRule>();
            for (var h = 0; h < (dto.Heuristics?.Count ?? 0); h++)
            {
                var hd = dto.Heuristics![h];
                var hpath = $"{path}.heuristics[{h}]";
                if (!HeuristicKinds.Contains(hd.Kind))
                    throw Invalid(source, hpath + ".kind", $"unknown heuristic '{hd.Kind}' (known: {string.Join(", ", HeuristicKinds)})");
                var needsRole = hd.Kind is not ("row_count" or "columns_explained");
                if (needsRole && (hd.Role is null || !roles.Contains(hd.Role)))
                    throw Invalid(source, hpath + ".role", $"heuristic '{hd.Kind}' needs the role of one of this type's columns ({string.Join(", ", roles)})");
                if (hd.Kind is "range" && hd.Min is null && hd.Max is null)
                    throw Invalid(source, hpath, "a range heuristic needs min and/or max");
                if (hd.Min > hd.Max)
                    throw Invalid(source, hpath, "min is above max");
                heuristics.Add(new HeuristicRule(hd.Kind, hd.Role, hd.Min, hd.Max));
            }
            types.Add(new DatasetTypeRule(dto.Name, dto.Description ?? "", columns, heuristics));
        }
        return new DatasetRules(types);
    }

    private static DataFormatException Invalid(string source, string path, string problem) => new($"{source}: invalid detect rules at {path}: {problem}");

    private static DatasetRules LoadDefault()
    {
        using var stream = typeof(DatasetRules).Assembly.GetManifestResourceStream("DatumSync.Modules.Detect.Rules.default-rules.json")
            ?? throw new InvalidOperationException("the built-in detect rules are missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in detect rules");
    }

    // The file's shape; snake_case keys. Classes (not records) so that `required` reports a missing key by name.
    private sealed class RulesDocument
    {
        public required int Version { get; init; }

        public required List<TypeDto> Types { get; init; }
    }

    private sealed class TypeDto
    {
        public required string Name { get; init; }

        public string? Description { get; init; }

        public required List<ColumnDto> Columns { get; init; }

        public List<HeuristicDto>? Heuristics { get; init; }
    }

    private sealed class ColumnDto
    {
        public required string Role { get; init; }

        public bool Required { get; init; }

        public bool Multiple { get; init; }

        public List<string>? Names { get; init; }

        public List<string>? Patterns { get; init; }

        public List<string>? SemanticTypes { get; init; }

        public List<string>? DataTypes { get; init; }
    }

    private sealed class HeuristicDto
    {
        public required string Kind { get; init; }

        public string? Role { get; init; }

        public double? Min { get; init; }

        public double? Max { get; init; }
    }
}
