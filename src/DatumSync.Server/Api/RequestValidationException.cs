namespace DatumSync.Server.Api;

/// <summary>A request field is missing or invalid; answered with a 400 ValidationProblem listing the fields.</summary>
/// <param name="errors">Messages per field name.</param>
internal sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    /// <summary>One field's error.</summary>
    public RequestValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IDictionary<string, string[]> Errors { get; } = errors;
}
