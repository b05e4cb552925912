//! Lets R stop a long computation. The kernels run [`r_stop_requested`]
//! between chunks on the thread that called into Rust, which is R's thread,
//! and unwind with [`Stopped`] when it returns true.

use std::ffi::{c_void, CStr};
use std::os::raw::c_char;
use std::sync::Mutex;

use extendr_ffi::Rboolean;

use crate::convert::InputError;
use crate::kernels::parallel::Stopped;

// R API functions that extendr-ffi 0.9 does not declare.
extern "C" {
    // Runs `fun(data)` in a new top-level context: an R error or interrupt
    // inside ends there, instead of jumping over the caller's frames.
    // Returns FALSE when that happened.
    fn R_ToplevelExec(
        fun: Option<unsafe extern "C" fn(*mut c_void)>,
        data: *mut c_void,
    ) -> Rboolean;
    // Raises R's interrupt when the user pressed Ctrl-C, and R's error when
    // a limit set by setTimeLimit() has passed.
    fn R_CheckUserInterrupt();
    // The message of the last R error.
    fn R_curErrorBuf() -> *const c_char;
}

/// Why the last stopped computation stopped, as an R error message.
static STOP_REASON: Mutex<Option<String>> = Mutex::new(None);

unsafe extern "C" fn check_user_interrupt(_: *mut c_void) {
    R_CheckUserInterrupt();
}

/// Returns whether R wants the running computation to stop: the user
/// pressed Ctrl-C, or a time limit from setTimeLimit() has passed.
///
/// R's check raises an R error or an interrupt, which R_ToplevelExec()
/// catches, so R's longjmp never crosses a Rust frame. R's option
/// `show.error.messages` is off during the check, so that R does not print
/// the error that the package then raises itself.
pub fn r_stop_requested() -> bool {
    let quiet =
        extendr_api::eval_string("options(show.error.messages = FALSE)[[\"show.error.messages\"]]");
    // SAFETY: runs on R's thread (the kernels call it only from the thread
    // that called into Rust), and R_curErrorBuf() is a NUL-terminated buffer
    // that R keeps.
    let stopped = unsafe {
        let message_before = CStr::from_ptr(R_curErrorBuf()).to_owned();
        let finished = R_ToplevelExec(Some(check_user_interrupt), std::ptr::null_mut());
        if finished != Rboolean::FALSE {
            None
        } else {
            let message = CStr::from_ptr(R_curErrorBuf())
                .to_string_lossy()
                .trim()
                .to_string();
            // An interrupt leaves the message of the last error in place. A
            // time limit sets the same message each time it strikes.
            let error =
                message.as_bytes() != message_before.to_bytes() || message.contains("time limit");
            Some(if error {
                // R reports the limit as an error in the internal .Call(),
                // as "Error in <call> : reached elapsed time limit", with a
                // line break after the colon when the call is long.
                let text = message
                    .rsplit_once(" : ")
                    .map_or(message.as_str(), |(_, text)| text);
                text.trim().to_string()
            } else {
                "interrupted by the user".to_string()
            })
        }
    };
    if let Ok(previous) = quiet {
        let messages_shown = previous.as_bool().unwrap_or(true);
        let restore = format!(
            "invisible(options(show.error.messages = {}))",
            if messages_shown { "TRUE" } else { "FALSE" }
        );
        // Setting back a logical option that was just read does not fail, and
        // there is nothing else to do if it did.
        let _ = extendr_api::eval_string(&restore);
    }
    match stopped {
        None => false,
        Some(reason) => {
            *STOP_REASON
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(reason);
            true
        }
    }
}

/// Runs `compute`, and turns its unwinding with [`Stopped`] into an error
/// that gives the reason for the stop. Any other panic goes on unwinding.
pub fn stoppable<T>(compute: impl FnOnce() -> T) -> Result<T, InputError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(compute)) {
        Ok(value) => Ok(value),
        Err(payload) if payload.is::<Stopped>() => {
            let reason = STOP_REASON
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take()
                .unwrap_or_else(|| "interrupted".to_string());
            Err(InputError::new(reason))
        }
        Err(payload) => std::panic::resume_unwind(payload),
    }
}
