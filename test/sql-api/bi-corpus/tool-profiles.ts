import type { Tool } from './corpus-statement';

/** How each tool connects and what its SQL looks like, for the tool-by-tool section of docs/SQL-API.md. */
export const TOOL_PROFILES: Readonly<Record<Tool, { readonly driver: string; readonly sends: string }>> = {
  Tableau: {
    driver: 'its PostgreSQL connector (PgJDBC on macOS and Linux, psqlODBC on Windows), extended protocol',
    sends: 'columns qualified by the table alias; aggregates named `"sum:count:ok"`, SUM even over count measures; `HAVING (COUNT(1) > 0)` on whole-table aggregates; `TIMESTAMP` literals; `CAST(... AS TEXT)` in filters; `CAST(TRUNC(EXTRACT(YEAR ...)) AS INTEGER)` and `DATE_TRUNC` over `CAST(... AS TIMESTAMP)` for dates; MIN/MAX of dimensions for filter ranges; a JOIN to an aggregated subquery for Top N; custom SQL wrapped in a subquery',
  },
  'Power BI': {
    driver: 'Npgsql (DirectQuery and Import), extended protocol',
    sends: 'the view through an inner select aliased `"_"` or `"$Table"`, aggregated outside over `"rows"` into `"a0"`, `"a1"`...; `limit 1000001`; slicers through two levels of subquery with `limit 1001`; null-safe outer joins of aggregated selects for relationships; `count(distinct x) + max(case when x is null then 1 else 0 end)` for distinct counts; `date_part` for date hierarchies',
  },
  Metabase: {
    driver: 'PgJDBC, extended protocol',
    sends: 'fully qualified `"public"."view"."column"`; `COUNT(*)`; `CAST(col AS date)` by day, `DATE_TRUNC` coarser, a shifted `DATE_TRUNC(\'week\')` for Sunday weeks, `extract(dow) + 1`; `FLOOR` bins; `LOWER(col) LIKE` filters; nested questions as a subquery aliased `"source"`; relative filters from `NOW()`; `LIMIT 2000` in the UI, `LIMIT 1048575` on exports; the probe `SELECT TRUE AS "_" ... WHERE 1 <> 1 LIMIT 0`',
  },
  Superset: {
    driver: 'SQLAlchemy with psycopg2, simple protocol',
    sends: 'metrics labelled by their SQL (`"SUM(num_of_loans)"`); time series as `DATE_TRUNC(...) AS __timestamp` between `TO_TIMESTAMP` bounds; virtual datasets as a subquery aliased `virtual_table`; series limits as a JOIN to the top groups; filter boxes as grouped values; custom SQL metrics (`SUM(CASE ...)`, `COUNT(DISTINCT ...)`); `LIMIT 10000`',
  },
  'Looker Studio': {
    driver: 'its PostgreSQL connector (JDBC)',
    sends: 'the view aliased `t0`, result columns `qt_<id>`; dates as `CAST(DATE_TRUNC(<unit>, DATE_TRUNC(\'SECOND\', col)) AS DATE)`; SUM over every numeric field; `COUNT(1)` for Record Count; calculated fields inlined as `CASE`; `DATE` literals in date ranges',
  },
  'Excel / Power Query': {
    driver: 'Npgsql or psqlODBC (tested with psqlODBC and isql, `test/sql-api/odbc.slow.test.ts`)',
    sends: 'Power Query folds its steps into nested selects over `"$Table"` / `"_"`: previews of a few columns (one row per record), Group By as `count(1) as "Count"`, `Table.RowCount` as `count(1) as "$RowCount"`, `select distinct`, Merge Queries as outer joins, `date_part` for Date.Year; the pivot wizard sends plain ODBC SQL (`Sum(...)`)',
  },
  Grafana: {
    driver: 'its PostgreSQL data source, simple protocol',
    sends: 'macros expanded before sending: `$__timeFilter` as `BETWEEN` two ISO-8601 literals ending in `Z`, `$__timeGroup` as `floor(extract(epoch ...)/n)*n`, `$__unixEpochFilter` as `to_timestamp(...)`; `"time"` and `metric` columns ordered by time; variables as `= ANY(ARRAY[...])` or `IN`; `now() - interval`; `AT TIME ZONE`',
  },
  DBeaver: {
    driver: 'PgJDBC, extended protocol',
    sends: 'what people type into a SQL editor: row counts, ordered pages of rows with `LIMIT`/`OFFSET`, `DISTINCT` values, `MEASURE()`, CTEs, `UNION ALL`, subqueries in WHERE, `FILTER (WHERE ...)`, window functions over aggregates, `NULLS FIRST/LAST`, `COALESCE` in GROUP BY',
  },
  'Hex / Mode': {
    driver: 'psycopg2 / SQLAlchemy, simple protocol',
    sends: 'analysts\' own SQL: CTEs joined on a key, `::date` and `::text` casts, `date_trunc(...)::date`, `date_part`, `CASE` buckets, `sum(count(*)) over ()`, function-valued filters (`lower(...)`, `current_date - 30`), `SUM(1)`, Mode\'s `SELECT * FROM (...) sub LIMIT 100` wrapper',
  },
  ThoughtSpot: {
    driver: 'PgJDBC, extended protocol',
    sends: 'tables aliased `"ta_1"`, columns `"ca_1"`...; queries wrapped in CTEs `"qt_1"`... and joined for multi-fact answers; measures as `CASE WHEN sum(x) IS NOT NULL THEN sum(x) ELSE 0 END`; `LOWER(...)` filters and `(LOWER(x) IN (...)) = TRUE`; dates as `DATE_TRUNC`, `EXTRACT` and `CAST(CAST((EXTRACT(YEAR ...) * 100 + 1) * 100 + 1 AS varchar) AS date)`; `LIMIT 100000`',
  },
  Sigma: {
    driver: 'PgJDBC, extended protocol',
    sends: 'every query a chain of CTEs `Q1`, `Q2`...: a projection of the view, then aggregations and filters over it, read with a row cap (`limit 25001`); `cast(... as date)`, `coalesce`, `sum(x) / sum(sum(x)) over ()` for percent of total, `nulls last`',
  },
  QuickSight: {
    driver: 'its PostgreSQL connector (direct query)',
    sends: 'the dataset (a table or custom SQL, even `SELECT *`) as a subquery aliased by the dataset name, aggregated outside (`SUM` over measures, `COUNT(DISTINCT)`, `MIN`/`MAX` for date controls); `date_trunc(\'MONTH\', ...)`; ISO timestamp literals; `LIMIT 10000` on visuals, 1000 on control values',
  },
  Holistics: {
    driver: 'its PostgreSQL connector',
    sends: 'models as CTEs named after them, read with qualified aliases; `DATE_TRUNC(...)::date`, `CAST(... AS timestamp) AT TIME ZONE` for the report\'s zone, `EXTRACT(YEAR ...)::int`; SUM / COUNT(DISTINCT) / ratios of measures; pivots ordered `NULLS FIRST`; `= ANY(ARRAY[...])`; `LIMIT 5000`',
  },
};
