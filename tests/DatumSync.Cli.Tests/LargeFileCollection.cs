namespace DatumSync.Cli.Tests;

/// <summary>The large-file tests run alone: two cores shared with another test would make their timings and
/// memory noisy, and they need the disk to themselves.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeFileCollection : ICollectionFixture<LargeCsvFiles>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "LargeFile";
}
