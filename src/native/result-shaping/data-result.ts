/** What the gateway may hand to its response function instead of a plain object. */
export interface DataResult {
  isWrapper: boolean;
  getFinalResult(): Promise<any>;
  getRawData(): any[];
  getTransformData(): any[];
  getRootResultObject(): any[];
  getResults(): DataResult[];
}
