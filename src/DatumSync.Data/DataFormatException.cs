using System.Text;

namespace DatumSync.Data;

/// <summary>
/// Input that cannot be read as the format or type expected. The message names the source, the row (and line),
/// the column and what was expected, so a user can go straight to the problem.
/// </summary>
public class DataFormatException : Exception
{
    /// <summary>Creates the exception from its parts.</summary>
    /// <param name="source">File name or other source label.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="row">1-based data row (excluding any header), if known.</param>
    /// <param name="column">Column name, if known.</param>
    /// <param name="line">1-based physical line, if known and different from the row.</param>
    /// <param name="inner">The underlying exception.</param>
    public DataFormatException(string? source, string problem, long? row = null, string? column = null, long? line = null, Exception? inner = null)
        : base(Compose(source, problem, row, column, line), inner)
    {
        SourceName = source;
        Problem = problem;
        Row = row;
        ColumnName = column;
        Line = line;
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public DataFormatException(string message) : base(message) => Problem = message;

    /// <summary>Creates an exception with a plain message and inner exception.</summary>
    public DataFormatException(string message, Exception inner) : base(message, inner) => Problem = message;

    /// <summary>Creates an exception with no message.</summary>
    public DataFormatException() : base("Invalid data.") => Problem = "Invalid data.";

    /// <summary>File name or source label.</summary>
    public string? SourceName { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>1-based data row.</summary>
    public long? Row { get; }

    /// <summary>Column name.</summary>
    public string? ColumnName { get; }

    /// <summary>1-based physical line.</summary>
    public long? Line { get; }

    private static string Compose(string? source, string problem, long? row, string? column, long? line)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(source))
            sb.Append(source);
        if (row is not null)
        {
            sb.Append(sb.Length > 0 ? ", " : "").Append("row ").Append(row.Value);
            if (line is not null && line != row)
                sb.Append(" (line ").Append(line.Value).Append(')');
        }
        else if (line is not null)
        {
            sb.Append(sb.Length > 0 ? ", " : "").Append("line ").Append(line.Value);
        }
        if (column is not null)
            sb.Append(sb.Length > 0 ? ", " : "").Append("column '").Append(column).Append('\'');
        return sb.Length == 0 ? problem : sb.Append(": ").Append(problem).ToString();
    }
}

/// <summary>
/// A value later in the input did not fit the type inferred from the sample, after batches with the narrower type
/// were already handed out. <see cref="WidenedSchema"/> holds the type that fits; callers that can re-read the
/// source restart with it (see <see cref="Formats.TableReader"/>), so no value is ever silently lost.
/// </summary>
public sealed class SchemaWidenedException : DataFormatException
{
    /// <summary>Creates the exception.</summary>
    public SchemaWidenedException(string? source, Schema widenedSchema, string column, long row, string value, DataType from, DataType to)
        : base(source, $"value '{Truncate(value)}' does not fit {from} inferred from the sample; the column needs {to}", row, column)
    {
        WidenedSchema = widenedSchema;
        From = from;
        To = to;
        Value = value;
    }

    /// <summary>The schema with the column widened.</summary>
    public Schema WidenedSchema { get; }

    /// <summary>The inferred type.</summary>
    public DataType From { get; }

    /// <summary>The type the value needs.</summary>
    public DataType To { get; }

    /// <summary>The offending value.</summary>
    public string Value { get; }

    private static string Truncate(string s) => s.Length <= 60 ? s : string.Concat(s.AsSpan(0, 57), "...");
}
