namespace DatumSync.Parquet.Tests.Peers;

/// <summary>
/// A peer script failed: exit code 1 means the engine could not do it (it cannot read the file, the SQL is wrong),
/// 2 that it was asked for something it cannot be told to do (an option it lacks). The message carries the
/// engine's own message from stderr.
/// </summary>
public sealed class ParquetPeerException(string message, string commandLine, int exitCode, string stderr) : Exception(message)
{
    /// <summary>The command as run.</summary>
    public string CommandLine { get; } = commandLine;

    /// <summary>The script's exit code (1 engine failure, 2 usage).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Everything the script wrote to stderr (its one-line message, and any noise the engine printed).</summary>
    public string Stderr { get; } = stderr;
}
