using System.Globalization;
using System.Text;

namespace DatumSync.Server.Tests;

/// <summary>Small deterministic CSV files; <c>tag</c> makes the content (and so the SHA-256) unique per test.</summary>
internal static class SampleData
{
    public const int Rows = 50;

    public static byte[] Csv(string tag, int rows = Rows)
    {
        var sb = new StringBuilder("id,name,amount,day,tag\n");
        for (var i = 1; i <= rows; i++)
        {
            sb.Append(i).Append(',').Append(Name(i)).Append(',').Append(Amount(i).ToString("0.0", CultureInfo.InvariantCulture)).Append(',')
                .Append(Day(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(tag).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static string Name(int i) => i % 3 == 0 ? $"Gamma {i}" : i % 2 == 0 ? $"beta {i}" : $"alpha {i}";

    public static double Amount(int i) => i * 1.5;

    public static DateOnly Day(int i) => new DateOnly(2024, 1, 1).AddDays(i);
}
