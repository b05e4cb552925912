//! Numeric kernels: plain functions over slices, with no R types.
//!
//! Each kernel follows the arithmetic of its R twin step by step (same
//! operations, same order, same C library calls), so that elementwise results
//! are bitwise equal to R's. The reductions replace R's long-double sum with a
//! compensated sum, which lands within an ulp or two of it.

pub mod activation;
pub mod loss;
pub mod real;
pub mod sum;
