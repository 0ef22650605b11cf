namespace DatumSync.Server.Api.Contracts;

/// <summary>A module the server can run.</summary>
/// <param name="Name">Name, used in <c>POST /api/jobs</c> and <c>POST /api/{name}</c>.</param>
/// <param name="Description">One line.</param>
/// <param name="MinInputs">Fewest input datasets.</param>
/// <param name="MaxInputs">Most input datasets.</param>
public sealed record ModuleResponse(string Name, string Description, int MinInputs, int MaxInputs);
