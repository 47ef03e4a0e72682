import nunjucks from 'nunjucks';
import { RustOnlyFeatureError } from './rust-only-feature';

export interface JinjaEngineOptions {
  debugInfo?: boolean;
  filters: Record<string, Function>;
  workers: number;
}

/**
 * Renders Jinja in YAML model files with nunjucks, a JavaScript engine for the
 * same template language. Cube's Rust engine uses minijinja; nunjucks covers
 * the parts models use (expressions, if/for, set, macros, import) and reports
 * errors with the file name.
 */
export class NunjucksJinjaEngine {
  private readonly templates = new Map<string, string>();
  private readonly environment: nunjucks.Environment;

  constructor(options: JinjaEngineOptions) {
    const templates = this.templates;
    const loader = {
      getSource(name: string) {
        const src = templates.get(name);
        if (src === undefined) throw new Error(`Jinja template ${name} is not loaded`);
        return { src, path: name, noCache: true };
      },
    };
    this.environment = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, {
      autoescape: false,
      throwOnUndefined: false,
    });
    for (const [name, filter] of Object.entries(options.filters ?? {})) {
      this.environment.addFilter(name, filter as (...args: unknown[]) => unknown);
    }
  }

  loadTemplate(templateName: string, templateContent: string): void {
    this.templates.set(templateName, templateContent);
  }

  renderTemplate(templateName: string, context: unknown, pythonContext: Record<string, unknown> | null): Promise<string> {
    if (pythonContext && Object.keys(pythonContext).length > 0) {
      return Promise.reject(new RustOnlyFeatureError(`Python functions in Jinja templates (${templateName})`));
    }
    return new Promise((resolve, reject) => {
      this.environment.render(templateName, (context ?? {}) as object, (error, result) => {
        if (error) reject(new Error(`${templateName}: Jinja template could not be rendered: ${error.message}`));
        else resolve(result ?? '');
      });
    });
  }
}
