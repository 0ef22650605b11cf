using System.Text.Json;

namespace DatumSync.Modules;

/// <summary>
/// A module that can check its options without running, so the API refuses bad options with 400 when a job is
/// submitted instead of queueing a job that is bound to fail. Modules without it fail the job instead.
/// </summary>
public interface IModuleOptionsValidator
{
    /// <summary>Binds <paramref name="options"/> exactly as a run would and discards the result.</summary>
    /// <exception cref="ModuleOptionsException">An option is unknown, of the wrong kind or has a bad value.</exception>
    void ValidateOptions(JsonElement options);
}
