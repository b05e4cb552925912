//! `numerical_gradient()`: central differences of an R function, with the
//! loop in Rust and the function evaluated by R.

use std::ffi::CStr;

use extendr_api::prelude::*;
use extendr_ffi::{
    R_GlobalEnv, R_NilValue, R_tryEvalSilent, Rf_duplicate, Rf_isFunction, Rf_xlength, CDR,
    INTEGER, REAL, SEXP, SEXPTYPE, TYPEOF,
};

use crate::attributes::copy_all_attributes;
use crate::convert::{alloc_doubles, describe, format_number, map_numeric, InputError};
use crate::kernels::activation::identity_into;
use crate::kernels::real::{na_real, NA_INTEGER};

// R API functions that extendr-ffi 0.9 does not declare. `SEXP` is an opaque
// pointer, declared in extendr-ffi the same way for R's other functions.
#[allow(improper_ctypes)]
extern "C" {
    // Returns the call `f(arg)`.
    fn Rf_lang2(f: SEXP, arg: SEXP) -> SEXP;
    // Replaces the first element of a pairlist, keeping reference counts.
    fn SETCAR(list: SEXP, value: SEXP) -> SEXP;
    // The number of references to an object that R counts (MAYBE_SHARED()
    // is REFCNT(x) > 1).
    fn REFCNT(x: SEXP) -> std::os::raw::c_int;
    // The message of the last R error.
    fn R_curErrorBuf() -> *const std::os::raw::c_char;
}

/// Computes `(f(x + h e_i) - f(x - h e_i)) / (2 h)` for every element `i` of
/// `x`, as the book's `numerical_gradient()` does, and returns it with `x`'s
/// shape and attributes.
///
/// `f` receives a double copy of `x`, with all of `x`'s attributes, in which
/// one element at a time is moved by `h` and then restored exactly. The copy
/// is changed in place between calls unless `f` kept a reference to it, as
/// R's reference count shows. Then the loop continues on a fresh copy, so an
/// object that `f` saved never changes afterwards.
pub fn numerical_gradient(f: &Robj, x: &Robj, h: f64) -> Result<Robj, InputError> {
    // SAFETY: `f` is a protected R object.
    if !unsafe { Rf_isFunction(f.get()).into() } {
        return Err(InputError::new(format!(
            "`f` must be a function, not {}.",
            describe(f)
        )));
    }
    let mut point = map_numeric(x, "x", identity_into, identity_into, 1)?;
    copy_all_attributes(x, &mut point);
    let mut gradient = alloc_doubles(point.len());
    copy_all_attributes(x, &mut gradient);

    // SAFETY: Rf_lang2() returns a new call `f(NULL)`, which `call` protects.
    let call = unsafe { Robj::from_sexp(Rf_lang2(f.get(), R_NilValue)) };
    for i in 0..point.len() {
        let original = real_values(&mut point)[i];
        real_values(&mut point)[i] = original + h;
        let above = evaluate(&call, &mut point, i)?;
        real_values(&mut point)[i] = original - h;
        let below = evaluate(&call, &mut point, i)?;
        real_values(&mut point)[i] = original;
        real_values(&mut gradient)[i] = (above - below) / (2.0 * h);
    }
    Ok(gradient)
}

fn real_values(vector: &mut Robj) -> &mut [f64] {
    vector
        .as_real_slice_mut()
        .expect("the point and the gradient are double vectors")
}

/// Evaluates `call` with `point` as its argument and reads the result as one
/// finite number. Afterwards `point` is replaced by a copy when `f` kept a
/// reference to it.
fn evaluate(call: &Robj, point: &mut Robj, index: usize) -> Result<f64, InputError> {
    // SAFETY: `call` and `point` are protected. The argument slot is cleared
    // after the call so that the call no longer counts as a reference to
    // `point`. R_tryEvalSilent() catches R errors and interrupts inside `f`,
    // so no longjmp crosses these Rust frames. The result is read before any
    // further R allocation, so it needs no protection.
    unsafe {
        let argument = CDR(call.get());
        SETCAR(argument, point.get());
        let message_before = CStr::from_ptr(R_curErrorBuf()).to_owned();
        let mut failed = 0;
        let value = R_tryEvalSilent(call.get(), R_GlobalEnv, &mut failed);
        SETCAR(argument, R_NilValue);
        if failed != 0 {
            let message = CStr::from_ptr(R_curErrorBuf());
            return Err(InputError::new(if message == message_before.as_c_str() {
                // An interrupt or a jump to a restart leaves no error message.
                format!("`f` was interrupted at element {} of `x`.", index + 1)
            } else {
                format!(
                    "`f` failed at element {} of `x`: {}",
                    index + 1,
                    error_message_text(&message.to_string_lossy())
                )
            }));
        }

        // Both are read from `value` before Rf_duplicate() can allocate,
        // because nothing protects `value`.
        let number = single_number(value).filter(|number| number.is_finite());
        let problem = match number {
            Some(_) => None,
            None => Some(describe_value(value)),
        };
        if REFCNT(point.get()) > 1 {
            // `f` kept `point` (in a global variable or a closure), so
            // changing it in place would change what `f` kept.
            *point = Robj::from_sexp(Rf_duplicate(point.get()));
        }
        number.ok_or_else(|| {
            InputError::new(format!(
                "`f` must return a single finite number, but returned {} at element {} of `x`.",
                problem.unwrap_or_default(),
                index + 1
            ))
        })
    }
}

/// Returns an R error as R prints it ("Error in f(x) : boom"), without the
/// traceback that non-interactive sessions append after "Calls:". The call
/// stays in, because a call can itself contain " : " and R translates the
/// word "Error", so neither can be cut off reliably.
fn error_message_text(printed: &str) -> &str {
    let text = printed.split("\nCalls:").next().unwrap_or(printed);
    text.trim()
}

/// Reads a double or integer vector of length one.
///
/// # Safety
///
/// `value` must be a valid R object.
unsafe fn single_number(value: SEXP) -> Option<f64> {
    if Rf_xlength(value) != 1 {
        return None;
    }
    match TYPEOF(value) {
        SEXPTYPE::REALSXP => Some(*REAL(value)),
        SEXPTYPE::INTSXP => Some(if *INTEGER(value) == NA_INTEGER {
            na_real()
        } else {
            f64::from(*INTEGER(value))
        }),
        _ => None,
    }
}

/// Describes what `f` returned, for the error message.
///
/// # Safety
///
/// `value` must be a valid R object.
unsafe fn describe_value(value: SEXP) -> String {
    match single_number(value) {
        Some(number) => format_number(number),
        None => {
            let robj = Robj::from_sexp(value);
            format!("{} of length {}", describe(&robj), robj.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::error_message_text;

    #[test]
    fn error_message_text_drops_the_traceback() {
        assert_eq!(
            error_message_text("Error in f(x) : boom\n"),
            "Error in f(x) : boom"
        );
        assert_eq!(
            error_message_text("Error in g(\" : \") : boom\nCalls: h -> g\n"),
            "Error in g(\" : \") : boom"
        );
        assert_eq!(error_message_text("Error: boom\n"), "Error: boom");
    }
}
