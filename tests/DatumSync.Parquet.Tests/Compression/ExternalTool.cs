using System.Diagnostics;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>Runs a command-line tool (gzip, zstd) with bytes on standard input and returns its standard output.</summary>
internal static class ExternalTool
{
    public static byte[] Run(string tool, string arguments, byte[] input)
    {
        var info = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
        // Write and read at once: a tool with a full output pipe stops reading its input.
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        reading.Wait(TimeSpan.FromMinutes(1)).Should().BeTrue($"{tool} {arguments} should finish");
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{tool} {arguments} failed: {errors.Result}");
        return output.ToArray();
    }
}
