using System.Globalization;

namespace DatumSync.Data;

/// <summary>An exact decimal: <c>Unscaled × 10^-Scale</c>, up to 38 digits.</summary>
/// <param name="Unscaled">The unscaled integer.</param>
/// <param name="Scale">Digits after the decimal point.</param>
public readonly record struct DecimalValue(Int128 Unscaled, int Scale)
{
    /// <summary>Converts to <see cref="decimal"/> when it fits (28 digits); otherwise false.</summary>
    public bool TryToDecimal(out decimal value)
    {
        value = 0;
        if (Scale > 28 || Int128.Abs(Unscaled) > (Int128)decimal.MaxValue)
            return false;
        var magnitude = (UInt128)Int128.Abs(Unscaled);
        var lo = (ulong)magnitude;
        var hi = (ulong)(magnitude >> 64);
        value = new decimal((int)(uint)lo, (int)(uint)(lo >> 32), (int)(uint)hi, Int128.IsNegative(Unscaled), (byte)Scale);
        return true;
    }

    /// <summary>The nearest double.</summary>
    public double ToDouble() => double.Parse(ToString(), CultureInfo.InvariantCulture);

    /// <summary>Parses invariant text such as <c>-12.50</c> at the given scale; false if it needs more digits.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, int scale, out DecimalValue value)
    {
        value = default;
        Span<byte> utf8 = stackalloc byte[64];
        if (text.Length > utf8.Length)
            return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
                return false;
            utf8[i] = (byte)text[i];
        }
        if (!ValueFormatter.TryParseDecimalInvariant(utf8[..text.Length], scale, out var unscaled))
            return false;
        value = new DecimalValue(unscaled, scale);
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[48];
        ValueFormatter.TryFormatDecimal(Unscaled, Scale, buffer, out var n);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }
}
