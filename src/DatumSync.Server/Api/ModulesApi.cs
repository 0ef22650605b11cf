using DatumSync.Modules;
using DatumSync.Server.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DatumSync.Server.Api;

/// <summary><c>/api/modules</c>: what the server can run.</summary>
public static class ModulesApi
{
    /// <summary>Maps the module routes.</summary>
    public static IEndpointRouteBuilder MapModulesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/modules").WithTags("Modules")
            .MapGet("/", List).WithName("ListModules").WithSummary("The modules this server can run");
        return app;
    }

    private static Ok<ModuleResponse[]> List() =>
        TypedResults.Ok(ModuleCatalog.All.Select(m => new ModuleResponse(m.Name, m.Description, m.MinInputs, m.MaxInputs)).ToArray());
}
