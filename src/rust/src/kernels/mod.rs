//! Numeric kernels: plain functions over slices, with no R types.
//!
//! Each kernel follows the arithmetic of its R twin step by step (same
//! operations, same order, same C library calls), so that elementwise results
//! are bitwise equal to R's. Sums repeat R's extended-precision `sum()` where
//! the processor has it (x86_64), and fall back to a compensated sum
//! elsewhere.

pub mod activation;
pub mod batch;
pub mod loss;
pub mod parallel;
pub mod real;
pub mod sum;
