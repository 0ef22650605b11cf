using DatumSync.Cli;

return await CliApp.RunAsync(args);
