/// Counts live bytes per thread, so `guanxi serve` can stop a query past its memory budget.
#[global_allocator]
static ALLOCATOR: guanxi::serve::limits::CountingAllocator = guanxi::serve::limits::CountingAllocator;

fn main() {
    // a reader that closes the pipe early (`guanxi show X | head`) ends the process like any
    // Unix tool, instead of a write error or a panic in print!
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default action has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(guanxi::cli::main());
}
