/**
 * `getFinalQueryResult`: one query's complete REST response.
 */
import { toJsonBytes } from './json-bytes';
import { readRawColumnarData } from './raw-columnar-data';
import { resultEnvelope } from './result-envelope';
import { shapeData } from './shape-data';
import { readTransformRequest } from './transform-request';

/** The response object for one query, before serialisation. */
export function shapeQueryResult(transformDataObj: unknown, rows: unknown, resultData: unknown): Record<string, unknown> {
  const data = shapeData(readTransformRequest(transformDataObj), readRawColumnarData(rows));
  return resultEnvelope(resultData, data);
}

/**
 * @param transformDataObj what `prepareResultTransformData` built: alias map, annotation, query, queryType, resType
 * @param rows the database rows: JSON bytes of `{ members, columns }`, that object (as the wrappers pass it, see `columnarJsonValues`), or row objects
 * @param resultData the response without `data`
 * @returns the JSON response as bytes
 */
export async function getFinalQueryResult(transformDataObj: Object, rows: any, resultData: Object): Promise<ArrayBuffer> {
  return toJsonBytes(shapeQueryResult(transformDataObj, rows, resultData));
}
