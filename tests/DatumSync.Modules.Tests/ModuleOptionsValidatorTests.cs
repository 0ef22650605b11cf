using System.Text.Json;
using DatumSync.Modules;

namespace DatumSync.Modules.Tests;

/// <summary>The API checks options with these before queueing a job; they must refuse exactly what a run refuses.</summary>
public class ModuleOptionsValidatorTests
{
    private static IModuleOptionsValidator Validator(string module) => (IModuleOptionsValidator)ModuleCatalog.Find(module)!;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Theory]
    [InlineData("{}", "option 'to'*required*")]
    [InlineData("""{"to":"parquet","compresion":"zstd"}""", "unknown option 'compresion'*")]
    [InlineData("""{"to":"pdf"}""", "option 'to': unknown format 'pdf'*")]
    [InlineData("""{"to":"csv","read":{"delimiter":";;"}}""", "option 'read.delimiter' must be a single character")]
    public void Convert_refuses_bad_options_naming_the_option(string options, string message)
    {
        FluentActions.Invoking(() => Validator("convert").ValidateOptions(Json(options)))
            .Should().Throw<ModuleOptionsException>().WithMessage(message);
    }

    [Fact]
    public void Convert_accepts_options_a_run_accepts()
    {
        FluentActions.Invoking(() => Validator("convert").ValidateOptions(Json("""{"to":"parquet","settings":{"parquet.compression":"zstd"},"read":{"header":true}}""")))
            .Should().NotThrow();
    }

    [Fact]
    public void Inspect_checks_the_preview_row_range_and_accepts_no_options()
    {
        FluentActions.Invoking(() => Validator("inspect").ValidateOptions(Json("""{"previewRows":-1}""")))
            .Should().Throw<ModuleOptionsException>().WithMessage("option 'previewRows' must be an integer from 0 to 10000");
        FluentActions.Invoking(() => Validator("inspect").ValidateOptions(default)).Should().NotThrow();
    }
}
