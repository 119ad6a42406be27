//! The workbook reader (calamine) panics on some damaged files instead of returning an error:
//! fuzzing found an XLSX whose parts, renamed, sent it to its XLSB styles reader, which indexed
//! past the end of a record. Its calls run inside [`guarded`], which turns such a panic into an
//! error naming the file, and keeps the panic message off the terminal. A panic anywhere else
//! still reaches the previous panic hook (a bug of ours stays loud, and the fuzzer still sees it).

use std::cell::Cell;
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`guarded`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Runs `f`; a panic inside it is returned as Err with its message, not printed.
pub(super) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info)
            }
        }));
    });
    let outer = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|p| {
        (p.downcast_ref::<&str>().map(|s| s.to_string()))
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into())
    })
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_panic_inside_is_an_error_and_outside_still_a_panic() {
        assert_eq!(guarded(|| 2 + 2), Ok(4));
        let v: Vec<u8> = Vec::new();
        let i = v.len() + 3;
        let err = guarded(|| v[i]).unwrap_err();
        assert_eq!(err, "index out of bounds: the len is 0 but the index is 3");
        assert_eq!(
            guarded(|| -> u8 { panic!("own {}", 7) }).unwrap_err(),
            "own 7"
        );
        // Outside a guard, panics unwind as before.
        assert!(std::panic::catch_unwind(|| -> u8 { panic!("loud") }).is_err());
    }
}
