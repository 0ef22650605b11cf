namespace DatumSync.Cli;

/// <summary>The exit codes every command keeps.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A data check failed (validate, reconcile).</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The input could not be read (missing file, malformed data).</summary>
    public const int InputError = 3;

    /// <summary>A service DatumSync needs (the catalog database) cannot be reached (sysexits EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>A bug in DatumSync (sysexits EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
