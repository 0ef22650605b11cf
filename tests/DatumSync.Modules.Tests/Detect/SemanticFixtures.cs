using System.Globalization;
using DatumSync.Data;
using DatumSync.Modules.Detect;

namespace DatumSync.Modules.Tests.Detect;

/// <summary>One labelled column: what it is, and the sample the classifier sees.</summary>
/// <param name="Label">The true semantic type.</param>
/// <param name="Description">What the fixture is (shown when a test fails).</param>
/// <param name="Sample">The column.</param>
public sealed record LabelledColumn(string Label, string Description, ColumnSample Sample);

/// <summary>
/// Labelled columns for every semantic type, generated from a fixed seed: realistic formats, a few percent of junk
/// values, neutral and hinting headers, and hard negatives (10-digit ids that are not phones, numbers failing Luhn,
/// IBANs with a bad checksum, ZIP-like ids, state codes, product names). Shared with the classifier benchmark.
/// </summary>
public static class SemanticFixtures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] Junk = ["N/A", "-", "unknown", "???", "n.a.", "TBD", "0", "x", "missing", "see notes"];
    private static readonly string[] Given = ["James", "Mary", "Peter", "Anna", "Hans", "Sophie", "Jean", "Marie", "José", "Lucía", "Giulia", "Marco", "Jan", "Piotr", "Emma", "Liam", "Olivia", "Noah", "Fatima", "Wei", "Yuki", "Lars", "Ingrid", "Mehmet", "Priya"];
    private static readonly string[] Family = ["Smith", "Johnson", "Müller", "Schmidt", "Dubois", "Martin", "García", "López", "Rossi", "Bianchi", "de Jong", "Nowak", "Kowalski", "Nilsson", "Yilmaz", "Sharma", "Wang", "Tanaka", "Brown", "Wilson", "Taylor", "Fischer", "Moreau", "Silva", "Hassan"];
    private static readonly string[] OtherGiven = ["Zebulon", "Thaddeus", "Oriane", "Brynja", "Kwabena", "Siobhan", "Radomir", "Ezinne"];
    private static readonly string[] Words = ["the", "delivery", "arrived", "late", "but", "product", "quality", "was", "great", "and", "support", "answered", "quickly", "would", "buy", "again", "packaging", "damaged", "price", "fair", "recommend", "to", "friends", "colour", "differs", "from", "photo", "size", "fits", "well", "after", "two", "weeks", "stopped", "working"];
    private static readonly string[] Domains = ["example.com", "mail.de", "gmail.com", "outlook.fr", "company.co.uk", "uni-bonn.de", "yahoo.es"];
    private static readonly string[] Alpha2 = ["DE", "FR", "US", "GB", "IT", "ES", "NL", "PL", "SE", "CH", "AT", "BE", "JP", "CN", "IN", "BR", "CA", "AU", "MX", "TR"];
    private static readonly string[] Alpha3 = ["DEU", "FRA", "USA", "GBR", "ITA", "ESP", "NLD", "POL", "SWE", "CHE", "AUT", "BEL", "JPN", "CHN", "IND", "BRA"];
    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "CHF", "JPY", "SEK", "PLN", "CAD", "AUD", "CNY", "INR"];
    private static readonly string[] States = ["NY", "TX", "FL", "WA", "OR", "NV", "OH", "MI", "NJ", "MA", "AZ", "NC", "VA"];
    private static readonly string[] Products = ["Classic Oak Table", "Steel Water Bottle", "Wireless Mouse Pro", "Organic Green Tea", "Trail Running Shoe", "Ceramic Coffee Mug", "Desk Lamp LED", "Cotton T-Shirt", "Yoga Mat Deluxe", "Bluetooth Speaker Mini"];
    private static readonly string[] Statuses = ["new", "paid", "shipped", "delivered", "cancelled", "returned"];
    private static readonly string[] Tiers = ["Gold", "Silver", "Bronze", "Platinum"];
    private static readonly string[] Cities = ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Stuttgart", "Leipzig", "Dresden", "Bremen", "Hanover"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Every labelled column, in a fixed order.</summary>
    public static IReadOnlyList<LabelledColumn> All(int valuesPerColumn = 500, int seed = 20261121)
    {
        var list = new List<LabelledColumn>();
        var rng = new Random(seed);
        void Add(string label, string header, string description, Func<Random, string> value, double noise = 0.03, DataType? type = null, int n = 0)
        {
            var count = n > 0 ? n : valuesPerColumn;
            var values = new List<string>(count);
            for (var i = 0; i < count; i++)
                values.Add(rng.NextDouble() < noise ? Junk[rng.Next(Junk.Length)] : value(rng));
            var distinct = values.Distinct(StringComparer.Ordinal).LongCount();
            list.Add(new LabelledColumn(label, $"{label}: {description} (header '{header}')", new ColumnSample(header, type ?? DataType.String, count, 0, distinct, values)));
        }

        foreach (var header in new[] { "email", "contact", "col_3", "E-Mail-Adresse" })
            Add(SemanticTypes.Email, header, "first.last@domain", r => $"{Pick(r, Given).ToLowerInvariant()}.{Ascii(Pick(r, Family))}{(r.Next(3) == 0 ? r.Next(99).ToString(Inv) : "")}@{Pick(r, Domains)}");
        foreach (var header in new[] { "website", "link", "field7" })
            Add(SemanticTypes.Url, header, "http(s) URLs", r => $"{(r.Next(2) == 0 ? "https" : "http")}://{(r.Next(2) == 0 ? "www." : "")}{Ascii(Pick(r, Family)).ToLowerInvariant()}{r.Next(100)}.{Pick(r, ["com", "de", "org", "io"])}/{Pick(r, Words)}?id={r.Next(1000)}");
        foreach (var header in new[] { "phone", "mobile", "tel_nr", "contact_2" })
            Add(SemanticTypes.Phone, header, "formatted phone numbers", Phone);
        Add(SemanticTypes.Phone, "phone_number", "bare digits with a phone header", r => "0" + r.NextInt64(1_000_000_000, 9_999_999_999).ToString(Inv));
        foreach (var header in new[] { "ip", "client_addr", "c9" })
            Add(SemanticTypes.IPv4, header, "dotted quads", r => $"{r.Next(1, 255)}.{r.Next(256)}.{r.Next(256)}.{r.Next(1, 255)}");
        foreach (var header in new[] { "ipv6", "remote", "c10" })
            Add(SemanticTypes.IPv6, header, "IPv6 full and compressed", r => r.Next(3) == 0
                ? $"2001:db8::{r.Next(0x10000):x}:{r.Next(0x10000):x}"
                : string.Join(":", Enumerable.Range(0, 8).Select(_ => r.Next(0x10000).ToString(r.Next(2) == 0 ? "x" : "x4", Inv))));
        foreach (var header in new[] { "uuid", "session", "c11" })
            Add(SemanticTypes.Uuid, header, "UUIDs", r => NewGuid(r).ToString(header == "session" ? "B" : "D"));
        foreach (var header in new[] { "card_number", "payment", "c12" })
            Add(SemanticTypes.CreditCard, header, "Luhn-valid card numbers", Card);
        foreach (var header in new[] { "iban", "account", "c13" })
            Add(SemanticTypes.Iban, header, "valid IBANs", r => Iban(r, valid: true, spaced: r.Next(2) == 0));
        foreach (var header in new[] { "isbn", "book", "c14" })
            Add(SemanticTypes.Isbn, header, "ISBN-10 and ISBN-13", Isbn);
        foreach (var header in new[] { "zip", "postcode", "PLZ" })
            Add(SemanticTypes.PostalCode, header, "5-digit codes with a postal header", r => r.Next(1000, 99999).ToString("00000", Inv));
        foreach (var header in new[] { "postal", "c15" })
            Add(SemanticTypes.PostalCode, header, "UK, Canadian, Dutch, ZIP+4 codes", Postal);
        foreach (var header in new[] { "country", "c16" })
            Add(SemanticTypes.CountryCode, header, "alpha-2", r => Pick(r, Alpha2));
        foreach (var header in new[] { "country_iso3", "c17" })
            Add(SemanticTypes.CountryCode, header, "alpha-3", r => Pick(r, Alpha3));
        foreach (var header in new[] { "currency", "ccy", "c18" })
            Add(SemanticTypes.CurrencyCode, header, "ISO 4217", r => Pick(r, Currencies));
        foreach (var header in new[] { "amount", "c19", "Betrag" })
            Add(SemanticTypes.CurrencyAmount, header, "amounts with symbols or codes", Money);
        foreach (var header in new[] { "price", "total_amount" })
            Add(SemanticTypes.CurrencyAmount, header, "plain decimals with a money header", r => (r.Next(100, 500_000) / 100.0).ToString("0.00", Inv), type: DataType.Decimal(18, 2));
        foreach (var header in new[] { "discount", "c20" })
            Add(SemanticTypes.Percentage, header, "with % sign", r => (r.Next(0, 1000) / 10.0).ToString("0.#", Inv) + (r.Next(2) == 0 ? "%" : " %"));
        foreach (var header in new[] { "conversion_rate", "pct_complete" })
            Add(SemanticTypes.Percentage, header, "0..1 fractions with a percent header", r => r.NextDouble().ToString("0.###", Inv), type: DataType.Double);
        foreach (var (header, yes, no) in new[] { ("active", "yes", "no"), ("c21", "Y", "N"), ("c22", "true", "false"), ("is_deleted", "1", "0"), ("newsletter", "ja", "nein") })
            Add(SemanticTypes.Boolean, header, $"{yes}/{no}", r => r.Next(3) == 0 ? yes : no, noise: 0.01);
        foreach (var header in new[] { "lat", "latitude", "pickup_lat" })
            Add(SemanticTypes.Latitude, header, "latitudes", r => (r.NextDouble() * 180 - 90).ToString("0.00000", Inv), noise: 0, type: DataType.Double);
        foreach (var header in new[] { "lng", "longitude", "pickup_lon" })
            Add(SemanticTypes.Longitude, header, "longitudes", r => (r.NextDouble() * 360 - 180).ToString("0.00000", Inv), noise: 0, type: DataType.Double);
        foreach (var (header, format) in new[] { ("order_date", "iso"), ("c23", "dmy"), ("c24", "mdy"), ("Datum", "dmy."), ("shipped", "mon"), ("birth_date", "iso") })
            Add(SemanticTypes.Date, header, format + " dates", r => Date(r, format));
        Add(SemanticTypes.Date, "day", "typed dates", r => Date(r, "iso"), noise: 0, type: DataType.Date);
        foreach (var (header, format) in new[] { ("created_at", "isoT"), ("c25", "iso "), ("event_time", "dmy t") })
            Add(SemanticTypes.Timestamp, header, format + " timestamps", r => Timestamp(r, format));
        foreach (var header in new[] { "name", "customer", "c26", "full_name" })
            Add(SemanticTypes.PersonName, header, "given + family names", r => r.Next(10) == 0 ? $"{Pick(r, OtherGiven)} {Pick(r, Family)}" : $"{Pick(r, Given)} {Pick(r, Family)}");
        foreach (var header in new[] { "first_name", "Vorname" })
            Add(SemanticTypes.PersonName, header, "given names", r => Pick(r, Given));
        foreach (var header in new[] { "comment", "c27", "review_text" })
            Add(SemanticTypes.FreeText, header, "sentences", r => Sentence(r, r.Next(5, 25)), noise: 0.02);
        foreach (var header in new[] { "customer_id", "c28" })
            Add(SemanticTypes.Identifier, header, "prefixed codes", r => $"CUST-{r.Next(1, 9_999_999):0000000}");
        Add(SemanticTypes.Identifier, "account_no", "zero-padded numbers", r => r.Next(1, 9_999_999).ToString("00000000", Inv), noise: 0);
        Add(SemanticTypes.Identifier, "c29", "HARD NEGATIVE: 10-digit ids that are not phone numbers", r => r.NextInt64(1_000_000_000, 9_999_999_999).ToString(Inv), noise: 0, type: DataType.Int64);
        Add(SemanticTypes.Identifier, "c30", "HARD NEGATIVE: 16-digit numbers failing Luhn", r => NotLuhn(r), noise: 0);
        Add(SemanticTypes.Identifier, "c31", "HARD NEGATIVE: IBAN-shaped codes with a bad checksum", r => Iban(r, valid: false, spaced: false), noise: 0);
        Add(SemanticTypes.Identifier, "ref", "HARD NEGATIVE: 5-digit ZIP-like ids", r => r.Next(10000, 99999).ToString(Inv), noise: 0, type: DataType.Int64, n: 300);
        Add(SemanticTypes.Identifier, "order_id", "sequential integers", r => r.Next(1, 50_000_000).ToString(Inv), noise: 0, type: DataType.Int64);
        foreach (var header in new[] { "status", "c32" })
            Add(SemanticTypes.Categorical, header, "order statuses", r => Pick(r, Statuses), noise: 0.01);
        Add(SemanticTypes.Categorical, "tier", "loyalty tiers", r => Pick(r, Tiers), noise: 0);
        Add(SemanticTypes.Categorical, "c33", "HARD NEGATIVE: US state codes (some are country codes)", r => Pick(r, States), noise: 0);
        Add(SemanticTypes.Categorical, "city", "city names", r => Pick(r, Cities), noise: 0);
        Add(SemanticTypes.Categorical, "rating", "1..5 ratings", r => r.Next(1, 6).ToString(Inv), noise: 0, type: DataType.Int64);
        Add(SemanticTypes.Categorical, "product_name", "HARD NEGATIVE: product names (capitalised words)", r => Pick(r, Products), noise: 0);
        // Harder cases: heavier noise, upper-case names, mixed date formats, numbers without separators under neutral headers.
        Add(SemanticTypes.Email, "c40", "12% junk", r => $"{Pick(r, Given).ToLowerInvariant()}{r.Next(1000)}@{Pick(r, Domains)}", noise: 0.12);
        Add(SemanticTypes.PersonName, "c41", "UPPER-CASE names, some unknown to the lists", r => (r.Next(4) == 0 ? $"{Pick(r, OtherGiven)} {Pick(r, Family)}" : $"{Pick(r, Given)} {Pick(r, Family)}").ToUpperInvariant());
        Add(SemanticTypes.PersonName, "c42", "Last, First", r => $"{Pick(r, Family)}, {Pick(r, Given)}");
        Add(SemanticTypes.Date, "c43", "mixed ISO and dd.MM.yyyy", r => Date(r, r.Next(2) == 0 ? "iso" : "dmy."));
        Add(SemanticTypes.CurrencyAmount, "c44", "amounts with 10% junk", Money, noise: 0.10);
        Add(SemanticTypes.Identifier, "c45", "HARD NEGATIVE: 12-digit ids (ISBN/phone-length numbers)", r => r.NextInt64(100_000_000_000, 999_999_999_999).ToString(Inv), noise: 0, type: DataType.Int64);
        Add(SemanticTypes.Categorical, "c46", "HARD NEGATIVE: yes/no/maybe answers", r => Pick(r, ["yes", "no", "maybe", "no", "yes"]), noise: 0);
        Add(SemanticTypes.FreeText, "notes", "short notes (3–8 words)", r => Sentence(r, r.Next(3, 9)), noise: 0.05);
        Add(SemanticTypes.Unknown, "temperature", "measurements", r => (r.NextDouble() * 40 - 5).ToString("0.00", Inv), noise: 0, type: DataType.Double);
        Add(SemanticTypes.Unknown, "c34", "HARD NEGATIVE: decimals in -90..90 without a latitude header", r => (r.NextDouble() * 180 - 90).ToString("0.0000", Inv), noise: 0, type: DataType.Double);
        Add(SemanticTypes.Unknown, "quantity_kg", "HARD NEGATIVE: plain decimals without a money header", r => (r.Next(100, 500_000) / 100.0).ToString("0.00", Inv), noise: 0, type: DataType.Decimal(18, 2));
        return list;
    }

    private static string Pick(Random r, string[] items) => items[r.Next(items.Length)];

    private static string Ascii(string s) => new(s.Normalize(System.Text.NormalizationForm.FormD).Where(c => c < 128 && c != ' ').ToArray());

    private static Guid NewGuid(Random r)
    {
        var bytes = new byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Phone(Random r) => r.Next(5) switch
    {
        0 => $"+1 {r.Next(200, 999)}-{r.Next(200, 999)}-{r.Next(0, 9999):0000}",
        1 => $"({r.Next(200, 999)}) {r.Next(200, 999)}-{r.Next(0, 9999):0000}",
        2 => $"+44 20 {r.Next(1000, 9999)} {r.Next(1000, 9999)}",
        3 => $"+49 {r.Next(30, 999)} {r.Next(100000, 9999999)}",
        _ => $"0{r.Next(30, 999)} {r.Next(100000, 9999999)}",
    };

    /// <summary>A card number with a real issuer prefix and a valid Luhn digit, sometimes grouped.</summary>
    public static string Card(Random r)
    {
        var (prefix, length) = r.Next(3) switch { 0 => ("4", 16), 1 => ("5" + r.Next(1, 6).ToString(Inv), 16), _ => (r.Next(2) == 0 ? "34" : "37", 15) };
        var digits = prefix + string.Concat(Enumerable.Range(0, length - prefix.Length - 1).Select(_ => r.Next(10).ToString(Inv)));
        digits += LuhnDigit(digits).ToString(Inv);
        return r.Next(3) == 0 && length == 16 ? string.Join(" ", digits.Chunk(4).Select(c => new string(c))) : digits;
    }

    private static string NotLuhn(Random r)
    {
        var digits = "4" + string.Concat(Enumerable.Range(0, 14).Select(_ => r.Next(10).ToString(Inv)));
        return digits + ((LuhnDigit(digits) + 1 + r.Next(9)) % 10).ToString(Inv);
    }

    /// <summary>The Luhn check digit for <paramref name="payload"/>.</summary>
    public static int LuhnDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>An IBAN for DE, GB, FR or NL with computed check digits (or deliberately wrong ones).</summary>
    public static string Iban(Random r, bool valid, bool spaced)
    {
        var (country, bban) = r.Next(4) switch
        {
            0 => ("DE", Digits(r, 18)),
            1 => ("GB", Pick(r, ["NWBK", "BARC", "MIDL", "LOYD"]) + Digits(r, 14)),
            2 => ("FR", Digits(r, 23)),
            _ => ("NL", Pick(r, ["ABNA", "INGB", "RABO"]) + Digits(r, 10)),
        };
        var check = 98 - Mod97(bban + country + "00");
        if (!valid)
            check = (check + 1 + r.Next(95)) % 97; // any other residue fails mod-97
        var iban = country + check.ToString("00", Inv) + bban;
        return spaced ? string.Join(" ", iban.Chunk(4).Select(c => new string(c))) : iban;
    }

    private static int Mod97(string s)
    {
        var rem = 0;
        foreach (var c in s)
            rem = char.IsAsciiDigit(c) ? (rem * 10 + (c - '0')) % 97 : (rem * 100 + (c - 'A' + 10)) % 97;
        return rem;
    }

    private static string Digits(Random r, int n) => string.Concat(Enumerable.Range(0, n).Select(_ => r.Next(10).ToString(Inv)));

    /// <summary>An ISBN-13 (hyphenated or not) or an ISBN-10 (check digit possibly X).</summary>
    public static string Isbn(Random r)
    {
        if (r.Next(2) == 0)
        {
            var body = "978" + Digits(r, 9);
            var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
            var isbn = body + ((10 - sum % 10) % 10).ToString(Inv);
            return r.Next(2) == 0 ? isbn : $"{isbn[..3]}-{isbn[3]}-{isbn[4..8]}-{isbn[8..12]}-{isbn[12]}";
        }
        var nine = Digits(r, 9);
        var s = nine.Select((c, i) => (10 - i) * (c - '0')).Sum();
        var check = (11 - s % 11) % 11;
        return nine + (check == 10 ? "X" : check.ToString(Inv));
    }

    private static string Postal(Random r) => r.Next(4) switch
    {
        0 => $"{Pick(r, ["SW1A", "EC1A", "M1", "B33", "CR2", "W1A"])} {r.Next(10)}{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}",
        1 => $"{(char)('A' + r.Next(26))}{r.Next(10)}{(char)('A' + r.Next(26))} {r.Next(10)}{(char)('A' + r.Next(26))}{r.Next(10)}",
        2 => $"{r.Next(1000, 9999)} {(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}",
        _ => $"{r.Next(10000, 99999)}-{r.Next(0, 9999):0000}",
    };

    private static string Money(Random r)
    {
        var v = r.Next(1, 10_000_000) / 100.0;
        return r.Next(4) switch
        {
            0 => "$" + v.ToString("#,##0.00", Inv),
            1 => v.ToString("#,##0.00", Inv).Replace(",", "_", StringComparison.Ordinal).Replace(".", ",", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + " €",
            2 => "EUR " + v.ToString("0.00", Inv),
            _ => "£" + v.ToString("0.00", Inv),
        };
    }

    private static string Date(Random r, string format)
    {
        var d = new DateOnly(1950, 1, 1).AddDays(r.Next(0, 27_000));
        return format switch
        {
            "iso" => d.ToString("yyyy-MM-dd", Inv),
            "dmy" => d.ToString("dd/MM/yyyy", Inv),
            "mdy" => d.ToString("MM/dd/yyyy", Inv),
            "dmy." => d.ToString("dd.MM.yyyy", Inv),
            _ => $"{d.Day} {Months[d.Month - 1]} {d.Year}",
        };
    }

    private static string Timestamp(Random r, string format)
    {
        var t = new DateTime(2020, 1, 1).AddSeconds(r.Next(0, 150_000_000));
        return format switch
        {
            "isoT" => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv),
            "iso " => t.ToString("yyyy-MM-dd HH:mm:ss", Inv),
            _ => t.ToString("dd/MM/yyyy HH:mm", Inv),
        };
    }

    private static string Sentence(Random r, int words)
    {
        var s = string.Join(" ", Enumerable.Range(0, words).Select(_ => Pick(r, Words)));
        return char.ToUpperInvariant(s[0]) + s[1..] + ".";
    }
}
