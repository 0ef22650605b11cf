using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace DatumSync.Server.Api;

/// <summary>
/// Describes an upload route's body in the OpenAPI document. <c>Accepts&lt;T&gt;</c> would also restrict the content
/// types the route matches (a raw JSON or Excel body would get 415), so the body is described by a transformer instead.
/// </summary>
internal static class UploadRequestBody
{
    public static RouteHandlerBuilder DescribeUploadBody(this RouteHandlerBuilder builder, bool withOptions) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var form = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The dataset file." },
                },
            };
            if (withOptions)
                form.Properties["options"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Module options as a JSON object." };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "multipart/form-data with a 'file' part, or the file itself as the body (any content type; name it with ?name=).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new() { Schema = form },
                    ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
            return Task.CompletedTask;
        });
}
