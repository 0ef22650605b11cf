namespace DatumSync.Data;

/// <summary>The logical kinds of value a column can hold.</summary>
public enum TypeKind : byte
{
    /// <summary>true / false.</summary>
    Boolean,
    /// <summary>64-bit signed integer.</summary>
    Int64,
    /// <summary>IEEE 754 double.</summary>
    Double,
    /// <summary>Exact decimal with a precision and scale; stored as a 128-bit unscaled integer.</summary>
    Decimal,
    /// <summary>UTF-8 text.</summary>
    String,
    /// <summary>Calendar date; stored as days since 1970-01-01.</summary>
    Date,
    /// <summary>Date and time; stored as microseconds since 1970-01-01T00:00:00.</summary>
    Timestamp,
}
