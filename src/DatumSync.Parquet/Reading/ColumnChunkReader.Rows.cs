using DatumSync.Data;

namespace DatumSync.Parquet.Reading;

internal sealed partial class ColumnChunkReader
{
    private readonly ByteBuilder _json = new();

    /// <summary>Appends the next <paramref name="rows"/> rows (records, for lists) to <paramref name="builder"/>.</summary>
    /// <exception cref="ParquetException">The chunk is corrupt or ends early.</exception>
    public void ReadRows(int rows, ColumnBuilder builder)
    {
        try
        {
            if (_column.IsList)
                ReadLists(rows, builder);
            else
                ReadFlat(rows, builder);
        }
        catch (InvalidDataException e)
        {
            throw Error(e.Message, e);
        }
    }

    private void ReadFlat(int rows, ColumnBuilder builder)
    {
        var max = _column.MaxDefinitionLevel;
        var emitter = Emitter;
        while (rows > 0)
        {
            if (LevelsLeft == 0 && !NextDataPage())
                throw Error($"the column chunk ends {rows} rows early");
            var n = Math.Min(rows, LevelsLeft);
            var source = _useIndices ? _dictionary! : _values;
            for (var k = 0; k < n; k++)
            {
                if (max > 0 && _definition[_levelPosition + k] != max)
                {
                    builder.AppendNull();
                    continue;
                }
                var i = _useIndices ? _indices[_valuePosition] : _valuePosition;
                _valuePosition++;
                emitter.Append(builder, source, i);
            }
            _levelPosition += n;
            rows -= n;
        }
    }

    /// <summary>
    /// Lists of primitives, as JSON array text: a record begins at repetition level 0; below the list's definition
    /// level the list is null, at it the list is empty, below the maximum an element is null.
    /// </summary>
    private void ReadLists(int rows, ColumnBuilder builder)
    {
        var strings = (StringColumnBuilder)builder;
        var max = _column.MaxDefinitionLevel;
        var listLevel = _column.ListDefinitionLevel;
        var emitted = 0;
        var open = false;
        var isNull = false;
        var elements = 0;
        while (emitted < rows)
        {
            if (LevelsLeft == 0 && !NextDataPage())
            {
                if (open)
                {
                    Finish();
                    continue;
                }
                throw Error($"the column chunk ends {rows - emitted} rows early");
            }
            var rep = _repetition[_levelPosition];
            var def = _definition.Length > 0 && max > 0 ? _definition[_levelPosition] : max;
            if (rep == 0)
            {
                if (open)
                {
                    Finish();
                    continue; // the level is the next record's first; read it again
                }
                open = true;
                isNull = def < listLevel;
                elements = 0;
                _json.Clear();
                _json.Append((byte)'[');
            }
            _levelPosition++;
            if (isNull || def == listLevel)
                continue; // a null or empty list has one level and no elements
            if (elements++ > 0)
                _json.Append((byte)',');
            if (def == max)
            {
                var source = _useIndices ? _dictionary! : _values;
                var i = _useIndices ? _indices[_valuePosition] : _valuePosition;
                _valuePosition++;
                Emitter.WriteJson(_json, source, i);
            }
            else
            {
                _json.Append("null"u8);
            }
        }

        void Finish()
        {
            if (isNull)
            {
                strings.AppendNull();
            }
            else
            {
                _json.Append((byte)']');
                strings.Append(_json.Span);
            }
            open = false;
            emitted++;
        }
    }
}
