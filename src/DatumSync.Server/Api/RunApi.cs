using DatumSync.Modules;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Uploads;
using DatumSync.Server.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DatumSync.Server.Api;

/// <summary>
/// One-call runs: <c>POST /api/profile</c>, <c>/api/convert</c>… upload a file and queue the module over it.
/// </summary>
public static class RunApi
{
    /// <summary>The one-call routes; a name whose module this build lacks answers 404.</summary>
    public static IReadOnlyList<string> RouteModules { get; } = ["profile", "validate", "normalize", "convert", "predict", "detect", "dedupe", "inspect"];

    /// <summary>Maps the one-call routes.</summary>
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Runs");
        foreach (var name in RouteModules)
        {
            // The route's module is fixed for the life of the process: look it up once here, not on every request.
            var module = ModuleCatalog.Find(name);
            UploadSizeLimit.Apply(group.MapPost("/" + name, (HttpRequest request, UploadService uploads, ICatalog catalog, ApiResponses responses, ApiAudit audit, ServerOptions server, bool? reprocess,
                    [FromQuery(Name = "options")] string? moduleOptions, [FromQuery(Name = "name")] string? fileName, CancellationToken cancellationToken) =>
                    RunAsync(name, module, request, fileName, uploads, catalog, responses, audit, server, moduleOptions, reprocess ?? false, cancellationToken))
                .WithName("Run" + char.ToUpperInvariant(name[0]) + name[1..])
                .WithSummary($"Upload a file and run {name} over it")
                .WithDescription("Multipart: a 'file' part and an optional 'options' part (a JSON object). Raw body: the file, with ?name= and "
                    + "?options= (JSON). When the same content was already run with the same module and options, that job is returned with "
                    + "duplicate=true (200) unless reprocess=true; otherwise 202 with the new job.")
                .DescribeUploadBody(withOptions: true)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesValidationProblem(), app);
        }
        return app;
    }

    private static async Task<Results<Accepted<RunResponse>, Ok<RunResponse>, ProblemHttpResult>> RunAsync(string name, IModule? module, HttpRequest request,
        string? fileName, UploadService uploads, ICatalog catalog, ApiResponses responses, ApiAudit audit, ServerOptions server, string? queryOptions, bool reprocess,
        CancellationToken cancellationToken)
    {
        if (module is null)
        {
            return TypedResults.Problem($"module '{name}' is not available in this version; available: {string.Join(", ", ModuleCatalog.All.Select(m => m.Name))}",
                statusCode: StatusCodes.Status404NotFound, title: "Module not available.");
        }
        // Raw bodies carry options in the query: check them before reading a possibly large body.
        if (queryOptions is not null)
            JobSubmission.CheckOptions(module, queryOptions);
        var (upload, formOptions) = await UploadRequestReader.ReadAsync(request, fileName, uploads, server.MaxUploadBytes, cancellationToken,
            text => JobSubmission.CheckOptions(module, text)).ConfigureAwait(false);
        var optionsJson = JobSubmission.CheckOptions(module, formOptions ?? queryOptions);
        var dataset = responses.Dataset(request, upload.Dataset);
        if (upload.Duplicate && !reprocess)
        {
            var earlier = await catalog.ListJobsAsync(new JobQuery(Tenants.Default, JobState.Succeeded, module.Name, upload.Dataset.Id, Limit: 100), cancellationToken)
                .ConfigureAwait(false);
            if (earlier.FirstOrDefault(j => j.DatasetIds.Count == 1 && JobSubmission.SameOptions(j.OptionsJson, optionsJson)) is { } done)
                return TypedResults.Ok(new RunResponse(dataset, responses.Job(request, done), Duplicate: true, DatasetDuplicate: true));
        }
        if (!upload.Duplicate)
        {
            await audit.RecordAsync("dataset.upload", upload.Dataset.Id.ToString(), new { upload.Dataset.Name, upload.Dataset.Sha256, upload.Dataset.SizeBytes },
                cancellationToken).ConfigureAwait(false);
        }
        var job = await catalog.EnqueueAsync(new NewJob(Tenants.Default, module.Name, [upload.Dataset.Id], optionsJson), cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync("job.submit", job.Id.ToString(), new { job.Module, job.DatasetIds }, cancellationToken).ConfigureAwait(false);
        var response = responses.Job(request, job);
        return TypedResults.Accepted(response.Links.Self, new RunResponse(dataset, response, Duplicate: false, DatasetDuplicate: upload.Duplicate));
    }
}
