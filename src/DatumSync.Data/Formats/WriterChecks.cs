namespace DatumSync.Data.Formats;

/// <summary>Checks every <see cref="IBatchWriter"/> makes.</summary>
public static class WriterChecks
{
    /// <summary>A batch handed to a writer must have the columns and types the writer was created for.</summary>
    /// <exception cref="ArgumentException">It does not.</exception>
    public static void RequireSchema(Schema expected, RecordBatch batch)
    {
        if (batch.Schema.Count != expected.Count)
            throw new ArgumentException($"The batch has {batch.Schema.Count} columns; the writer was created for {expected.Count}.", nameof(batch));
        for (var i = 0; i < expected.Count; i++)
        {
            if (batch.Schema[i].Type != expected[i].Type)
                throw new ArgumentException($"Column '{expected[i].Name}' is {batch.Schema[i].Type} in the batch; the writer expects {expected[i].Type}.", nameof(batch));
        }
    }
}
