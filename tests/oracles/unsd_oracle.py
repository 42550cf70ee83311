"""Independent oracle: UN Statistics Division "SDG Progress Chart" trend classes.

STATUS OF THE SOURCES - READ NOTES.md FIRST
-------------------------------------------
The UNSD technical notes themselves (Progress_Chart_Technical_Note_2022.pdf,
Progress_Chart_Technical_Note_2023.pdf, Technical_Note_for_Progress_Assessment_2024.pdf,
all under https://unstats.un.org/sdgs/...) were NOT retrievable in the stored corpora
(only the table of contents of a scribd copy of the 2022 note was returned).  The rules
below therefore come from SECONDARY implementations that state they follow the note:

[UNDP] UNDP-Data/SDG-Accelerator (UI links "methodology" to
       https://unstats.un.org/sdgs/report/2022/Progress_Chart_Technical_Note_2022.pdf):
         src/utils/getStatus.tsx         @ 30374346b21989c45f83ff0d7d764f9840a34515 (l.10-22)
         src/utils/getCAGR.tsx           @ 5de37846978c4d7f88cb6eb0b10ff3e5006dbfc3 (l.1-6)
         src/utils/getYearsAndValues.tsx @ 5de37846978c4d7f88cb6eb0b10ff3e5006dbfc3 (l.9-26)
       -> variant '2022_target' (quantitative target): CR = CAGR_a / CAGR_r;
          CR >= 0.95 'On Track'; 0.5 <= CR < 0.95 'Fair progress but acceleration needed';
          -0.1 <= CR < 0.5 'Limited or No Progress'; CR < -0.1 'Deterioration';
          target already beaten (strictly) -> 'Target Achieved'.
[PY]   third-party notebook helper (public-code index file id 40731094733; repository name
       not resolvable through the index) "Based on the methodology of the progress chart":
       same CR thresholds (0.95 / 0.5 / -0.1) and, for no target, CAGR thresholds
       1 % / 0.5 % / -1 % (its code applies abs() to the CAGR, an evident bug).
       -> variant '2022_no_target' (LOW confidence).
[EUS]  EUSTAT-DES/site _pages/en/metodologia.md @ 10f3c702d7a2e175c52e128fc907419e86bc91c0
       (Basque statistics office, "based on the 2023 Progress Chart Technical Note"):
       projected-value ratio (v2030e - vb)/(v2030 - vb) with 0.95 / 0.10 cut-offs (3 scores)
       and CAGR cut-offs 2 % / 0.5 % when there is no target.  A regional adaptation,
       collapsing classes; -> variant '2023_eustat'.
"""
from __future__ import annotations

import math
from typing import Any

LABELS_2022 = ('Target Achieved', 'On Track', 'Fair progress but acceleration needed',
               'Limited or No Progress', 'Deterioration', 'Insufficient Data')


def _dir(direction) -> int:
    d = {'higher': 1, 'positive': 1, 'increase': 1, 'up': 1, 'max': 1, 1: 1,
         'lower': -1, 'negative': -1, 'decrease': -1, 'down': -1, 'min': -1, -1: -1}.get(direction)
    if d is None:
        raise ValueError('direction must be higher/lower')
    return d


def js_cagr(target_year, base_year, target_value, base_value):
    """[UNDP] getCAGR.tsx l.1-6 with JavaScript number semantics."""
    if target_year == base_year:
        return None
    if base_value == 0:
        ratio = math.nan if target_value == 0 else math.copysign(math.inf, target_value)
    else:
        ratio = target_value / base_value
    power = 1 / (target_year - base_year)
    if math.isnan(ratio) or (ratio < 0 and power != int(power)):
        return math.nan                       # JS: (-x) ** 0.2 -> NaN
    try:
        return ratio ** power - 1
    except (OverflowError, ZeroDivisionError):
        return math.inf


def undp_base_year(years: list[int]) -> int:
    """[UNDP] getYearsAndValues.tsx l.12-18: 2015, else 2010, else the latest year in
    (2010, 2015), else the earliest year (which may be AFTER 2015)."""
    if 2015 in years:
        return 2015
    if 2010 in years:
        return 2010
    between = [y for y in years if 2010 < y < 2015]
    if between:
        return max(between)
    return min(years)


def measure(series: dict, target=None, target_year=None, direction='higher', limit=None,
            base_year=None, variant: str = '2022') -> dict[str, Any]:
    rows = sorted((int(y), float(v)) for y, v in series.items()
                  if v is not None and not math.isnan(float(v)))
    d = _dir(direction)
    out: dict[str, Any] = dict(label='Insufficient Data', variant=variant, direction=d,
                               base_year=None, current_year=None, cagr_actual=None,
                               cagr_required=None, ratio=None, target=target)
    if not rows:
        return out
    vals = dict(rows)
    years = [y for y, _ in rows]
    by = base_year if base_year in vals else undp_base_year(years)
    cy = max(years)
    bv, cv = vals[by], vals[cy]
    out.update(base_year=by, base_value=bv, current_year=cy, current_value=cv)
    if variant == '2022':
        return _v2022(out, bv, cv, by, cy, target, target_year, d)
    if variant == '2023_eustat':
        return _v2023_eustat(out, bv, cv, by, cy, target, target_year, d)
    raise ValueError(variant)


def _v2022(out, bv, cv, by, cy, target, target_year, d):
    if target is not None:
        # [UNDP] getStatus.tsx l.11-12: strict comparison; type 'min' = lower is better
        if (d == -1 and cv < target) or (d == 1 and cv > target):
            out['label'] = 'Target Achieved'
            return out
        ty = 2030 if target_year is None else target_year      # [UNDP] hard-codes 2030
        ca = js_cagr(cy, by, cv, bv)
        ct = js_cagr(ty, by, target, bv)
        out.update(cagr_actual=ca, cagr_required=ct)
        if ca is None or ct is None:                              # l.15
            return out
        if ct == 0:
            cr = math.nan if ca == 0 else math.copysign(math.inf, ca) * (1 if ct >= 0 else -1)
        else:
            cr = ca / ct
        out['ratio'] = cr
        if math.isnan(cr):                                        # l.17
            return out
        if cr >= 0.95:
            out['label'] = 'On Track'
        elif cr >= 0.5:
            out['label'] = 'Fair progress but acceleration needed'
        elif cr >= -0.1:
            out['label'] = 'Limited or No Progress'
        else:
            out['label'] = 'Deterioration'
        return out
    # no numerical target: [PY] thresholds, direction-adjusted (LOW confidence)
    ca = js_cagr(cy, by, cv, bv)
    out['cagr_actual'] = ca
    if ca is None or math.isnan(ca):
        return out
    x = d * ca
    out['progress_value'] = x
    if x > 0.01:
        out['label'] = 'On Track'        # "Substantial progress/ on track"
    elif x > 0.005:
        out['label'] = 'Fair progress but acceleration needed'
    elif x >= -0.01:
        out['label'] = 'Limited or No Progress'
    else:
        out['label'] = 'Deterioration'
    return out


def _v2023_eustat(out, bv, cv, by, cy, target, target_year, d):
    """[EUS] score 3 / 2 / 1."""
    ca = js_cagr(cy, by, cv, bv)
    out['cagr_actual'] = ca
    if ca is None or math.isnan(ca):
        return out
    if target is not None:
        if d * (cv - target) >= 0:             # [EUS] exception 1: target met -> score 3
            out.update(label='Target met or on track (3)', score=3)
            return out
        ty = 2030 if target_year is None else target_year
        v_e = cv * (1 + ca) ** (ty - cy)       # [EUS] v2030e = v_t (1 + CAGR_a)^(2030 - t)
        if target == bv:
            return out
        ratio = (v_e - bv) / (target - bv)
        out.update(projected=v_e, ratio=ratio)
        score = 3 if ratio >= 0.95 else (2 if ratio >= 0.10 else 1)
    else:
        x = d * ca                             # [EUS] mirrored tables for decrease desired
        out['progress_value'] = x
        score = 3 if x >= 0.02 else (2 if x >= 0.005 else 1)
    out['score'] = score
    out['label'] = {3: 'Target met or on track (3)', 2: 'Fair progress, acceleration needed (2)',
                    1: 'Stagnation or regression (1)'}[score]
    return out


if __name__ == '__main__':
    req = 0.5 ** (1 / 15) - 1
    # exactly on the required path -> CR = 1 -> On Track
    r = measure({2015: 100.0, 2020: 100 * (1 + req) ** 5}, target=50, direction='lower')
    assert abs(r['ratio'] - 1) < 1e-12 and r['label'] == 'On Track', r
    # CR = 0.3 -> Limited or No Progress ; CR = -0.2 -> Deterioration
    r = measure({2015: 100.0, 2020: 100 * (1 + 0.3 * req) ** 5}, target=50, direction='lower')
    assert r['label'] == 'Limited or No Progress', r
    r = measure({2015: 100.0, 2020: 100 * (1 - 0.2 * req) ** 5}, target=50, direction='lower')
    assert r['label'] == 'Deterioration', r
    # target beaten -> Target Achieved
    assert measure({2015: 100.0, 2020: 40.0}, target=50, direction='lower')['label'] == 'Target Achieved'
    # UNDP base-year choice: no 2015 and no 2010 -> latest year in (2010, 2015)
    assert measure({2012: 1.0, 2014: 2.0, 2020: 3.0}, direction='higher')['base_year'] == 2014
    print('unsd_oracle self-check: OK (primary UNSD text not retrieved; see NOTES.md)')
