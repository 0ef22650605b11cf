using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DatumSync.Platform.Storage;

/// <summary>The outcome of checking a signed URL.</summary>
public enum SignatureCheck
{
    /// <summary>Signature matches and the URL has not expired.</summary>
    Valid,
    /// <summary>The signature or expiry is missing, malformed or does not match.</summary>
    Invalid,
    /// <summary>The signature matches but the expiry has passed.</summary>
    Expired,
}

/// <summary>
/// Signs download paths: HMAC-SHA256 over <c>path + "\n" + expiry</c> (Unix seconds), base64url without padding.
/// The key comes from configuration (<c>DATUMSYNC_SIGNING_KEY</c>) or is generated once and kept in
/// <c>&lt;data&gt;/signing.key</c> (mode 0600), so URLs stay valid across restarts and across the processes that share
/// a data directory.
/// </summary>
public sealed class UrlSigner
{
    /// <summary>The name of the generated key file inside the data directory.</summary>
    public const string KeyFileName = "signing.key";

    /// <summary>How long a URL is valid when no lifetime is given.</summary>
    public static TimeSpan DefaultLifetime { get; } = TimeSpan.FromHours(1);

    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    /// <summary>Creates a signer with a raw key.</summary>
    /// <exception cref="ArgumentException">The key is shorter than 16 bytes.</exception>
    public UrlSigner(byte[] key, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
            throw new ArgumentException("The signing key must be at least 16 bytes.", nameof(key));
        _key = [.. key];
        _clock = clock;
    }

    /// <summary>
    /// A signer whose key is <paramref name="configuredKey"/> (any text of 16+ characters, used as UTF-8) when given,
    /// else the one in <c>&lt;dataDirectory&gt;/signing.key</c>, generated on first use.
    /// </summary>
    public static UrlSigner Create(string dataDirectory, string? configuredKey, TimeProvider clock)
    {
        if (!string.IsNullOrEmpty(configuredKey))
        {
            if (configuredKey.Length < 16)
                throw new InvalidOperationException("DATUMSYNC_SIGNING_KEY must be at least 16 characters long.");
            return new UrlSigner(Encoding.UTF8.GetBytes(configuredKey), clock);
        }
        return new UrlSigner(LoadOrCreateKey(Path.Combine(dataDirectory, KeyFileName)), clock);
    }

    /// <summary>Signs <paramref name="path"/> (such as <c>/api/files/jobs/…/out.parquet</c>) until now + lifetime.</summary>
    /// <returns>The expiry (Unix seconds) and the signature.</returns>
    public (long Expires, string Signature) Sign(string path, TimeSpan? lifetime = null)
    {
        var expires = _clock.GetUtcNow().Add(lifetime ?? DefaultLifetime).ToUnixTimeSeconds();
        return (expires, Compute(path, expires));
    }

    /// <summary>Checks a signature for <paramref name="path"/> (constant-time), then the expiry.</summary>
    public SignatureCheck Verify(string path, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
            return SignatureCheck.Invalid;
        var expected = Encoding.ASCII.GetBytes(Compute(path, expiry));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
            return SignatureCheck.Invalid;
        return _clock.GetUtcNow().ToUnixTimeSeconds() > expiry ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private string Compute(string path, long expires)
    {
        var message = Encoding.UTF8.GetBytes(path + "\n" + expires.ToString(CultureInfo.InvariantCulture));
        var mac = HMACSHA256.HashData(_key, message);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
            return ReadKey(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var f = new FileStream(tmp, streamOptions))
            f.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
        try
        {
            // Two processes starting on a fresh data directory: the first rename wins and both use its key.
            File.Move(tmp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(tmp);
        }
        return ReadKey(path);
    }

    private static byte[] ReadKey(string path)
    {
        var text = File.ReadAllText(path).Trim();
        try
        {
            var key = Convert.FromBase64String(text);
            if (key.Length >= 16)
                return key;
        }
        catch (FormatException)
        {
        }
        throw new InvalidOperationException($"{path}: not a valid signing key (expected base64 of 16+ bytes); delete it to generate a new one.");
    }
}
