namespace DatumSync.Cli.Tests;
