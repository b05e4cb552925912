//! R's conventions for doubles: its missing value, how integers and logicals
//! become doubles, and the NaN-preserving wrappers that R puts around `exp`
//! and `log`.

/// Bit pattern of R's `NA_real_`: a NaN whose low 32 bits are 1954.
pub const NA_REAL_BITS: u64 = 0x7FF0_0000_0000_07A2;

/// R's `NA_integer_` (and `NA` for logicals, which R stores as `int`).
pub const NA_INTEGER: i32 = i32::MIN;

/// Returns R's `NA_real_`.
#[inline]
pub fn na_real() -> f64 {
    f64::from_bits(NA_REAL_BITS)
}

/// Tests for R's `NA_real_` the way R's `R_IsNA()` does: a NaN whose low
/// word is 1954, whatever its sign and quiet bit.
#[inline]
pub fn is_na_real(x: f64) -> bool {
    x.is_nan() && (x.to_bits() & 0xFFFF_FFFF) == 1954
}

/// An element that R accepts as a number: a double, or an integer or logical
/// stored as `i32`.
pub trait RealInput: Copy + Send + Sync {
    /// Converts to double as R's `as.double()` does (`NA` becomes `NA_real_`).
    fn to_real(self) -> f64;
}

impl RealInput for f64 {
    #[inline]
    fn to_real(self) -> f64 {
        self
    }
}

impl RealInput for i32 {
    #[inline]
    fn to_real(self) -> f64 {
        if self == NA_INTEGER {
            na_real()
        } else {
            f64::from(self)
        }
    }
}

/// Computes `exp(x)` as R's `exp()` does: a NaN input is returned unchanged,
/// so `NA` stays `NA` and a NaN stays that NaN.
#[inline]
pub fn r_exp(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else {
        x.exp()
    }
}

/// Computes `log(x)` as R's `log()` does: a NaN input is returned unchanged,
/// zero gives `-Inf` and a negative number gives NaN.
#[inline]
pub fn r_log(x: f64) -> f64 {
    if x > 0.0 {
        x.ln()
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else if x.is_nan() {
        x
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_na_becomes_na_real() {
        assert!(is_na_real(NA_INTEGER.to_real()));
        assert_eq!(7_i32.to_real(), 7.0);
        assert_eq!((-2_147_483_647_i32).to_real(), -2_147_483_647.0);
    }

    #[test]
    fn is_na_real_separates_na_from_nan() {
        assert!(is_na_real(na_real()));
        assert!(is_na_real(-na_real()));
        assert!(!is_na_real(f64::NAN));
        assert!(!is_na_real(1954.0));
    }

    #[test]
    fn r_exp_keeps_nan_payloads() {
        assert_eq!(r_exp(na_real()).to_bits(), NA_REAL_BITS);
        assert_eq!(r_exp(-na_real()).to_bits(), (-na_real()).to_bits());
        assert_eq!(r_exp(0.0), 1.0);
        assert_eq!(r_exp(f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn r_log_matches_r_at_the_edges() {
        assert_eq!(r_log(0.0), f64::NEG_INFINITY);
        assert_eq!(r_log(-0.0), f64::NEG_INFINITY);
        assert!(r_log(-1.0).is_nan());
        assert!(!is_na_real(r_log(-1.0)));
        assert!(is_na_real(r_log(na_real())));
        assert_eq!(r_log(f64::INFINITY), f64::INFINITY);
        assert_eq!(r_log(1.0), 0.0);
    }
}
