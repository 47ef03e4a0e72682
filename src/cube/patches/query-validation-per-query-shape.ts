import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.query-validation-per-query-shape');
const KEPT_RESULTS = 2000;
const MAX_DEPTH = 64;

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

/** Where a value sits in Cube's query schema, as far as the shape text cares. */
const Place = {
  Other: 0,
  /** The query's `filters`, or the `and`/`or` of a condition in it: each item is a filter or a condition. */
  FilterList: 1,
  /** A filter's `values`: each item is checked by its type alone. */
  FilterValues: 2,
} as const;
type Place = (typeof Place)[keyof typeof Place];

/**
 * A filter value as Cube's query schema checks it (`values: array.items(string().allow('', null),
 * number(), boolean(), link)`): any string passes (the empty one through its allow list), as do null
 * and booleans, and a number within Joi's safe range (it refuses a larger one as unsafe). The
 * text keeps what decides that (the type, emptiness, null) and drops the rest; `$` never starts JSON
 * text outside a string, so no real value reads as a placeholder. Anything else (objects, arrays, an
 * unsafe or non-finite number) is written in full, or refused.
 */
function filterValueText(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value === '' ? '$e' : '$s';
  if (typeof value === 'boolean') return '$b';
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? '$n' : undefined;
  return shapeText(value, depth, Place.Other);
}

/**
 * The text the kept validation result is found by: the query's exact text (JSON, an undefined
 * property or item written `undefined`, since Joi tells `{ a: undefined }` from `{}`; keys in their
 * order, as Joi reports the first error it meets), except that each filter value is written as what
 * Joi checks of it (filterValueText). Undefined when the query holds anything but plain data (a class
 * instance, a function, a symbol key, a hole, NaN), which is then validated as before.
 */
export function shapeText(value: unknown, depth = 0, place: Place = Place.Other): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (value === undefined) return depth === 0 ? undefined : 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (!(index in value)) return undefined;
      const item = place === Place.FilterValues ? filterValueText(value[index], depth + 1)
        : shapeText(value[index], depth + 1, place === Place.FilterList ? Place.FilterList : Place.Other);
      if (item === undefined) return undefined;
      text += index === 0 ? item : `,${item}`;
    }
    return `${text}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  let text = '{';
  let first = true;
  // for...in visits own keys in Object.keys order; an inherited enumerable key (a polluted prototype) refuses.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return undefined;
    const item = (value as Record<string, unknown>)[key];
    const itemPlace = !Array.isArray(item) ? Place.Other
      : depth === 0 ? (key === 'filters' ? Place.FilterList : Place.Other)
        : place !== Place.FilterList ? Place.Other
          : key === 'and' || key === 'or' ? Place.FilterList
            : key === 'values' ? Place.FilterValues
              : Place.Other;
    const itemText = shapeText(item, depth + 1, itemPlace);
    if (itemText === undefined) return undefined;
    text += `${first ? '' : ','}${quotedKey(key)}:${itemText}`;
    first = false;
  }
  if (Object.getOwnPropertySymbols(value).length > 0) return undefined;
  return `${text}}`;
}

const QUOTED_KEYS = 10_000;
const quotedKeys = new Map<string, string>();

/** A property name as JSON, kept for the few names queries use. */
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
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
 * added their filters, and again on every later request. Validation depends
 * on the query alone (not the model or the caller), and of a filter value
 * only on its type (shapeText), so a query that passed is not validated again
 * for another query of the same shape. Only passes are kept: a refusal is
 * worked out each time, so its words are always its own query's. The result
 * handed back is the first query's; normalizeQuery reads nothing of it but the
 * time zone, which the shape holds as written. Only Cube's query schema is
 * changed, and only for queries of plain data.
 */
export function installQueryValidationPerQueryShape(): void {
  const fromGateway = createRequire(require.resolve('@cubejs-backend/api-gateway/dist/src/query.js'));
  const queryModule = fromGateway('./query.js') as CubeQueryModule;
  const joi = fromGateway('joi') as { object(): object };
  if (queryModule[INSTALLED]) return;
  if (typeof queryModule.normalizeQuery !== 'function') throw new Error('Cube has no normalizeQuery: its query validation cannot be kept per query');
  const schema = querySchemaOf(queryModule, validatingPrototype(joi.object()));
  const { validate } = schema;
  const passes = new Map<string, ValidationResult>();
  Object.defineProperty(schema, 'validate', {
    configurable: true,
    value: function validateOncePerQueryShape(this: JoiSchema, value: unknown, options?: object): ValidationResult {
      const text = options === undefined ? shapeText(value) : undefined;
      if (text === undefined) return validate.call(this, value, options);
      const kept = passes.get(text);
      if (kept) return kept;
      const result = validate.call(this, value);
      if (result.error === undefined) {
        if (passes.size >= KEPT_RESULTS) passes.clear();
        passes.set(text, result);
      }
      return result;
    },
  });
  queryModule[INSTALLED] = true;
}
