namespace DatumSync.Modules.Detect;

/// <summary>
/// Allocation-free validators for single values, written over spans (no regular expressions: the classifier runs
/// them on thousands of values per column and must stay well under a millisecond).
/// </summary>
public static class SemanticValidators
{
    /// <summary>Whether <paramref name="digits"/> (digits, with spaces or dashes between groups) passes the Luhn check.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        int sum = 0, count = 0;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (c is ' ' or '-')
                continue;
            if (!char.IsAsciiDigit(c))
                return false;
            var d = c - '0';
            if ((count & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }
            sum += d;
            count++;
        }
        return count > 1 && sum % 10 == 0;
    }

    /// <summary>A payment card number: 13–19 digits (spaces/dashes between groups allowed), a known issuer prefix and a valid Luhn check digit.</summary>
    public static bool IsCreditCard(ReadOnlySpan<char> value)
    {
        Span<char> digits = stackalloc char[19];
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                if (n == 19)
                    return false;
                digits[n++] = c;
            }
            else if ((c is not (' ' or '-')) || i == 0 || i == value.Length - 1)
                return false;
        }
        if (n < 13)
            return false;
        var d = digits[..n];
        var two = (d[0] - '0') * 10 + (d[1] - '0');
        var four = two * 100 + (d[2] - '0') * 10 + (d[3] - '0');
        var issuer = d[0] == '4' && n is 13 or 16 or 19                       // Visa
            || (two is >= 51 and <= 55 || four is >= 2221 and <= 2720) && n == 16 // Mastercard
            || two is 34 or 37 && n == 15                                        // American Express
            || (four == 6011 || two == 65 || four is >= 6440 and <= 6499) && n is 16 or 19 // Discover
            || two == 35 && n is >= 16 and <= 19                                 // JCB
            || two is 36 or 38 or 30 && n is 14 or 16                            // Diners
            || two is 50 or 56 or 57 or 58 or 63 or 67 && n is >= 12 and <= 19;  // Maestro
        return issuer && IsLuhnValid(d);
    }

    /// <summary>An IBAN: country code, two check digits and the country's BBAN length, with mod-97 remainder 1 (spaces allowed).</summary>
    public static bool IsIban(ReadOnlySpan<char> value)
    {
        Span<char> s = stackalloc char[34];
        var n = 0;
        foreach (var c in value)
        {
            if (c == ' ')
                continue;
            if (n == 34 || !char.IsAsciiLetterOrDigit(c))
                return false;
            s[n++] = char.ToUpperInvariant(c);
        }
        if (n < 15 || !char.IsAsciiLetterUpper(s[0]) || !char.IsAsciiLetterUpper(s[1]) || !char.IsAsciiDigit(s[2]) || !char.IsAsciiDigit(s[3]))
            return false;
        if (ReferenceData.IbanLength(s[0], s[1]) != n)
            return false;
        // Move the first four characters to the end, letters become 10..35, and take the remainder piecewise.
        var remainder = 0;
        for (var i = 0; i < n; i++)
        {
            var c = s[(i + 4) % n];
            if (char.IsAsciiDigit(c))
                remainder = (remainder * 10 + (c - '0')) % 97;
            else
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }

    /// <summary>An ISBN-10 (last digit may be X) or ISBN-13 (978/979) with a valid check digit; hyphens, spaces and an <c>ISBN</c> prefix allowed.</summary>
    public static bool IsIsbn(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..];
            if (value.StartsWith("-13") || value.StartsWith("-10"))
                value = value[3..];
            value = value.TrimStart(": ");
        }
        Span<int> d = stackalloc int[13];
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '-' or ' ')
                continue;
            if (n == 13)
                return false;
            if (char.IsAsciiDigit(c))
                d[n++] = c - '0';
            else if (c is 'X' or 'x' && n == 9 && i == value.Length - 1)
                d[n++] = 10;
            else
                return false;
        }
        if (n == 10)
        {
            var sum = 0;
            for (var i = 0; i < 10; i++)
                sum += (10 - i) * d[i];
            return sum % 11 == 0;
        }
        if (n == 13 && d[0] == 9 && d[1] == 7 && d[2] is 8 or 9)
        {
            var sum = 0;
            for (var i = 0; i < 13; i++)
            {
                if (d[i] == 10)
                    return false;
                sum += (i % 2 == 0 ? 1 : 3) * d[i];
            }
            return sum % 10 == 0;
        }
        return false;
    }

    /// <summary>An e-mail address: <c>local@domain.tld</c> with the usual unquoted local-part characters.</summary>
    public static bool IsEmail(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        if (at <= 0 || at > 64 || at == value.Length - 1 || value.Length > 254)
            return false;
        var local = value[..at];
        if (local[0] == '.' || local[^1] == '.')
            return false;
        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '%' or '\'' or '!' or '#' or '$' or '&' or '*' or '/' or '=' or '?' or '^' or '`' or '{' or '|' or '}' or '~'))
                return false;
        }
        return IsHostName(value[(at + 1)..], requireDot: true);
    }

    /// <summary>A DNS host name with letter-only top-level label (when <paramref name="requireDot"/>) or <c>localhost</c>.</summary>
    private static bool IsHostName(ReadOnlySpan<char> host, bool requireDot)
    {
        if (host.Length is 0 or > 253)
            return false;
        var labels = 0;
        var start = 0;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && host[i] != '.')
            {
                var c = host[i];
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c > 127 && char.IsLetter(c)))
                    return false;
                continue;
            }
            var label = host[start..i];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            labels++;
            start = i + 1;
            if (i == host.Length)
            {
                if (labels == 1)
                    return !requireDot && label.Equals("localhost", StringComparison.OrdinalIgnoreCase);
                if (label.Length < 2)
                    return false;
                foreach (var c in label)
                {
                    if (!char.IsAsciiLetter(c) && !(c > 127 && char.IsLetter(c)))
                        return false;
                }
            }
        }
        return true;
    }

    /// <summary>A web address: <c>http(s)://</c> or <c>ftp://</c> followed by a host (or an IP address), or a bare <c>www.</c> host; no spaces.</summary>
    public static bool IsUrl(ReadOnlySpan<char> value)
    {
        ReadOnlySpan<char> rest;
        if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            rest = value[8..];
        else if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            rest = value[7..];
        else if (value.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase))
            rest = value[6..];
        else if (value.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            rest = value;
        else
            return false;
        if (rest.ContainsAny(' ', '\t', '"') || rest.ContainsAny('<', '>'))
            return false;
        var end = rest.IndexOfAny("/?#");
        var authority = end < 0 ? rest : rest[..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
            authority = authority[(at + 1)..];
        if (authority.StartsWith("["))
            return authority.IndexOf(']') is > 1 and var close && IsIPv6(authority[1..close]);
        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            var port = authority[(colon + 1)..];
            if (port.Length is 0 or > 5 || !AllDigits(port))
                return false;
            authority = authority[..colon];
        }
        return IsIPv4(authority) || IsHostName(authority, requireDot: false);
    }

    /// <summary>Dotted-quad IPv4: four decimal octets 0–255 without leading zeros.</summary>
    public static bool IsIPv4(ReadOnlySpan<char> value)
    {
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var octet = 0;
            while (i < value.Length && char.IsAsciiDigit(value[i]) && i - start < 3)
                octet = octet * 10 + (value[i++] - '0');
            var len = i - start;
            if (len == 0 || octet > 255 || len > 1 && value[start] == '0')
                return false;
            parts++;
            if (i == value.Length)
                return parts == 4;
            if (value[i] != '.' || parts == 4)
                return false;
            i++;
        }
    }

    /// <summary>IPv6 in its text forms: eight hex groups, <c>::</c> compression, an embedded IPv4 tail, a <c>%zone</c>.</summary>
    public static bool IsIPv6(ReadOnlySpan<char> value)
    {
        var percent = value.IndexOf('%');
        if (percent >= 0)
            value = value[..percent];
        if (value.Length < 2 || value.IndexOf(':') < 0)
            return false;
        var groups = 0;
        var compressed = false;
        var i = 0;
        if (value.StartsWith("::"))
        {
            compressed = true;
            i = 2;
            if (value.Length == 2)
                return true;
        }
        else if (value[0] == ':')
            return false;
        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && char.IsAsciiHexDigit(value[i]) && i - start < 5)
                i++;
            if (i < value.Length && value[i] == '.')
            {
                // An IPv4 tail counts as two groups.
                if (!IsIPv4(value[start..]))
                    return false;
                groups += 2;
                break;
            }
            var len = i - start;
            if (len is 0 or > 4)
                return false;
            groups++;
            if (i == value.Length)
                break;
            if (value[i] != ':')
                return false;
            i++;
            if (i < value.Length && value[i] == ':')
            {
                if (compressed)
                    return false;
                compressed = true;
                i++;
                if (i == value.Length)
                    break;
            }
            else if (i == value.Length)
                return false;
        }
        return compressed ? groups < 8 : groups == 8;
    }

    /// <summary>A UUID in 8-4-4-4-12 hex form, optionally in braces or with a <c>urn:uuid:</c> prefix.</summary>
    public static bool IsUuid(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
            value = value[9..];
        if (value.Length == 38 && value[0] == '{' && value[^1] == '}')
            value = value[1..^1];
        if (value.Length != 36)
            return false;
        for (var i = 0; i < 36; i++)
        {
            if (i is 8 or 13 or 18 or 23 ? value[i] != '-' : !char.IsAsciiHexDigit(value[i]))
                return false;
        }
        return true;
    }

    /// <summary>
    /// A phone number: 7–15 digits with the usual separators (spaces, dashes, dots, parentheses) and an optional leading
    /// <c>+</c> or extension. Without a header hint a bare digit string is not taken for a phone number (it is far more
    /// often an id): it needs a <c>+</c>, a separator or a trunk <c>0</c> with a plausible length.
    /// </summary>
    public static bool IsPhone(ReadOnlySpan<char> value, bool hinted)
    {
        var ext = IndexOfExtension(value);
        if (ext >= 0)
            value = value[..ext].TrimEnd();
        int digits = 0, separators = 0, parens = 0;
        var plus = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
                digits++;
            else if (c == '+' && i == 0)
                plus = true;
            else if (c is ' ' or '-' or '.' or '/')
            {
                if (i == 0 || i == value.Length - 1 || value[i - 1] is ' ' or '-' or '.' or '/')
                    return false;
                separators++;
            }
            else if (c == '(')
                parens++;
            else if (c == ')')
            {
                if (parens != 1)
                    return false;
                parens = 2;
                separators++;
            }
            else
                return false;
        }
        if (digits is < 7 or > 15 || parens == 1)
            return false;
        if (hinted || plus)
            return true;
        // A formatted number (groups), not a run of digits; dotted quads are IP addresses, decimals are numbers.
        if (separators == 0)
            return false;
        if (value.IndexOf('.') >= 0 && value.IndexOfAny(' ', '-') < 0 && separators < 2)
            return false;
        return digits >= 9 || separators >= 1 && digits >= 7 && value.IndexOfAny('-', '(') >= 0;
    }

    private static int IndexOfExtension(ReadOnlySpan<char> value)
    {
        var x = value.IndexOf(" x", StringComparison.OrdinalIgnoreCase);
        if (x < 0)
            x = value.IndexOf(" ext", StringComparison.OrdinalIgnoreCase);
        return x;
    }

    /// <summary>Whether every character is an ASCII digit (and there is at least one).</summary>
    public static bool AllDigits(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// A postal code in a shape specific enough to recognise without a header hint (US ZIP+4, UK, Canada, Netherlands,
    /// Poland, Portugal, Brazil, Japan); with a hint, also 4- and 5-digit codes.
    /// </summary>
    public static bool IsPostalCode(ReadOnlySpan<char> value, bool hinted)
    {
        var v = value.Trim();
        if (v.Length is < 3 or > 10)
            return false;
        if (AllDigits(v))
            return hinted && v.Length is 4 or 5 or 6;
        // US ZIP+4 12345-6789, Brazil 12345-678, Japan 123-4567, Poland 12-345, Portugal 1234-567
        var dash = v.IndexOf('-');
        if (dash > 0 && AllDigits(v[..dash]) && AllDigits(v[(dash + 1)..]))
        {
            var (a, b) = (dash, v.Length - dash - 1);
            return (a, b) is (5, 4) or (5, 3) or (3, 4) or (2, 3) or (4, 3);
        }
        // Netherlands 1234 AB
        if (v.Length is 7 or 6 && AllDigits(v[..4]) && (v.Length == 7 ? v[4] == ' ' && IsUpperLetters(v[5..]) : IsUpperLetters(v[4..])))
            return true;
        // Canada A1A 1A1
        if (v.Length == 7 && v[3] == ' ' && char.IsAsciiLetterUpper(v[0]) && char.IsAsciiDigit(v[1]) && char.IsAsciiLetterUpper(v[2])
            && char.IsAsciiDigit(v[4]) && char.IsAsciiLetterUpper(v[5]) && char.IsAsciiDigit(v[6]))
            return true;
        return IsUkPostcode(v);
    }

    private static bool IsUpperLetters(ReadOnlySpan<char> v) => v.Length == 2 && char.IsAsciiLetterUpper(v[0]) && char.IsAsciiLetterUpper(v[1]);

    // Outward code A9, A99, AA9, AA99, A9A, AA9A; a space; inward code 9AA.
    private static bool IsUkPostcode(ReadOnlySpan<char> v)
    {
        var space = v.IndexOf(' ');
        if (space is < 2 or > 4 || v.Length - space - 1 != 3)
            return false;
        var outward = v[..space];
        var inward = v[(space + 1)..];
        if (!char.IsAsciiDigit(inward[0]) || !char.IsAsciiLetterUpper(inward[1]) || !char.IsAsciiLetterUpper(inward[2]))
            return false;
        if (!char.IsAsciiLetterUpper(outward[0]))
            return false;
        var letters = char.IsAsciiLetterUpper(outward[1]) ? 2 : 1;
        var tail = outward[letters..];
        return tail.Length switch
        {
            1 => char.IsAsciiDigit(tail[0]),
            2 => char.IsAsciiDigit(tail[0]) && (char.IsAsciiDigit(tail[1]) || char.IsAsciiLetterUpper(tail[1])),
            _ => false,
        };
    }

    /// <summary>Parses a plain number (optional sign, <c>.</c> or <c>,</c> as the decimal mark, no grouping) into a double.</summary>
    public static bool TryParsePlainNumber(ReadOnlySpan<char> value, out double number, out int decimals)
    {
        number = 0;
        decimals = 0;
        var v = value;
        if (v.IsEmpty)
            return false;
        var negative = v[0] == '-';
        if (v[0] is '-' or '+')
            v = v[1..];
        if (v.IsEmpty)
            return false;
        long whole = 0;
        var i = 0;
        var digits = 0;
        while (i < v.Length && char.IsAsciiDigit(v[i]))
        {
            if (digits < 17)
                whole = whole * 10 + (v[i] - '0');
            digits++;
            i++;
        }
        double fraction = 0, scale = 1;
        if (i < v.Length && v[i] is '.' or ',')
        {
            i++;
            while (i < v.Length && char.IsAsciiDigit(v[i]))
            {
                if (decimals < 15)
                {
                    scale /= 10;
                    fraction += (v[i] - '0') * scale;
                }
                decimals++;
                i++;
            }
            if (decimals == 0)
                return false;
        }
        if (i != v.Length || digits == 0 && decimals == 0 || digits > 17)
            return false;
        number = (whole + fraction) * (negative ? -1 : 1);
        return true;
    }

    /// <summary>
    /// A money amount written with a currency: a symbol or ISO 4217 code before or after a number that may use
    /// thousands grouping (<c>$1,234.50</c>, <c>1.234,50 €</c>, <c>EUR 12.00</c>, <c>-£3.99</c>).
    /// </summary>
    public static bool IsCurrencyAmount(ReadOnlySpan<char> value)
    {
        var v = value.Trim();
        if (v.Length < 2)
            return false;
        var hasCurrency = false;
        var negative = v[0] is '-' or '−' or '(';
        if (negative)
            v = v[1..].TrimStart();
        if (v.Length > 0 && v[^1] == ')')
            v = v[..^1].TrimEnd();
        var prefix = CurrencyMarkLength(v, atStart: true);
        if (prefix > 0)
        {
            hasCurrency = true;
            v = v[prefix..].TrimStart();
            if (!negative && v.Length > 0 && v[0] is '-' or '−')
                v = v[1..];
        }
        var suffix = CurrencyMarkLength(v, atStart: false);
        if (suffix > 0)
        {
            hasCurrency = true;
            v = v[..^suffix].TrimEnd();
        }
        return hasCurrency && IsGroupedNumber(v);
    }

    private static int CurrencyMarkLength(ReadOnlySpan<char> v, bool atStart)
    {
        if (v.IsEmpty)
            return 0;
        var c = atStart ? v[0] : v[^1];
        if (c is '$' or '€' or '£' or '¥' or '₹' or '₽' or '₩' or '₺' or '₪' or '₫' or '฿' or '₴' or '₦' or '¢')
        {
            // Multi-letter dollar marks (US$, C$, A$, R$) before the symbol.
            if (atStart)
                return 1;
            return 1;
        }
        if (atStart && v.Length >= 3 && v[1] == '$' && char.IsAsciiLetterUpper(v[0]))
            return 2;
        if (atStart && v.Length >= 4 && v[2] == '$' && char.IsAsciiLetterUpper(v[0]) && char.IsAsciiLetterUpper(v[1]))
            return 3;
        if (v.Length >= 4)
        {
            var code = atStart ? v[..3] : v[^3..];
            if (ReferenceData.IsCurrencyCode(code))
                return 3;
        }
        if (atStart ? v.StartsWith("kr", StringComparison.Ordinal) : v.EndsWith("kr", StringComparison.Ordinal))
            return 2;
        if (atStart ? v.StartsWith("zł", StringComparison.Ordinal) : v.EndsWith("zł", StringComparison.Ordinal))
            return 2;
        return 0;
    }

    /// <summary>A number with optional thousands grouping in either convention (<c>1,234.50</c>, <c>1.234,50</c>, <c>1 234,50</c>, <c>1'234.50</c>).</summary>
    public static bool IsGroupedNumber(ReadOnlySpan<char> v)
    {
        if (v.IsEmpty || !char.IsAsciiDigit(v[0]))
            return false;
        // The decimal mark is the last '.' or ',' followed by 1–3 digits that is not a 3-digit group of a grouped number.
        var lastDot = v.LastIndexOf('.');
        var lastComma = v.LastIndexOf(',');
        var decimalAt = Math.Max(lastDot, lastComma);
        char? group = null;
        if (lastDot >= 0 && lastComma >= 0)
            group = lastDot > lastComma ? ',' : '.';
        else if (decimalAt >= 0 && v.Length - decimalAt - 1 == 3 && v[..decimalAt].IndexOfAny(",.") < 0 && decimalAt <= 3)
        {
            // "1,234" or "1.234": ambiguous; accept as a grouped integer.
            group = v[decimalAt];
            decimalAt = -1;
        }
        var integer = decimalAt >= 0 ? v[..decimalAt] : v;
        if (decimalAt >= 0)
        {
            var fraction = v[(decimalAt + 1)..];
            if (fraction.Length is 0 or > 3 || !AllDigits(fraction))
                return false;
        }
        if (AllDigits(integer))
            return true;
        // Grouped integer part: 1–3 digits, then groups of exactly three after the same separator.
        var sep = group ?? integer[integer.IndexOfAnyExceptInRange('0', '9')];
        if (sep is not (',' or '.' or ' ' or '\'' or '\u00A0' or '\u202F'))
            return false;
        var first = integer.IndexOf(sep);
        if (first is 0 or > 3)
            return false;
        var rest = integer[first..];
        if (rest.Length % 4 != 0)
            return false;
        for (var i = 0; i < rest.Length; i += 4)
        {
            if (rest[i] != sep || !AllDigits(rest.Slice(i + 1, 3)))
                return false;
        }
        return AllDigits(integer[..first]);
    }

    /// <summary>A percentage written with a percent sign (<c>12.5%</c>, <c>-3 %</c>, <c>12,5 %</c>).</summary>
    public static bool IsPercentText(ReadOnlySpan<char> value)
    {
        var v = value.Trim();
        if (v.Length < 2 || v[^1] != '%')
            return false;
        return TryParsePlainNumber(v[..^1].TrimEnd(), out _, out _);
    }
}
