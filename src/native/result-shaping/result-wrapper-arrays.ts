/**
 * Wrappers over several query results: `ResultMultiWrapper` answers a
 * multi-query REST request; `ResultArrayWrapper` carries SQL API results
 * to the SQL interface unshaped.
 */
import type { DataResult } from './data-result';
import { getFinalQueryResultMulti } from './multi-result';
import type { ResultWrapper } from './result-wrapper';

abstract class ResultWrapperList {
  public readonly isWrapper: boolean = true;

  constructor(protected readonly results: ResultWrapper[]) {}

  protected getInternalDataArrays(): [any[], any[], any[]] {
    return [this.getTransformData(), this.getRawData(), this.getRootResultObject()];
  }

  public getResults(): ResultWrapper[] {
    return this.results;
  }

  public getTransformData(): any[] {
    return this.results.map((result) => result.getTransformData()[0]);
  }

  public getRawData(): any[] {
    return this.results.map((result) => result.getRawData()[0]);
  }

  public getRootResultObject(): any[] {
    return this.results.map((result) => result.getRootResultObject()[0]);
  }
}

export class ResultMultiWrapper extends ResultWrapperList implements DataResult {
  constructor(results: ResultWrapper[], private readonly rootResultObject: any) {
    super(results);
  }

  /** The combined response (`queryType`, `results`, `pivotQuery`, `slowQuery`), as JSON bytes. */
  public async getFinalResult(): Promise<any> {
    const rawData = this.results.map((result) => result.getColumnarData());
    const { queryType, slowQuery } = this.rootResultObject;
    return getFinalQueryResultMulti(this.getTransformData(), rawData, { queryType, results: this.getRootResultObject(), slowQuery });
  }
}

export class ResultArrayWrapper extends ResultWrapperList implements DataResult {
  /** `[transformData[], rawData[], resultData[]]`, for the SQL interface to shape. */
  public async getFinalResult(): Promise<any> {
    return this.getInternalDataArrays();
  }
}
