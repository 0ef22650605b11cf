namespace DatumSync.Parquet.Tests;

public class ParquetExceptionTests
{
    [Fact]
    public void Message_names_file_row_group_column_and_page()
    {
        var e = new ParquetException("data.parquet", "page fails to decompress (expected 400 bytes)", rowGroup: 2, column: "a.b", page: 7);
        e.Message.Should().Be("data.parquet, row group 2, column 'a.b', page 7: page fails to decompress (expected 400 bytes)");
    }
}
