// parquet-read.mjs's DuckDB reader: read_parquet() streamed chunk by chunk.

import * as duckdb from "@duckdb/node-api";
import { duckdbJsonWriter, sqlName, sqlString } from "./duckdb-values.mjs";

const toJson = duckdbJsonWriter({ doubles: "text" });

export async function open(file, { columns, batchRows }) {
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const select = columns ? columns.map(sqlName).join(", ") : "*";
    const result = await connection.stream(`SELECT ${select} FROM read_parquet(${sqlString(file)})`);
    const names = result.columnNames();
    const types = result.columnTypes();
    return {
      columns: names.map((name, i) => ({ name, type: types[i].toString() })),
      batches: batches(result, types, batchRows),
      close: () => connection.closeSync(),
    };
  } catch (e) {
    connection.closeSync();
    throw e;
  }
}

async function* batches(result, types, batchRows) {
  let batch = [];
  for await (const rows of result.yieldRows()) {
    for (const row of rows) batch.push(`[${row.map((v, i) => toJson(v, types[i])).join(",")}]`);
    if (batch.length >= batchRows) {
      yield batch;
      batch = [];
    }
  }
  yield batch;
}
