using System.Collections.Frozen;
using System.Text;

namespace DatumSync.Modules.Detect;

public static partial class SemanticTypeClassifier
{
    // Header words per type. A header hints a type when one of its tokens (split at non-letters and camelCase) or the
    // whole name with separators removed is in the list.
    private static readonly (string Type, string[] Words)[] HintWords =
    [
        (SemanticTypes.Email, ["email", "mail", "emailaddress", "correo", "courriel"]),
        (SemanticTypes.Url, ["url", "uri", "website", "homepage", "link", "href", "web", "site"]),
        (SemanticTypes.Phone, ["phone", "tel", "telephone", "mobile", "cell", "cellphone", "fax", "telefon", "telefono", "telephone", "handy", "msisdn", "phonenumber"]),
        (SemanticTypes.IPv4, ["ip", "ipaddress", "ipaddr", "ipv4", "remoteaddr", "clientip"]),
        (SemanticTypes.IPv6, ["ip", "ipaddress", "ipaddr", "ipv6", "remoteaddr", "clientip"]),
        (SemanticTypes.Uuid, ["uuid", "guid"]),
        (SemanticTypes.CreditCard, ["card", "cc", "pan", "creditcard", "cardnumber", "ccnumber", "ccnum"]),
        (SemanticTypes.Iban, ["iban"]),
        (SemanticTypes.Isbn, ["isbn", "isbn10", "isbn13"]),
        (SemanticTypes.PostalCode, ["zip", "zipcode", "postal", "postcode", "postalcode", "plz", "postleitzahl", "cp", "cap"]),
        (SemanticTypes.CountryCode, ["country", "countrycode", "nation", "land", "pays", "pais", "iso2", "iso3"]),
        (SemanticTypes.CurrencyCode, ["currency", "ccy", "curr", "currencycode", "waehrung", "währung", "devise", "moneda"]),
        (SemanticTypes.CurrencyAmount, ["amount", "price", "total", "cost", "revenue", "salary", "fee", "paid", "balance", "betrag", "preis", "sales", "subtotal", "tax", "discount", "payment", "spend", "income", "montant", "importe", "unitprice"]),
        (SemanticTypes.Percentage, ["percent", "percentage", "pct", "rate", "ratio", "share", "perc", "prozent", "proportion", "%"]),
        (SemanticTypes.Boolean, ["is", "has", "flag", "active", "enabled", "valid", "deleted", "bool", "can", "opt", "optin", "subscribed", "verified", "aktiv", "churned"]),
        (SemanticTypes.Latitude, ["lat", "latitude", "breite", "breitengrad"]),
        (SemanticTypes.Longitude, ["lon", "lng", "long", "longitude", "laenge", "länge", "laengengrad"]),
        (SemanticTypes.Date, ["date", "day", "dt", "datum", "fecha", "dob", "birthday", "birthdate", "born", "on", "geburtsdatum", "jour"]),
        (SemanticTypes.Timestamp, ["timestamp", "ts", "time", "datetime", "at", "zeit", "zeitpunkt", "created", "updated", "modified"]),
        (SemanticTypes.Identifier, ["id", "key", "code", "number", "no", "nr", "num", "ref", "sku", "uid", "nummer", "reference"]),
        (SemanticTypes.PersonName, ["name", "firstname", "lastname", "surname", "fullname", "givenname", "familyname", "forename", "vorname", "nachname", "nom", "prenom", "prénom", "apellido", "nombre", "cognome", "contact", "author", "employee"]),
        (SemanticTypes.FreeText, ["description", "comment", "comments", "notes", "note", "text", "remarks", "review", "message", "body", "summary", "feedback", "bemerkung", "beschreibung", "details", "answer", "response"]),
        (SemanticTypes.Categorical, ["category", "type", "status", "segment", "class", "group", "kind", "level", "tier", "gender", "region", "state", "channel", "source", "method", "mode", "brand", "department"]),
    ];

    // Words that, next to "name", say the name is not a person's.
    private static readonly FrozenSet<string> NonPersonNameWords = FrozenSet.ToFrozenSet(
        ["product", "company", "file", "item", "city", "street", "brand", "category", "store", "shop", "country", "event", "column",
         "table", "host", "hostname", "user", "username", "device", "sensor", "app", "domain", "project", "business", "org",
         "organization", "organisation", "team", "place", "location", "station", "site", "bank", "merchant", "vendor", "supplier",
         "campaign", "page", "activity", "model", "firma", "produkt", "stadt", "ort"], StringComparer.OrdinalIgnoreCase);

    // Headers whose date is a birth date: personal data.
    private static readonly FrozenSet<string> BirthWords = FrozenSet.ToFrozenSet(
        ["dob", "birth", "birthday", "birthdate", "born", "geburtsdatum", "geburtstag", "nacimiento", "naissance"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string[]> TypesByWord = HintWords
        .SelectMany(h => h.Words.Select(w => (Word: w, h.Type)))
        .GroupBy(p => p.Word, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Type).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The header's words: split at non-alphanumerics and lower→upper case changes, lower-cased; plus the joined name.</summary>
    internal static List<string> HeaderTokens(string name)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '%')
            {
                Flush();
                tokens.Add("%");
                continue;
            }
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
                Flush();
            current.Append(char.ToLowerInvariant(c));
        }
        Flush();
        if (tokens.Count > 1)
            tokens.Add(string.Concat(tokens));
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>The types a header name hints at, and whether it looks like a birth date.</summary>
    internal static HeaderHints HintsFor(string name)
    {
        var tokens = HeaderTokens(name);
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (TypesByWord.TryGetValue(token, out var hinted))
                types.UnionWith(hinted);
        }
        // "id" at the end of a longer name ("customer_id", "orderId") is an identifier whatever comes before.
        if (tokens.Count > 0 && tokens[Math.Max(0, tokens.Count - 2)] is "id" or "key" or "nr" or "no")
            types.Add(SemanticTypes.Identifier);
        if (types.Contains(SemanticTypes.PersonName) && tokens.Any(NonPersonNameWords.Contains))
            types.Remove(SemanticTypes.PersonName);
        // "long" alone is longitude; in "long_description" it is not.
        if (types.Contains(SemanticTypes.Longitude) && tokens.Contains("long") && tokens.Count > 1 && !tokens.Contains("lat"))
            types.Remove(SemanticTypes.Longitude);
        var birth = tokens.Any(BirthWords.Contains);
        return new HeaderHints(types, birth);
    }

    /// <summary>What a header name suggests.</summary>
    internal readonly record struct HeaderHints(IReadOnlySet<string> Types, bool BirthDate)
    {
        public bool Hints(string type) => Types.Contains(type);
    }
}
