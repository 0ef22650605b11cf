namespace DatumSync.Platform.Workers;

/// <summary>A job that can never succeed as submitted (unknown module, missing dataset, wrong number of inputs): failed at once, never retried.</summary>
public sealed class PermanentJobException(string message) : Exception(message);
