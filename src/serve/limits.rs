//! Per-query limits, so that no query can take the server down: a deadline and a memory budget,
//! both enforced by cancelling Oxigraph's evaluation (its `CancellationToken` is checked on every
//! quad the evaluator reads), and checked again between result rows.
//!
//! Memory is measured by [`CountingAllocator`], the binary's global allocator: it counts, per
//! thread, the bytes the thread allocated and not yet freed. A worker arms the meter before it
//! evaluates a query ([`Meter::arm`]); when the thread's live bytes pass the budget the allocator
//! raises the query's flag (it never fails an allocation, which would abort the process), and the
//! [`Watchdog`] thread cancels the evaluation within milliseconds. An unbounded `ORDER BY` over a
//! cross product thus stops after about its budget, instead of holding its whole input in memory.

use oxigraph::sparql::CancellationToken;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// The system allocator, counting live bytes per thread.
pub struct CountingAllocator;

/// Whether the counting allocator is the global allocator (set on its first allocation).
static INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Bytes allocated minus bytes freed by this thread since the meter was armed.
    static USED: Cell<isize> = const { Cell::new(0) };
    /// The armed budget in bytes (0: none).
    static BUDGET: Cell<isize> = const { Cell::new(0) };
    /// The flag to raise when the budget is passed (null: none). Points into an `Arc` the armed
    /// [`Meter`] keeps alive.
    static OVER: Cell<*const AtomicBool> = const { Cell::new(std::ptr::null()) };
}

#[inline]
fn account(delta: isize) {
    // `try_with`: while a thread is being torn down its slots may be gone
    let _ = USED.try_with(|used| {
        let now = used.get().wrapping_add(delta);
        used.set(now);
        if delta > 0 {
            let budget = BUDGET.try_with(Cell::get).unwrap_or(0);
            if budget > 0 && now > budget {
                let flag = OVER.try_with(Cell::get).unwrap_or(std::ptr::null());
                if !flag.is_null() {
                    // SAFETY: the pointer is set by `Meter::arm` from an `Arc` the meter holds
                    // and cleared by the meter's `Drop` on this same thread before it lets go.
                    unsafe { (*flag).store(true, Ordering::Relaxed) };
                }
            }
        }
    });
}

// SAFETY: every method forwards to the system allocator unchanged; the counting touches only
// constant-initialized thread-locals without destructors, so it never allocates or unwinds.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            if !INSTALLED.load(Ordering::Relaxed) {
                INSTALLED.store(true, Ordering::Relaxed);
            }
            account(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) };
        account(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            account(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// Query threads that passed their limits and were answered for, still finishing alone.
static ABANDONED: AtomicUsize = AtomicUsize::new(0);

pub fn abandoned_started() {
    ABANDONED.fetch_add(1, Ordering::SeqCst);
}

pub fn abandoned_finished() {
    let _ = ABANDONED.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
}

/// A 503 while twice as many stopped queries are still finishing as there are workers: their
/// threads and memory stay bounded (a sort already under way when a query is stopped runs to
/// its end, within the query's memory budget).
pub fn refuse_while_abandoned(workers: usize) -> Option<super::http::Reply> {
    let n = ABANDONED.load(Ordering::SeqCst);
    (n >= 2 * workers.max(1)).then(|| {
        super::http::Reply::text(
            503,
            format!("{n} stopped queries are still finishing; retry in a moment"),
        )
        .header("Retry-After", "5")
    })
}

/// Whether memory budgets are enforced (the binary installs [`CountingAllocator`]).
pub fn memory_metered() -> bool {
    INSTALLED.load(Ordering::Relaxed)
}

/// One running query's limits and what stopped it.
pub struct Running {
    pub token: CancellationToken,
    deadline: Instant,
    over_memory: Arc<AtomicBool>,
    timed_out: AtomicBool,
}

/// Why a query was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Timeout,
    Memory,
}

impl Running {
    /// The reason the query must stop now, if any (checked between result rows too).
    pub fn stopped(&self) -> Option<Stop> {
        if self.over_memory.load(Ordering::Relaxed) {
            return Some(Stop::Memory);
        }
        if self.timed_out.load(Ordering::Relaxed) || Instant::now() >= self.deadline {
            return Some(Stop::Timeout);
        }
        None
    }
}

/// Arms the memory meter of the current thread for one query; disarms on drop.
pub struct Meter {
    _flag: Arc<AtomicBool>,
}

impl Meter {
    pub fn arm(running: &Running, budget: usize) -> Self {
        let flag = running.over_memory.clone();
        USED.with(|u| u.set(0));
        OVER.with(|o| o.set(Arc::as_ptr(&flag)));
        BUDGET.with(|b| b.set(budget.min(isize::MAX as usize) as isize));
        Meter { _flag: flag }
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        BUDGET.with(|b| b.set(0));
        OVER.with(|o| o.set(std::ptr::null()));
    }
}

/// Cancels queries past their deadline or budget, from one thread polling every few milliseconds.
#[derive(Default)]
pub struct Watchdog {
    running: Mutex<Vec<Weak<Running>>>,
}

impl Watchdog {
    /// Starts the polling thread.
    pub fn start() -> Arc<Self> {
        let w = Arc::new(Self::default());
        let weak = Arc::downgrade(&w);
        std::thread::Builder::new()
            .name("guanxi-watchdog".into())
            .spawn(move || {
                while let Some(w) = weak.upgrade() {
                    w.tick();
                    drop(w);
                    std::thread::sleep(Duration::from_millis(5));
                }
            })
            .expect("spawn the watchdog thread");
        w
    }

    /// Registers a query with its time limit.
    pub fn watch(&self, timeout: Duration) -> Arc<Running> {
        let r = Arc::new(Running {
            token: CancellationToken::new(),
            deadline: Instant::now() + timeout,
            over_memory: Arc::new(AtomicBool::new(false)),
            timed_out: AtomicBool::new(false),
        });
        if let Ok(mut list) = self.running.lock() {
            list.push(Arc::downgrade(&r));
        }
        r
    }

    /// Cancels every running query (the server is stopping).
    pub fn cancel_all(&self) {
        if let Ok(list) = self.running.lock() {
            for r in list.iter().filter_map(Weak::upgrade) {
                r.timed_out.store(true, Ordering::Relaxed);
                r.token.cancel();
            }
        }
    }

    fn tick(&self) {
        let now = Instant::now();
        let Ok(mut list) = self.running.lock() else { return };
        list.retain(|w| {
            let Some(r) = w.upgrade() else { return false };
            if now >= r.deadline && !r.token.is_cancelled() {
                r.timed_out.store(true, Ordering::Relaxed);
                r.token.cancel();
                if std::env::var_os("GUANXI_DEBUG").is_some() {
                    eprintln!("watchdog: cancelled a query past its deadline");
                }
            }
            if r.over_memory.load(Ordering::Relaxed) && !r.token.is_cancelled() {
                r.token.cancel();
                if std::env::var_os("GUANXI_DEBUG").is_some() {
                    eprintln!("watchdog: cancelled a query over its memory budget");
                }
            }
            true
        });
    }
}
