"""Independent oracle: Eurostat EU SDG monitoring report trend assessment.

STATUS OF THE SOURCES - READ NOTES.md FIRST
-------------------------------------------
The Eurostat methodological annex ("Sustainable development in the European Union -
Monitoring report on progress towards the SDGs in an EU context", Annex "Methodological
notes") could NOT be retrieved in the stored corpora available to this study (only the
beginnings of the report/Statistics Explained pages were returned).  Therefore:

* (a) the quantitative-target rule (ratio of observed to required CAGR with thresholds
  95 % / 60 % / 0 %) is implemented as the project assumed it.  It is corroborated only
  indirectly: Statistics Canada's method, which says it "was inspired by the progress
  methodology used by Eurostat" (open-sdg/open-sdg docs/progress-methodology.md
  @8bfde81, l.39, footnote 1 -> "Eurostat (2021)"), uses exactly these ratio thresholds
  (same file, l.89-108).  VERIFIED: NO primary Eurostat text.
* (b) the no-target thresholds (+1 % / 0 / -1 % of the direction-adjusted CAGR, four
  classes) are the project's working assumption and are NOT VERIFIED.  They are parameters here
  (``no_target_thresholds``) so the test-suite can switch them once the text is found.
  Boundary inclusivity is unknown; the defaults below are an explicit assumption.
* Period: short-term = last 5 years, long-term = last 15 years (secondary source: IISD
  SDG Knowledge Hub news "Eurostat Reports on Monitoring SDG Trends in EU Context",
  http://sdg.iisd.org/news/eurostat-reports-on-monitoring-sdg-trends-in-eu-context/ :
  "Progress towards the targets is specified to be either long-term (past 15 years) or
  short term (previous five years)").

Labels (as used in the Eurostat reports and the IISD summary): 'significant_progress',
'moderate_progress', 'insufficient_progress' (target case), 'moving_away' (target case),
'moderate_movement_away', 'significant_movement_away' (no-target case).
"""
from __future__ import annotations

import math
from typing import Any

TARGET_THRESHOLDS = (0.95, 0.60, 0.0)          # assumed; = StatCan ratio thresholds
NO_TARGET_THRESHOLDS = (0.01, 0.0, -0.01)      # assumed; UNVERIFIED


def _dir(direction) -> int:
    d = {'higher': 1, 'positive': 1, 'increase': 1, 'up': 1, 1: 1,
         'lower': -1, 'negative': -1, 'decrease': -1, 'down': -1, -1: -1}.get(direction)
    if d is None:
        raise ValueError('direction must be higher/lower')
    return d


def cagr(v1: float, v0: float, t1: int, t0: int) -> float:
    """Compound annual growth rate; nan when undefined (zero base, sign change, t1 == t0)."""
    if t1 == t0 or v0 == 0:
        return math.nan
    r = v1 / v0
    if r < 0:
        return math.nan
    return r ** (1.0 / (t1 - t0)) - 1.0


def _pick_years(series: dict, period: str | int, base_year):
    rows = sorted((int(y), float(v)) for y, v in series.items()
                  if v is not None and not math.isnan(float(v)))
    if not rows:
        return rows, None, None
    t = rows[-1][0]
    if base_year is not None:
        t0 = base_year
    elif period == 'short':
        t0 = t - 5
    elif period == 'long':
        t0 = t - 15
    else:
        t0 = t - int(period)
    return rows, t, t0


def measure(series: dict, target=None, target_year=None, direction='higher', limit=None,
            base_year=None, period: str | int = 'short',
            no_target_thresholds=NO_TARGET_THRESHOLDS,
            target_thresholds=TARGET_THRESHOLDS) -> dict[str, Any]:
    """Eurostat-style assessment of one series.

    base_year: explicit start year of the assessed period (overrides ``period``).
    If the start year has no observation, the first later observation is used
    (ASSUMPTION - Eurostat's rule for gaps was not retrieved).  ``limit`` is accepted for
    API symmetry and ignored (Eurostat has no natural-limit scaling).
    """
    d = _dir(direction)
    rows, t, t0 = _pick_years(series, period, base_year)
    out: dict[str, Any] = dict(label='not_assessed', direction=d, current_year=t,
                               base_year=None, base_value=None, current_value=None,
                               cagr_observed=None, cagr_required=None, ratio=None,
                               target=target, target_year=target_year, target_met=None)
    if not rows:
        out['reason'] = 'no data'
        return out
    vals = dict(rows)
    later = [y for y, _ in rows if y >= t0]
    by = min(later)
    if by >= t:
        out['reason'] = 'fewer than two observations in the period'
        return out
    bv, cv = vals[by], vals[t]
    out.update(base_year=by, base_value=bv, current_value=cv)
    g = cagr(cv, bv, t, by)
    out['cagr_observed'] = g
    if target is None:
        if math.isnan(g):
            out['reason'] = 'CAGR undefined (zero base value or sign change)'
            return out
        x = d * g
        hi, mid, lo = no_target_thresholds
        out['progress_value'] = x
        # ASSUMED boundaries: > hi significant; (mid, hi] moderate; [lo, mid] moderate away;
        # < lo significant away.  (UNVERIFIED - see NOTES.md)
        if x > hi:
            out['label'] = 'significant_progress'
        elif x > mid:
            out['label'] = 'moderate_progress'
        elif x >= lo:
            out['label'] = 'moderate_movement_away'
        else:
            out['label'] = 'significant_movement_away'
        return out
    ty = 2030 if target_year is None else target_year
    out['target_met'] = d * (cv - target) >= 0
    gr = cagr(target, bv, ty, by)
    out['cagr_required'] = gr
    if math.isnan(g) or math.isnan(gr):
        out['reason'] = 'CAGR undefined (zero base/target, sign change, or target_year == base year)'
        return out
    if gr == 0:
        # target equals the base value: ratio undefined (division by zero). ASSUMPTION.
        out['reason'] = 'required CAGR is zero (target equals base value)'
        return out
    ratio = g / gr
    out['ratio'] = ratio
    hi, mid, lo = target_thresholds
    if ratio >= hi:
        out['label'] = 'significant_progress'
    elif ratio >= mid:
        out['label'] = 'moderate_progress'
    elif ratio >= lo:
        out['label'] = 'insufficient_progress'
    else:
        out['label'] = 'moving_away'
    return out


if __name__ == '__main__':
    # target: halve 100 -> 50 between 2015 and 2030; observed exactly on path -> ratio 1
    req = 0.5 ** (1 / 15)
    r = measure({2015: 100.0, 2020: 100 * req ** 5}, target=50, target_year=2030,
                direction='lower', base_year=2015)
    assert abs(r['ratio'] - 1) < 1e-12 and r['label'] == 'significant_progress', r
    # 70 % of required pace -> moderate
    r = measure({2015: 100.0, 2020: 100 * (1 + 0.7 * (req - 1)) ** 5}, target=50,
                target_year=2030, direction='lower', base_year=2015)
    assert abs(r['ratio'] - 0.7) < 1e-9 and r['label'] == 'moderate_progress', r
    # moving away
    r = measure({2015: 100.0, 2020: 110.0}, target=50, direction='lower', base_year=2015)
    assert r['label'] == 'moving_away', r
    # no target, +2 %/yr, higher is better, 5-year window -> significant progress
    r = measure({2013 + i: 100 * 1.02 ** i for i in range(8)}, direction='higher')
    assert r['base_year'] == 2015 and r['label'] == 'significant_progress', r
    # no target, -0.5 %/yr, higher is better -> moderate movement away
    r = measure({2015 + i: 100 * 0.995 ** i for i in range(6)}, direction='higher')
    assert r['label'] == 'moderate_movement_away', r
    print('eurostat_oracle self-check: OK (no-target thresholds UNVERIFIED)')
