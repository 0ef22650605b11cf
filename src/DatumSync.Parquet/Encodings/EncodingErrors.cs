using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace DatumSync.Parquet.Encodings;

/// <summary>
/// Throw helpers for corrupt or truncated encoded data: every decoder here reports bad input as
/// <see cref="InvalidDataException"/>, which the reader wraps in a <see cref="ParquetException"/> naming the file,
/// row group, column and page. Kept out of line so the hot loops stay small.
/// </summary>
internal static class EncodingErrors
{
    [DoesNotReturn]
    [StackTraceHidden]
    public static void Corrupt(string message) => throw new InvalidDataException(message);

    [DoesNotReturn]
    [StackTraceHidden]
    public static void VarintTruncated(string what, int position) =>
        throw new InvalidDataException($"{what}: the varint at byte {position} runs past the end of the data.");

    [DoesNotReturn]
    [StackTraceHidden]
    public static void VarintTooLong(string what, int position, int bits) =>
        throw new InvalidDataException($"{what}: the varint at byte {position} is longer than a {bits}-bit value allows.");

    [DoesNotReturn]
    [StackTraceHidden]
    public static void Truncated(string what, long needed, int available) =>
        throw new InvalidDataException($"{what}: needs {needed} bytes but only {available} remain.");

    /// <summary>As <see cref="Truncated"/> for a part that starts at byte <paramref name="at"/>; the message is
    /// built here so that callers on hot paths carry no formatting code.</summary>
    [DoesNotReturn]
    [StackTraceHidden]
    public static void TruncatedAt(string what, int at, long needed, int available) =>
        throw new InvalidDataException($"{what} at byte {at}: needs {needed} bytes but only {available} remain.");

    [DoesNotReturn]
    [StackTraceHidden]
    public static void BitWidthOutOfRange(string what, int bitWidth, int max) =>
        throw new InvalidDataException($"{what}: bit width {bitWidth} is over the maximum of {max}.");
}
