using System.Text;

namespace DatumSync.Modules.Profile;

/// <summary>
/// A value's shape: upper-case letters become <c>A</c>, lower-case <c>a</c>, digits <c>9</c>; everything else
/// (punctuation, spaces, symbols) stays as it is, so <c>Ab12-345</c> has the pattern <c>Aa99-999</c>. Patterns are
/// cut at <see cref="MaxLength"/> characters with a trailing <c>…</c>.
/// </summary>
public static class CharacterPattern
{
    /// <summary>Longest pattern, in characters, before it is cut.</summary>
    public const int MaxLength = 32;

    /// <summary>Bytes a destination needs.</summary>
    public const int MaxBytes = MaxLength * 4 + 3;

    /// <summary>Writes the pattern of the UTF-8 <paramref name="value"/> into <paramref name="destination"/> as UTF-8.</summary>
    /// <returns>Bytes written.</returns>
    public static int Write(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var written = 0;
        var chars = 0;
        var i = 0;
        while (i < value.Length)
        {
            if (chars == MaxLength)
            {
                "…"u8.CopyTo(destination[written..]);
                return written + 3;
            }
            var b = value[i];
            if (b < 0x80)
            {
                destination[written++] = b switch
                {
                    >= (byte)'A' and <= (byte)'Z' => (byte)'A',
                    >= (byte)'a' and <= (byte)'z' => (byte)'a',
                    >= (byte)'0' and <= (byte)'9' => (byte)'9',
                    _ => b,
                };
                i++;
            }
            else
            {
                Rune.DecodeFromUtf8(value[i..], out var rune, out var consumed);
                i += consumed;
                if (Rune.IsUpper(rune))
                    destination[written++] = (byte)'A';
                else if (Rune.IsLetter(rune))
                    destination[written++] = (byte)'a';
                else if (Rune.IsDigit(rune))
                    destination[written++] = (byte)'9';
                else
                    written += rune.EncodeToUtf8(destination[written..]);
            }
            chars++;
        }
        return written;
    }

    /// <summary>The pattern of <paramref name="value"/>.</summary>
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> buffer = stackalloc byte[MaxBytes];
        return Encoding.UTF8.GetString(buffer[..Write(bytes, buffer)]);
    }
}
