using DatumSync.Data.Formats;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Datasets;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Uploads;
using DatumSync.Server.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DatumSync.Server.Api;

/// <summary><c>/api/datasets</c>: uploads, listing, rows preview, deletion.</summary>
public static class DatasetsApi
{
    /// <summary>Maps the dataset routes.</summary>
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets").WithTags("Datasets");

        UploadSizeLimit.Apply(group.MapPost("/", UploadAsync), app)
            .WithName("UploadDataset")
            .WithSummary("Upload a dataset")
            .WithDescription("Send the file as a multipart/form-data part named 'file', or as the raw body with ?name=file.csv. The body is streamed to "
                + "storage while its SHA-256 is computed. The same content uploaded again returns the earlier dataset with duplicate=true and its jobs.")
            .DescribeUploadBody(withOptions: false)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem();

        group.MapGet("/", ListAsync).WithName("ListDatasets").WithSummary("List datasets, newest first");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetDataset").WithSummary("A dataset: schema, size, hash, detected format")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/rows", RowsAsync).WithName("GetDatasetRows").WithSummary("A page of rows, optionally filtered")
            .WithDescription("where: clauses 'column OP value' joined by ';' or '&&'; OP is =, !=, >, >=, <, <= or ~ (case-insensitive substring). "
                + "limit is at most 1000.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteDataset").WithSummary("Delete a dataset and its stored content (its jobs keep their history)")
            .WithDescription("409 while a queued, running or waiting job still needs it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<UploadResponse>, Ok<UploadResponse>>> UploadAsync(HttpRequest request, UploadService uploads, ICatalog catalog,
        ApiResponses responses, ServerOptions options, ApiAudit audit, [FromQuery(Name = "name")] string? fileName, CancellationToken cancellationToken)
    {
        var (upload, _) = await UploadRequestReader.ReadAsync(request, fileName, uploads, options.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        var dataset = responses.Dataset(request, upload.Dataset);
        if (!upload.Duplicate)
        {
            await audit.RecordAsync("dataset.upload", dataset.Id.ToString(), new { dataset.Name, dataset.Sha256, dataset.SizeBytes }, cancellationToken)
                .ConfigureAwait(false);
            return TypedResults.Created(dataset.Links.Self, new UploadResponse(dataset, false, []));
        }
        var jobs = await catalog.ListJobsAsync(new JobQuery(Tenants.Default, DatasetId: upload.Dataset.Id, Limit: 100), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UploadResponse(dataset, true, [.. jobs.Select(j => responses.Job(request, j))]));
    }

    private static async Task<Ok<DatasetResponse[]>> ListAsync(HttpRequest request, ICatalog catalog, ApiResponses responses, int? skip, int? limit,
        CancellationToken cancellationToken)
    {
        var (s, l) = Paging.Check(skip, limit, 50, 500);
        var datasets = await catalog.ListDatasetsAsync(Tenants.Default, s, l, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(datasets.Select(d => responses.Dataset(request, d)).ToArray());
    }

    private static async Task<Results<Ok<DatasetResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpRequest request, ICatalog catalog, ApiResponses responses,
        CancellationToken cancellationToken) =>
        await catalog.GetDatasetAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is { } d
            ? TypedResults.Ok(responses.Dataset(request, d))
            : NotFound(id);

    private static async Task<Results<Ok<RowsResponse>, ProblemHttpResult>> RowsAsync(Guid id, ICatalog catalog, IObjectStore store, int? skip, int? limit,
        string? where, CancellationToken cancellationToken)
    {
        var (s, l) = Paging.Check(skip, limit, 100, DatasetPreview.MaxLimit);
        if (await catalog.GetDatasetAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is not { } d)
            return NotFound(id);
        DataSource source;
        Stream? stream = null;
        if (store.TryGetLocalPath(d.StorageKey) is { } path)
            source = DataSource.FromFile(path, d.Name);
        else if ((stream = await store.OpenReadAsync(d.StorageKey, cancellationToken).ConfigureAwait(false)) is not null)
            source = DataSource.FromStream(stream, d.Name);
        else
            return TypedResults.Problem($"the content of dataset {id} is missing from storage", statusCode: StatusCodes.Status410Gone, title: "Content missing.");
        PreviewPage page;
        await using (stream)
            page = await DatasetPreview.ReadAsync(source, d.Format, where, s, l, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RowsResponse([.. page.Schema.Select(f => new ColumnResponse(f.Name, f.Type.ToString(), f.Nullable))], page.Rows, s, l,
            page.HasMore));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ICatalog catalog, IObjectStore store, ApiAudit audit,
        CancellationToken cancellationToken)
    {
        if (await catalog.GetDatasetAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false) is not { } d)
            return NotFound(id);
        // A job still to run needs the content: refuse rather than let it fail later.
        foreach (var state in new[] { JobState.Queued, JobState.Running, JobState.RetryWait })
        {
            var pending = await catalog.ListJobsAsync(new JobQuery(Tenants.Default, state, DatasetId: id, Limit: 1), cancellationToken).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                return TypedResults.Problem($"dataset {id} is used by job {pending[0].Id}, which is {JobStates.Name(state)}; cancel it or wait for it first",
                    statusCode: StatusCodes.Status409Conflict, title: "The dataset is in use.");
            }
        }
        if (!await catalog.DeleteDatasetAsync(Tenants.Default, id, cancellationToken).ConfigureAwait(false))
            return NotFound(id);
        await store.DeleteAsync(d.StorageKey, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync("dataset.delete", d.Id.ToString(), new { d.Name, d.Sha256 }, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"no dataset with id {id}", statusCode: StatusCodes.Status404NotFound, title: "Dataset not found.");
}
