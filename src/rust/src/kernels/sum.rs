//! Sums that reproduce R's `sum()` of doubles.
//!
//! R accumulates a double sum in a C `long double`, which on x86_64 is the
//! x87 FPU's 80-bit extended format with a 64-bit significand. Rust has no
//! such type, so on x86_64 [`RSum`] runs the same x87 additions in inline
//! assembly, in the same order, and gets R's result bit for bit. On other
//! architectures it falls back to a compensated (Kahan-Babuska) sum, which is
//! at least as accurate as R's and can differ from it in the last bits.

#[cfg(not(target_arch = "x86_64"))]
use super::real::{is_na_real, na_real};

/// An accumulator that adds doubles the way R's `sum()` does.
#[derive(Clone, Debug, Default)]
pub struct RSum {
    #[cfg(target_arch = "x86_64")]
    extended: x87::Extended,
    #[cfg(not(target_arch = "x86_64"))]
    compensated: CompensatedSum,
    #[cfg(not(target_arch = "x86_64"))]
    saw_na: bool,
}

impl RSum {
    /// Adds `values` in order.
    pub fn add_slice(&mut self, values: &[f64]) {
        #[cfg(target_arch = "x86_64")]
        self.extended.add_slice(values);

        #[cfg(not(target_arch = "x86_64"))]
        for &value in values {
            self.saw_na |= is_na_real(value);
            self.compensated.add(value);
        }
    }

    /// Returns the sum as R's `sum()` returns it.
    ///
    /// A sum beyond the double range is infinite, as in R. When any term was
    /// `NA` the result is `NA`, and otherwise NaN when any term was NaN: x87
    /// addition keeps the NaN with the larger significand, and `NA`'s payload
    /// (1954) beats that of the NaN that arithmetic makes.
    pub fn value(&self) -> f64 {
        #[cfg(target_arch = "x86_64")]
        return self.extended.to_f64_like_r();

        #[cfg(not(target_arch = "x86_64"))]
        {
            let total = self.compensated.value();
            if total.is_nan() && self.saw_na {
                na_real()
            } else {
                total
            }
        }
    }
}

/// Sums `values` as R's `sum()` does.
pub fn sum_like_r(values: &[f64]) -> f64 {
    let mut sum = RSum::default();
    sum.add_slice(values);
    sum.value()
}

/// A running sum together with the rounding error that its additions lost
/// (Neumaier's variant of Kahan summation).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CompensatedSum {
    sum: f64,
    compensation: f64,
}

impl CompensatedSum {
    /// Adds `x`, collecting the rounding error of the addition.
    #[inline]
    pub fn add(&mut self, x: f64) {
        let total = self.sum + x;
        let error = if self.sum.abs() >= x.abs() {
            (self.sum - total) + x
        } else {
            (x - total) + self.sum
        };
        self.sum = total;
        self.compensation += error;
    }

    /// Returns the sum rounded to a double.
    ///
    /// Once the running sum is infinite or NaN the compensation is
    /// meaningless (it contains `Inf - Inf`), so the running sum is returned.
    pub fn value(self) -> f64 {
        if self.sum.is_finite() {
            self.sum + self.compensation
        } else {
            self.sum
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x87 {
    use std::arch::asm;

    /// An x87 80-bit extended-precision number in memory: 64-bit significand
    /// in bytes 0-7, then the 15-bit biased exponent and the sign bit.
    #[derive(Clone, Copy, Debug, Default)]
    #[repr(C, align(16))]
    pub struct Extended([u8; 10]);

    /// Biased exponent and significand of `f64::MAX` in the 80-bit format.
    const F64_MAX_EXPONENT: u16 = 0x3FFF + 1023;
    const F64_MAX_SIGNIFICAND: u64 = 0xFFFF_FFFF_FFFF_F800;

    impl Extended {
        /// Adds `values` in order, in the FPU's default 64-bit-significand
        /// precision, as R's compiled `sum()` does.
        ///
        /// Each term is loaded with `fld` before it is added, as GCC compiles
        /// `long double += double`. The load turns R's `NA`, whose bit
        /// pattern is a signalling NaN, into a quiet NaN, so that `NA` then
        /// wins over an ordinary NaN by its larger significand, as in R.
        pub fn add_slice(&mut self, values: &[f64]) {
            if values.is_empty() {
                return;
            }
            // SAFETY: `self.0` is 10 writable bytes and `values` has
            // `values.len() > 0` readable doubles. Every x87 register is
            // declared clobbered, so the x87 stack is empty on entry, and the
            // block leaves it empty: one `fld` is matched by one `fstp`.
            unsafe {
                asm!(
                    "fld tbyte ptr [{acc}]",
                    "2:",
                    "fld qword ptr [{ptr}]",
                    "faddp st(1), st",
                    "add {ptr}, 8",
                    "dec {count}",
                    "jnz 2b",
                    "fstp tbyte ptr [{acc}]",
                    acc = in(reg) self.0.as_mut_ptr(),
                    ptr = inout(reg) values.as_ptr() => _,
                    count = inout(reg) values.len() => _,
                    out("st(0)") _, out("st(1)") _, out("st(2)") _, out("st(3)") _,
                    out("st(4)") _, out("st(5)") _, out("st(6)") _, out("st(7)") _,
                    options(nostack),
                );
            }
        }

        /// Converts to double as R's `rsum()` does: a value beyond the
        /// double range becomes infinite, and anything else is rounded to
        /// nearest by the FPU.
        pub fn to_f64_like_r(self) -> f64 {
            let significand = u64::from_le_bytes(self.0[..8].try_into().expect("8 bytes"));
            let sign_exponent = u16::from_le_bytes([self.0[8], self.0[9]]);
            let exponent = sign_exponent & 0x7FFF;
            let negative = sign_exponent & 0x8000 != 0;
            let finite = exponent != 0x7FFF;
            let beyond_f64 = exponent > F64_MAX_EXPONENT
                || (exponent == F64_MAX_EXPONENT && significand > F64_MAX_SIGNIFICAND);
            if finite && beyond_f64 {
                return if negative {
                    f64::NEG_INFINITY
                } else {
                    f64::INFINITY
                };
            }

            let mut result = 0.0_f64;
            // SAFETY: reads the 10 bytes of `self.0` and writes the 8 bytes of
            // `result`. The x87 stack is empty on entry and on exit.
            unsafe {
                asm!(
                    "fld tbyte ptr [{acc}]",
                    "fstp qword ptr [{out}]",
                    acc = in(reg) self.0.as_ptr(),
                    out = in(reg) &mut result as *mut f64,
                    out("st(0)") _, out("st(1)") _, out("st(2)") _, out("st(3)") _,
                    out("st(4)") _, out("st(5)") _, out("st(6)") _, out("st(7)") _,
                    options(nostack),
                );
            }
            result
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::real::{is_na_real, na_real};

    fn compensated(values: &[f64]) -> f64 {
        let mut sum = CompensatedSum::default();
        for &value in values {
            sum.add(value);
        }
        sum.value()
    }

    #[test]
    fn sum_of_nothing_is_positive_zero() {
        assert_eq!(sum_like_r(&[]).to_bits(), 0.0_f64.to_bits());
        assert_eq!(compensated(&[]).to_bits(), 0.0_f64.to_bits());
    }

    #[test]
    fn sum_of_negative_zeros_is_positive_zero() {
        // R's sum() starts from +0, and +0 + -0 is +0.
        assert_eq!(sum_like_r(&[-0.0, -0.0]).to_bits(), 0.0_f64.to_bits());
        assert_eq!(compensated(&[-0.0, -0.0]).to_bits(), 0.0_f64.to_bits());
    }

    #[test]
    fn sums_keep_what_a_double_sum_loses() {
        // In double arithmetic 1 + 2^-60 is 1, and the sum would be 0.
        let values = [1.0, 2.0_f64.powi(-60), -1.0];
        assert_eq!(sum_like_r(&values), 2.0_f64.powi(-60));
        assert_eq!(compensated(&values), 2.0_f64.powi(-60));
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sum_like_r_rounds_to_a_64_bit_significand() {
        // 1 + 2^-64 is a tie in the 64-bit significand, rounded to even (1),
        // so R's sum(c(1, 2^-64, -1)) is 0 where the exact sum is 2^-64.
        let values = [1.0, 2.0_f64.powi(-64), -1.0];
        assert_eq!(sum_like_r(&values), 0.0);
        assert_eq!(compensated(&values), 2.0_f64.powi(-64));
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sum_like_r_uses_the_wider_exponent_range() {
        // The partial sum 2e308 overflows a double but not the 80-bit format.
        assert_eq!(sum_like_r(&[1e308, 1e308, -1e308]), 1e308);
        assert_eq!(sum_like_r(&[1e308, 1e308]), f64::INFINITY);
        assert_eq!(sum_like_r(&[-1e308, -1e308]), f64::NEG_INFINITY);
        assert_eq!(sum_like_r(&[f64::MAX]), f64::MAX);
    }

    #[test]
    fn sum_like_r_prefers_na_over_nan() {
        assert!(is_na_real(sum_like_r(&[
            f64::NAN,
            1.0,
            na_real(),
            f64::NAN
        ])));
        assert!(is_na_real(sum_like_r(&[na_real(), f64::NAN])));
        let total = sum_like_r(&[f64::NAN, 1.0]);
        assert!(total.is_nan());
        assert!(!is_na_real(total));
    }

    #[test]
    fn sums_propagate_infinities() {
        assert_eq!(sum_like_r(&[1.0, f64::INFINITY]), f64::INFINITY);
        assert!(sum_like_r(&[f64::NEG_INFINITY, f64::INFINITY]).is_nan());
        assert_eq!(compensated(&[1.0, f64::INFINITY]), f64::INFINITY);
        assert!(compensated(&[f64::NEG_INFINITY, f64::INFINITY]).is_nan());
    }

    #[test]
    fn compensated_sum_is_close_to_exact() {
        let n = 100_000;
        let total = compensated(&vec![0.1; n]);
        let exact = n as f64 * 0.1;
        assert!(
            (total - exact).abs() <= exact * f64::EPSILON,
            "{total} vs {exact}"
        );
    }
}
