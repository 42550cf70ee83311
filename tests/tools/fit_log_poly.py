"""Fit the polynomial of xh-core's `math::log_finish_57` and print it as
the `LOG_Q57` table (f64 bit patterns, ascending powers).

    2·atanh(s) − 2s = s³·Q(s²),   Q(z) = 2/3 + 2/5·z + 2/7·z² + …

over z = s² ∈ [0, ZMAX], where |s| ≤ (√2−1)/(√2+1) ≈ 0.17157 (z ≤ 0.029437)
after the range reduction, widened a little because the reduction's
comparisons round. The fit is a Chebyshev interpolant (near-minimax) from
mpmath at 60 digits; coefficients are then rounded to double, and the
error is measured *after* rounding, as the error it adds to ln x:
|s³·(Q − Q̃)| / |2s| = z·|Q − Q̃| / 2 (|ln x| ≥ |2s| after the reduction).

Usage: python tests/tools/fit_log_poly.py   (needs mpmath)
"""

import struct

import mpmath as mp

mp.mp.dps = 60
ZMAX = mp.mpf("0.0295")
DEGREE = 7


def q_exact(z):
    if z == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(z)
    return (2 * mp.atanh(s) - 2 * s) / s**3


def main():
    poly = mp.chebyfit(q_exact, [0, ZMAX], DEGREE + 1)
    coeffs = [float(c) for c in poly[::-1]]  # ascending powers
    worst = mp.mpf(0)
    for i in range(4001):
        z = ZMAX * i / 4000
        approx = mp.mpf(0)
        for c in reversed(coeffs):
            approx = approx * z + mp.mpf(c)
        worst = max(worst, abs(approx - q_exact(z)) * z / 2)
    print(f"// Q(z), degree {DEGREE} on [0, {ZMAX}]: adds < 2^{float(mp.log(worst, 2)):.1f} "
          "relative to ln x")
    print(f"const LOG_Q57: [u64; {DEGREE + 1}] = [")
    for c in coeffs:
        bits = struct.unpack("<Q", struct.pack("<d", c))[0]
        h = f"{bits:016X}"
        grouped = "_".join(h[i : i + 4] for i in range(0, 16, 4))
        print(f"    0x{grouped}, // {c!r}")
    print("];")


if __name__ == "__main__":
    main()
