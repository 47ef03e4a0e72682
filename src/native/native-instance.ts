import { NunjucksJinjaEngine, type JinjaEngineOptions } from './jinja-engine';
import { RustOnlyFeatureError } from './rust-only-feature';

/** What the schema compiler asks of the native module per compilation. */
export class NativeInstance {
  newJinjaEngine(options: JinjaEngineOptions): NunjucksJinjaEngine {
    return new NunjucksJinjaEngine(options);
  }

  loadPythonContext(fileName: string, _content: unknown): Promise<never> {
    return Promise.reject(new RustOnlyFeatureError(
      `Python in the data model (${fileName})`,
      'Move the logic to JavaScript model files, or to Jinja without Python.',
    ));
  }
}
