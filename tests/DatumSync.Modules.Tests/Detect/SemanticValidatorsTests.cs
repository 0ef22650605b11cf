using DatumSync.Modules.Detect;

namespace DatumSync.Modules.Tests.Detect;

public class SemanticValidatorsTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("5500-0000-0000-0004", true)]
    [InlineData("378282246310005", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("1234567812345670", false)] // Luhn-valid, but no issuer starts with 1
    [InlineData("411111111111", false)]
    [InlineData("4111x11111111111", false)]
    public void Card_numbers_need_an_issuer_prefix_a_valid_length_and_the_Luhn_digit(string value, bool expected) =>
        SemanticValidators.IsCreditCard(value).Should().Be(expected);

    [Theory]
    [InlineData("79927398713", true)]
    [InlineData("79927398710", false)]
    [InlineData("0", false)]
    public void Luhn_check_matches_the_textbook_examples(string value, bool expected) =>
        SemanticValidators.IsLuhnValid(value).Should().Be(expected);

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("GB29NWBK60161331926819", true)]
    [InlineData("gb29 nwbk 6016 1331 9268 19", true)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("DE88370400440532013000", false)] // checksum off by one
    [InlineData("DE8937040044053201300", false)]  // one digit short for Germany
    [InlineData("XX89370400440532013000", false)] // no such country
    [InlineData("DE89-3704-0044-0532-0130-00", false)]
    public void Ibans_need_the_country_length_and_mod_97_remainder_one(string value, bool expected) =>
        SemanticValidators.IsIban(value).Should().Be(expected);

    [Theory]
    [InlineData("0-306-40615-2", true)]
    [InlineData("0306406152", true)]
    [InlineData("080442957X", true)]
    [InlineData("978-0-306-40615-7", true)]
    [InlineData("ISBN 978-0-306-40615-7", true)]
    [InlineData("9780306406157", true)]
    [InlineData("9780306406158", false)]
    [InlineData("0306406153", false)]
    [InlineData("1234567890123", false)] // 13 digits without the 978/979 prefix
    public void Isbns_are_checked_with_their_check_digit(string value, bool expected) =>
        SemanticValidators.IsIsbn(value).Should().Be(expected);

    [Theory]
    [InlineData("anna.schmidt@example.com", true)]
    [InlineData("o'brien+tag@mail.co.uk", true)]
    [InlineData("no-at-sign.example.com", false)]
    [InlineData("a@b", false)]
    [InlineData("a@b.c", false)]
    [InlineData(".a@example.com", false)]
    [InlineData("a b@example.com", false)]
    public void Email_addresses_need_a_local_part_and_a_dotted_domain(string value, bool expected) =>
        SemanticValidators.IsEmail(value).Should().Be(expected);

    [Theory]
    [InlineData("192.168.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("256.1.1.1", false)]
    [InlineData("01.2.3.4", false)]
    [InlineData("1.2.3", false)]
    public void Ipv4_is_four_octets_without_leading_zeros(string value, bool expected) =>
        SemanticValidators.IsIPv4(value).Should().Be(expected);

    [Theory]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:192.0.2.128", true)]
    [InlineData("fe80::1%eth0", true)]
    [InlineData("2001:db8::1::2", false)]
    [InlineData("2001:db8:1", false)]
    [InlineData("12:30", false)]
    public void Ipv6_accepts_compression_and_ipv4_tails(string value, bool expected) =>
        SemanticValidators.IsIPv6(value).Should().Be(expected);

    [Theory]
    [InlineData("+1 415-555-0123", false, true)]
    [InlineData("(415) 555-0123", false, true)]
    [InlineData("+44 20 7946 0958", false, true)]
    [InlineData("4155550123", false, false)] // a bare 10-digit number is an id unless the header says phone
    [InlineData("4155550123", true, true)]
    [InlineData("12.50", false, false)]
    [InlineData("192.168.0.1", false, false)]
    [InlineData("555-01", false, false)]
    public void Phone_numbers_need_formatting_or_a_header_hint(string value, bool hinted, bool expected) =>
        SemanticValidators.IsPhone(value, hinted).Should().Be(expected);

    [Theory]
    [InlineData("12345", false, false)]
    [InlineData("12345", true, true)]
    [InlineData("12345-6789", false, true)]
    [InlineData("SW1A 1AA", false, true)]
    [InlineData("K1A 0B1", false, true)]
    [InlineData("1012 AB", false, true)]
    [InlineData("HELLO", false, false)]
    public void Postal_codes_are_recognised_by_shape_or_by_header(string value, bool hinted, bool expected) =>
        SemanticValidators.IsPostalCode(value, hinted).Should().Be(expected);

    [Theory]
    [InlineData("$1,234.50", true)]
    [InlineData("1.234,50 €", true)]
    [InlineData("EUR 12.00", true)]
    [InlineData("-£3.99", true)]
    [InlineData("12.00 USD", true)]
    [InlineData("1,234.50", false)] // no currency
    [InlineData("$1,23,4.50", false)]
    [InlineData("$", false)]
    public void Money_amounts_carry_a_currency_and_a_well_grouped_number(string value, bool expected) =>
        SemanticValidators.IsCurrencyAmount(value).Should().Be(expected);

    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", true)]
    [InlineData("{550e8400-e29b-41d4-a716-446655440000}", true)]
    [InlineData("550e8400e29b41d4a716446655440000", false)]
    [InlineData("550e8400-e29b-41d4-a716-44665544000g", false)]
    public void Uuids_are_dashed_hex(string value, bool expected) =>
        SemanticValidators.IsUuid(value).Should().Be(expected);

    [Theory]
    [InlineData("https://example.com/a?b=1", true)]
    [InlineData("http://localhost:8080/", true)]
    [InlineData("www.example.org", true)]
    [InlineData("http://[2001:db8::1]/x", true)]
    [InlineData("example.com", false)]
    [InlineData("https://exa mple.com", false)]
    [InlineData("mailto:a@b.com", false)]
    public void Urls_need_a_scheme_or_www_and_a_host(string value, bool expected) =>
        SemanticValidators.IsUrl(value).Should().Be(expected);
}
