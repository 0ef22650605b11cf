namespace DatumSync.Server.Api.Contracts;

/// <summary>The body of <c>GET /ready</c> when everything answers.</summary>
/// <param name="Status"><c>ready</c>.</param>
/// <param name="Catalog">The catalog provider (<c>sqlite</c>, <c>postgresql</c>).</param>
/// <param name="Storage"><c>ok</c>.</param>
public sealed record ReadyResponse(string Status, string Catalog, string Storage);
