using System.Net;
using System.Net.Sockets;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

/// <summary>The harness itself: if these fail, every other CLI test's verdict is suspect.</summary>
public class HarnessTests
{
    [Fact]
    public async Task Peak_memory_of_the_cli_is_measured_in_a_plausible_range()
    {
        var result = await CliRunner.RunAsync("--help");

        // A .NET process needs some tens of MiB; far less or far more means the measurement is wrong.
        result.PeakRssMiB.Should().BeInRange(10, 300, result.ToString());
    }

    [Fact]
    public async Task Standard_input_is_closed_so_a_reader_of_it_ends_at_once()
    {
        var result = await ProcessRunner.RunAsync("cat", [], new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(10) });

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_killed_with_its_children_and_fails()
    {
        using var dataDir = new TempDir();
        var port = ServeCommandTests.FreeLoopbackPort();
        var run = CliRunner.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir.Path],
            new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(8) });

        // It must really be up (so the kill below is what frees the port), then outlive its timeout.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var up = false;
        for (var attempt = 0; attempt < 60 && !up && !run.IsCompleted; attempt++)
        {
            try
            {
                up = (await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        up.Should().BeTrue("serve should answer before its timeout");
        var finish = () => run;
        (await finish.Should().ThrowAsync<TimeoutException>()).WithMessage("*did not finish within 8 s and was killed*");

        // The server ran as a child of GNU time; the port is free again only if it died too.
        var freed = false;
        for (var attempt = 0; attempt < 50 && !freed; attempt++)
        {
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                freed = true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        freed.Should().BeTrue("the killed server must not keep port {0}", port);
    }

    [Fact]
    public void The_repository_root_is_found_from_the_test_assembly()
    {
        File.Exists(Path.Combine(RepoPaths.Root, "DatumSync.slnx")).Should().BeTrue();
        RepoPaths.CliDll.Should().EndWith(Path.Combine("artifacts", "bin", "DatumSync.Cli", "release", "datumsync.dll"));
    }
}
