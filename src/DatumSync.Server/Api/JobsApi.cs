using DatumSync.Platform.Catalog;
using DatumSync.Server.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace DatumSync.Server.Api;

/// <summary><c>/api/jobs</c>: submit, list, inspect, cancel, retry, outputs.</summary>
public static class JobsApi
{
    /// <summary>Maps the job routes.</summary>
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapPost("/", SubmitAsync).WithName("SubmitJob").WithSummary("Queue a module run over datasets")
            .WithDescription("Body: {\"module\": \"convert\", \"datasetIds\": [\"…\"], \"options\": {\"to\": \"parquet\"}}. Options are checked before "
                + "the job is queued (400 naming the option).")
            .ProducesValidationProblem();
        group.MapGet("/", ListAsync).WithName("ListJobs").WithSummary("List jobs, newest first")
            .WithDescription("Filters: status (queued, running, retry_wait, succeeded, failed, cancelled), module, datasetId; skip, limit (≤ 500).")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetJob").WithSummary("A job: state, progress, attempts, timings, error, report")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelJob").WithSummary("Cancel a queued or running job")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryJob").WithSummary("Queue a failed or cancelled job again")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/outputs", OutputsAsync).WithName("ListJobOutputs").WithSummary("A job's output files with signed download URLs")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Accepted<JobResponse>> SubmitAsync(SubmitJobRequest body, HttpRequest request, ICatalog catalog, ApiResponses responses,
        ApiAudit audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Module))
            errors["module"] = ["required"];
        if (body.DatasetIds is null)
            errors["datasetIds"] = ["required (an array of dataset ids; empty for modules that take no input)"];
        if (errors.Count > 0)
            throw new RequestValidationException(errors);
        var module = JobSubmission.FindModule(body.Module!);
        if (body.DatasetIds!.Count < module.MinInputs || body.DatasetIds.Count > module.MaxInputs)
        {
            throw new RequestValidationException("datasetIds",
                module.MinInputs == module.MaxInputs
                    ? $"module '{module.Name}' takes {module.MinInputs} dataset(s), got {body.DatasetIds.Count}"
                    : $"module '{module.Name}' takes {module.MinInputs} to {module.MaxInputs} datasets, got {body.DatasetIds.Count}");
        }
        foreach (var id in body.DatasetIds)
        {
            if (await catalog.GetDatasetAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is null)
                throw new RequestValidationException("datasetIds", $"no dataset with id {id}");
        }
        var options = JobSubmission.CheckOptions(module, body.Options);
        var job = await catalog.EnqueueAsync(new NewJob(Tenants.Default, module.Name, body.DatasetIds, options), cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync("job.submit", job.Id.ToString(), new { job.Module, job.DatasetIds }, cancellationToken).ConfigureAwait(false);
        var response = responses.Job(request, job);
        return TypedResults.Accepted(response.Links.Self, response);
    }

    private static async Task<Ok<JobResponse[]>> ListAsync(HttpRequest request, ICatalog catalog, ApiResponses responses, string? status, string? module,
        Guid? datasetId, int? skip, int? limit, CancellationToken cancellationToken)
    {
        JobState? state = null;
        if (!string.IsNullOrEmpty(status))
        {
            state = JobStates.TryParse(status, out var s)
                ? s
                : throw new RequestValidationException("status", $"unknown status '{status}'; expected one of {string.Join(", ", JobStates.All)}");
        }
        var (skipValue, limitValue) = Paging.Check(skip, limit, 50, 500);
        var jobs = await catalog.ListJobsAsync(new JobQuery(Tenants.Default, state, string.IsNullOrEmpty(module) ? null : module, datasetId, skipValue, limitValue),
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(jobs.Select(j => responses.Job(request, j)).ToArray());
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpRequest request, ICatalog catalog, ApiResponses responses,
        CancellationToken cancellationToken) =>
        await catalog.GetJobAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is { } job
            ? TypedResults.Ok(responses.Job(request, job))
            : NotFound(id);

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> CancelAsync(Guid id, HttpRequest request, ICatalog catalog, ApiResponses responses,
        ApiAudit audit, CancellationToken cancellationToken)
    {
        if (await catalog.GetJobAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is not { } job)
            return NotFound(id);
        if (job.State is JobState.Succeeded or JobState.Failed)
            return Conflict($"job {id} has already {JobStates.Name(job.State)}; only queued, waiting or running jobs can be cancelled");
        var cancelled = await catalog.CancelAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false);
        if (cancelled is null)
            return NotFound(id);
        await audit.RecordAsync("job.cancel", id.ToString(), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(responses.Job(request, cancelled));
    }

    private static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> RetryAsync(Guid id, HttpRequest request, ICatalog catalog,
        ApiResponses responses, ApiAudit audit, CancellationToken cancellationToken)
    {
        if (await catalog.GetJobAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is not { } job)
            return NotFound(id);
        if (job.State is not (JobState.Failed or JobState.Cancelled))
            return Conflict($"job {id} is {JobStates.Name(job.State)}; only failed or cancelled jobs can be retried");
        var retried = await catalog.RetryAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false);
        if (retried is null)
            return Conflict($"job {id} can no longer be retried");
        await audit.RecordAsync("job.retry", id.ToString(), null, cancellationToken).ConfigureAwait(false);
        var response = responses.Job(request, retried);
        return TypedResults.Accepted(response.Links.Self, response);
    }

    private static async Task<Results<Ok<OutputResponse[]>, ProblemHttpResult>> OutputsAsync(Guid id, HttpRequest request, ICatalog catalog,
        ApiResponses responses, CancellationToken cancellationToken)
    {
        if (await catalog.GetJobAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is null)
            return NotFound(id);
        var outputs = await catalog.ListOutputsAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(outputs.Select(o => responses.Output(request, o)).ToArray());
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"no job with id {id}", statusCode: StatusCodes.Status404NotFound, title: "Job not found.");

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The job is not in a state that allows this.");
}
