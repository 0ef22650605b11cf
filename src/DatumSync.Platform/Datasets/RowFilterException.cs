namespace DatumSync.Platform.Datasets;

/// <summary>A <c>where</c> filter that cannot be applied (bad syntax, unknown column, a value of the wrong kind).</summary>
/// <param name="message">What is wrong, naming the clause or column.</param>
public sealed class RowFilterException(string message) : Exception(message);
