using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

/// <summary>
/// Uploads stream: the server's peak memory must not grow with the upload. A real <c>datumsync serve</c> takes a
/// 100 MB and then a 1 GB body (generated on the fly by the client, so the test needs no input file, only ~1 GB of
/// disk in the server's data directory), and its peak RSS (VmHWM) is compared before and after.
/// </summary>
[Trait("Category", "LargeFile")]
public class ServeUploadMemoryTests
{
    /// <summary>What the 1 GB upload may add to the peak the 100 MB one reached: far below any buffering of it.</summary>
    private const long MaxGrowthMiB = 64;

    [Fact]
    public async Task A_1_GB_upload_leaves_the_servers_peak_memory_where_a_100_MB_upload_left_it()
    {
        if (!OperatingSystem.IsLinux())
            return; // VmHWM comes from /proc
        using var dataDir = new TempDir();
        var baseUrl = $"http://127.0.0.1:{ServeCommandTests.FreeLoopbackPort()}";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        await using var server = CliRunner.Start(["serve", "--urls", baseUrl, "--data-dir", dataDir.Path, "--workers", "0", "--max-upload-mb", "2048"]);
        await server.WaitUntilAsync(async () => (await http.GetAsync("/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "readiness");

        await UploadAsync(http, 100L << 20, "small.csv");
        var afterSmall = PeakRssMiB(server.Id);
        await UploadAsync(http, 1L << 30, "big.csv");
        var afterBig = PeakRssMiB(server.Id);

        afterBig.Should().BeLessThanOrEqualTo(afterSmall + MaxGrowthMiB,
            "a streamed upload must not hold the body: after 100 MB the peak was {0} MiB, after 1 GB {1} MiB", afterSmall, afterBig);
        Directory.EnumerateFiles(Path.Combine(dataDir.Path, "tmp")).Should().BeEmpty("the temporary upload file moves into the store");
    }

    private static async Task UploadAsync(HttpClient http, long bytes, string name)
    {
        using var form = new MultipartFormDataContent { { new GeneratedCsvContent(bytes), "file", name } };
        using var response = await http.PostAsync("/api/datasets", form);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var dataset = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dataset");
        dataset.GetProperty("sizeBytes").GetInt64().Should().Be(bytes);
        dataset.GetProperty("format").GetString().Should().Be("csv");
    }

    private static long PeakRssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>A CSV body of an exact length, written in 64 KB chunks as it is sent.</summary>
    private sealed class GeneratedCsvContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var line = Encoding.ASCII.GetBytes("123456,some text value,3.14159,2024-01-31,true\n");
            // Whole lines per chunk, so the body stays a well-formed CSV across chunks (only the last line is cut short).
            var chunk = new byte[64 * 1024 / line.Length * line.Length];
            for (var i = 0; i < chunk.Length; i++)
                chunk[i] = line[i % line.Length];
            var header = Encoding.ASCII.GetBytes("id,name,amount,day,flag\n");
            await stream.WriteAsync(header);
            var left = length - header.Length;
            while (left > 0)
            {
                var n = (int)Math.Min(left, chunk.Length);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                left -= n;
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
