using System.Text.Json;
using DatumSync.Platform.Catalog;

namespace DatumSync.Server.Api;

/// <summary>Records what users did through the API in the catalog's audit trail.</summary>
internal sealed class ApiAudit(ICatalog catalog, TimeProvider clock)
{
    public Task RecordAsync(string action, string subject, object? detail, CancellationToken cancellationToken) =>
        catalog.AddAuditEventAsync(
            new AuditEvent(Tenants.Default, action, subject, detail is null ? null : JsonSerializer.Serialize(detail, JsonSerializerOptions.Web), clock.GetUtcNow()),
            cancellationToken);
}
