using System.Text.Json;
using DatumSync.Modules.Profile;

namespace DatumSync.Modules.Tests.Profile;

public class ProfileJobModuleTests
{
    [Fact]
    public async Task The_profile_job_writes_profile_json_and_html_into_the_output_directory()
    {
        var dir = Directory.CreateTempSubdirectory("profile-job-");
        try
        {
            var module = ModuleCatalog.Find("profile")!;
            using var options = JsonDocument.Parse("""{"read":{"delimiter":";"},"topValues":3,"histogramBins":5}""");

            var result = await module.RunAsync(new ModuleRequest([ProfileTestData.Csv("a;b\n1;x\n2;y\n3;x\n4;z\n5;w\n")], options.RootElement, dir.FullName), CancellationToken.None);

            result.Outputs.Select(o => o.FileName).Should().Equal("profile.json", "profile.html");
            var report = (ProfileReport)result.Report;
            report.Rows.Should().Be(5);
            report.Columns[1].TopValues.Should().HaveCount(3);
            report.Columns[0].Histogram!.Bins.Should().HaveCount(5);
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.FullName, "profile.json")));
            json.RootElement.GetProperty("columns").GetArrayLength().Should().Be(2);
            File.ReadAllText(Path.Combine(dir.FullName, "profile.html")).Should().StartWithEquivalentOf("<!doctype html>");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_refused_by_name()
    {
        var module = ModuleCatalog.Find("profile")!;
        using var options = JsonDocument.Parse("""{"topValuez":3}""");

        var act = () => module.RunAsync(new ModuleRequest([ProfileTestData.Csv("a\n1\n")], options.RootElement, Path.GetTempPath()), CancellationToken.None);

        await act.Should().ThrowAsync<ModuleOptionsException>().WithMessage("*'topValuez'*");
    }
}
