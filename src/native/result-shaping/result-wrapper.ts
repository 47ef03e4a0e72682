/**
 * `ResultWrapper`: one query's database rows, plus what the gateway needs to
 * shape them, behaving as the row array wherever Cube's code reads rows.
 *
 * The gateway wraps every driver result and later asks the wrapper for the
 * final JSON; the rows are turned column-wise only then.
 */
import { RustOnlyFeatureError } from '../rust-only-feature';
import type { DataResult } from './data-result';
import { columnarJsonValues, rowsToColumnarBuffer, type JsRawColumnarData } from './raw-columnar-data';
import { getFinalQueryResult } from './single-result';

export class ResultWrapper implements DataResult {
  public readonly isWrapper: boolean = true;
  public cached: Boolean = false;
  // Field names must not collide with Array.prototype names: the proxy below sends those to the rows.
  private readonly rowArray!: any[];
  private transformData: any;
  private rootResultObject: any = {};

  /** @param input the driver's row array, or an existing wrapper (returned as is) */
  constructor(input: any) {
    if (input?.isWrapper) return input;
    if (!Array.isArray(input)) {
      throw new RustOnlyFeatureError('Wrapping a native Cube Store result reference (ResultWrapper over a non-array)');
    }
    this.rowArray = input;
    const proxy = new Proxy(this, {
      get: (target, prop) => {
        const rows = target.rowArray;
        if (prop === Symbol.iterator) return () => rows[Symbol.iterator]();
        if (typeof prop === 'string' && prop !== '' && !Number.isNaN(Number(prop))) return rows[Number(prop)];
        if (prop === 'toJSON') return () => rows;
        if (typeof prop === 'string' && prop in Array.prototype) {
          const member = (rows as any)[prop];
          return typeof member === 'function' ? (...args: unknown[]) => member.apply(rows, args) : member;
        }
        return Reflect.get(target, prop);
      },
      getOwnPropertyDescriptor: (target, prop) => (prop === 'length'
        ? { configurable: true, enumerable: true, value: target.rowArray.length, writable: false }
        : Reflect.getOwnPropertyDescriptor(target, prop)),
      ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(target.rowArray), 'length'])],
    });
    return proxy;
  }

  /** The raw data for shaping: the rows as column-wise JSON bytes. */
  public getRawData(): any[] {
    this.cached = true;
    return [rowsToColumnarBuffer(this.rowArray)];
  }

  /**
   * What getRawData's bytes hold, as the object they parse to, made without the
   * text: this wrapper's own shaping and the SQL API read it.
   */
  public getColumnarData(): JsRawColumnarData {
    this.cached = true;
    return columnarJsonValues(this.rowArray);
  }

  public setTransformData(td: any): void {
    this.transformData = td;
  }

  public getTransformData(): any[] {
    return [this.transformData];
  }

  public setRootResultObject(obj: any): void {
    this.rootResultObject = obj;
  }

  public getRootResultObject(): any[] {
    return [this.rootResultObject];
  }

  /** The complete response, as JSON bytes. */
  public async getFinalResult(): Promise<any> {
    return getFinalQueryResult(this.transformData, this.getColumnarData(), this.rootResultObject);
  }

  public getResults(): ResultWrapper[] {
    return [this];
  }
}
