using DatumSync.Data;
using DatumSync.Parquet.Format;

namespace DatumSync.Parquet.Mapping;

/// <summary>
/// Translates between our <see cref="Data.Schema"/> and Parquet schema elements: the physical type, the logical
/// type (and the legacy converted type that older readers still need), and back.
/// </summary>
internal static class ParquetSchemaMapper
{
    /// <summary>The schema elements (root first, then one leaf per field, depth-first) for writing.</summary>
    public static List<SchemaElement> ToParquet(Data.Schema schema)
    {
        var elements = new List<SchemaElement>(schema.Count + 1) { new() { Name = "schema", NumChildren = schema.Count } };
        foreach (var field in schema)
            elements.Add(ToElement(field));
        return elements;
    }

    /// <summary>The leaf element of <paramref name="field"/>.</summary>
    public static SchemaElement ToElement(Field field)
    {
        var e = new SchemaElement
        {
            Name = field.Name,
            RepetitionType = field.Nullable ? Repetition.Optional : Repetition.Required,
        };
        var type = field.Type;
        switch (type.Kind)
        {
            case TypeKind.Boolean:
                e.Type = PhysicalType.Boolean;
                break;
            case TypeKind.Int64:
                e.Type = PhysicalType.Int64;
                e.LogicalType = new LogicalType(LogicalTypeKind.Integer) { BitWidth = 64, IsSigned = true };
                e.ConvertedType = ConvertedType.Int64;
                break;
            case TypeKind.Double:
                e.Type = PhysicalType.Double;
                break;
            case TypeKind.Decimal:
                e.Type = DecimalPhysicalType(type.Precision);
                if (e.Type == PhysicalType.FixedLenByteArray)
                    e.TypeLength = DecimalByteWidth(type.Precision);
                e.LogicalType = new LogicalType(LogicalTypeKind.Decimal) { Precision = type.Precision, Scale = type.Scale };
                e.ConvertedType = ConvertedType.Decimal;
                e.Precision = type.Precision;
                e.Scale = type.Scale;
                break;
            case TypeKind.String:
                e.Type = PhysicalType.ByteArray;
                e.LogicalType = new LogicalType(LogicalTypeKind.String);
                e.ConvertedType = ConvertedType.Utf8;
                break;
            case TypeKind.Date:
                e.Type = PhysicalType.Int32;
                e.LogicalType = new LogicalType(LogicalTypeKind.Date);
                e.ConvertedType = ConvertedType.Date;
                break;
            case TypeKind.Timestamp:
                e.Type = PhysicalType.Int64;
                e.LogicalType = new LogicalType(LogicalTypeKind.Timestamp) { IsAdjustedToUtc = type.HasOffset, Unit = TimeUnit.Micros };
                // LogicalTypes.md: writers must annotate local timestamps with the legacy annotation too.
                e.ConvertedType = ConvertedType.TimestampMicros;
                break;
            default:
                throw new NotSupportedException($"Column '{field.Name}' has type {type}, which has no Parquet mapping.");
        }
        return e;
    }

    /// <summary>INT32 up to 9 digits, INT64 up to 18, else FIXED_LEN_BYTE_ARRAY (as Arrow and DuckDB choose).</summary>
    public static PhysicalType DecimalPhysicalType(int precision) => precision switch
    {
        <= 9 => PhysicalType.Int32,
        <= 18 => PhysicalType.Int64,
        _ => PhysicalType.FixedLenByteArray,
    };

    /// <summary>The fewest bytes whose two's complement holds every value of <paramref name="precision"/> digits.</summary>
    public static int DecimalByteWidth(int precision)
    {
        var max = Int128.One;
        for (var i = 0; i < precision; i++)
            max *= 10;
        // Bytes needed for max - 1 plus a sign bit.
        var bits = 128 - (int)Int128.LeadingZeroCount(max - 1) + 1;
        return (bits + 7) / 8;
    }

    /// <summary>Reads the schema of a file: one descriptor per leaf column (unsupported ones say why).</summary>
    /// <exception cref="ParquetException">The schema tree is malformed.</exception>
    public static List<ColumnDescriptor> FromParquet(FileMetaData footer, string source)
    {
        var elements = footer.Schema;
        if (elements.Count == 0)
            throw new ParquetException(source, "the footer has an empty schema (expected a root element)");
        var leaves = new List<ColumnDescriptor>();
        var index = 1;
        var rootChildren = elements[0].NumChildren ?? 0;
        if (rootChildren < 0 || rootChildren > elements.Count)
            throw new ParquetException(source, $"the schema root claims {rootChildren} children but the schema has {elements.Count - 1} elements");
        for (var child = 0; child < rootChildren; child++)
            Walk(elements, ref index, [], 0, 0, leaves, source, null, 0, 0, 0);
        return leaves;
    }

    // listElementDepth: inside a list, the path length of its element, so that the fields of a list of structs are
    // named list.field (a list of primitives is named after the list alone). repeatedDefinition: below a repeated
    // field, the definition level at which its parent is present (the repeated field then holds no entry).
    private static void Walk(List<SchemaElement> elements, ref int index, List<string> path, int definition, int repetition,
        List<ColumnDescriptor> leaves, string source, string? listRoot, int listDefinition, int listElementDepth, int repeatedDefinition)
    {
        if (index >= elements.Count)
            throw new ParquetException(source, "the schema tree ends early: a group claims more children than the schema has");
        if (path.Count > 32)
            throw new ParquetException(source, "the schema nests deeper than 32 levels");
        var e = elements[index++];
        var here = new List<string>(path) { e.Name };
        var repetitionType = e.RepetitionType ?? Repetition.Required;
        var def = definition + (repetitionType == Repetition.Required ? 0 : 1);
        var rep = repetition + (repetitionType == Repetition.Repeated ? 1 : 0);
        var repeatedDef = repetitionType == Repetition.Repeated && repetition == 0 ? def - 1 : repeatedDefinition;
        var children = e.NumChildren ?? 0;
        if (children < 0 || children > elements.Count - index)
            throw new ParquetException(source, $"schema element '{string.Join('.', here)}' claims {children} children but only {elements.Count - index} elements follow");

        if (children > 0)
        {
            // A LIST-annotated group (or a repeated group) starts a list; remember its level for null vs empty.
            var isList = e.LogicalType?.Kind == LogicalTypeKind.List || e.ConvertedType == ConvertedType.List;
            var root = listRoot;
            var rootDef = listDefinition;
            var elementDepth = listElementDepth;
            if (isList && root is null)
            {
                root = string.Join('.', here);
                rootDef = def;
                elementDepth = here.Count + ListElementLevel(elements, index, e.Name);
            }
            for (var c = 0; c < children; c++)
                Walk(elements, ref index, here, def, rep, leaves, source, root, rootDef, elementDepth, repeatedDef);
            return;
        }

        // A leaf. Lists of primitives are named after the list (a.list.element → a); the fields of a list of
        // structs after the list and the field (a.list.element.x → a.x), so that they do not all share one name.
        var name = listRoot is null ? string.Join('.', here)
            : here.Count <= listElementDepth || rep > 1 ? listRoot
            : listRoot + "." + string.Join('.', here.Skip(listElementDepth));
        var descriptor = Describe(e, name, here, def, rep);
        if (rep > 1)
            descriptor = descriptor with { Unsupported = $"column '{name}' nests lists {rep} deep; only flat columns and lists of primitive values are read" };
        else if (rep == 1 && listRoot is null)
            descriptor = descriptor with { ListDefinitionLevel = repeatedDef }; // not def - 1: an optional leaf (a MAP's value) adds a level
        else if (rep == 1)
            descriptor = descriptor with { ListDefinitionLevel = listDefinition };
        if (rep == 0 && listRoot is not null)
            descriptor = descriptor with { Unsupported = $"column '{name}' is a list without repeated elements; the schema is malformed" };
        leaves.Add(descriptor);
    }

    /// <summary>
    /// How many levels below a LIST group its element is: 1 when the repeated group is itself the element (a
    /// repeated primitive, a repeated group of several fields, or the legacy <c>array</c> / <c>x_tuple</c> names),
    /// else 2 (the standard three-level <c>list</c> / <c>element</c>). LogicalTypes.md, backward-compatibility rules.
    /// </summary>
    private static int ListElementLevel(List<SchemaElement> elements, int firstChild, string listName)
    {
        if (firstChild >= elements.Count)
            return 2;
        var repeated = elements[firstChild];
        var isElement = repeated.NumChildren is not > 0 || repeated.NumChildren > 1
            || repeated.Name == "array" || repeated.Name == listName + "_tuple";
        return isElement ? 1 : 2;
    }

    private static ColumnDescriptor Describe(SchemaElement e, string name, List<string> path, int def, int rep)
    {
        var logical = e.LogicalType;
        var converted = e.ConvertedType;
        var physical = e.Type ?? PhysicalType.ByteArray;
        DataType type;
        var conversion = ValueConversion.None;
        var scale = 0;
        string? unsupported = null;

        var isDecimal = logical?.Kind == LogicalTypeKind.Decimal || converted == ConvertedType.Decimal;
        if (isDecimal)
        {
            var precision = logical?.Kind == LogicalTypeKind.Decimal ? logical.Precision : e.Precision ?? 0;
            scale = logical?.Kind == LogicalTypeKind.Decimal ? logical.Scale : e.Scale ?? 0;
            if (precision is < 1 or > DataType.MaxDecimalPrecision || scale < 0 || scale > precision)
            {
                type = DataType.String;
                unsupported = $"column '{name}' is decimal({precision},{scale}); at most 38 digits are supported";
            }
            else
            {
                type = DataType.Decimal(precision, scale);
            }
            conversion = physical is PhysicalType.Int32 or PhysicalType.Int64 ? ValueConversion.IntDecimal : ValueConversion.BytesDecimal;
        }
        else
        {
            (type, conversion, unsupported) = physical switch
            {
                PhysicalType.Boolean => (DataType.Boolean, ValueConversion.Boolean, null),
                PhysicalType.Int32 when logical?.Kind == LogicalTypeKind.Date || converted == ConvertedType.Date => (DataType.Date, ValueConversion.None, null),
                PhysicalType.Int32 when logical?.Kind == LogicalTypeKind.Time || converted == ConvertedType.TimeMillis => (DataType.String, ValueConversion.TimeToText, null),
                PhysicalType.Int32 => (DataType.Int64, ValueConversion.Int32ToInt64, (string?)null),
                PhysicalType.Int64 when logical?.Kind == LogicalTypeKind.Timestamp => (
                    logical.IsAdjustedToUtc ? DataType.TimestampWithOffset : DataType.Timestamp,
                    logical.Unit switch { TimeUnit.Millis => ValueConversion.TimestampMillis, TimeUnit.Nanos => ValueConversion.TimestampNanos, _ => ValueConversion.None },
                    null),
                // Legacy annotation alone means a UTC instant (LogicalTypes.md, backward compatibility).
                PhysicalType.Int64 when converted == ConvertedType.TimestampMicros => (DataType.TimestampWithOffset, ValueConversion.None, null),
                PhysicalType.Int64 when converted == ConvertedType.TimestampMillis => (DataType.TimestampWithOffset, ValueConversion.TimestampMillis, null),
                PhysicalType.Int64 when logical?.Kind == LogicalTypeKind.Time || converted == ConvertedType.TimeMicros => (DataType.String, ValueConversion.TimeToText, null),
                PhysicalType.Int64 when (logical?.Kind == LogicalTypeKind.Integer && !logical.IsSigned) || converted == ConvertedType.Uint64 => (DataType.Decimal(20, 0), ValueConversion.UInt64ToDecimal, null),
                PhysicalType.Int64 => (DataType.Int64, ValueConversion.None, null),
                PhysicalType.Int96 => (DataType.TimestampWithOffset, ValueConversion.Int96Timestamp, null),
                PhysicalType.Float => (DataType.Double, ValueConversion.FloatToDouble, null),
                PhysicalType.Double => (DataType.Double, ValueConversion.None, null),
                PhysicalType.ByteArray when logical?.Kind is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json
                    || converted is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json => (DataType.String, ValueConversion.None, null),
                PhysicalType.FixedLenByteArray when logical?.Kind == LogicalTypeKind.Uuid && e.TypeLength == 16 => (DataType.String, ValueConversion.UuidToText, null),
                // Three little-endian counts (months, days, milliseconds): read as bytes they would pass for text full
                // of control characters, so the column is left out rather than misread.
                PhysicalType.FixedLenByteArray when converted == ConvertedType.Interval => (DataType.String, ValueConversion.BinaryToText,
                    $"column '{name}' is an INTERVAL, which DatumSync does not read"),
                PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => (DataType.String, ValueConversion.BinaryToText, null),
                _ => (DataType.String, ValueConversion.None, $"column '{name}' has unknown physical type {(int)physical}"),
            };
        }
        if (physical == PhysicalType.FixedLenByteArray && (e.TypeLength is not > 0 || e.TypeLength > 1 << 20))
            unsupported ??= $"column '{name}' is FIXED_LEN_BYTE_ARRAY with invalid length {e.TypeLength}";
        if (conversion == ValueConversion.IntDecimal && physical == PhysicalType.Int32 && type.Precision > 9)
            type = DataType.Decimal(Math.Min(type.Precision, 38), scale);
        return new ColumnDescriptor
        {
            Path = name,
            PathParts = path,
            Element = e,
            MaxDefinitionLevel = def,
            MaxRepetitionLevel = rep,
            // Lists of primitives are read as JSON array text.
            Type = rep > 0 ? DataType.String : type,
            ValueType = type,
            Conversion = conversion,
            Scale = scale,
            Unsupported = unsupported,
        };
    }
}
