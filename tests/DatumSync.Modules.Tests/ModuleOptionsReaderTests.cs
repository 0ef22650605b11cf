using System.Text.Json;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules;

namespace DatumSync.Modules.Tests;

public class ModuleOptionsReaderTests
{
    private static ModuleOptionsReader Read(string json) => new(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Read_options_map_every_key_to_the_reader_settings()
    {
        var reader = Read("""{"read":{"format":"csv","delimiter":";","header":false,"skipRows":2,"ragged":"pad","dateOrder":"day-month-year","nulls":["-"],"schema":{"id":"int64","amount":"decimal(12,2)"}}}""");
        var options = reader.ReadOptions();
        reader.EnsureAllUsed();
        options.Format.Should().Be("csv");
        options.Csv.Delimiter.Should().Be(';');
        options.Csv.HasHeader.Should().BeFalse();
        options.Csv.SkipRows.Should().Be(2);
        options.Csv.Ragged.Should().Be(RaggedRows.Pad);
        options.Csv.DateOrder.Should().Be(DateOrder.DayMonthYear);
        options.NullTokens.Should().Equal("-");
        options.ColumnTypes!["id"].Should().Be(DataType.Int64);
        options.ColumnTypes["amount"].Should().Be(DataType.Decimal(12, 2));
    }

    [Theory]
    [InlineData(",", ".", '.')]
    [InlineData(".", "", '\0')]
    [InlineData(".", "'", '\'')]
    public void Decimal_and_thousands_separators_the_parser_understands_are_accepted(string decimalSeparator, string thousands, char expected)
    {
        var reader = new ModuleOptionsReader(JsonSerializer.SerializeToElement(new { read = new { @decimal = decimalSeparator, thousands } }));

        var options = reader.ReadOptions();

        options.Csv.DecimalSeparator.Should().Be(decimalSeparator[0]);
        options.Csv.ThousandsSeparator.Should().Be(expected);
    }

    [Fact]
    public void Absent_options_mean_defaults()
    {
        var reader = new ModuleOptionsReader(default);
        reader.ReadOptions().Should().BeEquivalentTo(new ReadOptions());
        reader.Int("previewRows").Should().BeNull();
        reader.EnsureAllUsed();
    }

    [Fact]
    public void An_unknown_key_is_named_in_the_error()
    {
        var reader = Read("""{"previewRows":5,"prevewRows":3}""");
        reader.Int("previewRows").Should().Be(5);
        reader.Invoking(r => r.EnsureAllUsed()).Should().Throw<ModuleOptionsException>().WithMessage("*'prevewRows'*");
    }

    [Fact]
    public void An_unknown_nested_read_key_is_named_with_its_path()
    {
        var reader = Read("""{"read":{"delimter":";"}}""");
        reader.Invoking(r => r.ReadOptions()).Should().Throw<ModuleOptionsException>().WithMessage("*'read.delimter'*");
    }

    [Theory]
    [InlineData("""{"previewRows":"ten"}""", "*'previewRows' must be an integer*")]
    [InlineData("""{"previewRows":-1}""", "*'previewRows' must be an integer from 0*")]
    [InlineData("""{"read":{"delimiter":";;"}}""", "*'read.delimiter' must be a single character*")]
    [InlineData("""{"read":{"ragged":"maybe"}}""", "*'read.ragged' must be one of error, pad, skip*")]
    [InlineData("""{"read":{"decimal":"x"}}""", "*'read.decimal' must be '.' or ','*")]
    [InlineData("""{"read":{"decimal":"€"}}""", "*'read.decimal' must be '.' or ','*")]
    [InlineData("""{"read":{"thousands":"_"}}""", "*'read.thousands' must be ','*")]
    [InlineData("""{"read":{"schema":{"id":"integer-ish"}}}""", "*read.schema.id*unknown type*")]
    public void Values_of_the_wrong_kind_are_refused_with_the_option_named(string json, string message)
    {
        var reader = Read(json);
        var act = () =>
        {
            reader.ReadOptions();
            reader.Int("previewRows", 0, 100);
        };
        act.Should().Throw<ModuleOptionsException>().WithMessage(message);
    }

    [Fact]
    public void Options_that_are_not_an_object_are_refused()
    {
        var act = () => Read("[1,2]");
        act.Should().Throw<ModuleOptionsException>();
    }

    [Fact]
    public void The_catalog_finds_modules_by_name_case_insensitively()
    {
        ModuleCatalog.Find("Convert").Should().BeOfType<Convert.ConvertJobModule>();
        ModuleCatalog.Find("nope").Should().BeNull();
        ModuleCatalog.All.Select(m => m.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }
}
