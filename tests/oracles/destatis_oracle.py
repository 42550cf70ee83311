"""Independent oracle: German Sustainable Development Strategy (DNS) "weather symbols".

Written from the published rule text only (no code of the peer was found; Destatis
computes the symbols outside the public repositories - the DNS platform build script
reads them from a spreadsheet "Tab_5b_Wetter.xlsx").

SOURCES (see NOTES.md)
----------------------
[DE]  DnsTestEnvironment/dns-indicators  _pages/status.md  @ 06bd4732b789495534333e65851b0483a4ae27fc
      "Status der Indikatoren" (German page published at https://dns-indikatoren.de/status/).
[EN]  DnsTestEnvironment/dns-indicators  _pages/en/status.md  @ 06bd4732b789495534333e65851b0483a4ae27fc
      "Indicator status" (https://dns-indikatoren.de/en/status/).  The English text differs in
      two places from the German one (minimum-data sentence; the "target year equals last
      reporting year" clause is missing) - German text taken as authoritative.
[TXT] weatherTitleDic in the DNS platform build script (index file id 11240703744; it states
      "Indikatorenbericht 2022", data as of 30.11.2022): identical wording of the four
      symbols for the three target types K (Zielwert), J (jaehrlich), R (Richtung).

RULE (type "K": concrete target value in a target year) - [DE] paragraph 2-4:
  * "anhand der letzten sechs Datenpunkte der Durchschnitt der letzten fuenf jaehrlichen
    Veraenderungen" -> mean annual change over the last 5 changes (last 6 points);
  * exceptionally 4 or 5 points; "Stehen weniger als vier verwendbare Jahreswerte zur
    Verfuegung, wird von einer Berechnung abgesehen" -> < 4 annual values: no symbol;
  * the mean change is assumed for every future year up to the target year -> hypothetical
    value in the target year, compared with the target value;
  * Sonne: target reached or missed by < 5 % of the difference between target value and
    current value; Leicht bewoelkt: missed by >= 5 % and <= 20 %; Wolke: moving in the desired
    direction but missed by > 20 %; Gewitter: distance to target constantly high or growing,
    i.e. not moving in the desired direction.
  * If the target was already reached, or the target year coincides with the last reporting
    year, the type-"J" procedure is used instead ([DE] last paragraph of the J section).
Type "J" (value to be kept every year) and type "R" (direction only): [DE] bullet lists.
Several targets at once: the most negative symbol; target interval: the weakest requirement;
several target years: the next target year ([DE] "Indikatoren mit Zielintervallen").

AMBIGUITIES (parameters; defaults are this oracle's reading, see NOTES.md):
  change='absolute'      the text does not say whether "Veraenderung" is absolute or relative;
                         'absolute' = linear extrapolation (the usual reading), 'relative' =
                         geometric mean growth rate compounded to the target year.
  gaps='per_year'        non-consecutive years: mean change per calendar year between the
                         first and last of the selected points; 'consecutive' = use only the
                         trailing run of consecutive years (English text: "last four
                         consecutive points of time").
  Boundaries: < 5 % sun; 5 % .. 20 % inclusive sun-cloud ("mindestens 5 %, aber maximal um
  20 %"); > 20 % cloud.
"""
from __future__ import annotations

import math
from typing import Any

SUN = 'sun'                 # Sonne
SUN_CLOUD = 'sun_cloud'     # Leicht bewoelkt (sun partly hidden by a cloud)
CLOUD = 'cloud'             # Wolke
THUNDER = 'thunderstorm'    # Gewitter / Blitz
NONE = 'not_assessed'       # fewer than 4 usable annual values
ORDER = {SUN: 0, SUN_CLOUD: 1, CLOUD: 2, THUNDER: 3}   # for "most negative" aggregation

MIN_POINTS = 4      # [DE] "weniger als vier verwendbare Jahreswerte"
MAX_POINTS = 6      # [DE] "letzten sechs Datenpunkte"


def _dir(direction) -> int:
    d = {'higher': 1, 'positive': 1, 'increase': 1, 'up': 1, 1: 1,
         'lower': -1, 'negative': -1, 'decrease': -1, 'down': -1, -1: -1}.get(direction)
    if d is None:
        raise ValueError('direction must be higher/lower')
    return d


def _clean(series: dict) -> list[tuple[int, float]]:
    rows = []
    for y, v in series.items():
        if v is None:
            continue
        v = float(v)
        if math.isnan(v):
            continue
        rows.append((int(str(y)[:4]), v))
    return sorted(rows)


def _select(rows, gaps: str):
    """Last up-to-6 points ([DE]); with gaps='consecutive' only the trailing consecutive run."""
    if gaps == 'consecutive':
        run = [rows[-1]] if rows else []
        for y, v in reversed(rows[:-1]):
            if run[0][0] - y == 1:
                run.insert(0, (y, v))
            else:
                break
        rows = run
    return rows[-MAX_POINTS:]


def average_change(series: dict, change: str = 'absolute', gaps: str = 'per_year') -> dict:
    """Mean annual change of the last <=5 changes; None when < 4 usable values."""
    rows = _clean(series)
    pts = _select(rows, gaps)
    res: dict[str, Any] = {'points': pts, 'avg_change': None, 'last_change': None,
                           'avg_rate': None, 'current_year': None, 'current_value': None}
    if not rows:
        return res
    res['current_year'], res['current_value'] = rows[-1]
    if len(pts) >= 2:
        (y1, v1), (y2, v2) = pts[-2], pts[-1]
        res['last_change'] = (v2 - v1) / (y2 - y1)       # "letzte jaehrliche Veraenderung"
    if len(pts) < MIN_POINTS:
        return res
    (y0, v0), (yn, vn) = pts[0], pts[-1]
    span = yn - y0
    # mean of the annual changes == (v_n - v_0) / span for annual data (telescoping sum)
    res['avg_change'] = (vn - v0) / span
    if change == 'relative':
        if v0 == 0 or (vn / v0) < 0:
            res['avg_rate'] = math.nan                    # undefined for zero / sign change
        else:
            res['avg_rate'] = (vn / v0) ** (1 / span) - 1
    return res


def _sign(x: float, eps: float = 0.0) -> int:
    if x is None or math.isnan(x):
        return 0
    return 1 if x > eps else (-1 if x < -eps else 0)


def measure(series: dict, target=None, target_year=None, direction='lower',
            target_type=None, change: str = 'absolute', gaps: str = 'per_year',
            base_year=None) -> dict:
    """Weather symbol for one series.

    target_type: 'K' (target value by a target year; default when target and target_year
    are given), 'J' (target/limit to be met every year; default when only target given),
    'R' (direction only; default when target is None).  base_year is accepted for API
    symmetry and ignored (the DNS rule has no base year).
    """
    d = _dir(direction)
    if target_type is None:
        target_type = 'R' if target is None else ('K' if target_year is not None else 'J')
    ac = average_change(series, change, gaps)
    out: dict[str, Any] = dict(symbol=NONE, target_type=target_type, direction=d,
                               target=target, target_year=target_year, **ac)
    cy, cv = ac['current_year'], ac['current_value']
    if ac['avg_change'] is None:
        out['reason'] = 'fewer than 4 usable annual values'
        return out
    avg = ac['avg_rate'] if change == 'relative' else ac['avg_change']
    if change == 'relative' and (avg is None or math.isnan(avg)):
        out['reason'] = 'relative change undefined (zero or sign change)'
        return out
    dir_avg = _sign(d * avg)        # +1 moving toward "better", 0 stagnation, -1 worse

    if target_type == 'K':
        reached = d * (cv - target) >= 0
        if reached or target_year <= cy:
            # [DE]: already reached, or target year == last reporting year -> J procedure.
            # (target_year < current year - data after the target year - is not covered
            #  by the text; this oracle also uses J, see NOTES.md)
            out['fallback'] = 'J (target reached before target year or target year <= last year)'
            target_type = 'J'
        else:
            n = target_year - cy
            if change == 'relative':
                projected = cv * (1 + avg) ** n
            else:
                projected = cv + avg * n
            gap_now = d * (target - cv)                   # > 0 (not reached)
            shortfall = d * (target - projected)          # <= 0 means reached
            rel = shortfall / gap_now
            out.update(projected=projected, relative_shortfall=rel)
            if dir_avg <= 0:
                out['symbol'] = THUNDER                   # constant or growing distance
            elif rel < 0.05:
                out['symbol'] = SUN
            elif rel <= 0.20:
                out['symbol'] = SUN_CLOUD
            else:
                out['symbol'] = CLOUD
            return out

    if target_type == 'J':
        reached = d * (cv - target) >= 0
        out['reached_last_year'] = reached
        if reached:
            out['symbol'] = SUN if dir_avg >= 0 else SUN_CLOUD
        else:
            out['symbol'] = CLOUD if dir_avg > 0 else THUNDER
        return out

    if target_type == 'R':
        last = _sign(d * ac['last_change'])
        if dir_avg > 0:
            out['symbol'] = SUN if last > 0 else SUN_CLOUD
        else:
            out['symbol'] = CLOUD if last > 0 else THUNDER
        return out
    raise ValueError(target_type)


def measure_many(targets: list[dict]) -> str:
    """Several simultaneous targets: the most negative symbol ([DE] 'mehrere Zielwerte')."""
    syms = [measure(**t)['symbol'] for t in targets]
    rated = [s for s in syms if s in ORDER]
    return max(rated, key=ORDER.get) if rated else NONE


if __name__ == '__main__':
    # K: value falling 2/yr, 2018..2023 = 100 .. 90; projection to 2030 = 90 - 2*7 = 76.
    s = {2018 + i: 100 - 2 * i for i in range(6)}
    r = measure(s, target=80, target_year=2030, direction='lower')      # 76 <= 80: reached
    assert abs(r['projected'] - 76) < 1e-12 and r['symbol'] == SUN, r
    r = measure(s, target=70, target_year=2030, direction='lower')
    # projected 76, gap 20, shortfall 6 -> 30 % -> cloud
    assert abs(r['relative_shortfall'] - 0.30) < 1e-12 and r['symbol'] == CLOUD, r
    r = measure(s, target=75, target_year=2030, direction='lower')      # shortfall 1/15 = 6.7 %
    assert r['symbol'] == SUN_CLOUD, r
    # K moving the wrong way -> thunderstorm
    r = measure({2018 + i: 90 + i for i in range(6)}, target=70, target_year=2030, direction='lower')
    assert r['symbol'] == THUNDER, r
    # flat -> distance constant -> thunderstorm
    r = measure({2018 + i: 90.0 for i in range(6)}, target=70, target_year=2030, direction='lower')
    assert r['symbol'] == THUNDER, r
    # fewer than 4 values -> no symbol
    assert measure({2021: 1, 2022: 2, 2023: 3}, target=10, target_year=2030,
                   direction='higher')['symbol'] == NONE
    # target already reached -> J: reached and trend not worsening -> sun
    r = measure({2018 + i: 60 - i for i in range(6)}, target=70, target_year=2030, direction='lower')
    assert r['symbol'] == SUN and 'fallback' in r, r
    # R: average up, last change down -> sun_cloud
    r = measure({2018: 1, 2019: 2, 2020: 3, 2021: 4, 2022: 6, 2023: 5}, direction='higher')
    assert r['symbol'] == SUN_CLOUD, r
    print('destatis_oracle self-check: OK')
