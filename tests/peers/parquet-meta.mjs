#!/usr/bin/env node
// Prints a Parquet file's footer as DuckDB reads it (parquet_file_metadata, parquet_kv_metadata, parquet_schema,
// parquet_metadata) as one JSON document, so the .NET tests can assert what our writer put there: row groups,
// column chunks, codecs, encodings, statistics, types. With --pages it also walks every column chunk's page
// headers (decoded by hyparquet) to show page types (DATA_PAGE / DATA_PAGE_V2 / DICTIONARY_PAGE) and encodings.
//
//   node tests/peers/parquet-meta.mjs FILE [--pages]
//
// Output (field names are DuckDB's; 64-bit numbers are exact JSON integers):
//   {"file":"…","created_by":"…","num_rows":4,"num_row_groups":1,"format_version":1,"file_size_bytes":…,
//    "footer_size":…,"encryption_algorithm":null,"column_orders":[…],
//    "key_value_metadata":[{"key":"…","value":"…"}],
//    "schema":[{"name":"duckdb_schema","type":null,…},{"name":"id","type":"INT32","type_length":null,
//              "repetition_type":"OPTIONAL","num_children":null,"converted_type":"INT_32","scale":null,
//              "precision":null,"field_id":null,"logical_type":null,"duckdb_type":"INTEGER","column_id":1},…],
//    "row_groups":[{"id":0,"num_rows":4,"num_columns":18,"total_byte_size":1306,"compressed_bytes":…,
//      "columns":[{"column_id":0,"path_in_schema":"id","type":"INT32","num_values":4,"compression":"SNAPPY",
//                  "encodings":["PLAIN"],"stats_min":"1","stats_max":"4","stats_null_count":0,
//                  "stats_distinct_count":null,"stats_min_value":"1","stats_max_value":"4","min_is_exact":null,
//                  "max_is_exact":null,"file_offset":0,"data_page_offset":4,"dictionary_page_offset":null,
//                  "index_page_offset":null,"total_compressed_size":…,"total_uncompressed_size":…,
//                  "bloom_filter_offset":null,"bloom_filter_length":null,"key_value_metadata":[],
//                  "pages":[{"offset":4,"type":"DATA_PAGE","compressed_page_size":…,"uncompressed_page_size":…,
//                            "num_values":4,"encoding":"PLAIN",…}]}]}]}
// Statistics are DuckDB's text of the value ("12.34", "2024-02-29 13:14:15.123456"), not the raw bytes.
// "path_in_schema" is dotted ("li.list.element"; DuckDB writes "li, list, element"), "encodings" is the column
// chunk's list split into an array; "pages" only with --pages.
//
// Exit codes: 0 done; 1 DuckDB could not read the footer (or a page header is unreadable); 2 bad usage.

import * as duckdb from "@duckdb/node-api";
import { closeSync, openSync, readSync } from "node:fs";
import { parquetHeader } from "hyparquet/src/column.js";
import { base64 } from "./lib/canonical.mjs";
import { engineFailed, parseArgs, stringify, usageError, write } from "./lib/cli.mjs";
import { queryObjects, sqlString } from "./lib/duckdb-values.mjs";

const USAGE = "usage: node parquet-meta.mjs FILE [--pages]";
const { positional, options, error } = parseArgs(process.argv.slice(2), { pages: "flag" });
if (error) usageError("parquet-meta", error, USAGE);
if (positional.length !== 1) usageError("parquet-meta", "expected one FILE", USAGE);
const [file] = positional;

let connection;
try {
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  connection = await instance.connect();
  const f = sqlString(file);
  const [fileMeta] = await queryObjects(connection, `SELECT * EXCLUDE (file_name) FROM parquet_file_metadata(${f})`);
  const kv = await queryObjects(connection, `SELECT key, value FROM parquet_kv_metadata(${f})`);
  const schema = await queryObjects(connection, `SELECT * EXCLUDE (file_name) FROM parquet_schema(${f})`);
  const chunks = await queryObjects(connection, `SELECT * EXCLUDE (file_name) FROM parquet_metadata(${f}) ORDER BY row_group_id, column_id`);

  const rowGroups = [];
  for (const c of chunks) {
    let group = rowGroups[rowGroups.length - 1];
    if (!group || group.id !== c.row_group_id) {
      group = {
        id: c.row_group_id,
        num_rows: c.row_group_num_rows,
        num_columns: c.row_group_num_columns,
        total_byte_size: c.row_group_bytes,
        compressed_bytes: c.row_group_compressed_bytes,
        columns: [],
      };
      rowGroups.push(group);
    }
    group.columns.push({
      column_id: c.column_id,
      path_in_schema: c.path_in_schema.split(", ").join("."), // DuckDB joins the path with ", "
      type: c.type,
      num_values: c.num_values,
      compression: c.compression,
      encodings: c.encodings ? c.encodings.split(",").map((e) => e.trim()) : [],
      stats_min: c.stats_min,
      stats_max: c.stats_max,
      stats_null_count: c.stats_null_count,
      stats_distinct_count: c.stats_distinct_count,
      stats_min_value: c.stats_min_value,
      stats_max_value: c.stats_max_value,
      min_is_exact: c.min_is_exact,
      max_is_exact: c.max_is_exact,
      file_offset: c.file_offset,
      data_page_offset: c.data_page_offset,
      dictionary_page_offset: c.dictionary_page_offset,
      index_page_offset: c.index_page_offset,
      total_compressed_size: c.total_compressed_size,
      total_uncompressed_size: c.total_uncompressed_size,
      bloom_filter_offset: c.bloom_filter_offset,
      bloom_filter_length: c.bloom_filter_length,
      key_value_metadata: c.key_value_metadata ?? [],
    });
  }
  if (options.pages) addPages(file, rowGroups);

  const result = {
    file,
    ...fileMeta,
    key_value_metadata: kv,
    schema: schema.map((e) => ({ ...e, type_length: e.type_length === null ? null : Number(e.type_length) })),
    row_groups: rowGroups,
  };
  await write(stringify(result) + "\n");
} catch (e) {
  engineFailed(e);
} finally {
  connection?.closeSync();
}

// Walks each column chunk's pages: from the dictionary page (or the first data page) through
// total_compressed_size bytes. Polars leaves dictionary_page_offset unset and puts the dictionary page at
// data_page_offset, which this handles the same way.
function addPages(path, groups) {
  const fd = openSync(path, "r");
  try {
    for (const group of groups) {
      for (const column of group.columns) {
        const dictionary = column.dictionary_page_offset;
        const data = column.data_page_offset;
        const start = Number(dictionary !== null && dictionary > 0n && dictionary < data ? dictionary : data);
        const length = Number(column.total_compressed_size);
        const bytes = Buffer.alloc(length);
        if (readSync(fd, bytes, 0, length, start) !== length) throw new Error(`column ${column.path_in_schema}: the chunk runs past the end of the file`);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        column.pages = [];
        for (let at = 0; at < length; ) {
          const reader = { view: new DataView(view.buffer, view.byteOffset + at, length - at), offset: 0 };
          let header;
          try {
            header = parquetHeader(reader);
          } catch (e) {
            throw new Error(`row group ${group.id}, column ${column.path_in_schema}: no readable page header at offset ${start + at}: ${e.message}`);
          }
          column.pages.push(describePage(start + at, header));
          at += reader.offset + header.compressed_page_size;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

function describePage(offset, h) {
  const page = {
    offset,
    type: h.type,
    compressed_page_size: h.compressed_page_size,
    uncompressed_page_size: h.uncompressed_page_size,
    crc: h.crc ?? null,
  };
  const v1 = h.data_page_header;
  const v2 = h.data_page_header_v2;
  const dict = h.dictionary_page_header;
  if (v1) {
    Object.assign(page, {
      num_values: v1.num_values,
      encoding: v1.encoding,
      definition_level_encoding: v1.definition_level_encoding,
      repetition_level_encoding: v1.repetition_level_encoding,
      statistics: pageStatistics(v1.statistics),
    });
  }
  if (v2) {
    Object.assign(page, {
      num_values: v2.num_values,
      num_nulls: v2.num_nulls,
      num_rows: v2.num_rows,
      encoding: v2.encoding,
      definition_levels_byte_length: v2.definition_levels_byte_length,
      repetition_levels_byte_length: v2.repetition_levels_byte_length,
      is_compressed: v2.is_compressed,
      statistics: pageStatistics(v2.statistics),
    });
  }
  if (dict) Object.assign(page, { num_values: dict.num_values, encoding: dict.encoding, is_sorted: dict.is_sorted ?? null });
  return page;
}

// Page statistics keep their raw bytes (base64): the page header does not say how to decode them.
function pageStatistics(s) {
  if (!s) return null;
  const raw = (b) => (b === undefined ? null : base64(b));
  return {
    null_count: s.null_count ?? null,
    distinct_count: s.distinct_count ?? null,
    min: raw(s.min),
    max: raw(s.max),
    min_value: raw(s.min_value),
    max_value: raw(s.max_value),
  };
}
