using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

public class CliBasicsTests
{
    [Fact]
    public async Task Help_lists_the_commands_and_exits_zero()
    {
        var result = await CliRunner.RunAsync("--help");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("serve", result.ToString());
        result.Stderr.Should().BeEmpty(result.ToString());
    }

    [Fact]
    public async Task Unknown_command_exits_2_with_a_one_line_error_and_no_stack_trace()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().NotContain("   at ", "a usage mistake is not a crash: " + result);
        result.Stderr.Should().NotContain("Exception", result.ToString());
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle(result.ToString()).Which.Should().Contain("frobnicate");
    }
}
