//! The attribute rules of R's arithmetic and comparison operators, which the
//! twins inherit, applied to a result vector of the input's length.
//!
//! These functions call R's C API directly: extendr-api 0.9 wraps every
//! attribute it reads in a protected `Robj`, and an attribute that hangs on a
//! protected object needs no protection of its own.

use extendr_api::prelude::*;
use extendr_ffi::{
    R_DimNamesSymbol, R_DimSymbol, R_NamesSymbol, R_NilValue, R_TspSymbol, Rf_getAttrib,
    Rf_setAttrib, Rf_xlength, SEXP,
};

// R API functions that extendr-ffi 0.9 does not declare. `SEXP` is an opaque
// pointer, declared in extendr-ffi the same way for R's other functions.
#[allow(improper_ctypes)]
extern "C" {
    // Copies every attribute of `from` to `to`, as R's own arithmetic does.
    fn SHALLOW_DUPLICATE_ATTRIB(to: SEXP, from: SEXP);
}

/// Which operand of an R arithmetic operator the input is. For a zero-length
/// vector R keeps the names only when it is the first operand: `a - max(a)`
/// keeps them, while `1 + exp(-x)` drops them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    First,
    Second,
}

/// Gives `to` the attributes that R's arithmetic between `from` and a
/// length-one number keeps.
///
/// For a non-empty `from` those are all of its attributes, except names on a
/// matrix or higher array (R keeps only dim and dimnames there). For an empty
/// `from` they are dim and dimnames, or names when `from` is not an array and
/// is the first operand.
pub fn copy_arithmetic_attributes(from: &Robj, to: &mut Robj, operand: Operand) {
    // SAFETY: `from` and `to` are protected R vectors of the same length, so
    // every attribute of `from` fits `to`. Attributes read from `from` stay
    // protected through it.
    unsafe {
        let (from, to) = (from.get(), to.get_mut());
        let dim = Rf_getAttrib(from, R_DimSymbol);
        if Rf_xlength(from) > 0 {
            SHALLOW_DUPLICATE_ATTRIB(to, from);
            // A one-dimensional array shows its dimnames as names, and
            // removing those names would remove the dimnames.
            let names = Rf_getAttrib(from, R_NamesSymbol);
            if dim != R_NilValue && Rf_xlength(dim) >= 2 && names != R_NilValue {
                Rf_setAttrib(to, R_NamesSymbol, R_NilValue);
            }
        } else if dim != R_NilValue {
            copy_attribute(from, to, R_DimSymbol);
            copy_attribute(from, to, R_DimNamesSymbol);
        } else if operand == Operand::First {
            copy_attribute(from, to, R_NamesSymbol);
        }
    }
}

/// Gives `to` the attributes that R's arithmetic keeps for `1 + exp(-from)`
/// when `from` is logical. R's unary minus turns a logical vector into a new
/// integer vector with only the names, dim and dimnames, and the arithmetic
/// rule of [`copy_arithmetic_attributes`] applies to what is left.
pub fn copy_negated_logical_attributes(from: &Robj, to: &mut Robj) {
    // SAFETY: as in `copy_arithmetic_attributes`.
    unsafe {
        let (from, to) = (from.get(), to.get_mut());
        let dim = Rf_getAttrib(from, R_DimSymbol);
        if Rf_xlength(from) > 0 {
            if dim == R_NilValue || Rf_xlength(dim) < 2 {
                copy_attribute(from, to, R_NamesSymbol);
            }
            copy_attribute(from, to, R_DimSymbol);
            copy_attribute(from, to, R_DimNamesSymbol);
        } else if dim != R_NilValue {
            copy_attribute(from, to, R_DimSymbol);
            copy_attribute(from, to, R_DimNamesSymbol);
        }
    }
}

/// Gives `to` the attributes that `ifelse(from > 0, from, 0)` keeps: dim and
/// dimnames for an array, names otherwise, and a time series' `tsp`.
pub fn copy_comparison_attributes(from: &Robj, to: &mut Robj) {
    // SAFETY: as in `copy_arithmetic_attributes`.
    unsafe {
        let (from, to) = (from.get(), to.get_mut());
        if Rf_getAttrib(from, R_DimSymbol) != R_NilValue {
            copy_attribute(from, to, R_DimSymbol);
            copy_attribute(from, to, R_DimNamesSymbol);
        } else {
            copy_attribute(from, to, R_NamesSymbol);
        }
        copy_attribute(from, to, R_TspSymbol);
    }
}

/// Gives `to` every attribute of `from`, as returning `from` itself would.
pub fn copy_all_attributes(from: &Robj, to: &mut Robj) {
    // SAFETY: as in `copy_arithmetic_attributes`.
    unsafe { SHALLOW_DUPLICATE_ATTRIB(to.get_mut(), from.get()) }
}

/// Gives `to` the dim and dimnames of the matrix `from`, and nothing else.
pub fn copy_matrix_attributes(from: &Robj, to: &mut Robj) {
    // SAFETY: as in `copy_arithmetic_attributes`.
    unsafe {
        let (from, to) = (from.get(), to.get_mut());
        copy_attribute(from, to, R_DimSymbol);
        copy_attribute(from, to, R_DimNamesSymbol);
    }
}

/// Copies the attribute `name` of `from` to `to` when `from` has it.
///
/// # Safety
///
/// `from` and `to` must be protected R vectors of the same length.
unsafe fn copy_attribute(from: SEXP, to: SEXP, name: SEXP) {
    let value = Rf_getAttrib(from, name);
    if value != R_NilValue {
        Rf_setAttrib(to, name, value);
    }
}
