namespace DatumSync.Data.Formats.Csv;

/// <summary>How a CSV file is written: what the reader detected or was told.</summary>
/// <param name="Delimiter">Field delimiter.</param>
/// <param name="Quote">Quote character, or <c>\0</c> for none.</param>
/// <param name="Escape">Escape inside quotes: the quote itself (doubled quotes, RFC 4180) or a backslash.</param>
/// <param name="HasHeader">Whether the first row names the columns.</param>
/// <param name="Encoding">The text encoding's name (<c>utf-8</c>, <c>utf-8-bom</c>, <c>utf-16le</c>, ...).</param>
/// <param name="LineEnding"><c>LF</c>, <c>CRLF</c> or <c>CR</c>.</param>
/// <param name="QuotesAnywhere">RFC 4180 quoting (a quote anywhere toggles quoting), which the vectorised scanner
/// handles; false when the data has stray quotes inside unquoted fields (<c>12" pizza</c>) and quotes only open at a
/// field's start.</param>
public sealed record CsvDialect(char Delimiter, char Quote, char Escape, bool HasHeader, string Encoding, string LineEnding, bool QuotesAnywhere)
{
    /// <summary>Printable delimiter (<c>\t</c> for tab).</summary>
    public string DelimiterName => Delimiter switch { '\t' => "\\t", _ => Delimiter.ToString() };
}
