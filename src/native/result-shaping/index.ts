/**
 * REST result shaping: what Cube's Rust module does to turn database rows into
 * the JSON the REST API sends (`/v1/load`, subscriptions, GraphQL).
 */
export type { DataResult } from './data-result';
export type { JsRawColumnarData } from './raw-columnar-data';
export { columnarJsonValues, rowsToColumnar, rowsToColumnarBuffer } from './raw-columnar-data';
export { getFinalQueryResult } from './single-result';
export { getFinalQueryResultMulti } from './multi-result';
export { ResultWrapper } from './result-wrapper';
export { ResultMultiWrapper, ResultArrayWrapper } from './result-wrapper-arrays';
