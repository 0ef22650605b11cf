using System.Globalization;

namespace DatumSync.Server.Api;

/// <summary>Checks skip/limit query values (400 naming the field when out of range).</summary>
internal static class Paging
{
    public static (int Skip, int Limit) Check(int? skip, int? limit, int defaultLimit, int maxLimit)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0)
            errors["skip"] = ["must be 0 or more"];
        if (limit is < 1 || limit > maxLimit)
            errors["limit"] = [$"must be from 1 to {maxLimit.ToString(CultureInfo.InvariantCulture)}"];
        if (errors.Count > 0)
            throw new RequestValidationException(errors);
        return (skip ?? 0, limit ?? defaultLimit);
    }
}
