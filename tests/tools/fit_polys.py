"""Fit the polynomials of xh-core's `math` module and print them as Rust
tables (f64 bit patterns, ascending powers), ready to paste.

* `LOG_Q57`: 2·atanh(s) − 2s = s³·Q(s²), for the lighter logarithm;
* `LOG_P`:   2·atanh(s) − 2s − ⅔s³ = s⁵·P(s²), for the double-double one;
* `EXP_Q`:   e^r − 1 − r − r²/2 = r³·Q(r), for the exponential.

After range reduction |s| ≤ (√2−1)/(√2+1) ≈ 0.17157 (s² ≤ 0.029437) and
|r| ≤ ln2/2 ≈ 0.34657; the fit intervals are a little wider because the
reductions' comparisons round. Each fit is a Chebyshev interpolant
(near-minimax) computed by mpmath at 80 digits; the coefficients are then
rounded to double and the error is measured *after* rounding, as the error
it adds to the function's result (relative):

* logarithms: |sᵏ·(exact − fit)| / |2s|  (|ln x| ≥ |2s| after reduction);
* exponential: |r³·(exact − fit)| / e^r.

The degrees are the smallest whose error is at the floor set by rounding
the leading coefficient (2/3, 2/5, 1/6) to double.

Usage: python tests/tools/fit_polys.py   (needs mpmath)
"""

import struct

import mpmath as mp

mp.mp.dps = 80
ZMAX = mp.mpf("0.0295")
RMAX = mp.mpf("0.3467")


def log_q57(z):
    if z < mp.mpf("1e-30"):
        return mp.mpf(2) / 3 + mp.mpf(2) / 5 * z
    s = mp.sqrt(z)
    return (2 * mp.atanh(s) - 2 * s) / s**3


def log_p(z):
    if z < mp.mpf("1e-30"):
        return mp.mpf(2) / 5 + mp.mpf(2) / 7 * z
    s = mp.sqrt(z)
    return (2 * mp.atanh(s) - 2 * s - mp.mpf(2) / 3 * s**3) / s**5


def exp_q(r):
    if abs(r) < mp.mpf("1e-30"):
        return mp.mpf(1) / 6 + r / 24
    return (mp.exp(r) - 1 - r - r * r / 2) / r**3


def horner(coeffs, x):
    acc = mp.mpf(0)
    for c in reversed(coeffs):
        acc = acc * x + mp.mpf(c)
    return acc


def fit(name, f, interval, degree, weight, comment):
    poly = mp.chebyfit(f, interval, degree + 1)
    coeffs = [float(c) for c in poly[::-1]]
    lo, hi = interval
    worst = max(
        abs(horner(coeffs, x) - f(x)) * weight(x)
        for x in (lo + (hi - lo) * i / 4000 for i in range(4001))
    )
    print(f"/// {comment}:")
    print(f"/// degree {degree} on [{mp.nstr(lo, 4)}, {mp.nstr(hi, 4)}], adds < "
          f"2^{float(mp.log(worst, 2)):.1f} of the result (`tests/tools/fit_polys.py`).")
    print(f"const {name}: [u64; {degree + 1}] = [")
    for c in coeffs:
        h = f"{struct.unpack('<Q', struct.pack('<d', c))[0]:016X}"
        print(f"    0x{'_'.join(h[i:i + 4] for i in range(0, 16, 4))}, // {c!r}")
    print("];")
    print()


def main():
    fit("LOG_Q57", log_q57, [mp.mpf(0), ZMAX], 7, lambda z: z / 2,
        "`Q` of [`log_finish_57`], `2·atanh(s) − 2s = s³·Q(s²)`")
    fit("LOG_P", log_p, [mp.mpf(0), ZMAX], 7, lambda z: z * z / 2,
        "`P` of [`log_dd_finish`], `2·atanh(s) − 2s − ⅔s³ = s⁵·P(s²)`")
    fit("EXP_Q", exp_q, [-RMAX, RMAX], 10, lambda r: abs(r) ** 3 / mp.exp(r),
        "`Q` of [`exp_core`], `e^r − 1 − r − r²/2 = r³·Q(r)`")


if __name__ == "__main__":
    main()
