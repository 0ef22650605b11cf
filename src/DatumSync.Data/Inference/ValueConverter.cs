using System.Runtime.CompilerServices;

namespace DatumSync.Data.Inference;

/// <summary>
/// Turns field text into values of one <see cref="ColumnFormat"/>, appending to a <see cref="ColumnBuilder"/>.
/// A value that does not fit makes <see cref="TryAppend"/> return false (nothing appended), and
/// <see cref="Widen"/> says which format would hold it.
/// </summary>
public abstract class ValueConverter
{
    private protected ValueConverter(ColumnFormat format, NullTokenSet nulls)
    {
        Format = format;
        Nulls = nulls;
    }

    /// <summary>The format values are parsed with.</summary>
    public ColumnFormat Format { get; }

    private protected NullTokenSet Nulls { get; }

    /// <summary>Creates the converter for <paramref name="format"/>.</summary>
    public static ValueConverter Create(ColumnFormat format, NullTokenSet? nulls = null)
    {
        nulls ??= NullTokenSet.Default;
        return format.Type.Kind switch
        {
            TypeKind.Boolean => new BooleanConverter(format, nulls),
            TypeKind.Int64 => new Int64Converter(format, nulls),
            TypeKind.Double => new DoubleConverter(format, nulls),
            TypeKind.Decimal => new DecimalConverter(format, nulls),
            TypeKind.Date => new DateConverter(format, nulls),
            TypeKind.Timestamp => new TimestampConverter(format, nulls),
            _ => new StringConverter(format, nulls),
        };
    }

    /// <summary>Creates a builder of the right type.</summary>
    public ColumnBuilder CreateBuilder(int capacity) => ColumnBuilder.Create(Format.Type, capacity);

    /// <summary>Parses <paramref name="field"/> and appends it (or null). False when it does not fit the format.</summary>
    /// <param name="builder">A builder from <see cref="CreateBuilder"/>.</param>
    /// <param name="field">The unescaped field bytes.</param>
    /// <param name="quoted">Whether the field was quoted (a quoted empty field is an empty string, not null).</param>
    public abstract bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted);

    /// <summary>The narrowest format that holds every value this format holds and also <paramref name="field"/>.</summary>
    public ColumnFormat Widen(ReadOnlySpan<byte> field) => TypeWidening.Widen(Format, field);

    /// <summary>Null test for non-string columns: null tokens, a quoted empty field, and NaN for numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected bool IsNull(ReadOnlySpan<byte> field, bool numeric)
        => Nulls.IsNull(field) || (numeric && field.Length is >= 3 and <= 8 && NullTokenSet.IsNaN(field)) || Utf8ValueParser.Trim(field).IsEmpty;

    private sealed class StringConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
        {
            var b = Unsafe.As<StringColumnBuilder>(builder);
            if (!quoted && Nulls.IsNull(field))
                b.AppendNull();
            else if (quoted && !field.IsEmpty && Nulls.IsNull(field))
                b.AppendNull();
            else
                b.Append(field);
            return true;
        }
    }

    private sealed class BooleanConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
        {
            var b = Unsafe.As<BooleanColumnBuilder>(builder);
            if (Utf8ValueParser.TryParseBoolean(field, out var v))
                b.Append(v);
            else if (IsNull(field, false))
                b.AppendNull();
            else
                return false;
            return true;
        }
    }

    private sealed class Int64Converter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        private readonly byte _group = format.Number.GroupSeparator;

        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
        {
            var b = Unsafe.As<Int64ColumnBuilder>(builder);
            if (Utf8ValueParser.TryParseInt64(field, _group, out var v))
                b.Append(v);
            else if (IsNull(field, true))
                b.AppendNull();
            else
                return false;
            return true;
        }
    }

    private sealed class DoubleConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
        {
            var b = Unsafe.As<DoubleColumnBuilder>(builder);
            if (Utf8ValueParser.TryParseDouble(field, Format.Number, out var v))
                b.Append(v);
            else if (IsNull(field, true))
                b.AppendNull();
            else
                return false;
            return true;
        }
    }

    private sealed class DecimalConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        private readonly int _precision = format.Type.Precision;
        private readonly int _scale = format.Type.Scale;

        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
        {
            var b = Unsafe.As<DecimalColumnBuilder>(builder);
            if (Utf8ValueParser.TryParseDecimal(field, Format.Number, _precision, _scale, out var v))
                b.Append(v);
            else if (IsNull(field, true))
                b.AppendNull();
            else
                return false;
            return true;
        }
    }

    private sealed class DateConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
        {
            var b = Unsafe.As<DateColumnBuilder>(builder);
            if (Utf8ValueParser.TryParseDate(field, Format.Dates, out var v))
                b.Append(v);
            else if (IsNull(field, false))
                b.AppendNull();
            else
                return false;
            return true;
        }
    }

    private sealed class TimestampConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        private readonly bool _offset = format.Type.HasOffset;

        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
        {
            var b = Unsafe.As<TimestampColumnBuilder>(builder);
            // Offsets must be all-or-nothing: mixing UTC instants with wall-clock times would silently shift values.
            if (Utf8ValueParser.TryParseTimestamp(field, Format.Dates, out var v, out var hasOffset) && hasOffset == _offset)
                b.Append(v);
            else if (IsNull(field, false))
                b.AppendNull();
            else
                return false;
            return true;
        }
    }
}
