using DatumSync.Platform.Storage;

namespace DatumSync.Server.Tests;

public sealed class UrlSignerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signature_is_valid_until_its_expiry_and_expired_after()
    {
        var key = new byte[32];
        var (expires, signature) = new UrlSigner(key, new FixedClock(Noon)).Sign("/api/files/a", TimeSpan.FromMinutes(5));
        expires.Should().Be(Noon.AddMinutes(5).ToUnixTimeSeconds());
        new UrlSigner(key, new FixedClock(Noon.AddMinutes(5))).Verify("/api/files/a", expires.ToString(), signature).Should().Be(SignatureCheck.Valid);
        new UrlSigner(key, new FixedClock(Noon.AddMinutes(5).AddSeconds(1))).Verify("/api/files/a", expires.ToString(), signature)
            .Should().Be(SignatureCheck.Expired);
    }

    [Fact]
    public void Another_path_key_or_expiry_does_not_verify()
    {
        var signer = new UrlSigner(new byte[32], new FixedClock(Noon));
        var (expires, signature) = signer.Sign("/api/files/a");
        signer.Verify("/api/files/b", expires.ToString(), signature).Should().Be(SignatureCheck.Invalid);
        signer.Verify("/api/files/a", (expires + 1).ToString(), signature).Should().Be(SignatureCheck.Invalid);
        signer.Verify("/api/files/a", "soon", signature).Should().Be(SignatureCheck.Invalid);
        signer.Verify("/api/files/a", expires.ToString(), null).Should().Be(SignatureCheck.Invalid);
        var other = new byte[32];
        other[0] = 1;
        new UrlSigner(other, new FixedClock(Noon)).Verify("/api/files/a", expires.ToString(), signature).Should().Be(SignatureCheck.Invalid);
    }

    [Fact]
    public void A_configured_key_is_used_instead_of_a_generated_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "datumsync-signer-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var a = UrlSigner.Create(dir, "a configured key of some length", new FixedClock(Noon));
            var b = UrlSigner.Create(dir, "a configured key of some length", new FixedClock(Noon));
            var (expires, signature) = a.Sign("/p");
            b.Verify("/p", expires.ToString(), signature).Should().Be(SignatureCheck.Valid);
            File.Exists(Path.Combine(dir, UrlSigner.KeyFileName)).Should().BeFalse();
            FluentActions.Invoking(() => UrlSigner.Create(dir, "short", TimeProvider.System)).Should().Throw<InvalidOperationException>()
                .WithMessage("*16 characters*");
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, true);
        }
    }
}
