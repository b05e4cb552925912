//! R bindings of dlscratch.
//!
//! Each entry point checks and converts its R arguments (see [`convert`]),
//! runs a kernel from [`kernels`] over the borrowed data, and returns a new R
//! vector that the kernel wrote into. An `Err` reaches R as a condition object
//! of class `extendr_error`, which the R wrappers raise as an error.

use extendr_api::prelude::*;

mod attributes;
mod convert;
mod gradient;
mod interrupt;
pub mod kernels;
mod source;

use attributes::{
    copy_all_attributes, copy_arithmetic_attributes, copy_comparison_attributes,
    copy_matrix_attributes, copy_negated_logical_attributes, Operand,
};
use convert::{
    alloc_doubles, describe, describe_dims, describe_shape, dims, format_number, labels_arg,
    map_numeric, matrix_shape, numeric_arg, positive_number_arg, single_number_arg, InputError,
    Numeric,
};
use interrupt::stoppable;
use kernels::activation::{
    identity_into, relu_grad_into, relu_into, sigmoid_grad_into, sigmoid_into, softmax_into,
    step_function_into,
};
use kernels::batch::{softmax_columns_into, softmax_rows_into, MatrixShape};
use kernels::loss::{self, cross_entropy_error_single, Targets};
use kernels::parallel::{set_stop_check, set_thread_count, thread_count};
use kernels::real::RealInput;

// Sigmoid of every element of `x`, with the attributes that the twin's
// `1 / (1 + exp(-x))` keeps.
#[extendr]
fn sigmoid_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&x, "x", sigmoid_into, sigmoid_into, thread_count())?;
    copy_sigmoid_attributes(&x, &mut out);
    Ok(out)
}

// Gives `out` the attributes that `1 / (1 + exp(-x))` keeps: R's unary minus
// treats logical input differently from numbers.
fn copy_sigmoid_attributes(x: &Robj, out: &mut Robj) {
    if x.rtype() == Rtype::Logicals {
        copy_negated_logical_attributes(x, out);
    } else {
        copy_arithmetic_attributes(x, out, Operand::Second);
    }
}

// ReLU of every element of `x`, with the attributes that the twin's
// `ifelse(x > 0, x, 0)` keeps.
#[extendr]
fn relu_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&x, "x", relu_into, relu_into, thread_count())?;
    copy_comparison_attributes(&x, &mut out);
    Ok(out)
}

// Softmax over all elements of `a` when `margin` is NULL, with the attributes
// that the twin's `exp(a - max(a)) / sum(...)` keeps. Otherwise softmax over
// each row (1) or column (2) of the matrix `a`, keeping its dim and dimnames.
#[extendr]
fn softmax_impl(a: Robj, margin: Robj) -> Result<Robj, InputError> {
    let margin = margin_arg(&margin)?;
    let Some(margin) = margin else {
        let mut out = map_numeric(&a, "a", softmax_into, softmax_into, thread_count())?;
        copy_arithmetic_attributes(&a, &mut out, Operand::First);
        return Ok(out);
    };

    let input = numeric_arg(&a, "a")?;
    let Some(shape) = matrix_shape(&a, "a")? else {
        return Err(InputError::new(format!(
            "`a` must be a matrix when `margin` is {margin}, not {} of length {}.",
            describe(&a),
            input.len()
        )));
    };
    let mut out = alloc_doubles(shape.len());
    let values = out.as_real_slice_mut().expect("a double vector");
    let threads = thread_count();
    stoppable(|| match (input, margin) {
        (Numeric::Double(a), 1) => softmax_rows_into(a, values, shape, threads),
        (Numeric::Integer(a), 1) => softmax_rows_into(a, values, shape, threads),
        (Numeric::Double(a), _) => softmax_columns_into(a, values, shape, threads),
        (Numeric::Integer(a), _) => softmax_columns_into(a, values, shape, threads),
    })?;
    copy_matrix_attributes(&a, &mut out);
    Ok(out)
}

// Reads `margin`: NULL, 1 or 2.
fn margin_arg(margin: &Robj) -> Result<Option<u8>, InputError> {
    if margin.is_null() {
        return Ok(None);
    }
    let expected = "NULL, 1 (rows) or 2 (columns)";
    match single_number_arg(margin, "margin", expected)? {
        1.0 => Ok(Some(1)),
        2.0 => Ok(Some(2)),
        value => Err(InputError::new(format!(
            "`margin` must be {expected}, not {}.",
            format_number(value)
        ))),
    }
}

// `x` unchanged, as double, with all of its attributes. A double `x` is
// returned itself, as the twin returns it, which R's copy-on-modify makes
// safe; integers and logicals are converted into a new vector.
#[extendr]
fn identity_function_impl(x: Robj) -> Result<Robj, InputError> {
    if let Numeric::Double(_) = numeric_arg(&x, "x")? {
        return Ok(x);
    }
    let mut out = map_numeric(&x, "x", identity_into, identity_into, thread_count())?;
    copy_all_attributes(&x, &mut out);
    Ok(out)
}

// 1 where `x > 0`, else 0, with the attributes that the twin's
// `ifelse(x > 0, 1, 0)` keeps.
#[extendr]
fn step_function_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(
        &x,
        "x",
        step_function_into,
        step_function_into,
        thread_count(),
    )?;
    copy_comparison_attributes(&x, &mut out);
    Ok(out)
}

// The gradient of ReLU, 0 at the kink, with the attributes that the twin's
// `ifelse(x > 0, 1, 0)` keeps.
#[extendr]
fn relu_grad_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(&x, "x", relu_grad_into, relu_grad_into, thread_count())?;
    copy_comparison_attributes(&x, &mut out);
    Ok(out)
}

// The gradient of the sigmoid, with the attributes that the twin's
// `(1 - sigmoid_r(x)) * sigmoid_r(x)` keeps.
#[extendr]
fn sigmoid_grad_impl(x: Robj) -> Result<Robj, InputError> {
    let mut out = map_numeric(
        &x,
        "x",
        sigmoid_grad_into,
        sigmoid_grad_into,
        thread_count(),
    )?;
    copy_sigmoid_attributes(&x, &mut out);
    Ok(out)
}

// Cross-entropy error of predictions `y` against targets `t` of equal length.
#[extendr]
fn cross_entropy_error_single_impl(y: Robj, t: Robj) -> Result<Robj, InputError> {
    let (predictions, targets) = equal_length_args(&y, &t)?;
    let threads = thread_count();
    let error = stoppable(|| match (predictions, targets) {
        (Numeric::Double(y), Numeric::Double(t)) => cross_entropy_error_single(y, t, threads),
        (Numeric::Double(y), Numeric::Integer(t)) => cross_entropy_error_single(y, t, threads),
        (Numeric::Integer(y), Numeric::Double(t)) => cross_entropy_error_single(y, t, threads),
        (Numeric::Integer(y), Numeric::Integer(t)) => cross_entropy_error_single(y, t, threads),
    })?;
    Ok(Robj::from(error))
}

// Sum of squared errors of predictions `y` against targets `t` of equal length.
#[extendr]
fn sum_squared_error_impl(y: Robj, t: Robj) -> Result<Robj, InputError> {
    let (predictions, targets) = equal_length_args(&y, &t)?;
    let error = stoppable(|| match (predictions, targets) {
        (Numeric::Double(y), Numeric::Double(t)) => loss::sum_squared_error(y, t),
        (Numeric::Double(y), Numeric::Integer(t)) => loss::sum_squared_error(y, t),
        (Numeric::Integer(y), Numeric::Double(t)) => loss::sum_squared_error(y, t),
        (Numeric::Integer(y), Numeric::Integer(t)) => loss::sum_squared_error(y, t),
    })?;
    Ok(Robj::from(error))
}

// Reads `y` and `t` as numbers of the same length, and of the same dim when
// both have one.
fn equal_length_args<'a>(
    y: &'a Robj,
    t: &'a Robj,
) -> Result<(Numeric<'a>, Numeric<'a>), InputError> {
    let predictions = numeric_arg(y, "y")?;
    let targets = numeric_arg(t, "t")?;
    if predictions.len() != targets.len() {
        return Err(InputError::new(format!(
            "`t` must have the same length as `y` ({}), not {}.",
            predictions.len(),
            targets.len()
        )));
    }
    if let (Some(y_dims), Some(t_dims)) = (dims(y), dims(t)) {
        if y_dims != t_dims {
            return Err(InputError::new(format!(
                "`t` must have the same dim as `y` ({}), not {}.",
                describe_dims(&y_dims),
                describe_dims(&t_dims)
            )));
        }
    }
    Ok((predictions, targets))
}

// Batch cross-entropy error of predictions `y` (a vector for one sample, or a
// matrix with one sample per row) against targets `t`.
#[extendr]
fn cross_entropy_error_impl(y: Robj, t: Robj) -> Result<Robj, InputError> {
    batch_loss::<CrossEntropyError>(&y, "y", &t)
}

// Softmax loss of scores `x` (a vector for one sample, or a matrix with one
// sample per row) against targets `t`.
#[extendr]
fn softmax_loss_impl(x: Robj, t: Robj) -> Result<Robj, InputError> {
    batch_loss::<SoftmaxLoss>(&x, "x", &t)
}

// A loss over a batch of samples, generic over the storage types of the
// scores and of dense targets.
trait BatchLoss {
    fn compute<T: RealInput, U: RealInput>(
        scores: &[T],
        shape: MatrixShape,
        targets: Targets<U>,
        threads: usize,
    ) -> f64;
}

struct CrossEntropyError;
struct SoftmaxLoss;

impl BatchLoss for CrossEntropyError {
    fn compute<T: RealInput, U: RealInput>(
        y: &[T],
        shape: MatrixShape,
        targets: Targets<U>,
        threads: usize,
    ) -> f64 {
        loss::cross_entropy_error(y, shape, targets, threads)
    }
}

impl BatchLoss for SoftmaxLoss {
    fn compute<T: RealInput, U: RealInput>(
        x: &[T],
        shape: MatrixShape,
        targets: Targets<U>,
        threads: usize,
    ) -> f64 {
        loss::softmax_loss(x, shape, targets, threads)
    }
}

// Reads `scores` as a matrix (a vector is one row) and `t` as targets of the
// same shape or as one class label per row, then computes the loss `L`.
fn batch_loss<L: BatchLoss>(scores: &Robj, arg: &str, t: &Robj) -> Result<Robj, InputError> {
    let values = numeric_arg(scores, arg)?;
    let scores_shape = matrix_shape(scores, arg)?;
    let shape = scores_shape.unwrap_or(MatrixShape {
        rows: 1,
        cols: values.len(),
    });
    // `t` is read as targets of the same shape as the scores, or as one
    // label per row: a vector, or a matrix or array with a single column or
    // row.
    let t_dims = dims(t);
    let same_shape = match (&scores_shape, &t_dims) {
        (Some(scores_shape), Some(t_dims)) => {
            t_dims[..] == [scores_shape.rows as i32, scores_shape.cols as i32]
        }
        (None, None) => !is_factor(t) && t.len() == shape.len(),
        _ => false,
    };
    let label_shaped = t_dims.as_ref().map_or(true, |extents| {
        extents.iter().filter(|&&extent| extent != 1).count() <= 1
    });
    if !same_shape && !label_shaped {
        let expected = match scores_shape {
            Some(shape) => describe_shape(shape),
            None => format!("a vector of length {}", shape.len()),
        };
        return Err(InputError::new(format!(
            "`t` must have the same shape as `{arg}` ({expected}) or be one class label per \
             row, not {}.",
            describe_array(t_dims.as_deref().unwrap_or_default())
        )));
    }

    let threads = thread_count();
    let loss = if same_shape {
        let targets = numeric_arg(t, "t")?;
        stoppable(|| match (values, targets) {
            (Numeric::Double(v), Numeric::Double(t)) => {
                L::compute(v, shape, Targets::Dense(t), threads)
            }
            (Numeric::Double(v), Numeric::Integer(t)) => {
                L::compute(v, shape, Targets::Dense(t), threads)
            }
            (Numeric::Integer(v), Numeric::Double(t)) => {
                L::compute(v, shape, Targets::Dense(t), threads)
            }
            (Numeric::Integer(v), Numeric::Integer(t)) => {
                L::compute(v, shape, Targets::Dense(t), threads)
            }
        })?
    } else {
        let columns = match scores_shape {
            Some(_) => format!("ncol({arg})"),
            None => format!("length({arg})"),
        };
        let labels = labels_arg(t, shape, arg, &columns)?;
        let targets = Targets::<f64>::Labels(&labels);
        stoppable(|| match values {
            Numeric::Double(v) => L::compute(v, shape, targets, threads),
            Numeric::Integer(v) => L::compute(v, shape, targets, threads),
        })?
    };
    Ok(Robj::from(loss))
}

// Describes an array by its dim for messages: "a 2 x 3 matrix".
fn describe_array(extents: &[i32]) -> String {
    if extents.len() == 2 {
        format!("a {} matrix", describe_dims(extents))
    } else {
        format!("an array of dim {}", describe_dims(extents))
    }
}

fn is_factor(x: &Robj) -> bool {
    // SAFETY: `x` is a protected R object.
    unsafe { extendr_ffi::Rf_isFactor(x.get()).into() }
}

// Lets R stop long computations through interrupts and time limits; the
// package's .onLoad() calls it.
#[extendr]
fn enable_interrupts_impl() {
    set_stop_check(interrupt::r_stop_requested);
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

// Numerical gradient of the R function `f` at `x` by central differences
// with step `h`.
#[extendr]
fn numerical_gradient_impl(f: Robj, x: Robj, h: Robj) -> Result<Robj, InputError> {
    let step = positive_number_arg(&h, "h")?;
    gradient::numerical_gradient(&f, &x, step)
}

// The Rust source of the function `name`, as compiled into this library.
#[extendr]
fn rust_source_impl(name: &str) -> Result<Robj, InputError> {
    source::function_source(name)
        .map(Robj::from)
        .ok_or_else(|| InputError::new(format!("No Rust function is named `{name}`.")))
}

// Panics inside a worker thread, for the tests that prove a Rust panic
// becomes an R error and leaves the session usable. Not exported.
#[extendr]
fn panic_for_test_impl() -> Result<Robj, InputError> {
    let input = vec![0.0; 4 * kernels::parallel::PARALLEL_MIN_LEN];
    let mut out = vec![0.0; input.len()];
    kernels::parallel::map_chunks(&input, &mut out, 2, |_, _| {
        panic!("deliberate panic in a worker thread");
    });
    Ok(Robj::from(out[0]))
}

extendr_module! {
    mod dlscratch;
    fn panic_for_test_impl;
    fn rust_source_impl;
    fn identity_function_impl;
    fn step_function_impl;
    fn sigmoid_impl;
    fn sigmoid_grad_impl;
    fn relu_impl;
    fn relu_grad_impl;
    fn softmax_impl;
    fn cross_entropy_error_single_impl;
    fn sum_squared_error_impl;
    fn cross_entropy_error_impl;
    fn softmax_loss_impl;
    fn numerical_gradient_impl;
    fn enable_interrupts_impl;
    fn set_thread_count_impl;
    fn thread_count_impl;
    fn available_cores_impl;
}
