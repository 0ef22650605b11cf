using System.Globalization;
using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Modules.Profile;

namespace DatumSync.Modules.Tests.Profile;

/// <summary>Generated CSVs and a helper to profile them in memory.</summary>
internal static class ProfileTestData
{
    public static DataSource Csv(string text, string name = "data.csv") => DataSource.FromBytes(Encoding.UTF8.GetBytes(text), name);

    public static Task<ProfileReport> ProfileAsync(string csv, ProfileOptions? options = null, string name = "data.csv") =>
        ProfileModule.RunAsync(Csv(csv, name), options ?? new ProfileOptions());

    /// <summary>
    /// Columns: id (unique), amount (normal, mean <paramref name="mean"/>, 2 decimals, every 20th empty), qty
    /// (amount/10 plus noise), country (DE/FR/US weighted, or with <paramref name="extraCategory"/> mixed in),
    /// segment (determined by country), day (2024 dates, none in May), code (AA99-999).
    /// </summary>
    public static string Orders(int rows, int seed, double mean = 100, string? extraCategory = null)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("id,amount,qty,country,segment,day,code\n");
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var amount = mean + 15 * normal;
            var qty = (int)Math.Round(amount / 10 + normal * 0.5);
            var u = random.NextDouble();
            var country = extraCategory is not null && u < 0.3 ? extraCategory : u < 0.6 ? "US" : u < 0.8 ? "DE" : "FR";
            var segment = country switch { "US" => "retail", "DE" => "b2b", _ => "public" };
            var day = start.AddDays(random.Next(0, 366));
            if (day.Month == 5)
                day = day.AddMonths(1);
            var code = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(10, 100)}-{random.Next(100, 1000)}";
            sb.Append(CultureInfo.InvariantCulture, $"{i},{(i % 20 == 7 ? "" : amount.ToString("0.00", CultureInfo.InvariantCulture))},{qty},{country},{segment},{day:yyyy-MM-dd},{code}\n");
        }
        return sb.ToString();
    }
}
