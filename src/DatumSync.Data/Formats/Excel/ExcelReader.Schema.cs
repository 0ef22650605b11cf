using System.Globalization;

namespace DatumSync.Data.Formats.Excel;

/// <summary>Header, inference sample and schema.</summary>
public sealed partial class ExcelReader
{
    private const string GeneratedNamePrefix = "column";

    private void ReadHeaderAndSample(CancellationToken cancellationToken)
    {
        var header = new object?[_fieldCount];
        var found = false;
        while (ReadSheetRow(header))
        {
            if (!IsBlankRow(header))
            {
                found = true;
                break;
            }
        }
        if (!found)
        {
            // An empty sheet is an empty table, not an error.
            Schema = new Schema([]);
            _row = [];
            return;
        }

        var lastColumn = LastNonBlank(header);
        var kinds = new ExcelValueKind[_fieldCount];
        var fractional = new bool[_fieldCount];
        var timeOfDay = new bool[_fieldCount];
        var limit = Math.Max(0, _options.InferenceRows);
        while (_sample.Count < limit)
        {
            if ((_sample.Count & 1023) == 1023)
                cancellationToken.ThrowIfCancellationRequested();
            var row = new object?[_fieldCount];
            if (!ReadSheetRow(row))
                break;
            if (IsBlankRow(row))
                continue;
            NullifyTokens(row);
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is not { } v)
                    continue;
                lastColumn = Math.Max(lastColumn, c);
                var kind = ExcelCell.KindOf(v);
                kinds[c] |= kind;
                if (kind == ExcelValueKind.Number && !ExcelCell.IsInt64(ExcelCell.AsDouble(v)))
                    fractional[c] = true;
                else if (v is DateTime dt && dt.TimeOfDay != TimeSpan.Zero)
                    timeOfDay[c] = true;
            }
            _sample.Enqueue(row);
        }

        var count = lastColumn + 1;
        // After a restart for a value beyond the sampled columns, the widened schema names that column.
        if (_options.EffectiveColumnTypes is { } overrides)
        {
            foreach (var key in overrides.Keys)
            {
                if (GeneratedColumnNumber(key) is { } number && number > count && number <= _fieldCount)
                    count = number;
            }
        }

        var names = ColumnNames(header, count);
        var fields = new Field[count];
        for (var c = 0; c < count; c++)
        {
            DataType type;
            if (_options.AllStrings)
                type = DataType.String;
            else if (_options.EffectiveColumnTypes is { } types && types.TryGetValue(names[c], out var given))
                type = given;
            else
                type = Infer(kinds[c], fractional[c], timeOfDay[c]);
            fields[c] = new Field(names[c], type);
        }
        Schema = new Schema(fields);
    }

    private static DataType Infer(ExcelValueKind kinds, bool fractional, bool timeOfDay) => kinds switch
    {
        ExcelValueKind.Boolean => DataType.Boolean,
        ExcelValueKind.Number => fractional ? DataType.Double : DataType.Int64,
        ExcelValueKind.DateTime => timeOfDay ? DataType.Timestamp : DataType.Date,
        _ => DataType.String, // text, a mix of kinds, or no value at all
    };

    private static int LastNonBlank(object?[] row)
    {
        for (var c = row.Length - 1; c >= 0; c--)
        {
            if (!ExcelCell.IsBlank(row[c]))
                return c;
        }
        return -1;
    }

    /// <summary>Turns text equal to a null token into null, in place.</summary>
    private void NullifyTokens(object?[] row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            if (row[c] is string s && _nullTokens.Contains(s))
                row[c] = null;
        }
    }

    private static string[] ColumnNames(object?[] header, int count)
    {
        var names = new string[count];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < count; c++)
        {
            var raw = c < header.Length && header[c] is { } v ? ExcelCell.ToText(v).Trim() : "";
            var name = raw.Length > 0 ? raw : GeneratedNamePrefix + (c + 1).ToString(CultureInfo.InvariantCulture);
            if (!used.Add(name))
            {
                var k = 2;
                string candidate;
                do
                    candidate = $"{name}_{k++}";
                while (!used.Add(candidate));
                name = candidate;
            }
            names[c] = name;
        }
        return names;
    }

    /// <summary>N for a generated name <c>column{N}</c>, else null.</summary>
    private static int? GeneratedColumnNumber(string name) =>
        name.StartsWith(GeneratedNamePrefix, StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(GeneratedNamePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : null;
}
