#!/usr/bin/env python3
"""compare.py - check that hindsight and DuckDB agree (bench/run.sh).

usage: compare.py KIND HINDSIGHT.csv DUCKDB.csv
KIND board: same keys, equal forecasts/scored/pending/void/questions, mean
Brier within 1e-12.  KIND crowd: the same, and relative_brier within 1e-12
(the crowd's row included).  KIND calibration: same bins, equal n, mean_p and
observed within 1e-12.  Prints 'ok' or what differs; exit 1 on a difference.
"""
import csv
import sys

kind, hs_path, dk_path = sys.argv[1:4]
with open(hs_path, newline='', encoding='utf-8') as f:
    hs = list(csv.DictReader(f))
with open(dk_path, newline='', encoding='utf-8') as f:
    dk = list(csv.DictReader(f))
bad = []


def close(a, b):
    if a in ('', None) or b in ('', None):
        return a in ('', None) and b in ('', None)
    return abs(float(a) - float(b)) <= 1e-12


if kind in ('board', 'crowd'):
    key = [c for c in hs[0].keys() if c not in ('rank',)][0] if hs else 'key'
    h = {r[key]: r for r in hs}
    d = {r['key']: r for r in dk}
    if set(h) != set(d):
        bad.append('keys differ: %d only in hindsight, %d only in DuckDB'
                   % (len(set(h) - set(d)), len(set(d) - set(h))))
    for k in sorted(set(h) & set(d)):
        for c in ('forecasts', 'scored', 'pending', 'void', 'questions'):
            if int(h[k][c]) != int(d[k][c]):
                bad.append('%s: %s %s vs %s' % (k, c, h[k][c], d[k][c]))
        if not close(h[k]['brier'], d[k]['brier']):
            bad.append('%s: brier %s vs %s' % (k, h[k]['brier'], d[k]['brier']))
        if kind == 'crowd' and not close(h[k]['relative_brier'], d[k]['relative_brier']):
            bad.append('%s: relative_brier %s vs %s'
                       % (k, h[k]['relative_brier'], d[k]['relative_brier']))
    what = '%d keys' % len(h)
else:
    h = [r for r in hs if r['n'] not in ('', '0') and r.get('group', 'all') == 'all']
    if len(h) != len(dk):
        bad.append('%d non-empty bins vs %d' % (len(h), len(dk)))
    for a, b in zip(h, dk):
        if int(a['n']) != int(b['n']) or not close(a['mean_p'], b['mean_p']) \
                or not close(a['observed'], b['observed']):
            bad.append('bin %s: %s vs %s' % (a.get('bin', '?'), dict(a), dict(b)))
    what = '%d bins' % len(h)
if bad:
    print('DIFFER (%s): %s' % (what, '; '.join(bad[:5])))
    sys.exit(1)
print('ok (%s)' % what)
