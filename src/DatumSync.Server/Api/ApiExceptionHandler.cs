using DatumSync.Data;
using DatumSync.Modules;
using DatumSync.Platform.Datasets;
using DatumSync.Platform.Uploads;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace DatumSync.Server.Api;

/// <summary>
/// Turns exceptions into ProblemDetails: user errors get their status and a readable message, anything else a 500
/// with no internals (the exception goes to the log).
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            RequestValidationException v => new HttpValidationProblemDetails(v.Errors) { Status = 400, Title = "The request is invalid.", Detail = v.Message },
            ModuleOptionsException o => new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["options"] = [o.Message] })
            {
                Status = 400,
                Title = "The module options are invalid.",
                Detail = o.Message,
            },
            RowFilterException f => new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["where"] = [f.Message] })
            {
                Status = 400,
                Title = "The row filter is invalid.",
                Detail = f.Message,
            },
            UploadTooLargeException t => new ProblemDetails { Status = 413, Title = "The upload is too large.", Detail = t.Message },
            DataFormatException d => new ProblemDetails { Status = 422, Title = "The data cannot be read.", Detail = d.Message },
            BadHttpRequestException b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = b.StatusCode == 413 ? "The upload is too large." : "The request is invalid.",
                Detail = b.Message,
            },
            System.Text.Json.JsonException j => new ProblemDetails { Status = 400, Title = "The request is invalid.", Detail = "invalid JSON: " + j.Message },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => new ProblemDetails { Status = 499, Title = "The client went away." },
            _ => new ProblemDetails { Status = 500, Title = "An internal error occurred.", Detail = "The error was logged; please report it." },
        };
        if (problem.Status == 500)
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        if (httpContext.Response.HasStarted)
            return true;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
            .ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
