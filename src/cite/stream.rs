//! Proving a source's quotes while its text is read, a piece at a time.
//!
//! A check that passes needs only to know that every quote occurs, so the
//! text need never be held whole: each piece read is checked as UTF-8,
//! normalized where it lies ([`normalize_slice`]) and searched
//! ([`Search`], prepared once per source), keeping from one piece to the
//! next only the last bytes of normalized text a quote could still run
//! across, and the few bytes of a character or word the piece cut. A text
//! of two pieces or more whose hash is not pinned is read as two halves at
//! once, on two threads, each searched on its own; a quote that runs
//! across the place they meet is looked for in the end of the first half's
//! normalized text joined to the start of the second's.
//!
//! Invariants: the answer is `true` only when the text is UTF-8, within its
//! limit, in NFC where it matters, matches its pinned hash, and holds every
//! quote; anything else (even a read error) answers `false`, and the caller
//! reads the whole text and reports the usual way, so the problems shown
//! never depend on this module. A piece, and the text between the halves,
//! is cut only after six ASCII letters or digits, where normalizing it
//! alone gives what normalizing the whole text gives there.

use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

use sha2::{Digest, Sha256};

use super::search::Search;
use super::text::{normalize_quote, normalize_slice};

/// How many bytes are read at a time.
const PIECE: usize = 1 << 20;

/// How far past the middle of a text its two halves may meet: where the
/// text first has six ASCII letters or digits in a row.
const MEET_WITHIN: usize = 1 << 16;

/// A thread kept waiting to read the second half of long texts.
///
/// Made before the work it helps with (`check` makes it before reading
/// the quiz): a thread spawned when a text is split starts 2–4 ms late on
/// a 2-core machine (it is placed on the busy core first), while one
/// already waiting is woken in tens of microseconds.
pub struct Helper {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

type Job = Box<dyn FnOnce() + Send>;

impl Helper {
    /// Starts the thread (when it cannot be started, the work is done on
    /// the caller's thread instead).
    pub fn new() -> Helper {
        let (jobs, waiting) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("second half".to_owned())
            .spawn(move || {
                for job in waiting {
                    job();
                }
            })
            .ok();
        Helper {
            jobs: thread.as_ref().map(|_| jobs),
            thread,
        }
    }

    /// Runs `work` on the thread; its result arrives on the receiver
    /// (never, if the thread has died: the caller then answers `false`).
    /// The work comes back when there is no thread.
    fn run<T: Send + 'static, W: FnOnce() -> T + Send + 'static>(
        &self,
        work: W,
    ) -> Result<mpsc::Receiver<T>, W> {
        let Some(jobs) = &self.jobs else {
            return Err(work);
        };
        let (done, result) = mpsc::channel();
        let _ = jobs.send(Box::new(move || {
            let _ = done.send(work());
        }));
        Ok(result)
    }
}

impl Default for Helper {
    fn default() -> Self {
        Helper::new()
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Whether every one of `quotes` occurs in the text of a file, which must
/// be no longer than `limit` bytes and, when `pinned` is given, have that
/// sha256 (hexadecimal, any case). `first` reads the file from its start;
/// `second`, called only for a long text, opens it again for its second
/// half, which `helper` reads.
pub(super) fn proves<R: Read + Seek + Send + 'static>(
    quotes: &[&str],
    pinned: Option<&str>,
    limit: u64,
    (first, second): (R, impl FnOnce() -> Option<R>),
    helper: &Helper,
) -> bool {
    proves_in_pieces(quotes, pinned, limit, (first, second), helper, PIECE)
}

/// [`proves`] reading `piece` bytes at a time (and in two halves from two
/// pieces on).
fn proves_in_pieces<R: Read + Seek + Send + 'static>(
    quotes: &[&str],
    pinned: Option<&str>,
    limit: u64,
    (mut first, second): (R, impl FnOnce() -> Option<R>),
    helper: &Helper,
    piece: usize,
) -> bool {
    let patterns: Vec<String> = quotes.iter().map(|q| normalize_quote(q)).collect();
    if patterns.iter().any(String::is_empty) {
        return false;
    }
    let search = Search::new(&patterns);
    let context = patterns.iter().map(String::len).max().unwrap_or(0);
    let Ok(len) = first.seek(SeekFrom::End(0)).and_then(|len| {
        first.seek(SeekFrom::Start(0))?;
        Ok(len)
    }) else {
        return false;
    };
    if len > limit {
        return false;
    }
    let halves = if pinned.is_none() && len >= 2 * piece as u64 {
        second().and_then(|mut second| {
            let meet = meeting_point(&mut second, len / 2)?;
            Some((meet, second))
        })
    } else {
        None
    };
    let Some((meet, second)) = halves else {
        let mut hasher = pinned.map(|_| Sha256::new());
        let Some(whole) =
            search_pieces(&search, context, first, limit, piece, hasher.as_mut(), &[])
        else {
            return false;
        };
        let hash_matches = match (pinned, hasher) {
            (Some(pinned), Some(hasher)) => {
                pinned.eq_ignore_ascii_case(&crate::digest::hex(&hasher.finalize()))
            }
            _ => true,
        };
        return hash_matches && whole.found.iter().all(Option::is_some);
    };
    // What either half found, so the other stops looking for it.
    let either: Arc<[AtomicBool]> = patterns.iter().map(|_| AtomicBool::new(false)).collect();
    let later = {
        let (patterns, either) = (patterns.clone(), Arc::clone(&either));
        move || {
            let search = Search::new(&patterns);
            search_pieces(&search, context, second, limit - meet, piece, None, &either)
        }
    };
    let later = helper.run(later);
    let a = search_pieces(
        &search,
        context,
        first.take(meet),
        meet,
        piece,
        None,
        &either,
    );
    // Without the thread, the second half is read after the first.
    let b = match later {
        Ok(result) => result.recv().ok().flatten(),
        Err(work) => work(),
    };
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    if a.read != meet {
        return false;
    }
    let mut found: Vec<Option<Range<usize>>> = a
        .found
        .into_iter()
        .zip(b.found)
        .map(|(a, b)| a.or(b))
        .collect();
    if found.iter().any(Option::is_none) {
        let mut across = a.tail;
        across.extend_from_slice(&b.head);
        search.find(&across, &mut found);
    }
    found.iter().all(Option::is_some)
}

/// Where the two halves of a text meet: the first place at or after
/// `middle` (within [`MEET_WITHIN`] bytes) where a piece may be cut, with
/// `reader` left there. `None` when there is none, or on a read error.
fn meeting_point(reader: &mut (impl Read + Seek), middle: u64) -> Option<u64> {
    // A place to cut follows five letters or digits and starts a sixth.
    let from = middle.checked_sub(5)?;
    reader.seek(SeekFrom::Start(from)).ok()?;
    let mut window = Vec::with_capacity(MEET_WITHIN);
    reader
        .by_ref()
        .take(MEET_WITHIN as u64)
        .read_to_end(&mut window)
        .ok()?;
    let run = window
        .windows(6)
        .position(|w| w.iter().all(u8::is_ascii_alphanumeric))?;
    let meet = from + run as u64 + 5;
    reader.seek(SeekFrom::Start(meet)).ok()?;
    Some(meet)
}

/// What searching a text (or one half of it) found.
struct Searched {
    /// For each pattern, where it first occurs in the normalized text
    /// (`0..0` for one the other half found first).
    found: Vec<Option<Range<usize>>>,
    /// How many bytes were read.
    read: u64,
    /// The first and last bytes of the normalized text, as many as the
    /// longest pattern (all of it when shorter).
    head: Vec<u8>,
    tail: Vec<u8>,
}

/// Reads, checks, normalizes and searches what `reader` gives, `piece`
/// bytes at a time; `None` when it is more than `limit` bytes, not UTF-8
/// or possibly not NFC, or cannot be read. `either` (one flag per pattern,
/// or none) is shared with the other half: what one finds, the other no
/// longer looks for.
fn search_pieces(
    search: &Search<'_>,
    context: usize,
    mut reader: impl Read,
    limit: u64,
    piece: usize,
    mut hasher: Option<&mut Sha256>,
    either: &[AtomicBool],
) -> Option<Searched> {
    let mut found = search.nothing_found();
    let mut head = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(context + piece);
    // `buf[..done]` is normalized text already searched (kept for a quote
    // that runs across into the next piece); the rest is as read.
    let mut done = 0;
    let mut total: u64 = 0;
    loop {
        let want = done + piece - buf.len();
        let before = buf.len();
        let n = reader
            .by_ref()
            .take(want as u64)
            .read_to_end(&mut buf)
            .ok()?;
        let end = n < want;
        total += n as u64;
        if total > limit {
            return None;
        }
        if let Some(hasher) = hasher.as_mut() {
            hasher.update(&buf[before..]);
        }
        // SIMD validation: several times fewer instructions than std's
        // on a text with an accented letter every few words.
        let valid = match simdutf8::compat::from_utf8(&buf[done..]) {
            Ok(_) => buf.len() - done,
            Err(e) if e.error_len().is_none() && !end => e.valid_up_to(),
            Err(_) => return None,
        };
        let cut = if end {
            buf.len()
        } else {
            done + cut_point(&buf[done..done + valid])?
        };
        let written = normalize_slice(&mut buf[done..cut])?;
        let searched = done + written;
        let rest = buf.len() - cut;
        buf.copy_within(cut.., searched);
        buf.truncate(searched + rest);
        if head.len() < context {
            let more = (context - head.len()).min(written);
            head.extend_from_slice(&buf[done..done + more]);
        }
        for (slot, flag) in found.iter_mut().zip(either) {
            if slot.is_none() && flag.load(Ordering::Relaxed) {
                *slot = Some(0..0);
            }
        }
        search.find(&buf[..searched], &mut found);
        for (slot, flag) in found.iter().zip(either) {
            if slot.is_some() {
                flag.store(true, Ordering::Relaxed);
            }
        }
        let keep = context.min(searched);
        if end {
            return Some(Searched {
                found,
                read: total,
                head,
                tail: buf[searched - keep..searched].to_vec(),
            });
        }
        buf.copy_within(searched - keep.., 0);
        buf.truncate(keep + rest);
        done = keep;
    }
}

/// Where `raw` (UTF-8) may be cut: the last place that follows five ASCII
/// letters or digits and starts a sixth, so no run of whitespace, folded
/// character or combining sequence is cut, and the character before each
/// combining mark and the four after it stay in one piece.
fn cut_point(raw: &[u8]) -> Option<usize> {
    let mut run = 0;
    for (i, b) in raw.iter().enumerate().rev() {
        if b.is_ascii_alphanumeric() {
            run += 1;
            if run == 6 {
                return Some(i + 5);
            }
        } else {
            run = 0;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;
    use std::sync::atomic::AtomicU64;

    /// [`proves_in_pieces`] over bytes in memory.
    fn proves_text(
        quotes: &[&str],
        pinned: Option<&str>,
        limit: u64,
        text: &[u8],
        piece: usize,
    ) -> bool {
        proves_in_pieces(
            quotes,
            pinned,
            limit,
            (Cursor::new(text.to_vec()), || {
                Some(Cursor::new(text.to_vec()))
            }),
            &Helper::new(),
            piece,
        )
    }

    /// A helper whose thread could not be started.
    fn no_thread() -> Helper {
        Helper {
            jobs: None,
            thread: None,
        }
    }

    /// A text with curly quotes, a dash, runs of whitespace and a composed
    /// letter, long enough to be read in many pieces (each line has a place
    /// to cut in every 64 bytes).
    fn text() -> String {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!(
                "Line {i}: He said \u{201c}wait\u{201d} \u{2014} the caf\u{e9}  opening\n\tat nine{i}. "
            ));
        }
        text
    }

    #[test]
    fn cuts_after_five_ascii_letters_or_digits() {
        assert_eq!(cut_point(b"ab cdefgh"), Some(8));
        assert_eq!(cut_point(b"abcdef ghi"), Some(5));
        assert_eq!(cut_point(b"abcde fgh"), None);
        assert_eq!(cut_point("\u{e9}\u{e9}\u{e9}".as_bytes()), None);
    }

    #[test]
    fn quotes_are_found_across_the_pieces() {
        let text = text();
        let quotes = [
            "He said \"wait\" - the caf\u{e9} opening at nine0.",
            "opening at nine39.",
            "Line 17: He said",
            "nine21. Line 22",
        ];
        for piece in [64, 65, 100, 1000, 1 << 20] {
            assert!(
                proves_text(&quotes, None, 1 << 20, text.as_bytes(), piece),
                "{piece}"
            );
            assert!(
                !proves_text(
                    &["opening at nine40."],
                    None,
                    1 << 20,
                    text.as_bytes(),
                    piece
                ),
                "{piece}"
            );
        }
    }

    #[test]
    fn anything_unusual_is_left_to_the_full_check() {
        let text = text();
        let quotes = ["Line 3"];
        let big = text.len() as u64;
        assert!(proves_text(&quotes, None, big, text.as_bytes(), 64));
        // Over the limit.
        assert!(!proves_text(&quotes, None, big - 1, text.as_bytes(), 64));
        // Not UTF-8, even after every quote was found.
        let mut bad = text.clone().into_bytes();
        bad.push(0xff);
        assert!(!proves_text(&quotes, None, 1 << 20, &bad[..], 64));
        // A decomposed letter (possibly not NFC).
        let decomposed = format!("{text}cafe\u{301} ok");
        assert!(!proves_text(
            &quotes,
            None,
            1 << 20,
            decomposed.as_bytes(),
            64
        ));
        // A quote that normalizes to nothing.
        assert!(!proves_text(&[""], None, 1 << 20, text.as_bytes(), 64));
        // A text that ends within a character (the first of é's two
        // bytes), read here on this thread.
        let mut cut = text.clone().into_bytes();
        cut.push(0xc3);
        assert!(!proves_in_pieces(
            &quotes,
            None,
            1 << 20,
            (Cursor::new(cut.clone()), || Some(Cursor::new(cut))),
            &no_thread(),
            64
        ));
    }

    /// A reader that cannot seek.
    struct Unseekable(Cursor<Vec<u8>>);

    impl Read for Unseekable {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(buf)
        }
    }

    impl Seek for Unseekable {
        fn seek(&mut self, _: SeekFrom) -> std::io::Result<u64> {
            Err(std::io::ErrorKind::Unsupported.into())
        }
    }

    #[test]
    fn a_text_whose_length_cannot_be_read_is_left_to_the_full_check() {
        let reader = Unseekable(Cursor::new(b"abc".to_vec()));
        assert!(!proves_in_pieces(
            &["abc"],
            None,
            10,
            (reader, || None),
            &no_thread(),
            16
        ));
    }

    #[test]
    fn a_default_helper_runs_work_on_its_thread() {
        let helper = Helper::default();
        let Ok(done) = helper.run(|| std::thread::current().name().map(str::to_owned)) else {
            panic!("the thread did not start");
        };
        assert_eq!(done.recv(), Ok(Some("second half".to_owned())));
    }

    #[test]
    fn a_pinned_hash_must_match() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert!(proves_text(&["abc"], Some(abc), 10, &b"abc"[..], 16));
        let upper = abc.to_ascii_uppercase();
        assert!(proves_text(&["abc"], Some(&upper), 10, &b"abc"[..], 16));
        assert!(!proves_text(&["ab"], Some(abc), 10, &b"abd"[..], 16));
    }

    #[test]
    fn halves_meet_after_five_letters_or_digits_past_the_middle() {
        let text = b"0123456789 ab cd efghijklm nopq";
        let mut reader = Cursor::new(&text[..]);
        // From 12 on, "efghij" is the first run of six: the cut is at "j".
        assert_eq!(meeting_point(&mut reader, 12), Some(22));
        assert_eq!(reader.position(), 22);
        assert_eq!(meeting_point(&mut Cursor::new(&text[..]), 5), Some(5));
        assert_eq!(meeting_point(&mut Cursor::new(&text[..]), 26), None);
        assert_eq!(meeting_point(&mut Cursor::new(&b"ab cd"[..]), 2), None);
    }

    #[test]
    fn a_quote_is_found_wherever_it_lies_against_the_halves_and_pieces() {
        // Plain ASCII with single spaces: normalizing changes nothing, so
        // every window of the text is a quote of it.
        let words = ["alpha", "bravo12", "charlie", "delta", "echo", "foxtrot9"];
        let text: String = (0..120)
            .map(|i| words[i % words.len()].to_owned() + &i.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        // Between one and two pieces of 700: read whole, not in halves.
        assert!((702..1400).contains(&text.len()), "{}", text.len());
        let starts: Vec<usize> = (0..text.len() - 30).step_by(7).collect();
        let quotes: Vec<&str> = starts.iter().map(|&at| text[at..at + 30].trim()).collect();
        for (piece, helper) in [64, 100, 333, 700, 1 << 20]
            .into_iter()
            .flat_map(|piece| [(piece, Helper::new()), (piece, no_thread())])
        {
            let asked_again = std::cell::Cell::new(false);
            let two = proves_in_pieces(
                &quotes,
                None,
                1 << 20,
                (Cursor::new(text.clone().into_bytes()), || {
                    asked_again.set(true);
                    Some(Cursor::new(text.clone().into_bytes()))
                }),
                &helper,
                piece,
            );
            assert!(two, "{piece}");
            // Halves only for a text of two pieces or more.
            assert_eq!(asked_again.get(), text.len() >= 2 * piece, "{piece}");
            // Each quote alone too: none is found by another's luck.
            for q in quotes.iter().step_by(5) {
                assert!(
                    proves_text(&[q], None, 1 << 20, text.as_bytes(), piece),
                    "{piece} {q:?}"
                );
            }
            assert!(!proves_text(
                &["delta3 echo5"],
                None,
                1 << 20,
                text.as_bytes(),
                piece
            ));
        }
    }

    #[test]
    fn halves_read_as_much_as_the_limit_allows_and_no_more() {
        let text = "wording ".repeat(100) + "closing";
        let len = text.len() as u64;
        assert!(proves_text(&["closing"], None, len, text.as_bytes(), 64));
        assert!(!proves_text(
            &["closing"],
            None,
            len - 1,
            text.as_bytes(),
            64
        ));
        // A second opening that fails leaves the whole text to one reader.
        assert!(proves_in_pieces(
            &["wording closing"],
            None,
            len,
            (Cursor::new(text.clone().into_bytes()), || None),
            &Helper::new(),
            64
        ));
        // Bytes that are not UTF-8 in the second half.
        let mut bad = text.clone().into_bytes();
        bad[400] = 0xff;
        assert!(!proves_text(&["closing"], None, len, &bad, 64));
    }

    /// A file in memory that counts the bytes read from it, and may hold
    /// more than seeking to its end says (one appended to while read).
    struct File {
        bytes: Cursor<Vec<u8>>,
        len: u64,
        read: Arc<AtomicU64>,
    }

    impl File {
        fn new(bytes: &[u8], len: usize) -> (File, Arc<AtomicU64>) {
            let read = Arc::new(AtomicU64::new(0));
            let file = File {
                bytes: Cursor::new(bytes.to_vec()),
                len: len as u64,
                read: Arc::clone(&read),
            };
            (file, read)
        }
    }

    impl Read for File {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.bytes.read(buf)?;
            self.read.fetch_add(n as u64, Ordering::Relaxed);
            Ok(n)
        }
    }

    impl Seek for File {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            match pos {
                SeekFrom::End(back) => self
                    .bytes
                    .seek(SeekFrom::Start(self.len))
                    .and_then(|_| self.bytes.seek(SeekFrom::Current(back))),
                pos => self.bytes.seek(pos),
            }
        }
    }

    /// [`proves_in_pieces`] over `bytes` that claim to be `len` bytes
    /// long, split when possible; the bytes read from the first opening
    /// and from the second.
    fn proves_file(
        quotes: &[&str],
        limit: u64,
        bytes: &[u8],
        len: usize,
        piece: usize,
    ) -> (bool, u64, u64) {
        let (first, first_read) = File::new(bytes, len);
        let (second, second_read) = File::new(bytes, len);
        let proved = proves_in_pieces(
            quotes,
            None,
            limit,
            (first, || Some(second)),
            &Helper::new(),
            piece,
        );
        (
            proved,
            first_read.load(Ordering::Relaxed),
            second_read.load(Ordering::Relaxed),
        )
    }

    #[test]
    fn a_long_text_is_read_in_two_halves_that_meet_near_its_middle() {
        // 807 bytes, two pieces of 64 and more. The middle is 807 / 2 =
        // 403; from 403 - 5 = 398 ("g wording"), the first six letters
        // start at 400, so the halves meet at 405 ("wordi|ng").
        let text = "wording ".repeat(100) + "closing";
        assert_eq!(text.len(), 807);
        let (proved, first, second) = proves_file(&["closing"], 807, text.as_bytes(), 807, 64);
        assert!(proved);
        // The first half, 0..405; the second reads 398.. (409 bytes) to
        // find the meeting point, then 405.. (402 bytes).
        assert_eq!((first, second), (405, 409 + 402));
    }

    #[test]
    fn the_second_half_is_held_to_what_the_limit_leaves_it() {
        // The text of the test above, which grew by 100 bytes after its
        // length was read: the second half, from 405, may read only
        // 807 - 405 = 402 bytes.
        let text = "wording ".repeat(100) + "closing" + &" closing".repeat(13);
        assert_eq!(text.len(), 807 + 104);
        let (proved, first, _) = proves_file(&["closing"], 807, text.as_bytes(), 807, 64);
        assert!(!proved);
        assert_eq!(first, 405);
    }

    #[test]
    fn a_first_half_that_ends_before_the_halves_meet_proves_nothing() {
        // The text of the tests above, whose halves meet at 405; the first
        // opening finds only 300 bytes (the file was cut while it was
        // read), though the second half holds the quote.
        let text = "wording ".repeat(100) + "closing";
        let (first, _) = File::new(&text.as_bytes()[..300], 807);
        let (second, second_read) = File::new(text.as_bytes(), 807);
        let proved = proves_in_pieces(
            &["closing"],
            None,
            807,
            (first, || Some(second)),
            &Helper::new(),
            64,
        );
        assert!(!proved);
        // The second half was read to its end: 409 bytes to find where the
        // halves meet, then 405..807.
        assert_eq!(second_read.load(Ordering::Relaxed), 409 + 402);
    }

    #[test]
    fn each_read_fills_one_piece() {
        // A text that claims 100 bytes (one piece of 64, not split) and
        // holds 800, within a limit of 100. The first read takes 64 bytes
        // (eight "wording "), cut after "wordin" at 62; 7 bytes (the
        // longest quote) of it are kept searched, "g " waits. The second
        // read tops the piece up with 64 - 2 = 62 bytes: 126 in all, over
        // the limit, and reading stops.
        let text = "wording ".repeat(100);
        let (proved, first, second) = proves_file(&["closing"], 100, text.as_bytes(), 100, 64);
        assert!(!proved);
        assert_eq!((first, second), (126, 0));
    }

    #[test]
    fn dropping_the_helper_waits_for_its_work_to_end() {
        let helper = Helper::new();
        let ended = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ended);
        let work = move || {
            // Long enough that, unless waited for, it is still running.
            std::thread::sleep(std::time::Duration::from_millis(100));
            flag.store(true, Ordering::Relaxed);
        };
        assert!(helper.run(work).is_ok());
        drop(helper);
        assert!(ended.load(Ordering::Relaxed));
    }
}
