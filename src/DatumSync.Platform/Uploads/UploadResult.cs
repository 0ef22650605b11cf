using DatumSync.Platform.Catalog;

namespace DatumSync.Platform.Uploads;

/// <summary>What an upload produced.</summary>
/// <param name="Dataset">The stored dataset (the earlier one for a duplicate).</param>
/// <param name="Duplicate">The same content was uploaded before; nothing new was stored.</param>
public sealed record UploadResult(Dataset Dataset, bool Duplicate);
