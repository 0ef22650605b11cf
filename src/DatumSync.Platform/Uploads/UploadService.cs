using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;

namespace DatumSync.Platform.Uploads;

/// <summary>
/// Stores uploaded datasets: streams the bytes to a temporary file while hashing them, sniffs the format and reads
/// the schema, then stores the content under <c>uploads/ab/cd/&lt;sha256&gt;</c> and records the dataset.
/// </summary>
/// <remarks>
/// Memory stays flat whatever the size: the body is copied through one pooled buffer and hashed incrementally.
/// A file whose schema cannot be read is still stored (format and schema null): a job over it then fails with the
/// reader's message, which names the file, row and column, rather than the upload being refused with less context.
/// The same content uploaded again (per tenant) returns the existing dataset and stores nothing.
/// </remarks>
public sealed class UploadService(ICatalog catalog, IObjectStore store, PlatformOptions options, TimeProvider clock)
{
    private const int BufferSize = 128 * 1024;

    /// <summary>How long reading the schema of an upload may take before the dataset is stored without one.</summary>
    public static TimeSpan SchemaTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The object-store key of content with this SHA-256.</summary>
    public static string StorageKey(string sha256) => $"uploads/{sha256[..2]}/{sha256[2..4]}/{sha256}";

    /// <summary>Stores <paramref name="content"/> (read to its end) as a dataset of <paramref name="tenantId"/>.</summary>
    /// <param name="content">The bytes; read once, forward only.</param>
    /// <param name="fileName">The name the user gave (its extension helps format detection).</param>
    /// <param name="tenantId">Owner.</param>
    /// <param name="maxBytes">The size limit.</param>
    /// <param name="cancellationToken">Cancels the upload; nothing is stored.</param>
    /// <exception cref="UploadTooLargeException">The content is longer than <paramref name="maxBytes"/>.</exception>
    public async Task<UploadResult> UploadAsync(Stream content, string fileName, Guid tenantId, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        fileName = CleanName(fileName);
        var tmpDir = Path.Combine(options.DataDirectory, "tmp");
        Directory.CreateDirectory(tmpDir);
        var tmpPath = Path.Combine(tmpDir, $"upload-{Guid.NewGuid():N}");
        try
        {
            var (sha256, size) = await CopyAndHashAsync(content, tmpPath, maxBytes, cancellationToken).ConfigureAwait(false);
            if (await catalog.FindDatasetByHashAsync(tenantId, sha256, cancellationToken).ConfigureAwait(false) is { } existing)
                return new UploadResult(existing, Duplicate: true);

            var (format, schemaJson) = await DescribeAsync(tmpPath, fileName, cancellationToken).ConfigureAwait(false);
            var key = StorageKey(sha256);
            await store.PutFileAsync(key, tmpPath, cancellationToken).ConfigureAwait(false);
            var dataset = new Dataset(Guid.NewGuid(), tenantId, fileName, sha256, size, format, key, schemaJson, clock.GetUtcNow());
            var (stored, created) = await catalog.AddDatasetAsync(dataset, cancellationToken).ConfigureAwait(false);
            return new UploadResult(stored, Duplicate: !created);
        }
        finally
        {
            TryDelete(tmpPath);
        }
    }

    private static async Task<(string Sha256, long Size)> CopyAndHashAsync(Stream content, string path, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                int n;
                while ((n = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += n;
                    if (size > maxBytes)
                        throw new UploadTooLargeException(maxBytes);
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>The sniffed format and the schema as JSON, or nulls when the file cannot be read as any format.</summary>
    private static async Task<(string? Format, string? SchemaJson)> DescribeAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SchemaTimeout);
        try
        {
            var source = DataSource.FromFile(path, fileName);
            var format = await TableReader.DetectFormatAsync(source, null, ModuleFormats.Registry, timeout.Token).ConfigureAwait(false);
            var reader = await format.OpenReaderAsync(source, new ReadOptions { Format = format.Name }, timeout.Token).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
                return (format.Name, SchemaToJson(reader.Schema));
        }
        catch (DataFormatException)
        {
            return (null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null);
        }
    }

    /// <summary>The schema as the catalog stores it: <c>[{"name":…,"type":…,"nullable":…}]</c>.</summary>
    public static string SchemaToJson(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var f in schema)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("type", f.Type.ToString());
                w.WriteBoolean("nullable", f.Nullable);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Keeps the last path segment of a client-supplied name (browsers and curl may send paths).</summary>
    public static string CleanName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        return name.Length == 0 || name is "." or ".." ? "upload" : name.Length > 255 ? name[..255] : name;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
