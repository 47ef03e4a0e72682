import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.query-validation-per-query-text');
const KEPT_RESULTS = 2000;

interface ValidationResult {
  error?: unknown;
  value: unknown;
}

interface JoiSchema {
  validate(value: unknown, options?: object): ValidationResult;
}

interface CubeQueryModule {
  normalizeQuery(query: object, persistent: boolean): unknown;
  [INSTALLED]?: true;
}

/**
 * The exact text of a value made only of plain data: JSON, except that an
 * undefined property or item is written `undefined` (Joi tells `{ a: undefined }`
 * from `{}`; no string can be mistaken for it, since strings are quoted). Keys
 * keep their order, as Joi reports the first error it meets. Undefined when
 * the value holds anything else (a class instance, a function, a symbol key, a
 * hole, NaN), which is then validated as before.
 */
export function plainDataText(value: unknown, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (value === undefined) return depth === 0 ? undefined : 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : undefined;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const item = index in value ? plainDataText(value[index], depth + 1) : undefined;
      if (item === undefined) return undefined;
      items.push(item);
    }
    return `[${items.join(',')}]`;
  }
  if (typeof value !== 'object') return undefined;
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const entries: string[] = [];
  for (const key of Object.keys(value)) {
    const item = plainDataText((value as Record<string, unknown>)[key], depth + 1);
    if (item === undefined) return undefined;
    entries.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${entries.join(',')}}`;
}

/** The prototype that defines Joi's validate, which every schema inherits. */
function validatingPrototype(schema: object): { validate: JoiSchema['validate'] } {
  for (let prototype = Object.getPrototypeOf(schema); prototype; prototype = Object.getPrototypeOf(prototype)) {
    if (Object.hasOwn(prototype, 'validate')) return prototype;
  }
  throw new Error('Joi schemas have no validate: Cube\'s query validation cannot be kept per query');
}

/** The Joi schema Cube's normalizeQuery validates every query with (it is not exported): the first schema it validates with. */
function querySchemaOf(queryModule: CubeQueryModule, prototype: { validate: JoiSchema['validate'] }): JoiSchema {
  const { validate } = prototype;
  let schema: JoiSchema | undefined;
  prototype.validate = function noteSchema(this: JoiSchema, ...args: [unknown, object?]) {
    schema ??= this;
    return validate.apply(this, args);
  };
  try {
    queryModule.normalizeQuery({ measures: ['probe.count'] }, false);
  } finally {
    prototype.validate = validate;
  }
  if (!schema) throw new Error('Cube\'s normalizeQuery validated nothing: its query validation cannot be kept per query');
  return schema;
}

/**
 * Cube validates each REST and SQL API query against its query schema (Joi)
 * twice, once as asked and once after the access policies and queryRewrite
 * added their filters, and again on every later request: a tenth of the
 * CPU of a cached answer. Validation depends on the query alone (not the
 * model or the caller), so its result is kept per exact text of the query
 * (plainDataText) and handed back for the same query. Only Cube's query
 * schema is changed, and only for queries of plain data.
 */
export function installQueryValidationPerQueryText(): void {
  const fromGateway = createRequire(require.resolve('@cubejs-backend/api-gateway/dist/src/query.js'));
  const queryModule = fromGateway('./query.js') as CubeQueryModule;
  const joi = fromGateway('joi') as { object(): object };
  if (queryModule[INSTALLED]) return;
  if (typeof queryModule.normalizeQuery !== 'function') throw new Error('Cube has no normalizeQuery: its query validation cannot be kept per query');
  const schema = querySchemaOf(queryModule, validatingPrototype(joi.object()));
  const { validate } = schema;
  const results = new Map<string, ValidationResult>();
  Object.defineProperty(schema, 'validate', {
    configurable: true,
    value: function validateOncePerQueryText(this: JoiSchema, value: unknown, options?: object): ValidationResult {
      const text = options === undefined ? plainDataText(value) : undefined;
      if (text === undefined) return validate.call(this, value, options);
      let result = results.get(text);
      if (!result) {
        result = validate.call(this, value);
        if (results.size >= KEPT_RESULTS) results.clear();
        results.set(text, result);
      }
      return result;
    },
  });
  queryModule[INSTALLED] = true;
}
