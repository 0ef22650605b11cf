using System.Globalization;

namespace DatumSync.Data.Formats.Excel;

/// <summary>Cell values into typed columns, and widening when a value does not fit.</summary>
public sealed partial class ExcelReader
{
    private void AppendRow(ColumnBuilder[] builders, object?[] values)
    {
        for (var c = 0; c < builders.Length; c++)
        {
            var value = values[c];
            if (value is null || (value is string s && _nullTokens.Contains(s)))
                builders[c].AppendNull();
            else if (!TryAppend(builders[c], value))
                throw Widened(c, value);
        }
        // A value right of the columns the header and the sample showed: the schema needs more columns.
        for (var c = builders.Length; c < values.Length; c++)
        {
            if (!ExcelCell.IsBlank(values[c]) && !(values[c] is string s && _nullTokens.Contains(s)))
                throw WidenedWithColumns(c, values[c]!);
        }
    }

    /// <summary>Appends <paramref name="value"/> when it fits the column's type exactly; false otherwise.</summary>
    private static bool TryAppend(ColumnBuilder builder, object value)
    {
        var type = builder.Type;
        switch (type.Kind)
        {
            case TypeKind.String:
                ((StringColumnBuilder)builder).Append(ExcelCell.ToText(value));
                return true;
            case TypeKind.Boolean:
                if (value is bool b || (value is string text && TryCanonicalBoolean(text, out b)))
                {
                    ((BooleanColumnBuilder)builder).Append(b);
                    return true;
                }
                return false;
            case TypeKind.Int64:
                if (TryInt64(value, out var l))
                {
                    ((Int64ColumnBuilder)builder).Append(l);
                    return true;
                }
                return false;
            case TypeKind.Double:
                if (TryDouble(value, out var d))
                {
                    ((DoubleColumnBuilder)builder).Append(d);
                    return true;
                }
                return false;
            case TypeKind.Decimal:
                if (TryDecimal(value, type.Scale, out var unscaled))
                {
                    ((DecimalColumnBuilder)builder).Append(unscaled);
                    return true;
                }
                return false;
            case TypeKind.Date:
                if (TryDate(value, out var days))
                {
                    ((DateColumnBuilder)builder).Append(days);
                    return true;
                }
                return false;
            case TypeKind.Timestamp:
                if (TryTimestamp(value, type.HasOffset, out var micros))
                {
                    ((TimestampColumnBuilder)builder).Append(micros);
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    private static bool TryCanonicalBoolean(string text, out bool value)
    {
        value = text == "true";
        return value || text == "false";
    }

    private static bool TryInt64(object value, out long result)
    {
        result = 0;
        switch (value)
        {
            case int i:
                result = i;
                return true;
            case double d when ExcelCell.IsInt64(d):
                result = (long)d;
                return true;
            case string s:
                // Only text that is the canonical form of a number: "007" stays text.
                return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result)
                    && result.ToString(CultureInfo.InvariantCulture) == s;
            default:
                return false;
        }
    }

    private static bool TryDouble(object value, out double result)
    {
        result = 0;
        switch (value)
        {
            case double d:
                result = d;
                return true;
            case int i:
                result = i;
                return true;
            case string s:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out result)
                    && ExcelCell.FormatDouble(result) == s;
            default:
                return false;
        }
    }

    private static bool TryDecimal(object value, int scale, out Int128 unscaled)
    {
        unscaled = 0;
        switch (value)
        {
            case double or int:
                var d = ExcelCell.AsDouble(value);
                if (!double.IsFinite(d))
                    return false;
                // The shortest round-trip text first; then the 15 significant digits Excel itself shows, which drops
                // binary noise such as 0.30000000000000004 without inventing digits.
                return TryParseDecimal(ExcelCell.FormatDouble(d), scale, out unscaled)
                    || TryParseDecimal(d.ToString("G15", CultureInfo.InvariantCulture), scale, out unscaled);
            case string s when DecimalValue.TryParse(s, scale, out var parsed) && parsed.ToString() == s:
                unscaled = parsed.Unscaled;
                return true;
            default:
                return false;
        }
    }

    private static bool TryParseDecimal(string text, int scale, out Int128 unscaled)
    {
        unscaled = 0;
        if (text.Contains('E', StringComparison.OrdinalIgnoreCase))
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
                return false;
            text = m.ToString(CultureInfo.InvariantCulture);
        }
        if (!DecimalValue.TryParse(text, scale, out var parsed))
            return false;
        unscaled = parsed.Unscaled;
        return true;
    }

    private static bool TryDate(object value, out int days)
    {
        days = 0;
        switch (value)
        {
            case DateTime dt when dt.TimeOfDay == TimeSpan.Zero:
                days = ValueFormatter.ToEpochDays(DateOnly.FromDateTime(dt));
                return true;
            case string s when s.Length == 10
                && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                days = ValueFormatter.ToEpochDays(date);
                return true;
            default:
                return false;
        }
    }

    private static bool TryTimestamp(object value, bool utc, out long micros)
    {
        micros = 0;
        switch (value)
        {
            case DateTime dt:
                micros = ValueFormatter.ToEpochMicros(dt);
                return true;
            case string s when s.Length >= 19:
                // Only the canonical text (with Z exactly when the column holds UTC instants) fits.
                if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
                    return false;
                micros = ValueFormatter.ToEpochMicros(parsed);
                return ExcelCell.FormatTimestamp(micros, utc) == s;
            default:
                return false;
        }
    }

    /// <summary>The type that holds both the column's values so far and <paramref name="value"/>.</summary>
    private static DataType Widen(DataType current, object value)
    {
        var kind = ExcelCell.KindOf(value);
        return current.Kind switch
        {
            TypeKind.Int64 or TypeKind.Decimal when kind == ExcelValueKind.Number => DataType.Double,
            TypeKind.Date when kind == ExcelValueKind.DateTime => DataType.Timestamp,
            _ => DataType.String,
        };
    }

    private SchemaWidenedException Widened(int column, object value)
    {
        var field = Schema[column];
        var to = Widen(field.Type, value);
        var widened = Schema.With(column, field with { Type = to });
        return new SchemaWidenedException(_source.Name, widened, field.Name, _dataRows, ExcelCell.ToText(value), field.Type, to);
    }

    /// <summary>
    /// A value right of every column the header and the sample showed. The widened schema adds the generated columns
    /// up to it as strings; on the restart, <see cref="ReadHeaderAndSample"/> keeps the columns those names reach.
    /// </summary>
    private DataFormatException WidenedWithColumns(int column, object value)
    {
        var fields = Schema.ToList();
        for (var c = Schema.Count; c <= column; c++)
        {
            var name = GeneratedNamePrefix + (c + 1).ToString(CultureInfo.InvariantCulture);
            if (Schema.IndexOf(name) >= 0)
            {
                return new DataFormatException(_source.Name,
                    $"a value ('{ExcelCell.ToText(value)}') lies right of the header's columns, after the first {_options.InferenceRows:N0} rows used to find them; give the column a header",
                    _dataRows, name);
            }
            fields.Add(new Field(name, DataType.String));
        }
        return new SchemaWidenedException(_source.Name, new Schema(fields), fields[^1].Name, _dataRows, ExcelCell.ToText(value), DataType.String, DataType.String);
    }
}
