using System.Text.Json;
using DatumSync.Modules;

namespace DatumSync.Server.Api;

/// <summary>Checks a job's module and options before it is queued.</summary>
internal static class JobSubmission
{
    /// <summary>Parses an options text (null or blank means <c>{}</c>) and checks it with the module when it can.</summary>
    /// <returns>The options as compact JSON.</returns>
    /// <exception cref="RequestValidationException">Not a JSON object.</exception>
    /// <exception cref="ModuleOptionsException">The module refuses an option.</exception>
    public static string CheckOptions(IModule module, string? optionsText)
    {
        if (string.IsNullOrWhiteSpace(optionsText))
            return CheckOptions(module, (JsonElement?)null);
        JsonElement parsed;
        try
        {
            using var doc = JsonDocument.Parse(optionsText);
            parsed = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RequestValidationException("options", $"not valid JSON: {e.Message}");
        }
        return CheckOptions(module, parsed);
    }

    /// <inheritdoc cref="CheckOptions(IModule, string?)"/>
    public static string CheckOptions(IModule module, JsonElement? options)
    {
        if (options is not { } o || o.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            (module as IModuleOptionsValidator)?.ValidateOptions(default);
            return "{}";
        }
        if (o.ValueKind != JsonValueKind.Object)
            throw new RequestValidationException("options", "must be a JSON object");
        (module as IModuleOptionsValidator)?.ValidateOptions(o);
        return o.GetRawText();
    }

    /// <summary>Whether two stored options texts mean the same (whitespace and key order aside).</summary>
    public static bool SameOptions(string a, string b)
    {
        using var x = JsonDocument.Parse(string.IsNullOrWhiteSpace(a) ? "{}" : a);
        using var y = JsonDocument.Parse(string.IsNullOrWhiteSpace(b) ? "{}" : b);
        return JsonElement.DeepEquals(x.RootElement, y.RootElement);
    }

    public static IModule FindModule(string name) => ModuleCatalog.Find(name)
        ?? throw new RequestValidationException("module", $"unknown module '{name}'; available: {string.Join(", ", ModuleCatalog.All.Select(m => m.Name))}");
}
