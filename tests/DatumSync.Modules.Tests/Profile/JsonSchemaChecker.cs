using System.Globalization;
using System.Text.Json;

namespace DatumSync.Modules.Tests.Profile;

/// <summary>
/// A small JSON Schema (draft 2020-12) checker for the keywords our published schemas use: type, required,
/// properties, items, $ref into $defs, enum, const, minimum, maximum, minItems, maxItems. Returns every violation
/// with its JSON path.
/// </summary>
internal sealed class JsonSchemaChecker(JsonElement root)
{
    public static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DatumSync.slnx")))
                return Path.Combine([dir.FullName, .. parts]);
        }
        var env = Environment.GetEnvironmentVariable("DATUMSYNC_REPO_ROOT");
        return env is not null ? Path.Combine([env, .. parts]) : throw new InvalidOperationException("repository root not found");
    }

    public List<string> Check(JsonElement value)
    {
        var errors = new List<string>();
        Check(root, value, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            const string Prefix = "#/$defs/";
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
                throw new NotSupportedException(name);
            Check(root.GetProperty("$defs").GetProperty(name[Prefix.Length..]), value, path, errors);
            return;
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Is(t, value)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", allowed)}, found {value.ValueKind}");
                return;
            }
        }
        if (value.ValueKind == JsonValueKind.Null)
            return;
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            errors.Add($"{path}: expected {constant.GetRawText()}");
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
            errors.Add($"{path}: {value.GetRawText()} is not one of {string.Join(", ", options.EnumerateArray().Select(o => o.GetRawText()))}");
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble())
                errors.Add($"{path}: {value.GetDouble().ToString(CultureInfo.InvariantCulture)} is below {min.GetDouble().ToString(CultureInfo.InvariantCulture)}");
            if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble())
                errors.Add($"{path}: {value.GetDouble().ToString(CultureInfo.InvariantCulture)} is above {max.GetDouble().ToString(CultureInfo.InvariantCulture)}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var r in required.EnumerateArray())
                {
                    if (!value.TryGetProperty(r.GetString()!, out _))
                        errors.Add($"{path}: missing required '{r.GetString()}'");
                }
            }
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var p in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(p.Name, out var member))
                        Check(p.Value, member, $"{path}.{p.Name}", errors);
                }
            }
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            var n = value.GetArrayLength();
            if (schema.TryGetProperty("minItems", out var minItems) && n < minItems.GetInt32())
                errors.Add($"{path}: {n} items, at least {minItems.GetInt32()} expected");
            if (schema.TryGetProperty("maxItems", out var maxItems) && n > maxItems.GetInt32())
                errors.Add($"{path}: {n} items, at most {maxItems.GetInt32()} expected");
            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    Check(items, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => throw new NotSupportedException(type),
    };
}
