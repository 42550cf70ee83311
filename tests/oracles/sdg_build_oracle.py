"""Independent oracle: Open SDG / sdg-build automated progress measure.

Faithful standard-library port of ``sdg/ProgressMeasure.py`` from the
``open-sdg/sdg-build`` repository (Statistics Canada methodology, shipped with
Open SDG 2.4.0).  Written from the peer's code and docs only.

SOURCES (see NOTES.md for the full discussion)
------------------------------------------------
[PM]  open-sdg/sdg-build  sdg/ProgressMeasure.py  @ 139fede74ba534d2ed8b9eee4cd878b41f54cb67
      (25 984 chars, 539 lines; text obtained from the public-code index because the
      git snapshot of open-sdg/sdg-build available here stops at 2024-03-05 and does
      not yet contain this file on any branch; line numbers below refer to that text).
[PM0] open-sdg/sdg-build  sdg/ProgressMeasure.py  @ 6d3d128af8826a62c4ed26626663c961f0a94b3c
      (PR #318 head "Methodology changes", 2023-06-08; verified with git show).  Older,
      simpler design; ported as ``legacy_measure`` for comparison only.
[DOC] open-sdg/open-sdg docs/progress-methodology.md on master 26d2e38700e4fee329fea4823e908c4298064693
      (2025-10-22; methodology part l.1-311 identical to 8bfde81abd538dd6f567b33dd1436cecad6b9962),
      and docs/indicator-configuration.md ("progress_calculation_options", l.663-676) and
      docs/progress.md on branch 2.5.0-dev @ a4bda9d2f024a2002a5438e7914986548b0a0f76.

NUMERIC SEMANTICS
-----------------
sdg-build runs on pandas/numpy.  ``current_year`` is ``years.max()`` (numpy.int64), so
the observed CAGR is a numpy.float64 and every later division follows IEEE rules
(x/0 -> +-inf, 0/0 -> nan, negative**fractional -> nan) instead of raising.  The
*required* CAGR uses ``target_year - base_year``: both are plain Python ints when the
configured base year exists in the data (Python rules: 1/0 raises ZeroDivisionError,
negative**fractional gives a *complex* number), but ``base_year`` becomes numpy.int64
when it had to be moved to the next available year (numpy rules).  This module
reproduces both behaviours; see ``_np_pow``, ``_py_pow`` and ``_growth``.

Exceptions raised by sdg-build (which abort the whole data build) are reported here
as ``status == 'error'`` with ``error`` set, instead of being raised.

PUBLIC API
----------
measure(series, target=None, target_year=None, direction=None, limit=None,
        base_year=None, progress_thresholds=None) -> dict
    One series, exactly like ``SeriesProgress`` + the single-series path of
    ``IndicatorProgress.get_indicator_progress``.  Returns a dict with
    ``status`` (series status from thresholds, [PM] l.173),
    ``indicator_status`` (status that Open SDG displays for an indicator configured
    with this single series: derived from the score, [PM] l.74-79), ``score``,
    ``progress_value``, thresholds, coefficient C, and all intermediate numbers.

measure_indicator(list_of_series_kwargs) -> dict
    Several series averaged, [PM] l.64-79.

legacy_measure(...) -> str | None
    Port of the 2023 PR version [PM0].
"""
from __future__ import annotations

import cmath
import math
from typing import Any

# ---------------------------------------------------------------------------
# Defaults  ([PM] l.128, 133, 134, 135, 137, 392, 417)
# ---------------------------------------------------------------------------
DEFAULT_BASE_YEAR = 2015          # [PM] l.128  config.get('base_year', 2015)
DEFAULT_TARGET_YEAR = 2030        # [PM] l.133  config.get('target_year', 2030)
ZERO_REPLACEMENT = 0.001          # [PM] l.130-132 (target), l.285-287 (base value)
LIMIT_EXPONENT_A = 4.44           # [PM] l.403
METHOD1_THRESHOLDS = {'high': 0.015, 'med': 0.005, 'low': 0}   # [PM] l.392
METHOD2_THRESHOLDS = {'high': 0.95, 'med': 0.6, 'low': 0}      # [PM] l.417

STATUS_LABELS = {  # [DOC] docs/progress.md l.22-45 and progress-methodology.md tables
    'target_achieved': 'Target achieved',
    'substantial_progress': 'On track',
    'moderate_progress': 'Progress made but acceleration needed',
    'limited_progress': 'Limited progress',
    'deterioration': 'Deterioration',
    'not_available': 'Not available / unable to assess',
}


# ---------------------------------------------------------------------------
# numeric helpers emulating numpy.float64 vs Python float behaviour
# ---------------------------------------------------------------------------
def _np_div(a: float, b: float) -> float:
    """IEEE division as numpy.float64 does it (no exception)."""
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        # sign of zero matters in IEEE; numpy keeps it
        neg = (a < 0) != (math.copysign(1.0, b) < 0)
        return -math.inf if neg else math.inf
    return a / b


def _np_pow(base: float, exp: float) -> float:
    """numpy.power for float64 scalars: nan for negative**non-integer, inf on overflow."""
    if math.isnan(base) or math.isnan(exp):
        if base == 1.0:
            return 1.0
        if exp == 0:
            return 1.0
        return math.nan
    if base < 0 and math.isfinite(exp) and exp != math.floor(exp):
        return math.nan
    try:
        return math.pow(base, exp)
    except OverflowError:
        if base < 0 and exp == math.floor(exp) and int(exp) % 2 == 1:
            return -math.inf
        return math.inf
    except ValueError:  # 0 ** negative
        return math.inf


def _py_pow(base: float, exp: float):
    """Plain Python float ** float: complex result for negative**non-integer."""
    if base < 0 and exp != math.floor(exp):
        return complex(base) ** exp          # Python 3 returns the principal complex root
    return base ** exp                       # may raise OverflowError / ZeroDivisionError


class _SdgBuildError(Exception):
    """Stands for an exception that would abort the sdg-build data build."""


def _growth(val1: float, val2: float, t1: int, t2: int, numpy_years: bool):
    """[PM] l.465-477  growth_calculation = ((val1 / val2) ** (1 / (t1 - t2))) - 1

    numpy_years: True when t1 or t2 is a numpy.int64 in sdg-build (exponent is then a
    numpy.float64 and numpy semantics apply to the power); False when both are ints.
    ``val1 / val2`` is always a Python float division (both are Python floats in
    sdg-build: ``.item()`` values and YAML numbers); val2 is never 0 there.
    """
    ratio = val1 / val2
    dt = t1 - t2
    if numpy_years:
        exp = _np_div(1.0, dt)
        return _np_pow(ratio, exp) - 1
    if dt == 0:
        raise _SdgBuildError('ZeroDivisionError: division by zero (target_year == base_year)')
    exp = 1 / dt
    try:
        return _py_pow(ratio, exp) - 1
    except OverflowError as e:  # pragma: no cover - extreme inputs
        raise _SdgBuildError(f'OverflowError: {e}')


# ---------------------------------------------------------------------------
# Status / score functions (module-level in sdg-build)
# ---------------------------------------------------------------------------
def get_progress_status(value, thresholds: dict, target_achieved: bool = False) -> str:
    """[PM] l.479-508.  Note: target_achieved short-circuits even when value is None."""
    x = float(thresholds['high'])
    y = float(thresholds['med'])
    z = float(thresholds['low'])
    if target_achieved:
        return 'target_achieved'
    if value is not None:
        if value >= x:
            return 'substantial_progress'
        elif y <= value < x:
            return 'moderate_progress'
        elif z <= value < y:
            return 'limited_progress'
        elif value < z:
            return 'deterioration'
    return 'not_available'   # also reached for NaN


def get_progress_status_from_score(score, target_achieved: bool = False):
    """[PM] l.510-532.  Returns None (not a label) if score falls outside [-5, 5]."""
    if target_achieved:
        return 'target_achieved'
    if score is None:
        return 'not_available'
    elif 2.5 <= score <= 5:
        return 'substantial_progress'
    elif 0 <= score < 2.5:
        return 'moderate_progress'
    elif -2.5 <= score < 0:
        return 'limited_progress'
    elif -5 <= score < -2.5:
        return 'deterioration'
    return None


def get_progress_thresholds(method: int, base_value: float, direction: int, limit,
                            user_thresholds: dict | None = None) -> tuple[dict, list[str]]:
    """[PM] l.381-423.  Returns (thresholds, warnings).

    base_value is the value BEFORE the zero->0.001 replacement (thresholds are
    computed in __init__ at l.168, before calculate_progress_value runs).
    """
    warnings: list[str] = []
    user_thresholds = dict(user_thresholds or {})
    if method == 1:
        t = dict(METHOD1_THRESHOLDS)
        t.update(user_thresholds)
        if limit is not None:
            if base_value < limit and direction == -1:          # l.397 (warning only)
                warnings.append('base value below minimum limit')
            if base_value > limit and direction == 1:           # l.399 (warning only)
                warnings.append('base value above maximum limit')
            bv = abs(base_value)                                # l.401
            lim = abs(limit)                                    # l.402
            a = LIMIT_EXPONENT_A                                # l.403
            if bv >= 2 * lim:                                   # l.404 (first: bv==lim==0 -> 1)
                coeff = 1
            elif bv <= lim:                                     # l.406
                coeff = 1 - (bv / lim) ** a
            else:                                               # l.408
                coeff = 1 - ((2 * lim - bv) / lim) ** a
            for key in ['high', 'med', 'low']:                  # l.411-412: ALL three scaled
                t[key] *= coeff
            t['coefficient'] = coeff                            # l.413
    else:
        t = dict(METHOD2_THRESHOLDS)
        t.update(user_thresholds)
        if limit is not None:                                   # l.420-421
            warnings.append('limit ignored because a target is given')
    return t, warnings


def get_score(method: int, progress_value, thresholds: dict, target_achieved: bool):
    """[PM] l.342-379.  Piecewise-linear score in [-5, 5]; hard-coded for default thresholds."""
    if target_achieved:
        return 5
    if progress_value is None:
        return None
    high = thresholds['high']
    med = thresholds['med']
    low = thresholds['low']
    v = progress_value
    if method == 1:
        coeff = thresholds.get('coefficient', 1)
        if v < low:
            return max(125 * v - 2.5, -5)
        if coeff == 0:           # l.362: reached even for NaN progress values
            return 5
        if v >= high:
            return min(500 * v / coeff - 5, 5)
        if v >= med:
            return 250 * v / coeff - 1.25
        if v >= low:
            return 500 * v / coeff - 2.5
        return None              # NaN falls through -> Python returns None
    else:
        if v >= high:
            return min((7.1429 * v) - 4.2857, 5)
        if v >= med:
            return min((7.1429 * v) - 4.2857, 5)
        if v >= low:
            return max((4.1667 * v) - 2.5, -5)
        if v < low:
            return max((4.1667 * v) - 2.5, -5)
        return None              # NaN


# ---------------------------------------------------------------------------
# Data preparation (SeriesProgress.filter_data, [PM] l.201-270, reduced to one series)
# ---------------------------------------------------------------------------
def _prepare(series: dict) -> list[tuple[int, float]]:
    """Year normalisation, NA removal, float cast, duplicate-year check."""
    items = list(series.items())
    # l.206-209: if ANY year has more than 4 characters, ALL years are cut to 4 chars
    if any(len(str(y)) > 4 for y, _ in items):
        items = [(int(str(y)[:4]), v) for y, v in items]
    else:
        items = [(int(y), v) for y, v in items]
    # l.253: drop NA values ; l.255: cast to float
    rows = []
    for y, v in items:
        if v is None:
            continue
        fv = float(v)
        if math.isnan(fv):
            continue
        rows.append((y, fv))
    # l.257-263: duplicated years (after truncation) raise an Exception
    seen = {}
    for y, v in rows:
        seen.setdefault(y, []).append(v)
    dups = {y: vs for y, vs in seen.items() if len(vs) > 1}
    if dups:
        raise _SdgBuildError(f'Duplicate value for year(s) {sorted(dups)}')
    return sorted(rows)


def _norm_direction(direction) -> int:
    """[PM] l.134: 1 only if config direction == 'positive'; anything else -> -1.

    Convenience aliases for this oracle: 'higher'/'increase'/'up'/+1 -> 'positive',
    'lower'/'decrease'/'down'/-1 -> 'negative'.  None -> sdg-build default (-1).
    """
    aliases = {'higher': 'positive', 'increase': 'positive', 'up': 'positive', 1: 'positive',
               'lower': 'negative', 'decrease': 'negative', 'down': 'negative', -1: 'negative'}
    d = aliases.get(direction, direction)
    return 1 if d == 'positive' else -1


# ---------------------------------------------------------------------------
# Main entry: one series
# ---------------------------------------------------------------------------
def measure(series: dict, target=None, target_year=None, direction=None, limit=None,
            base_year=None, progress_thresholds=None) -> dict[str, Any]:
    """Port of SeriesProgress.__init__ ([PM] l.117-174) + single-series indicator result.

    series: {year: value}; years may be int or strings such as '2015-16'.
    """
    out: dict[str, Any] = {
        'status': 'not_available', 'indicator_status': '', 'score': None,
        'indicator_score': None, 'progress_value': None, 'target_achieved': False,
        'method': None, 'base_year': None, 'base_value': None, 'current_year': None,
        'current_value': None, 'target': None, 'target_year': None, 'direction': None,
        'sign': None, 'limit': limit, 'thresholds': None, 'coefficient': None,
        'cagr_observed': None, 'cagr_required': None, 'warnings': [], 'error': None,
    }
    # --- config attributes, l.128-137 ---
    by = DEFAULT_BASE_YEAR if base_year is None else base_year
    tgt = target
    if tgt is not None and tgt == 0:                 # l.130-132
        out['warnings'].append('target is zero -> 0.001')
        tgt = ZERO_REPLACEMENT
    ty = DEFAULT_TARGET_YEAR if target_year is None else target_year
    d = _norm_direction(direction)
    method = 1 if tgt is None else 2                 # l.136
    out.update(target=tgt, target_year=ty, direction=d, method=method)

    try:
        rows = _prepare(series)                      # l.149 filter_data
    except _SdgBuildError as e:
        out.update(status='error', error=str(e))
        return out
    if not rows:                                     # l.151-152, l.266-267 (calculate_progress_value not run)
        out['warnings'].append('no data')
        return _finish_indicator(out)

    years = [y for y, _ in rows]
    values = dict(rows)
    cy = max(years)                                  # l.157 (numpy.int64 in sdg-build)
    cv = values[cy]                                  # l.158
    base_shifted = False
    if by not in years:                              # l.160-162
        later = [y for y in years if y > by]
        if not later:
            # pandas: years[years > by].min() -> nan; .Value[Year == nan].item() on an
            # empty Series raises ValueError -> aborts the build.
            out.update(status='error', current_year=cy, current_value=cv,
                       error='ValueError: can only convert an array of size 1 to a Python '
                             'scalar (no data in or after the base year)')
            return out
        by = min(later)
        base_shifted = True                          # base_year is now numpy.int64
    bv = values[by]                                  # l.164
    sign = -1 if bv < 0 else 1                       # l.167 (computed before 0 -> 0.001)
    thresholds, w = get_progress_thresholds(method, bv, d, limit, progress_thresholds)  # l.168
    out['warnings'] += w
    out.update(base_year=by, base_value=bv, current_year=cy, current_value=cv, sign=sign,
               thresholds=thresholds, coefficient=thresholds.get('coefficient'))

    # l.171 is_target_achieved ([PM] l.334-340), uses the 0.001-replaced target
    ta = False
    if tgt is not None:
        if (d == -1 and cv <= tgt) or (d == 1 and cv >= tgt):
            ta = True
    out['target_achieved'] = ta

    # l.172 calculate_progress_value ([PM] l.271-306)
    try:
        pv = _calculate_progress_value(out, method, bv, cv, by, cy, tgt, ty, d, sign,
                                       base_shifted)
    except _SdgBuildError as e:
        out.update(status='error', error=str(e))
        return out
    out['progress_value'] = pv
    out['status'] = get_progress_status(pv, thresholds, ta)          # l.173
    out['score'] = get_score(method, pv, thresholds, ta)              # l.174
    return _finish_indicator(out)


def _calculate_progress_value(out, method, bv, cv, by, cy, tgt, ty, d, sign, base_shifted):
    # l.282-284: all_rows_unique is always True for a Year/Value frame (duplicate years
    # already raised in filter_data), so it is not modelled.
    if bv == 0:                                              # l.284-287
        out['warnings'].append('base value is zero -> 0.001')
        bv = ZERO_REPLACEMENT
        out['base_value_used'] = bv
    if (bv > 0 and cv < 0) or (bv < 0 and cv > 0):           # l.288-290
        out['warnings'].append('base and current value have opposite signs')
        return None
    if by > cy:                                              # l.292-294 (unreachable here)
        return None
    if cy - by < 1:                                          # l.295-297 (fewer than 2 years)
        out['warnings'].append('not enough data (current_year - base_year < 1)')
        return None
    # observed CAGR: current_year is numpy.int64 -> numpy semantics, l.315 / l.328
    cagr_o = _growth(cv, bv, cy, by, numpy_years=True)
    out['cagr_observed'] = cagr_o
    if method == 1:
        return sign * d * cagr_o                             # l.315
    # required CAGR, l.330: numpy semantics only if base_year was shifted (numpy.int64)
    cagr_r = _growth(tgt, bv, ty, by, numpy_years=base_shifted)
    out['cagr_required'] = cagr_r
    denom = abs(cagr_r)                                      # abs(complex) is real
    return _np_div(sign * d * cagr_o, denom)                 # l.332 (numpy division)


def _finish_indicator(out: dict) -> dict:
    """Single-series version of IndicatorProgress.get_indicator_progress, [PM] l.64-79."""
    score = out['score']
    if score is not None:
        out['indicator_score'] = float(score)
        out['indicator_status'] = get_progress_status_from_score(score, out['target_achieved'])
    else:
        out['indicator_score'] = None
        out['indicator_status'] = ''   # l.55: initialised to '' and never changed
    return out


def measure_indicator(series_configs: list[dict]) -> dict:
    """Several series: mean of non-None scores; target_achieved only if all of them
    (among series that have a score) achieved their target.  [PM] l.64-79."""
    results = [measure(**cfg) for cfg in series_configs]
    if any(r['status'] == 'error' for r in results):
        return {'indicator_status': 'error', 'indicator_score': None, 'series': results}
    scores = [r['score'] for r in results if r['score'] is not None]
    targets = [r['target_achieved'] for r in results if r['score'] is not None]
    if scores:
        s = sum(scores) / len(scores)
        st = get_progress_status_from_score(s, all(targets))
    else:
        s, st = None, ''
    return {'indicator_status': st, 'indicator_score': s, 'series': results}


# ---------------------------------------------------------------------------
# Legacy port: PR #318 head 6d3d128 ([PM0]); verified with `git show`
# ---------------------------------------------------------------------------
def legacy_measure(series: dict, target=None, target_year=None, direction=None,
                   base_year=None, progress_thresholds=None):
    """[PM0] measure_indicator_progress l.1-77 with config_defaults l.80-97.

    Differences from [PM]: no limit/C, no sign flip for negative data, no zero base
    replacement (base 0 -> numpy x/0 = inf, no exception), ratio uses the
    signed cagr_r (no abs, no direction factor), labels on_track /
    progress_needs_acceleration / limited_progress / deterioration / target_achieved,
    None when it cannot compute.  Returns (label_or_None, details).
    """
    by = DEFAULT_BASE_YEAR if base_year is None else base_year        # l.104
    ty = DEFAULT_TARGET_YEAR if target_year is None else target_year  # l.105
    dirn = 'positive' if _norm_direction(direction) == 1 else 'negative'  # l.106 default 'negative'
    tgt = target
    if tgt == 0:                                                      # l.94-95
        tgt = 0.001
    try:
        rows = _prepare(series)   # [PM0] l.140-173 has no duplicate check; fine for dicts
    except _SdgBuildError as e:
        return 'error', {'error': str(e)}
    if not rows:
        return None, {}
    years = [y for y, _ in rows]
    values = dict(rows)
    cy = max(years)                                                   # l.44
    if by not in years:                                               # l.50
        if by > cy:                                                   # l.52-53
            return None, {}
        by = min(y for y in years if y > by)                          # l.57
    if cy - by < 1:                                                   # l.60-61
        return None, {}
    if progress_thresholds:
        th = dict(progress_thresholds)
    elif tgt is None:
        th = {'high': 0.015, 'med': 0.005, 'low': 0}                  # l.128
    else:
        th = {'high': 0.95, 'med': 0.6, 'low': 0}                     # l.130
    cv, bv = values[cy], values[by]
    det = {'base_year': by, 'current_year': cy, 'base_value': bv, 'current_value': cv}

    # In [PM0] values come from `.values[0]` (numpy.float64) while the years are cast
    # with float() (Python floats): the value ratio follows numpy rules (x/0 -> inf),
    # the exponent 1/(t1-t2) follows Python rules (raises if t1 == t2).
    def growth(v1, v2, t1, t2):                                       # l.176-188
        if t1 - t2 == 0:
            raise _SdgBuildError('ZeroDivisionError: float division by zero')
        return _np_pow(_np_div(v1, v2), 1 / (t1 - t2)) - 1

    try:
        if tgt is None:                                               # methodology_1 l.191-222
            cagr_o = growth(cv, bv, cy, by)
            if dirn == 'negative':
                cagr_o = -1 * cagr_o
            det['progress_value'] = cagr_o
            return _legacy_status(cagr_o, th), det
        # methodology_2 l.225-260
        if (dirn == 'negative' and cv <= tgt) or (dirn == 'positive' and cv >= tgt):
            return 'target_achieved', det
        cagr_o = growth(cv, bv, cy, by)
        cagr_r = growth(tgt, bv, ty, by)
    except _SdgBuildError as e:
        return 'error', dict(det, error=str(e))
    ratio = _np_div(cagr_o, cagr_r)
    det.update(cagr_observed=cagr_o, cagr_required=cagr_r, progress_value=ratio)
    return _legacy_status(ratio, th), det


def _legacy_status(value, th):
    """[PM0] get_progress_status l.263-291."""
    x, y, z = float(th['high']), float(th['med']), float(th['low'])
    if value >= x:
        return 'on_track'
    elif y <= value < x:
        return 'progress_needs_acceleration'
    elif z <= value < y:
        return 'limited_progress'
    elif value < z:
        return 'deterioration'
    return None



# ---------------------------------------------------------------------------
# Golden cases produced by executing the real sdg-build code (see NOTES.md)
# ---------------------------------------------------------------------------
def _dec(x):
    if isinstance(x, str) and x in ('nan', 'inf', '-inf'):
        return float(x)
    return x


def check_golden(path: str = None, verbose: bool = False) -> int:
    """Compare this port with sdg_build_golden.json (outputs of the real code).
    Returns the number of mismatches."""
    import json
    import os
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sdg_build_golden.json')
    with open(path, encoding='utf-8') as f:
        data = json.load(f)
    bad = 0

    def same(a, b):
        a, b = _dec(a), _dec(b)
        if a is None or b is None:
            return a is b
        if isinstance(a, list) or isinstance(b, list):
            return a == b
        if math.isnan(a) and math.isnan(b):
            return True
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

    for c in data['cases']:
        series = {k: _dec(v) for k, v in c['series'].items()}
        e = c['expected']
        o = measure(series, **c['config'])
        if e['status'] == 'error' or o['status'] == 'error':
            ok = e['status'] == o['status']
        else:
            pv = o['progress_value']
            if isinstance(pv, complex):
                pv = ['complex', pv.real, pv.imag]
            ok = (e['status'] == o['status'] and same(e['score'], o['score'])
                  and same(e['pv'], pv) and e['ind_status'] == o['indicator_status']
                  and same(e['ind_score'], o['indicator_score']) and e['ta'] == o['target_achieved'])
        if not ok:
            bad += 1
            if verbose:
                print('MISMATCH', c['name'], e, {k: o[k] for k in ('status', 'score', 'progress_value')})
    return bad

# ---------------------------------------------------------------------------
# Self-check on hand cases derived from the documentation ([DOC])
# ---------------------------------------------------------------------------
if __name__ == '__main__':
    def close(a, b, tol=1e-9):
        return a is not None and b is not None and abs(a - b) <= tol

    # 1. No target, desired increase, 2 %/yr growth -> CAGR 0.02 >= 1.5 % -> On track,
    #    score = min(500*0.02-5, 5) = 5 ([DOC] "2% for a score of +5").
    r = measure({2015: 100.0, 2020: 100 * 1.02 ** 5}, direction='positive')
    assert r['status'] == 'substantial_progress', r
    assert close(r['progress_value'], 0.02) and close(r['score'], 5.0), r

    # 2. No target, desired decrease, value rising 2 %/yr -> CAGR*d = -0.02 -> score -5
    #    ([DOC] "-2% for a score of -5").
    r = measure({2015: 100.0, 2020: 100 * 1.02 ** 5}, direction='negative')
    assert r['status'] == 'deterioration' and close(r['score'], -5.0), r

    # 3. Threshold bands (no target): 1 % -> moderate, 0.2 % -> limited.
    r = measure({2015: 100.0, 2016: 101.0}, direction='positive')
    assert r['status'] == 'moderate_progress' and r['indicator_status'] == 'moderate_progress', r
    r = measure({2015: 100.0, 2016: 100.2}, direction='positive')
    assert r['status'] == 'limited_progress', r

    # 4. Target: halve a rate 2015->2030; observed exactly on the required path -> R = 1.
    req = 0.5 ** (1 / 15)
    r = measure({2015: 10.0, 2020: 10 * req ** 5}, target=5.0, direction='negative')
    assert close(r['progress_value'], 1.0, 1e-9) and r['status'] == 'substantial_progress', r
    # score 7.1429*1 - 4.2857 = 2.8572 ([DOC] 130 % -> +5, -60 % -> -5)
    assert close(r['score'], 2.8572, 1e-9), r

    # 5. Target achieved -> 'target_achieved', score 5, even with a single point.
    r = measure({2015: 4.0}, target=5.0, direction='negative')
    assert r['status'] == 'target_achieved' and r['score'] == 5 and r['progress_value'] is None, r

    # 6. Target 0 is replaced by 0.001; base 0 replaced by 0.001 ([DOC] special considerations).
    r = measure({2015: 0.0, 2020: 2.0}, direction='positive')
    assert r['base_value_used'] == 0.001 and r['status'] == 'substantial_progress', r

    # 7. Natural limit: base at the limit -> C = 0 -> any CAGR >= 0 is On track, score 5.
    r = measure({2015: 100.0, 2020: 100.0}, direction='positive', limit=100)
    assert r['coefficient'] == 0 and r['status'] == 'substantial_progress' and r['score'] == 5, r
    #    base 95 with limit 100: C = 1 - 0.95**4.44
    r = measure({2015: 95.0, 2020: 96.0}, direction='positive', limit=100)
    assert close(r['coefficient'], 1 - 0.95 ** 4.44), r

    # 8. Opposite signs -> not computable -> not_available, indicator_status ''.
    r = measure({2015: 5.0, 2020: -1.0}, direction='positive')
    assert r['status'] == 'not_available' and r['indicator_status'] == '', r

    # 9. All-negative data: sign flips the direction.
    r = measure({2015: -100.0, 2020: -100 * 1.02 ** 5}, direction='positive')
    assert r['sign'] == -1 and close(r['progress_value'], -0.02), r

    # 10. Base year missing -> next available year; no data at/after base year -> error.
    r = measure({2014: 1.0, 2016: 2.0, 2018: 3.0}, direction='positive')
    assert r['base_year'] == 2016, r
    r = measure({2010: 1.0, 2012: 2.0}, direction='positive')
    assert r['status'] == 'error', r

    # 11. Target equal to base value, moving away -> cagr_r = 0 -> -inf -> deterioration.
    r = measure({2015: 10.0, 2020: 11.0}, target=10.0, direction='negative')
    assert r['progress_value'] == -math.inf and r['status'] == 'deterioration' and r['score'] == -5, r

    # 12. Legacy port sanity (old labels)
    lab, _ = legacy_measure({2015: 100.0, 2020: 100 * 1.02 ** 5}, direction='positive')
    assert lab == 'on_track', lab

    import os
    if os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sdg_build_golden.json')):
        n_bad = check_golden(verbose=True)
        assert n_bad == 0, f'{n_bad} golden mismatches'
        print('golden cases from the real sdg-build code: all match')
    print('sdg_build_oracle self-check: OK')
