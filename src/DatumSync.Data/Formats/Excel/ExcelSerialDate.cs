namespace DatumSync.Data.Formats.Excel;

/// <summary>
/// Converts our dates and timestamps to Excel serial dates (the 1900 date system): days since 1899-12-30 with the
/// time of day as the fraction, shifted by one day before 1900-03-01 for Excel's phantom 1900-02-29.
/// </summary>
/// <remarks>
/// Excel cannot show a date before 1900-01-01 (serial 1), so those return false and the writer falls back to ISO text.
/// A serial near 2024 is about 45,000 days, and a double keeps about 16 significant digits, so a timestamp survives to
/// roughly a microsecond in the file; ExcelDataReader rounds serials to the millisecond when it reads them back.
/// </remarks>
internal static class ExcelSerialDate
{
    /// <summary>Serial of 1970-01-01 (OLE automation date 25569; no phantom-day shift that late).</summary>
    private const int UnixEpochSerial = 25569;

    /// <summary>Days since the Unix epoch of 1900-01-01, the first date Excel shows.</summary>
    private const int FirstExcelDay = -25567;

    /// <summary>Days since the Unix epoch of 1900-03-01: before it, serials are one less than OLE dates.</summary>
    private const int PhantomLeapDayEnd = -25508;

    private const double MicrosPerDay = 86_400_000_000d;

    /// <summary>The serial for a date (days since the Unix epoch); false before 1900-01-01.</summary>
    public static bool TryFromEpochDays(int days, out double serial)
    {
        if (days < FirstExcelDay)
        {
            serial = 0;
            return false;
        }
        serial = SerialDay(days);
        return true;
    }

    /// <summary>The serial for a timestamp (microseconds since the Unix epoch); false before 1900-01-01.</summary>
    public static bool TryFromEpochMicros(long micros, out double serial)
    {
        var days = (long)Math.Floor(micros / MicrosPerDay);
        if (days < FirstExcelDay)
        {
            serial = 0;
            return false;
        }
        var timeOfDay = micros - days * 86_400_000_000L;
        serial = SerialDay((int)days) + timeOfDay / MicrosPerDay;
        return true;
    }

    private static int SerialDay(int days) => days + UnixEpochSerial - (days < PhantomLeapDayEnd ? 1 : 0);
}
