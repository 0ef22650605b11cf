namespace DatumSync.Modules.Detect;

/// <summary>The semantic type names the classifier reports (stable: they appear in reports and rules files).</summary>
public static class SemanticTypes
{
#pragma warning disable CS1591 // the names say what they are
    public const string Email = "email";
    public const string Url = "url";
    public const string Phone = "phone";
    public const string IPv4 = "ipv4";
    public const string IPv6 = "ipv6";
    public const string Uuid = "uuid";
    public const string CreditCard = "credit_card";
    public const string Iban = "iban";
    public const string Isbn = "isbn";
    public const string PostalCode = "postal_code";
    public const string CountryCode = "country_code";
    public const string CurrencyCode = "currency_code";
    public const string CurrencyAmount = "currency_amount";
    public const string Percentage = "percentage";
    public const string Boolean = "boolean";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string Date = "date";
    public const string Timestamp = "timestamp";
    public const string Identifier = "identifier";
    public const string Categorical = "categorical";
    public const string FreeText = "free_text";
    public const string PersonName = "person_name";
    public const string Unknown = "unknown";
#pragma warning restore CS1591

    /// <summary>Every type name, most specific first.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Email, Url, Phone, IPv4, IPv6, Uuid, CreditCard, Iban, Isbn, PostalCode, CountryCode, CurrencyCode, CurrencyAmount,
        Percentage, Boolean, Latitude, Longitude, Date, Timestamp, PersonName, FreeText, Identifier, Categorical, Unknown,
    ];

    /// <summary>Types that are personal data by themselves (postal code as a quasi-identifier).</summary>
    public static IReadOnlySet<string> Pii { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Email, Phone, PersonName, Iban, CreditCard, IPv4, IPv6, PostalCode,
    };
}
