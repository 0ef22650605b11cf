using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

/// <summary><c>datumsync migrate</c> and the argument checks of <c>datumsync worker</c> (the worker's job running is
/// covered by DatumSync.Platform.Tests' multi-process tests).</summary>
public class WorkerCommandTests
{
    [Fact]
    public async Task Migrate_creates_the_sqlite_catalog_then_reports_it_up_to_date()
    {
        using var dir = new TempDir();
        var first = await CliRunner.RunAsync("migrate", "--data-dir", dir.Path);
        first.ExitCode.Should().Be(0, first.ToString());
        first.Stdout.Should().Contain("0001_initial  applied now").And.Contain("applied 1 migration");
        File.Exists(dir.File("catalog.db")).Should().BeTrue();

        var second = await CliRunner.RunAsync("migrate", "--data-dir", dir.Path);
        second.ExitCode.Should().Be(0, second.ToString());
        second.Stdout.Should().Contain("up to date").And.NotContain("applied now");
    }

    [Fact]
    public async Task An_unreachable_database_is_a_one_line_error_with_exit_3()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync("migrate", "--data-dir", dir.Path, "--database", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=3");
        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Trim().Split('\n').Should().ContainSingle(result.ToString()).Which.Should().StartWith("error: cannot use the PostgreSQL catalog");
        result.Stderr.Should().NotContain("   at ");
    }

    [Fact]
    public async Task A_heartbeat_longer_than_half_the_lease_is_a_usage_error()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync("worker", "--data-dir", dir.Path, "--lease-seconds", "10", "--heartbeat-seconds", "6");
        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("heartbeat interval").And.Contain("half the lease");
    }

    [Fact]
    public async Task A_malformed_postgres_url_is_a_usage_error()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync("worker", "--data-dir", dir.Path, "--database", "postgres://");
        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--database").And.Contain("not a valid PostgreSQL URL");
    }
}
