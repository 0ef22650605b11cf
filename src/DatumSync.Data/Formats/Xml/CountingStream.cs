namespace DatumSync.Data.Formats.Xml;

/// <summary>A read-only pass-through that counts the bytes read: progress for any source, seekable or not, and the
/// budget of the record-element detection pass.</summary>
internal sealed class CountingStream(Stream inner) : ReadOnlyForwardStream
{
    /// <summary>Bytes read from the inner stream so far.</summary>
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
