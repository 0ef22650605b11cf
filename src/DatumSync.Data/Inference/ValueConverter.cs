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
            TypeKind.Int64 => new ParsingConverter<long, Int64Parser>(format, nulls, new(format.Number.GroupSeparator)),
            TypeKind.Double => new ParsingConverter<double, DoubleParser>(format, nulls, new(format.Number)),
            TypeKind.Decimal => new ParsingConverter<Int128, DecimalParser>(format, nulls, new(format.Number, format.Type.Precision, format.Type.Scale)),
            TypeKind.Date => new ParsingConverter<int, DateParser>(format, nulls, new(format.Dates)),
            TypeKind.Timestamp => new ParsingConverter<long, TimestampParser>(format, nulls, new(format.Dates, format.Type.HasOffset)),
            _ => new StringConverter(format, nulls),
        };
    }

    /// <summary>Creates a builder of the right type.</summary>
    public ColumnBuilder CreateBuilder(int capacity) => ColumnBuilder.Create(Format.Type, capacity);

    /// <summary>Parses <paramref name="field"/> and appends it (or null). False when it does not fit the format.</summary>
    /// <param name="builder">A builder from <see cref="CreateBuilder"/>.</param>
    /// <param name="field">The unescaped field bytes.</param>
    /// <param name="quoted">Whether the field was quoted (a quoted empty field is an empty string, not null).</param>
    public bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted)
    {
        var append = new AppendOne(field, quoted);
        return Accept(ref append, builder, null) != 0;
    }

    /// <summary>The narrowest format that holds every value this format holds and also <paramref name="field"/>.</summary>
    public ColumnFormat Widen(ReadOnlySpan<byte> field) => TypeWidening.Widen(Format, field);

    /// <summary>
    /// Hands <paramref name="visitor"/> this column's sink: one appending to <paramref name="builder"/>, or, with no
    /// builder, one that only checks values and counts nulls into <paramref name="nulls"/>[0]. The sink is a struct,
    /// so a reader's loop over it is compiled once per type, with parsing inlined and nothing virtual per value; the
    /// one virtual call is this one, per block of values.
    /// </summary>
    internal abstract int Accept<TVisitor>(ref TVisitor visitor, ColumnBuilder? builder, long[]? nulls)
        where TVisitor : struct, ISinkVisitor, allows ref struct;

    /// <summary>Null test for non-string columns: null tokens, a quoted empty field, and NaN for numbers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNull(NullTokenSet nulls, ReadOnlySpan<byte> field, bool numeric)
        => nulls.IsNull(field) || (numeric && field.Length is >= 3 and <= 8 && NullTokenSet.IsNaN(field)) || Utf8ValueParser.Trim(field).IsEmpty;

    /// <summary>Parses values for one column and appends them (or only checks them), counting nulls when checking.</summary>
    internal interface ISink
    {
        bool TryAppend(ReadOnlySpan<byte> field, bool quoted);

        void AppendNull();
    }

    /// <summary>Receives a column's sink: the loop that feeds it is generic over the sink's type.</summary>
    internal interface ISinkVisitor
    {
        int Visit<TSink>(TSink sink)
            where TSink : struct, ISink;
    }

    /// <summary>Parses one text value into a fixed-width value.</summary>
    internal interface IValueParser<T>
        where T : unmanaged
    {
        /// <summary>Whether NaN counts as null (numbers).</summary>
        static abstract bool Numeric { get; }

        bool TryParse(ReadOnlySpan<byte> field, out T value);
    }

    /// <summary>The single-value path of <see cref="TryAppend"/>: 1 when the value was taken, 0 when it does not fit.</summary>
    private readonly ref struct AppendOne(ReadOnlySpan<byte> field, bool quoted) : ISinkVisitor
    {
        private readonly ReadOnlySpan<byte> _field = field;

        public int Visit<TSink>(TSink sink)
            where TSink : struct, ISink => sink.TryAppend(_field, quoted) ? 1 : 0;
    }

    internal readonly struct Int64Parser(byte group) : IValueParser<long>
    {
        public static bool Numeric => true;

        public bool TryParse(ReadOnlySpan<byte> field, out long value) => Utf8ValueParser.TryParseInt64(field, group, out value);
    }

    internal readonly struct DoubleParser(NumberStyle style) : IValueParser<double>
    {
        public static bool Numeric => true;

        public bool TryParse(ReadOnlySpan<byte> field, out double value) => Utf8ValueParser.TryParseDouble(field, style, out value);
    }

    internal readonly struct DecimalParser(NumberStyle style, int precision, int scale) : IValueParser<Int128>
    {
        public static bool Numeric => true;

        public bool TryParse(ReadOnlySpan<byte> field, out Int128 value) => Utf8ValueParser.TryParseDecimal(field, style, precision, scale, out value);
    }

    internal readonly struct DateParser(DateLayout layout) : IValueParser<int>
    {
        public static bool Numeric => false;

        public bool TryParse(ReadOnlySpan<byte> field, out int value) => Utf8ValueParser.TryParseDate(field, layout, out value);
    }

    internal readonly struct TimestampParser(DateLayout layout, bool offset) : IValueParser<long>
    {
        public static bool Numeric => false;

        // Offsets must be all-or-nothing: mixing UTC instants with wall-clock times would silently shift values.
        public bool TryParse(ReadOnlySpan<byte> field, out long value)
            => Utf8ValueParser.TryParseTimestamp(field, layout, out value, out var hasOffset) && hasOffset == offset;
    }

    /// <summary>Every fixed-width type: parse, or take a null token, or refuse.</summary>
    internal sealed class ParsingConverter<T, TParser>(ColumnFormat format, NullTokenSet nulls, TParser parser) : ValueConverter(format, nulls)
        where T : unmanaged
        where TParser : struct, IValueParser<T>
    {
        internal override int Accept<TVisitor>(ref TVisitor visitor, ColumnBuilder? builder, long[]? nulls)
            => visitor.Visit(new Sink(parser, Nulls, (PrimitiveColumnBuilder<T>?)builder, nulls));

        private readonly struct Sink(TParser parser, NullTokenSet tokens, PrimitiveColumnBuilder<T>? builder, long[]? nulls) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                if (parser.TryParse(field, out var v))
                    builder?.Append(v);
                else if (IsNull(tokens, field, TParser.Numeric))
                    AppendNull();
                else
                    return false;
                return true;
            }

            public void AppendNull()
            {
                if (builder is null)
                    nulls![0]++;
                else
                    builder.AppendNull();
            }
        }
    }

    private sealed class BooleanConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        internal override int Accept<TVisitor>(ref TVisitor visitor, ColumnBuilder? builder, long[]? nulls)
            => visitor.Visit(new Sink(Nulls, (BooleanColumnBuilder?)builder, nulls));

        private readonly struct Sink(NullTokenSet tokens, BooleanColumnBuilder? builder, long[]? nulls) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                if (Utf8ValueParser.TryParseBoolean(field, out var v))
                    builder?.Append(v);
                else if (IsNull(tokens, field, false))
                    AppendNull();
                else
                    return false;
                return true;
            }

            public void AppendNull()
            {
                if (builder is null)
                    nulls![0]++;
                else
                    builder.AppendNull();
            }
        }
    }

    private sealed class StringConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        internal override int Accept<TVisitor>(ref TVisitor visitor, ColumnBuilder? builder, long[]? nulls)
            => visitor.Visit(new Sink(Nulls, (StringColumnBuilder?)builder, nulls));

        private readonly struct Sink(NullTokenSet tokens, StringColumnBuilder? builder, long[]? nulls) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                // A quoted empty field is an empty string; other null tokens are null quoted or not.
                if (tokens.IsNull(field) && !(quoted && field.IsEmpty))
                    AppendNull();
                else
                    builder?.Append(field);
                return true;
            }

            public void AppendNull()
            {
                if (builder is null)
                    nulls![0]++;
                else
                    builder.AppendNull();
            }
        }
    }
}
