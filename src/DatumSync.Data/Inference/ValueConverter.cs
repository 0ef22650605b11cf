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

    /// <summary>
    /// Parses values for one column and appends them to a builder, or, with no builder, only checks them (a
    /// verification pass) — counting nulls either way. Readers with a hot loop (CSV) are generic over the sink, so the
    /// JIT compiles a loop per type with parsing inlined and nothing virtual per value.
    /// </summary>
    internal interface ISink
    {
        bool TryAppend(ReadOnlySpan<byte> field, bool quoted);

        void AppendNull();
    }

    internal sealed class StringConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted) => new Sink(this, (StringColumnBuilder)builder).TryAppend(field, quoted);

        /// <param name="converter">The column's converter.</param>
        /// <param name="builder">Where values go; null to only check them.</param>
        /// <param name="nulls">Without a builder, where nulls are counted (element 0).</param>
        internal readonly struct Sink(StringConverter converter, StringColumnBuilder? builder, long[]? nulls = null) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                // A quoted empty field is an empty string; other null tokens are null quoted or not.
                if (converter.Nulls.IsNull(field) && !(quoted && field.IsEmpty))
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

    internal sealed class BooleanConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted) => new Sink(this, (BooleanColumnBuilder)builder).TryAppend(field, quoted);

        /// <param name="converter">The column's converter.</param>
        /// <param name="builder">Where values go; null to only check them.</param>
        /// <param name="nulls">Without a builder, where nulls are counted (element 0).</param>
        internal readonly struct Sink(BooleanConverter converter, BooleanColumnBuilder? builder, long[]? nulls = null) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                if (Utf8ValueParser.TryParseBoolean(field, out var v))
                    builder?.Append(v);
                else if (converter.IsNull(field, false))
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

    internal sealed class Int64Converter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        private readonly byte _group = format.Number.GroupSeparator;

        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted) => new Sink(this, (Int64ColumnBuilder)builder).TryAppend(field, quoted);

        /// <param name="converter">The column's converter.</param>
        /// <param name="builder">Where values go; null to only check them.</param>
        /// <param name="nulls">Without a builder, where nulls are counted (element 0).</param>
        internal readonly struct Sink(Int64Converter converter, Int64ColumnBuilder? builder, long[]? nulls = null) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                if (Utf8ValueParser.TryParseInt64(field, converter._group, out var v))
                    builder?.Append(v);
                else if (converter.IsNull(field, true))
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

    internal sealed class DoubleConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted) => new Sink(this, (DoubleColumnBuilder)builder).TryAppend(field, quoted);

        /// <param name="converter">The column's converter.</param>
        /// <param name="builder">Where values go; null to only check them.</param>
        /// <param name="nulls">Without a builder, where nulls are counted (element 0).</param>
        internal readonly struct Sink(DoubleConverter converter, DoubleColumnBuilder? builder, long[]? nulls = null) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                if (Utf8ValueParser.TryParseDouble(field, converter.Format.Number, out var v))
                    builder?.Append(v);
                else if (converter.IsNull(field, true))
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

    internal sealed class DecimalConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        private readonly int _precision = format.Type.Precision;
        private readonly int _scale = format.Type.Scale;

        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted) => new Sink(this, (DecimalColumnBuilder)builder).TryAppend(field, quoted);

        /// <param name="converter">The column's converter.</param>
        /// <param name="builder">Where values go; null to only check them.</param>
        /// <param name="nulls">Without a builder, where nulls are counted (element 0).</param>
        internal readonly struct Sink(DecimalConverter converter, DecimalColumnBuilder? builder, long[]? nulls = null) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                if (Utf8ValueParser.TryParseDecimal(field, converter.Format.Number, converter._precision, converter._scale, out var v))
                    builder?.Append(v);
                else if (converter.IsNull(field, true))
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

    internal sealed class DateConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted) => new Sink(this, (DateColumnBuilder)builder).TryAppend(field, quoted);

        /// <param name="converter">The column's converter.</param>
        /// <param name="builder">Where values go; null to only check them.</param>
        /// <param name="nulls">Without a builder, where nulls are counted (element 0).</param>
        internal readonly struct Sink(DateConverter converter, DateColumnBuilder? builder, long[]? nulls = null) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                if (Utf8ValueParser.TryParseDate(field, converter.Format.Dates, out var v))
                    builder?.Append(v);
                else if (converter.IsNull(field, false))
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

    internal sealed class TimestampConverter(ColumnFormat format, NullTokenSet nulls) : ValueConverter(format, nulls)
    {
        private readonly bool _offset = format.Type.HasOffset;

        public override bool TryAppend(ColumnBuilder builder, ReadOnlySpan<byte> field, bool quoted) => new Sink(this, (TimestampColumnBuilder)builder).TryAppend(field, quoted);

        /// <param name="converter">The column's converter.</param>
        /// <param name="builder">Where values go; null to only check them.</param>
        /// <param name="nulls">Without a builder, where nulls are counted (element 0).</param>
        internal readonly struct Sink(TimestampConverter converter, TimestampColumnBuilder? builder, long[]? nulls = null) : ISink
        {
            public bool TryAppend(ReadOnlySpan<byte> field, bool quoted)
            {
                // Offsets must be all-or-nothing: mixing UTC instants with wall-clock times would silently shift values.
                if (Utf8ValueParser.TryParseTimestamp(field, converter.Format.Dates, out var v, out var hasOffset) && hasOffset == converter._offset)
                    builder?.Append(v);
                else if (converter.IsNull(field, false))
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
}
