namespace DatumSync.Data.Inference;

/// <summary>
/// The type lattice: when a value does not fit a column's format, the narrowest format that holds both.
/// Integer → decimal → double → string; date → timestamp → string; boolean → string. Widening never loses a value:
/// where no exact type would hold it (a decimal of more than 38 digits), the answer is string.
/// </summary>
public static class TypeWidening
{
    /// <summary>The widened format for <paramref name="current"/> plus <paramref name="field"/>.</summary>
    public static ColumnFormat Widen(ColumnFormat current, ReadOnlySpan<byte> field)
    {
        var shape = ValueShapes.Classify(field);
        var style = current.Number;
        switch (current.Type.Kind)
        {
            case TypeKind.Int64:
                // Existing integers need up to 19 digits.
                return WidenNumber(current, field, shape, 19, 0);
            case TypeKind.Decimal:
                return WidenNumber(current, field, shape, current.Type.Precision - current.Type.Scale, current.Type.Scale);
            case TypeKind.Date:
                if (Utf8ValueParser.TryParseTimestamp(field, current.Dates, out _, out var offset) && !offset)
                    return current with { Type = DataType.Timestamp };
                return ColumnFormat.String;
            default:
                return ColumnFormat.String;
        }

        ColumnFormat WidenNumber(ColumnFormat format, ReadOnlySpan<byte> value, ValueShape valueShape, int integerDigits, int scale)
        {
            if ((valueShape & ValueShape.LeadingZero) != 0)
                return ColumnFormat.String;
            if (Utf8ValueParser.TryMeasureFixed(value, style, out var i, out var f))
            {
                var newScale = Math.Max(scale, f);
                var newInteger = Math.Max(integerDigits, i);
                if (newInteger + newScale <= DataType.MaxDecimalPrecision)
                    return format with { Type = DataType.Decimal(Math.Max(18, newInteger + newScale), newScale) };
                return ColumnFormat.String;
            }
            if (Utf8ValueParser.TryParseDouble(value, style, out _))
                return format with { Type = DataType.Double };
            return ColumnFormat.String;
        }
    }
}
