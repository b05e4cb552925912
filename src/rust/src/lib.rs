//! R bindings of dlscratch.
//!
//! Each entry point checks and converts its R arguments (see [`convert`]),
//! runs a kernel from [`kernels`] over the borrowed data, and returns a new R
//! vector that the kernel wrote into. An `Err` reaches R as a condition object
//! of class `extendr_error`, which the R wrappers raise as an error.

use extendr_api::prelude::*;

mod convert;
pub mod kernels;

use convert::{
    copy_all_attributes, copy_shape_attributes, map_numeric, numeric_arg, InputError, Numeric,
};
use kernels::activation::{relu_into, sigmoid_into, softmax_into};
use kernels::loss::cross_entropy_error_single;

// Sigmoid of every element of `x`, keeping all of its attributes.
#[extendr]
fn sigmoid_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&x, "x", sigmoid_into, sigmoid_into)?;
    copy_all_attributes(&x, &mut out);
    Ok(out)
}

// ReLU of every element of `x`, keeping names, dim and dimnames.
#[extendr]
fn relu_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&x, "x", relu_into, relu_into)?;
    copy_shape_attributes(&x, &mut out)?;
    Ok(out)
}

// Softmax over all elements of `a`, keeping all of its attributes.
#[extendr]
fn softmax_impl(a: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&a, "a", softmax_into, softmax_into)?;
    copy_all_attributes(&a, &mut out);
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

    let error = match (predictions, targets) {
        (Numeric::Double(y), Numeric::Double(t)) => cross_entropy_error_single(y, t),
        (Numeric::Double(y), Numeric::Integer(t)) => cross_entropy_error_single(y, t),
        (Numeric::Integer(y), Numeric::Double(t)) => cross_entropy_error_single(y, t),
        (Numeric::Integer(y), Numeric::Integer(t)) => cross_entropy_error_single(y, t),
    };
    Ok(Robj::from(error))
}

extendr_module! {
    mod dlscratch;
    fn sigmoid_impl;
    fn relu_impl;
    fn softmax_impl;
    fn cross_entropy_error_single_impl;
}
