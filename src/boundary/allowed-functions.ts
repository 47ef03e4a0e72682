/**
 * The functions, operators and types SQL may use where a caller's text becomes SQL:
 * the SQL API's statements and the member expressions the privacy boundary admits.
 * One list, owned here, so the planner cannot allow what the boundary refuses.
 * Every function is pure (immutable or, for the clock, stable): none reads a table, a
 * setting or a file, runs SQL given as text, sleeps, or changes anything.
 */

/** A result type by PostgreSQL's name, or which argument's type the result takes. */
export type FunctionResult =
  | 'bool' | 'int4' | 'int8' | 'numeric' | 'float8' | 'text' | 'date' | 'timestamp' | 'timestamptz' | 'interval'
  | 'arg0' | 'arg1' | 'numericArg0';

export interface AllowedFunction {
  returns: FunctionResult;
  kind: 'scalar' | 'aggregate' | 'window';
}

const scalar = (returns: FunctionResult): AllowedFunction => ({ returns, kind: 'scalar' });
const aggregate = (returns: FunctionResult): AllowedFunction => ({ returns, kind: 'aggregate' });
const windowOnly = (returns: FunctionResult): AllowedFunction => ({ returns, kind: 'window' });

export const ALLOWED_FUNCTIONS: Readonly<Record<string, AllowedFunction>> = {
  // Numbers
  abs: scalar('arg0'), ceil: scalar('numericArg0'), ceiling: scalar('numericArg0'), floor: scalar('numericArg0'),
  round: scalar('numericArg0'), trunc: scalar('numericArg0'), sign: scalar('numericArg0'), sqrt: scalar('float8'),
  power: scalar('float8'), mod: scalar('arg0'), ln: scalar('float8'), log: scalar('float8'), exp: scalar('float8'),
  div: scalar('numeric'), width_bucket: scalar('int4'),
  // Text (no function that can grow a string without bound: repeat, lpad, rpad)
  lower: scalar('text'), upper: scalar('text'), initcap: scalar('text'), length: scalar('int4'), char_length: scalar('int4'),
  character_length: scalar('int4'), octet_length: scalar('int4'), substring: scalar('text'), substr: scalar('text'),
  left: scalar('text'), right: scalar('text'), btrim: scalar('text'), ltrim: scalar('text'), rtrim: scalar('text'),
  concat: scalar('text'), concat_ws: scalar('text'), replace: scalar('text'), strpos: scalar('int4'), position: scalar('int4'),
  split_part: scalar('text'), reverse: scalar('text'), starts_with: scalar('bool'),
  // Dates and times
  date_trunc: scalar('arg1'), date_part: scalar('float8'), extract: scalar('numeric'), to_char: scalar('text'),
  to_timestamp: scalar('timestamptz'), to_date: scalar('date'), make_date: scalar('date'), make_timestamp: scalar('timestamp'),
  timezone: scalar('timestamp'), now: scalar('timestamptz'), age: scalar('interval'), date: scalar('date'),
  // Aggregates
  count: aggregate('int8'), sum: aggregate('numeric'), avg: aggregate('numeric'), min: aggregate('arg0'), max: aggregate('arg0'),
  stddev: aggregate('numeric'), stddev_pop: aggregate('numeric'), stddev_samp: aggregate('numeric'),
  variance: aggregate('numeric'), var_pop: aggregate('numeric'), var_samp: aggregate('numeric'),
  bool_and: aggregate('bool'), bool_or: aggregate('bool'), every: aggregate('bool'),
  // Window functions
  row_number: windowOnly('int8'), rank: windowOnly('int8'), dense_rank: windowOnly('int8'), percent_rank: windowOnly('float8'),
  cume_dist: windowOnly('float8'), ntile: windowOnly('int4'), lag: windowOnly('arg0'), lead: windowOnly('arg0'),
  first_value: windowOnly('arg0'), last_value: windowOnly('arg0'),
};

/**
 * The aggregates a member expression of a caller without the `query_cubes` capability
 * may use: each summarises a cell's people as a whole. MIN and MAX are not among them:
 * over a dimension they name one person's value (the oldest patron's birth year).
 */
export const CELL_AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg']);

/** Fields EXTRACT and date_part may name. */
export const DATE_FIELDS: ReadonlySet<string> = new Set([
  'century', 'day', 'decade', 'dow', 'doy', 'epoch', 'hour', 'isodow', 'isoyear', 'microseconds', 'millennium',
  'milliseconds', 'minute', 'month', 'quarter', 'second', 'week', 'year',
]);

/** Units date_trunc may name. */
export const TRUNC_UNITS: ReadonlySet<string> = new Set(['microseconds', 'milliseconds', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century', 'millennium']);

/** Binary and unary operators, with the type of their result ('number' = from the operands). */
export const ALLOWED_OPERATORS: Readonly<Record<string, 'bool' | 'number' | 'text' | 'time'>> = {
  '=': 'bool', '<>': 'bool', '!=': 'bool', '<': 'bool', '<=': 'bool', '>': 'bool', '>=': 'bool',
  '+': 'number', '-': 'number', '*': 'number', '/': 'number', '%': 'number',
  '||': 'text', '~~': 'bool', '!~~': 'bool', '~~*': 'bool', '!~~*': 'bool',
};

/** Type names a cast may name, as the parser spells them, to the name written back. */
export const CAST_TYPES: Readonly<Record<string, string>> = {
  bool: 'boolean', boolean: 'boolean',
  int2: 'smallint', smallint: 'smallint', int4: 'integer', int: 'integer', integer: 'integer', int8: 'bigint', bigint: 'bigint',
  float4: 'real', real: 'real', float8: 'double precision', 'double precision': 'double precision', float: 'double precision',
  numeric: 'numeric', decimal: 'numeric',
  text: 'text', varchar: 'varchar', 'character varying': 'varchar', bpchar: 'text', char: 'text', character: 'text',
  date: 'date', timestamp: 'timestamp', 'timestamp without time zone': 'timestamp', timestamptz: 'timestamptz', 'timestamp with time zone': 'timestamptz',
  interval: 'interval',
};
