using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// The system's libzstd, loaded on first use. Functions are bound through <see cref="NativeLibrary"/> rather than
/// <c>[DllImport]</c>, so a missing library is a clear message instead of a <see cref="DllNotFoundException"/> at
/// some later call, and no assembly-wide import resolver (of which an assembly may have only one) is taken.
/// </summary>
internal static unsafe class ZstdLibrary
{
    public const string MissingMessage = "ZSTD needs the system library libzstd.so.1 (Debian: apt install libzstd1)";

    /// <summary>ZSTD_error_dstSize_tooSmall, stable since zstd 1.3.</summary>
    public const int ErrorDestinationTooSmall = 70;

    // The soname first: the unversioned libzstd.so exists only with the -dev package. Then macOS and Windows names.
    private static readonly string[] Names = ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib", "libzstd.dll", "zstd.dll"];

    private static readonly nint Handle = Load();

    public static readonly delegate* unmanaged<nuint, nuint> CompressBound = (delegate* unmanaged<nuint, nuint>)Export("ZSTD_compressBound");
    public static readonly delegate* unmanaged<nuint, uint> IsError = (delegate* unmanaged<nuint, uint>)Export("ZSTD_isError");
    public static readonly delegate* unmanaged<nuint, int> GetErrorCode = (delegate* unmanaged<nuint, int>)Export("ZSTD_getErrorCode");
    public static readonly delegate* unmanaged<nuint, byte*> GetErrorName = (delegate* unmanaged<nuint, byte*>)Export("ZSTD_getErrorName");
    public static readonly delegate* unmanaged<nint> CreateCCtx = (delegate* unmanaged<nint>)Export("ZSTD_createCCtx");
    public static readonly delegate* unmanaged<nint, nuint> FreeCCtx = (delegate* unmanaged<nint, nuint>)Export("ZSTD_freeCCtx");
    public static readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, int, nuint> CompressCCtx =
        (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, int, nuint>)Export("ZSTD_compressCCtx");
    public static readonly delegate* unmanaged<nint> CreateDCtx = (delegate* unmanaged<nint>)Export("ZSTD_createDCtx");
    public static readonly delegate* unmanaged<nint, nuint> FreeDCtx = (delegate* unmanaged<nint, nuint>)Export("ZSTD_freeDCtx");
    public static readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint> DecompressDCtx =
        (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nuint>)Export("ZSTD_decompressDCtx");

    /// <summary>Whether libzstd loaded and has every function used here.</summary>
    public static bool IsAvailable => DecompressDCtx != null;

    /// <summary>Throws the message users see when libzstd is missing.</summary>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
            throw new NotSupportedException(MissingMessage);
    }

    /// <summary>The library's name for an error code.</summary>
    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)GetErrorName(code)) ?? $"error {code}";

    private static nint Load()
    {
        foreach (var name in Names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
                return handle;
        }
        return 0;
    }

    // All or nothing: a library without one of the functions counts as missing (IsAvailable reads the last one).
    private static nint Export(string name)
        => Handle != 0 && NativeLibrary.TryGetExport(Handle, name, out var address) ? address : 0;

    /// <summary>
    /// A compression or decompression context, reused by one thread for every page: creating one per page costs more
    /// than compressing a small page. The finalizer frees it when its thread is gone.
    /// </summary>
    public sealed class Context : SafeHandleZeroOrMinusOneIsInvalid
    {
        private readonly delegate* unmanaged<nint, nuint> _free;

        private Context(nint handle, delegate* unmanaged<nint, nuint> free, string create)
            : base(ownsHandle: true)
        {
            SetHandle(handle);
            _free = free;
            if (IsInvalid)
                throw new InvalidOperationException($"{create} failed (out of memory?)");
        }

        public static Context ForCompression() => new(CreateCCtx(), FreeCCtx, "ZSTD_createCCtx");

        public static Context ForDecompression() => new(CreateDCtx(), FreeDCtx, "ZSTD_createDCtx");

        protected override bool ReleaseHandle()
        {
            _free(handle);
            return true;
        }
    }
}
