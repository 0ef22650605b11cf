// parquet-write.mjs's hyparquet writer: reads a Parquet file with hyparquet (values as decoded, nothing rounded)
// and writes it again with hyparquet-writer under the same schema. hyparquet-writer writes DATA_PAGE_V2 pages.

import { gzipSync, brotliCompressSync } from "node:zlib";
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from "hyparquet";
import { isListLike } from "hyparquet/src/schema.js";
import { parquetWriteFile } from "hyparquet-writer";
import { bigIntFromBytes } from "./canonical.mjs";
import { compressors as decompressors, isDecimal, rawParsers, withoutDecimalAnnotations } from "./read-hyparquet.mjs";

const codecs = {
  uncompressed: ["UNCOMPRESSED", undefined],
  snappy: ["SNAPPY", undefined], // built into hyparquet-writer
  gzip: ["GZIP", (bytes) => new Uint8Array(gzipSync(bytes))],
  brotli: ["BROTLI", (bytes) => new Uint8Array(brotliCompressSync(bytes))],
};

export async function writeWithHyparquet(source, out, settings, unsupported) {
  const codec = codecs[settings.compression];
  if (!codec) unsupported(`hyparquet-writer cannot compress with ${settings.compression} here (uncompressed, snappy, gzip, brotli)`);

  const file = await asyncBufferFromFile(source);
  const metadata = await parquetMetadataAsync(file);
  // Read decimals as their unscaled integers (hyparquet would make doubles of them), everything else as decoded.
  const readMetadata = withoutDecimalAnnotations(metadata);
  let rows = [];
  await parquetRead({ file, metadata: readMetadata, rowFormat: "array", utf8: false, parsers: rawParsers, compressors: decompressors, onComplete: (r) => (rows = r) });

  const top = parquetSchema(metadata).children;
  const encodings = new Map(settings.encodings ?? []);
  for (const name of encodings.keys()) {
    if (!top.some((node) => node.element.name === name)) unsupported(`--encodings names a column the data does not have: ${name}`);
  }
  const columnData = top.map((node, i) => {
    const name = node.element.name;
    const column = { name, data: rows.map((row) => toWritable(row[i], node)) };
    const encoding = encodings.get(name) ?? (settings.dictionary === false ? "PLAIN" : undefined);
    if (encoding) column.encoding = encoding;
    return column;
  });
  const required = new Set(settings.required === "*" ? top.map((n) => n.element.name) : settings.required ?? []);
  for (const name of required) {
    if (!top.some((node) => node.element.name === name)) unsupported(`--required names a column the data does not have: ${name}`);
  }
  const requiredElements = new Set(top.filter((n) => required.has(n.element.name)).map((n) => n.element));
  const options = {
    filename: out,
    columnData,
    schema: metadata.schema.map((e) => (requiredElements.has(e) ? { ...e, repetition_type: "REQUIRED" } : e)),
    codec: codec[0],
    statistics: true,
  };
  if (codec[1]) options.compressors = { [codec[0]]: codec[1] };
  if (settings.rowGroupSize !== null) options.rowGroupSize = settings.rowGroupSize;
  if (settings.pageSize !== null) options.pageSize = settings.pageSize;
  await parquetWriteFile(options);
}

// hyparquet-writer takes a DECIMAL as a number (which it scales) or a BigInt (already unscaled): hand it the
// unscaled BigInt. JSON columns arrive as text (rawParsers) and go back as the parsed value.
function toWritable(value, node) {
  if (value === null || value === undefined) return value;
  if (isListLike(node)) return Array.from(value, (v) => toWritable(v, node.children[0].children[0]));
  const element = node.element;
  if (!element.type) return Object.fromEntries(node.children.map((c) => [c.element.name, toWritable(value[c.element.name], c)]));
  if (isDecimal(element)) return value instanceof Uint8Array ? bigIntFromBytes(value) : BigInt(value);
  if (element.converted_type === "JSON" || element.logical_type?.type === "JSON") return JSON.parse(value);
  return value;
}
