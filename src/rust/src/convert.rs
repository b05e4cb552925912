//! Conversion between R objects and the kernels' slices, and the argument
//! checks that turn bad input into R errors.

use std::ffi::CStr;

use extendr_api::prelude::*;
use extendr_api::rtype_to_sxp;
use extendr_ffi::{
    R_ClassSymbol, R_DimSymbol, R_LevelsSymbol, R_NilValue, Rf_getAttrib, Rf_isFactor, Rf_isObject,
    Rf_isS4, Rf_xlength, INTEGER, R_CHAR, SEXP, STRING_ELT,
};

use crate::kernels::batch::MatrixShape;
use crate::kernels::real::{is_na_real, na_real, RealInput, NA_INTEGER};

// R API functions that extendr-ffi 0.9 does not declare. `SEXP` is an opaque
// pointer, declared in extendr-ffi the same way for R's other functions.
#[allow(improper_ctypes)]
extern "C" {
    // Returns a string's characters in UTF-8, converted from its declared
    // encoding. Raises an R error for strings declared as "bytes".
    fn Rf_translateCharUTF8(string: SEXP) -> *const std::os::raw::c_char;
    // Returns a string's declared encoding, a cetype_t.
    fn Rf_getCharCE(string: SEXP) -> std::os::raw::c_int;
}

/// The cetype_t of strings declared as raw bytes, which R will not translate.
const CE_BYTES: std::os::raw::c_int = 3;

/// An argument that failed its check; the message is the R error message.
#[derive(Debug)]
pub struct InputError(String);

impl InputError {
    pub fn new(message: String) -> InputError {
        InputError(message)
    }
}

impl From<InputError> for Robj {
    fn from(error: InputError) -> Robj {
        error.0.into()
    }
}

impl From<extendr_api::Error> for InputError {
    fn from(error: extendr_api::Error) -> InputError {
        InputError(error.to_string())
    }
}

/// The numeric data of an R vector, borrowed from R's memory without a copy.
/// Logicals are stored by R as `int`, so they are read as integers.
pub enum Numeric<'a> {
    Double(&'a [f64]),
    Integer(&'a [i32]),
}

impl Numeric<'_> {
    pub fn len(&self) -> usize {
        match self {
            Numeric::Double(values) => values.len(),
            Numeric::Integer(values) => values.len(),
        }
    }
}

/// Borrows `x` as numbers, or explains why it cannot: `x` must be a double,
/// integer or logical vector, matrix or array without a class. `arg` is the
/// argument's name in the R function.
pub fn numeric_arg<'a>(x: &'a Robj, arg: &str) -> Result<Numeric<'a>, InputError> {
    let expected = "a double, integer or logical vector, matrix or array";
    // SAFETY: `x` is a protected R object.
    let has_class = unsafe { Rf_isObject(x.get()).into() || Rf_isS4(x.get()).into() };
    if has_class {
        return Err(InputError(format!(
            "`{arg}` must be {expected} without a class attribute, not {}.",
            describe(x)
        )));
    }

    let numbers = match x.rtype() {
        Rtype::Doubles => x.as_real_slice().map(Numeric::Double),
        Rtype::Integers => x.as_integer_slice().map(Numeric::Integer),
        Rtype::Logicals => x.as_logical_slice().map(|values| {
            // SAFETY: `Rbool` is a `#[repr(transparent)]` wrapper of `i32`.
            let integers: &[i32] =
                unsafe { std::slice::from_raw_parts(values.as_ptr().cast::<i32>(), values.len()) };
            Numeric::Integer(integers)
        }),
        _ => None,
    };
    numbers.ok_or_else(|| InputError(format!("`{arg}` must be {expected}, not {}.", describe(x))))
}

/// Describes what kind of R object `x` is, for error messages: "a factor",
/// "a character vector", "NULL".
pub fn describe(x: &Robj) -> String {
    let classes = class_names(x);
    if classes.iter().any(|class| class == "data.frame") {
        return "a data frame".to_string();
    }
    if classes.iter().any(|class| class == "factor") {
        return "a factor".to_string();
    }
    if !classes.is_empty() {
        return format!("an object of class <{}>", classes.join("/"));
    }
    let kind = match x.rtype() {
        Rtype::Null => "NULL",
        Rtype::Doubles => "a double vector",
        Rtype::Integers => "an integer vector",
        Rtype::Logicals => "a logical vector",
        Rtype::Strings => "a character vector",
        Rtype::Complexes => "a complex vector",
        Rtype::Raw => "a raw vector",
        Rtype::List => "a list",
        Rtype::Expressions => "an expression vector",
        Rtype::Function | Rtype::Builtin | Rtype::Special => "a function",
        Rtype::Environment => "an environment",
        Rtype::Symbol => "a symbol",
        Rtype::Language => "a call",
        Rtype::Pairlist => "a pairlist",
        Rtype::ExternalPtr => "an external pointer",
        Rtype::S4 => "an S4 object",
        _ => "an unsupported R object",
    };
    // SAFETY: `x` is a protected R object.
    let s4 = unsafe { Rf_isS4(x.get()).into() };
    if s4 {
        format!("{kind} flagged as an S4 object")
    } else {
        kind.to_string()
    }
}

/// Returns the class attribute of `x` as UTF-8 strings, converting from the
/// strings' declared encodings; empty without a class attribute.
fn class_names(x: &Robj) -> Vec<String> {
    // SAFETY: `x` is protected, so its class attribute and that attribute's
    // strings are too. R only accepts a character vector as a class
    // attribute. Both R_CHAR() and Rf_translateCharUTF8() return
    // NUL-terminated strings that live until the .Call() returns, and bytes
    // strings, which Rf_translateCharUTF8() would raise an R error on, are
    // read as they are.
    unsafe {
        let classes = Rf_getAttrib(x.get(), R_ClassSymbol);
        if classes == R_NilValue {
            return Vec::new();
        }
        (0..Rf_xlength(classes))
            .map(|i| {
                let string = STRING_ELT(classes, i);
                let chars = if Rf_getCharCE(string) == CE_BYTES {
                    R_CHAR(string)
                } else {
                    Rf_translateCharUTF8(string)
                };
                CStr::from_ptr(chars).to_string_lossy().into_owned()
            })
            .collect()
    }
}

/// Allocates a double vector of length `len` whose elements the caller must
/// all write: R leaves a fresh vector's memory uninitialised.
pub fn alloc_doubles(len: usize) -> Robj {
    let mut out = Robj::alloc_vector(rtype_to_sxp(Rtype::Doubles), len);
    if let Some(values) = out.as_real_slice_mut() {
        advise_huge_pages(values);
    }
    out
}

/// Vectors from this size on are fresh pages from the kernel, so each first
/// write to a 4 KiB page faults. glibc's malloc takes blocks above its
/// mmap threshold (at most 32 MiB) straight from mmap.
const HUGE_PAGE_MIN_BYTES: usize = 32 << 20;

/// Asks Linux to back `values` with 2 MiB transparent huge pages, which
/// fault 512 times less often than 4 KiB pages when first written.
#[cfg(target_os = "linux")]
fn advise_huge_pages(values: &mut [f64]) {
    let bytes = std::mem::size_of_val(values);
    if bytes < HUGE_PAGE_MIN_BYTES {
        return;
    }
    const PAGE: usize = 4096;
    let start = values.as_mut_ptr() as usize;
    let aligned_start = start.next_multiple_of(PAGE);
    let length = (start + bytes - aligned_start) / PAGE * PAGE;
    // SAFETY: the range lies inside `values`, and madvise() only gives the
    // kernel a hint: it never changes the memory's contents. Failure (no
    // huge page support) leaves ordinary pages in place, so it is ignored.
    unsafe {
        libc::madvise(
            aligned_start as *mut libc::c_void,
            length,
            libc::MADV_HUGEPAGE,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_values: &mut [f64]) {}

/// A kernel that writes one double per input element, on up to the given
/// number of threads.
pub type Kernel<T> = fn(&[T], &mut [f64], usize);

/// Allocates a double vector as long as `x` and fills it with `double_kernel`
/// or `integer_kernel`, whichever reads `x`'s storage type, on up to
/// `threads` threads. `arg` is `x`'s name in the R function, for the error
/// message.
pub fn map_numeric(
    x: &Robj,
    arg: &str,
    double_kernel: Kernel<f64>,
    integer_kernel: Kernel<i32>,
    threads: usize,
) -> Result<Robj, InputError> {
    let input = numeric_arg(x, arg)?;
    let mut out = alloc_doubles(input.len());
    let out_values = out
        .as_real_slice_mut()
        .expect("a freshly allocated double vector has a double slice");
    crate::interrupt::stoppable(|| match input {
        Numeric::Double(values) => double_kernel(values, out_values, threads),
        Numeric::Integer(values) => integer_kernel(values, out_values, threads),
    })?;
    Ok(out)
}

/// Returns the shape of `x` when it is a matrix, `None` when it has no dim
/// attribute, and an error naming `arg` for arrays of other ranks.
pub fn matrix_shape(x: &Robj, arg: &str) -> Result<Option<MatrixShape>, InputError> {
    // SAFETY: `x` is protected, so is its dim attribute, which R keeps as an
    // integer vector of non-negative extents.
    unsafe {
        let dim = Rf_getAttrib(x.get(), R_DimSymbol);
        if dim == R_NilValue {
            return Ok(None);
        }
        let rank = Rf_xlength(dim);
        if rank != 2 {
            return Err(InputError::new(format!(
                "`{arg}` must be a vector or a matrix, not an array with {rank} dimension{}.",
                if rank == 1 { "" } else { "s" }
            )));
        }
        let extents = std::slice::from_raw_parts(INTEGER(dim), 2);
        Ok(Some(MatrixShape {
            rows: usize::try_from(extents[0]).unwrap_or(0),
            cols: usize::try_from(extents[1]).unwrap_or(0),
        }))
    }
}

/// Describes a matrix shape for messages: "a 3 x 10 matrix".
pub fn describe_shape(shape: MatrixShape) -> String {
    format!("a {} x {} matrix", shape.rows, shape.cols)
}

/// Reads `t` as class labels for the rows of `scores_arg`, a matrix of
/// `shape` (a vector is one row): one label per row, each a whole number
/// from 1 to `shape.cols` or `NA`. A factor's levels stand for the columns
/// by position, so it must have `shape.cols` levels. `columns` names the
/// column count in messages, such as "ncol(y)".
pub fn labels_arg(
    t: &Robj,
    shape: MatrixShape,
    scores_arg: &str,
    columns: &str,
) -> Result<Vec<i32>, InputError> {
    // SAFETY: `t` is a protected R object.
    let labels: Vec<f64> = if unsafe { Rf_isFactor(t.get()).into() } {
        // SAFETY: `t` is a protected factor: an integer vector of codes with
        // a character vector of levels.
        let levels = unsafe { Rf_xlength(Rf_getAttrib(t.get(), R_LevelsSymbol)) };
        if usize::try_from(levels).ok() != Some(shape.cols) {
            return Err(InputError::new(format!(
                "`t` is a factor with {levels} levels, but `{scores_arg}` has {} columns: the \
                 levels stand for the columns by position.",
                shape.cols
            )));
        }
        let codes = t.as_integer_slice().unwrap_or(&[]);
        codes.iter().map(|&code| code.to_real()).collect()
    } else {
        match numeric_arg(t, "t")? {
            Numeric::Integer(values) if t.rtype() == Rtype::Integers => {
                values.iter().map(|&value| value.to_real()).collect()
            }
            Numeric::Double(values) => values.to_vec(),
            _ => {
                return Err(InputError::new(
                    "`t` must be numeric class labels or targets, not a logical vector."
                        .to_string(),
                ))
            }
        }
    };

    if labels.len() != shape.rows {
        return Err(InputError::new(format!(
            "`t` must have one label per row of `{scores_arg}` ({}), not {}.",
            shape.rows,
            labels.len()
        )));
    }
    labels
        .iter()
        .enumerate()
        .map(|(i, &label)| {
            if label.is_nan() {
                Ok(NA_INTEGER)
            } else if label.fract() != 0.0 {
                Err(InputError::new(format!(
                    "`t` must hold whole-number labels, but element {} is {}.",
                    i + 1,
                    format_number(label)
                )))
            } else if label < 1.0 || label > shape.cols as f64 {
                Err(InputError::new(format!(
                    "`t` must hold labels from 1 to {columns} = {}, but element {} is {}.",
                    shape.cols,
                    i + 1,
                    format_number(label)
                )))
            } else {
                // The label is whole and at most `shape.cols`, which came from
                // an R extent (an `int`), so the cast is exact.
                Ok(label as i32)
            }
        })
        .collect()
}

/// Returns the dim attribute of `x`, or `None` when it has none.
pub fn dims(x: &Robj) -> Option<Vec<i32>> {
    // SAFETY: `x` is protected, so is its dim attribute, an integer vector.
    unsafe {
        let dim = Rf_getAttrib(x.get(), R_DimSymbol);
        if dim == R_NilValue {
            return None;
        }
        let extents = std::slice::from_raw_parts(INTEGER(dim), Rf_xlength(dim) as usize);
        Some(extents.to_vec())
    }
}

/// Describes a dim attribute for messages: "2 x 3".
pub fn describe_dims(extents: &[i32]) -> String {
    extents
        .iter()
        .map(|extent| extent.to_string())
        .collect::<Vec<_>>()
        .join(" x ")
}

/// Reads `x` as one number when it is a double or integer vector of length
/// one, and describes it otherwise, for the error message of `expected`.
pub fn single_number_arg(x: &Robj, arg: &str, expected: &str) -> Result<f64, InputError> {
    let value = match numeric_arg(x, arg) {
        Ok(Numeric::Double(&[value])) => Some(value),
        Ok(Numeric::Integer(&[value])) if x.rtype() == Rtype::Integers => {
            Some(if value == NA_INTEGER {
                na_real()
            } else {
                f64::from(value)
            })
        }
        _ => None,
    };
    value.ok_or_else(|| {
        InputError::new(format!(
            "`{arg}` must be {expected}, not {} of length {}.",
            describe(x),
            x.len()
        ))
    })
}

/// Reads a single positive finite number, or explains what `arg` was.
pub fn positive_number_arg(x: &Robj, arg: &str) -> Result<f64, InputError> {
    let expected = "a single positive finite number";
    match single_number_arg(x, arg, expected)? {
        value if value.is_finite() && value > 0.0 => Ok(value),
        value => Err(InputError::new(format!(
            "`{arg}` must be {expected}, not {}.",
            format_number(value)
        ))),
    }
}

/// Formats a double as R prints it for the special values: `NA`, `NaN`,
/// `Inf` and `-Inf`.
pub fn format_number(value: f64) -> String {
    if is_na_real(value) {
        "NA".to_string()
    } else if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "Inf" } else { "-Inf" }.to_string()
    } else {
        format!("{value}")
    }
}
