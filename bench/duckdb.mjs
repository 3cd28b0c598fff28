// duckdb.mjs - DuckDB doing what hindsight does, for bench/run.sh.
// usage: node duckdb.mjs DATA_DIR QUERY [THREADS]
// (bench/gen.c writes no made column: made is the published date.)
// QUERY: forecaster | organization (the leaderboard: key, forecasts, scored,
// pending, void, questions, brier), crowd (the forecaster leaderboard with
// relative_brier and the crowd's row, as score --crowd median) or calibration (ten bins of p_yes over
// scored forecasts; p_yes * 10 rounded to 9 places before the floor, as
// hindsight bins exact decimals: 1 - 0.8 is in bin 2).  Prints CSV on standard output, numbers in full.
// Resolution follows DESIGN.md section 3 for data with at most one record per
// question (what bench/gen.c writes): deadline stated or made + 2 years, made
// defaulting to published; occurred before made -> void, by the deadline ->
// yes, after -> no; not occurred as of a date >= deadline -> no; else pending.
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, query, threads = '2'] = process.argv.slice(2);
const csv = (p, more = '') =>
  `read_csv('${dir}/${p}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"'${more})`;
const base = `
WITH f AS (SELECT * FROM ${csv('forecasts/bulk.csv')}),
lex AS (SELECT phrase, CAST(probability AS DOUBLE) AS p FROM ${csv('lexicons/default.csv')}),
rec AS (SELECT question, status, CAST(date AS DATE) AS d FROM ${csv('outcomes/records.csv')}),
x AS (
  SELECT f.forecaster, f.organization, f.question, f.stance,
         CASE WHEN f.basis IN ('explicit', 'curator') THEN CAST(f.probability AS DOUBLE) ELSE lex.p END AS ps,
         CAST(f.published AS DATE) AS made,
         coalesce(CAST(f.deadline AS DATE),
                  CAST(CAST(f.published AS DATE) + INTERVAL 2 YEAR AS DATE)) AS dl,
         rec.status, rec.d
  FROM f LEFT JOIN lex ON lex.phrase = f.hedge LEFT JOIN rec ON rec.question = f.question),
y AS (
  SELECT *, CASE WHEN stance = 'yes' THEN ps ELSE 1 - ps END AS py,
         CASE WHEN status = 'occurred' AND d < made THEN 'void'
              WHEN status = 'occurred' AND d <= dl THEN 'yes'
              WHEN status = 'occurred' THEN 'no'
              WHEN status = 'not_occurred' AND d >= dl THEN 'no'
              ELSE 'pending' END AS st
  FROM x)`;
const board = (key) => `${base}
SELECT ${key} AS key, count(*) AS forecasts,
       count(*) FILTER (WHERE st IN ('yes', 'no')) AS scored,
       count(*) FILTER (WHERE st = 'pending') AS pending,
       count(*) FILTER (WHERE st = 'void') AS void,
       count(DISTINCT question) FILTER (WHERE st IN ('yes', 'no')) AS questions,
       avg(CASE st WHEN 'yes' THEN (py - 1) * (py - 1) WHEN 'no' THEN py * py END) AS brier
FROM y GROUP BY ${key} ORDER BY key`;
// The crowd (docs/scoring.md): per question and deadline, the median p_yes
// of the scored forecasts; per forecaster the mean of (own Brier - crowd's
// Brier on the same unit), and the crowd as a row of its own.
const crowd = `${base},
s AS (SELECT *, CASE st WHEN 'yes' THEN 1.0 ELSE 0.0 END AS o FROM y WHERE st IN ('yes', 'no')),
c AS (SELECT question, dl, median(py) AS cp, any_value(o) AS o FROM s GROUP BY question, dl),
r AS (SELECT s.forecaster, (s.py - s.o) * (s.py - s.o) - (c.cp - c.o) * (c.cp - c.o) AS rel
      FROM s JOIN c ON c.question = s.question AND c.dl = s.dl),
b AS (
  SELECT forecaster AS key, count(*) AS forecasts,
         count(*) FILTER (WHERE st IN ('yes', 'no')) AS scored,
         count(*) FILTER (WHERE st = 'pending') AS pending,
         count(*) FILTER (WHERE st = 'void') AS void,
         count(DISTINCT question) FILTER (WHERE st IN ('yes', 'no')) AS questions,
         avg(CASE st WHEN 'yes' THEN (py - 1) * (py - 1) WHEN 'no' THEN py * py END) AS brier
  FROM y GROUP BY forecaster)
SELECT b.*, rr.relative_brier FROM b
  LEFT JOIN (SELECT forecaster AS key, avg(rel) AS relative_brier FROM r GROUP BY forecaster) rr
  ON rr.key = b.key
UNION ALL
SELECT '(crowd)', count(*), count(*), 0, 0, count(DISTINCT question),
       avg((cp - o) * (cp - o)), 0.0 FROM c
ORDER BY key`;
const queries = {
  crowd,
  forecaster: board('forecaster'),
  organization: board('organization'),
  calibration: `${base}
SELECT least(floor(round(py * 10, 9)), 9) AS bin, count(*) AS n, avg(py) AS mean_p,
       avg(CASE WHEN st = 'yes' THEN 1.0 ELSE 0.0 END) AS observed
FROM y WHERE st IN ('yes', 'no') GROUP BY bin ORDER BY bin`,
};
if (!queries[query]) {
  console.error(`duckdb.mjs: unknown query '${query}'`);
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { threads });
const conn = await instance.connect();
const reader = await conn.runAndReadAll(queries[query]);
const cols = reader.columnNames();
const q = (v) => {
  if (v === null) return '';
  if (typeof v === 'number') return v.toPrecision(17);
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const out = [cols.join(',')];
for (const row of reader.getRows()) out.push(row.map(q).join(','));
process.stdout.write(out.join('\n') + '\n');
