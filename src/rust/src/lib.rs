//! R bindings of dlscratch.
//!
//! Each entry point checks and converts its R arguments (see [`convert`]),
//! runs a kernel from [`kernels`] over the borrowed data, and returns a new R
//! vector that the kernel wrote into. An `Err` reaches R as a condition object
//! of class `extendr_error`, which the R wrappers raise as an error.

use extendr_api::prelude::*;

mod attributes;
mod convert;
pub mod kernels;

use attributes::{copy_arithmetic_attributes, copy_comparison_attributes, Operand};
use convert::{map_numeric, numeric_arg, InputError, Numeric};
use kernels::activation::{relu_into, sigmoid_into, softmax_into};
use kernels::loss::cross_entropy_error_single;
use kernels::parallel::{set_thread_count, thread_count};

// Sigmoid of every element of `x`, with the attributes that the twin's
// `1 / (1 + exp(-x))` keeps.
#[extendr]
fn sigmoid_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&x, "x", sigmoid_into, sigmoid_into, thread_count())?;
    copy_arithmetic_attributes(&x, &mut out, Operand::Second);
    Ok(out)
}

// ReLU of every element of `x`, with the attributes that the twin's
// `ifelse(x > 0, x, 0)` keeps.
#[extendr]
fn relu_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&x, "x", relu_into, relu_into, thread_count())?;
    copy_comparison_attributes(&x, &mut out);
    Ok(out)
}

// Softmax over all elements of `a`, with the attributes that the twin's
// `exp(a - max(a)) / sum(...)` keeps.
#[extendr]
fn softmax_impl(a: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&a, "a", softmax_into, softmax_into, thread_count())?;
    copy_arithmetic_attributes(&a, &mut out, Operand::First);
    Ok(out)
}

// Cross-entropy error of predictions `y` against targets `t` of equal length.
#[extendr]
fn cross_entropy_error_single_impl(y: Robj, t: Robj) -> Result<Robj, InputError> {
    let predictions = numeric_arg(&y, "y")?;
    let targets = numeric_arg(&t, "t")?;
    if predictions.len() != targets.len() {
        return Err(InputError::new(format!(
            "`t` must have the same length as `y` ({}), not {}.",
            predictions.len(),
            targets.len()
        )));
    }

    let threads = thread_count();
    let error = match (predictions, targets) {
        (Numeric::Double(y), Numeric::Double(t)) => cross_entropy_error_single(y, t, threads),
        (Numeric::Double(y), Numeric::Integer(t)) => cross_entropy_error_single(y, t, threads),
        (Numeric::Integer(y), Numeric::Double(t)) => cross_entropy_error_single(y, t, threads),
        (Numeric::Integer(y), Numeric::Integer(t)) => cross_entropy_error_single(y, t, threads),
    };
    Ok(Robj::from(error))
}

// Sets the number of threads for long inputs; the R wrapper validates `count`.
#[extendr]
fn set_thread_count_impl(count: i32) {
    set_thread_count(usize::try_from(count).unwrap_or(1));
}

// The number of threads for long inputs.
#[extendr]
fn thread_count_impl() -> i32 {
    i32::try_from(thread_count()).unwrap_or(i32::MAX)
}

// The number of threads that the machine can run at once, 1 if unknown.
#[extendr]
fn available_cores_impl() -> i32 {
    std::thread::available_parallelism()
        .map(|cores| i32::try_from(cores.get()).unwrap_or(i32::MAX))
        .unwrap_or(1)
}

extendr_module! {
    mod dlscratch;
    fn sigmoid_impl;
    fn relu_impl;
    fn softmax_impl;
    fn cross_entropy_error_single_impl;
    fn set_thread_count_impl;
    fn thread_count_impl;
    fn available_cores_impl;
}
