using DatumSync.Data.Formats;
using DatumSync.Parquet;

namespace DatumSync.Modules;

/// <summary>The formats every module can read and write: the built-in ones plus Parquet.</summary>
public static class ModuleFormats
{
    /// <summary>The registry with every format registered.</summary>
    public static FormatRegistry Registry
    {
        get
        {
            ParquetFormat.Register();
            return FormatRegistry.Default;
        }
    }
}
