#!/usr/bin/env python3
# A waterfall counted without stagecast, to check `stagecast compare` on two
# gen.py cuts (a month apart, as of 2026-10-31 and 2026-11-30, six-month horizon):
#
#   scripts/check-waterfall.py PREVIOUS/opportunities.csv CURRENT/opportunities.csv
#
# Rules, with Python's csv module:
# open = created on or before the cut's as-of and not closed by it (stage not an
# outcome word, or closed_on after as-of); in the pipeline when open and the
# expected close is on or before 2027-04-30 (the current horizon's end).
import csv, sys
from datetime import date
def load(path, asof):
    deals = {}
    with open(path, encoding='utf-8') as f:
        for r in csv.DictReader(f):
            created = date.fromisoformat(r['created_on'])
            if created > asof: continue
            closed = r['closed_on'] and date.fromisoformat(r['closed_on'])
            outcome = r['stage'] in ('Closed Won', 'Closed Lost', 'Disqualified')
            is_open = not outcome or (closed and closed > asof)
            status = 'open' if is_open else {'Closed Won': 'won', 'Closed Lost': 'lost'}.get(r['stage'], 'excluded')
            deals[r['id']] = (status, round(float(r['amount']) * 100), date.fromisoformat(r['expected_close_on']) if r['expected_close_on'] else None)
    return deals
end = date(2027, 4, 30)
prev = load(sys.argv[1], date(2026, 10, 31)); cur = load(sys.argv[2], date(2026, 11, 30))
b = {k: [0, 0] for k in ['start','new','pulledIn','increased','decreased','pushedOut','won','lost','excluded','end']}
def add(k, v): b[k][0] += v; b[k][1] += 1
inw = lambda d: d[2] is not None and d[2] <= end
for i, p in prev.items():
    if p[0] != 'open': continue
    if inw(p): add('start', p[1])
    c = cur.get(i)
    if c is None:
        if inw(p): add('excluded', -p[1])
        continue
    if c[0] == 'open':
        if inw(p) and inw(c):
            if c[1] > p[1]: add('increased', c[1]-p[1])
            if c[1] < p[1]: add('decreased', c[1]-p[1])
        elif inw(p): add('pushedOut', -p[1])
        elif inw(c):
            add('pulledIn', p[1])
            if c[1] > p[1]: add('increased', c[1]-p[1])
            if c[1] < p[1]: add('decreased', c[1]-p[1])
    elif inw(p): add(c[0], -p[1])
for i, c in cur.items():
    if c[0] == 'open' and inw(c):
        add('end', c[1])
        if not (i in prev and prev[i][0] == 'open'): add('new', c[1])
for k, (v, n) in b.items(): print(f"{k},{v/100:.2f},{n}")
moves = sum(v for k, (v, n) in b.items() if k not in ('start', 'end'))
print('start + movements == end:', b['start'][0] + moves == b['end'][0])
