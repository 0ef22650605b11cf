using DatumSync.Data;
using DatumSync.Platform.Datasets;

namespace DatumSync.Server.Tests;

public sealed class RowFilterTests
{
    private static readonly Schema Schema = new([new Field("a b", DataType.Int64), new Field("s", DataType.String)]);

    [Fact]
    public void Column_names_with_spaces_and_two_character_operators_parse()
    {
        FluentActions.Invoking(() => RowFilter.Parse("a b>=3; s!=x && s~y", Schema)).Should().NotThrow();
        RowFilter.Parse("  ", Schema).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void An_operator_without_a_value_is_refused_except_equality_for_nulls()
    {
        FluentActions.Invoking(() => RowFilter.Parse("a b>", Schema)).Should().Throw<RowFilterException>().WithMessage("*value is required*");
        FluentActions.Invoking(() => RowFilter.Parse("s=", Schema)).Should().NotThrow();
        FluentActions.Invoking(() => RowFilter.Parse("=x", Schema)).Should().Throw<RowFilterException>().WithMessage("*expected column=value*");
    }
}
