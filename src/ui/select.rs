//! The choice prompts on a terminal, our own: options with their letters
//! (A., B., C.) as in plain mode, the sources to read listed after them.
//!
//! dialoguer's Select and MultiSelect bind letters themselves (j, k, h, l,
//! q, a), so a student could not press an option's letter. Here the keys
//! are ours: ↑/↓, Home/End, a letter moves the cursor to its option (and,
//! in "select all that apply", ticks or unticks it), a digit moves to a
//! source, Space ticks, Enter answers (or opens the source under the
//! cursor). A letter never answers by itself: answers are saved at once
//! and cannot be taken back, so Enter confirms. An ordering is a menu too:
//! Space picks up the option under the cursor, ↑/↓ (Home/End) move it,
//! Space or Enter puts it down, and each option keeps its letter.
//!
//! What is drawn is a pure function of the menu, its state and the
//! terminal's size ([`layout`]), and what a key does is another ([`press`]);
//! both are tested here. The terminal loop that draws, reads keys and
//! redraws lives in `ui/terminal.rs`.

use console::Key;
use unicode_width::UnicodeWidthStr;

use crate::screen::letter;

/// How the options are labelled and which keys reach them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels<'a> {
    /// "A." before each option; the letter moves the cursor there.
    Letters,
    /// No label shown; each key moves the cursor to its option (`t`/`f`).
    Keys(&'a [char]),
    /// No label, no keys.
    None,
}

/// One prompt: its hint line, the options, and entries after them
/// (the sources to read).
#[derive(Debug, Clone, Copy)]
pub struct Menu<'a> {
    /// The hint line above the options.
    pub prompt: &'a str,
    /// The options, already made visible (escaped), each on one line.
    pub items: &'a [String],
    /// How the options are labelled.
    pub labels: Labels<'a>,
    /// What is answered: one option, several, or an order.
    pub mode: Mode,
    /// Entries after the options, under a separator: the sources.
    pub extras: &'a [String],
}

impl Menu<'_> {
    fn len(&self) -> usize {
        self.items.len() + self.extras.len()
    }

    /// The option a key names, if any.
    fn keyed(&self, c: char) -> Option<usize> {
        let c = c.to_ascii_lowercase();
        let i = match self.labels {
            Labels::Letters => crate::screen::LETTERS.find(c)?,
            Labels::Keys(keys) => keys.iter().position(|&k| k == c)?,
            Labels::None => return None,
        };
        (i < self.items.len()).then_some(i)
    }
}

/// What a menu answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The option under the cursor.
    One,
    /// The options ticked ("select all that apply").
    Many,
    /// The options in the order the student puts them ([`State::order`]).
    Order,
}

/// Where the student is in a menu; kept while a source is read, so the
/// cursor and the ticks are where they were on return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// The entry under the cursor (options first, then the extras).
    pub cursor: usize,
    /// The options ticked, by index ("select all that apply").
    pub ticked: Vec<usize>,
    /// In an ordering, the options as they stand, first to last, by index.
    pub order: Vec<usize>,
    /// In an ordering, whether the option under the cursor is picked up.
    pub held: bool,
    /// The first entry shown when the menu is taller than the terminal.
    top: usize,
}

impl State {
    /// The state of an ordering of `n` options, in the order shown.
    pub fn ordering(n: usize) -> State {
        State {
            order: (0..n).collect(),
            ..State::default()
        }
    }

    fn toggle(&mut self, i: usize) {
        match self.ticked.iter().position(|&t| t == i) {
            Some(at) => {
                self.ticked.remove(at);
            }
            None => {
                self.ticked.push(i);
                self.ticked.sort_unstable();
            }
        }
    }
}

/// What Enter chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// The answer: the option under the cursor, or the ticked ones.
    Answer,
    /// The extra entry (source) at this index.
    Extra(usize),
}

/// Applies one key; returns what Enter chose, if it was Enter.
pub fn press(menu: &Menu, state: &mut State, key: &Key) -> Option<Chosen> {
    let n = menu.len();
    if n == 0 {
        return None;
    }
    let items = menu.items.len();
    if menu.mode == Mode::Order && state.order.len() != items {
        state.order = (0..items).collect();
    }
    if menu.mode == Mode::Order && state.held && state.cursor < items {
        // The option picked up moves with the cursor, among the options.
        let to = match key {
            Key::ArrowUp => state.cursor.saturating_sub(1),
            Key::ArrowDown => (state.cursor + 1).min(items - 1),
            Key::Home => 0,
            Key::End => items - 1,
            Key::Char(' ') | Key::Enter => {
                state.held = false;
                return None;
            }
            _ => return None,
        };
        let moved = state.order.remove(state.cursor);
        state.order.insert(to, moved);
        state.cursor = to;
        return None;
    }
    match key {
        Key::ArrowUp | Key::ArrowLeft => state.cursor = (state.cursor + n - 1) % n,
        Key::ArrowDown | Key::ArrowRight | Key::Tab => state.cursor = (state.cursor + 1) % n,
        Key::Home | Key::PageUp => state.cursor = 0,
        Key::End | Key::PageDown => state.cursor = n - 1,
        Key::Enter => {
            return Some(match state.cursor.checked_sub(items) {
                Some(extra) => Chosen::Extra(extra),
                None => Chosen::Answer,
            })
        }
        Key::Char(' ') if state.cursor < items => match menu.mode {
            Mode::Many => state.toggle(state.cursor),
            Mode::Order => state.held = true,
            Mode::One => {}
        },
        Key::Char(c) => {
            if let Some(i) = menu.keyed(*c) {
                match menu.mode {
                    Mode::One => state.cursor = i,
                    Mode::Many => {
                        state.cursor = i;
                        state.toggle(i);
                    }
                    // An option keeps its letter wherever it is moved.
                    Mode::Order => {
                        state.cursor = state.order.iter().position(|&o| o == i).unwrap_or(i)
                    }
                }
            } else if let Some(d) = c.to_digit(10).filter(|&d| d >= 1) {
                let extra = d as usize - 1;
                if extra < menu.extras.len() {
                    state.cursor = items + extra;
                }
            }
        }
        _ => {}
    }
    None
}

/// What a row of the menu is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The hint line.
    Prompt,
    /// A row of the entry under the cursor.
    Active,
    /// A row of another entry.
    Item,
    /// The separator before the sources, and the "more" line.
    Note,
}

/// One row on the terminal, never wider than the width it was laid out at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The text, without colour.
    pub text: String,
    /// What it is.
    pub role: Role,
}

/// What separates the options from the sources.
pub const SOURCES_NOTE: &str = "Sources (Enter opens one; you come back here):";

/// The rows of `menu` at `width` columns on a terminal `height` rows high,
/// one row left free for the cursor. `marker` marks the cursor's entry.
/// An option longer than the width wraps at spaces under its own text; a
/// word longer than a row, a source's line, or an option taller than the
/// terminal is cut with "…", never broken mid-word. When the entries do not
/// fit, the part around the cursor is shown with a line saying how many more
/// there are.
pub fn layout(
    menu: &Menu,
    state: &mut State,
    marker: &str,
    width: usize,
    height: usize,
) -> Vec<Row> {
    let width = width.max(10);
    let mut rows: Vec<Row> = hang("? ", menu.prompt, width)
        .into_iter()
        .map(|text| Row {
            text,
            role: Role::Prompt,
        })
        .collect();
    // The hint line takes at most half the rows; the options the rest.
    let most = (height.saturating_sub(1) / 2).max(1);
    if rows.len() > most {
        rows.truncate(most);
        if let Some(last) = rows.last_mut() {
            last.text = ellipsis(&last.text, width);
        }
    }
    let n = menu.len();
    state.cursor = state.cursor.min(n.saturating_sub(1));
    if menu.mode == Mode::Order && state.order.len() != menu.items.len() {
        state.order = (0..menu.items.len()).collect();
    }
    let blocks: Vec<Vec<Row>> = (0..n)
        .map(|i| block(menu, state, i, marker, width))
        .collect();
    let room = height.saturating_sub(1 + rows.len()).max(1);
    if blocks.iter().map(Vec::len).sum::<usize>() <= room {
        state.top = 0;
        rows.extend(blocks.into_iter().flatten());
        return rows;
    }
    // One row says what is out of sight.
    let room = room.saturating_sub(1).max(1);
    state.top = state.top.min(state.cursor);
    while state.top < state.cursor
        && blocks[state.top..=state.cursor]
            .iter()
            .map(Vec::len)
            .sum::<usize>()
            > room
    {
        state.top += 1;
    }
    let mut used = 0;
    let mut end = state.top;
    for b in &blocks[state.top..] {
        if used + b.len() > room {
            break;
        }
        used += b.len();
        end += 1;
    }
    if end == state.top {
        // The cursor's entry alone is taller than the terminal: cut it.
        let mut cut_rows: Vec<Row> = blocks[state.top].iter().take(room).cloned().collect();
        if let Some(last) = cut_rows.last_mut() {
            last.text = ellipsis(&last.text, width);
        }
        rows.extend(cut_rows);
        end += 1;
    } else {
        rows.extend(blocks[state.top..end].iter().flatten().cloned());
    }
    rows.push(Row {
        text: cut(
            &format!(
                "  ({} more above, {} more below; ↑/↓ to see them)",
                state.top,
                n - end
            ),
            width,
        ),
        role: Role::Note,
    });
    rows
}

/// The rows of entry `i`.
fn block(menu: &Menu, state: &State, i: usize, marker: &str, width: usize) -> Vec<Row> {
    let role = if state.cursor == i {
        Role::Active
    } else {
        Role::Item
    };
    let mark = if state.cursor == i { marker } else { " " };
    if i < menu.items.len() {
        // In an ordering, the option at place `i`, with its own letter.
        let shown = match menu.mode {
            Mode::Order => state.order.get(i).copied().unwrap_or(i),
            _ => i,
        };
        let text = &menu.items[shown];
        let mut first = format!("{mark} ");
        match menu.mode {
            Mode::Many if state.ticked.contains(&i) => first.push_str("✔ "),
            Mode::Many => first.push_str("⬚ "),
            Mode::Order if state.held && state.cursor == i => first.push_str("↕ "),
            Mode::Order => first.push_str("  "),
            Mode::One => {}
        }
        if menu.labels == Labels::Letters && shown < crate::screen::LETTERS.len() {
            first.push_str(&format!("{}. ", letter(shown).to_ascii_uppercase()));
        }
        return hang(&first, text, width)
            .into_iter()
            .map(|text| Row { text, role })
            .collect();
    }
    let extra = i - menu.items.len();
    let mut rows = Vec::new();
    if extra == 0 {
        rows.push(Row {
            text: cut(&format!("  {SOURCES_NOTE}"), width),
            role: Role::Note,
        });
    }
    let number = if extra < 9 {
        format!("{}. ", extra + 1)
    } else {
        "   ".to_owned()
    };
    rows.push(Row {
        text: cut(&format!("{mark} {number}{}", menu.extras[extra]), width),
        role,
    });
    rows
}

/// `text` in rows of at most `width` columns: the first after `first`, the
/// others under the text (a hanging indent), broken at spaces only; a word
/// longer than a row is cut with "…".
pub fn hang(first: &str, text: &str, width: usize) -> Vec<String> {
    let indent = first.width();
    let room = width.saturating_sub(indent).max(1);
    let options = textwrap::Options::new(room)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let lines = textwrap::wrap(text, options);
    if lines.is_empty() {
        return vec![first.trim_end().to_owned()];
    }
    lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let lead = if n == 0 {
                first.to_owned()
            } else {
                " ".repeat(indent)
            };
            format!("{lead}{}", cut(line, room))
        })
        .collect()
}

/// `text` cut to `width` columns after its last whole word that fits,
/// ending in "…" when it was longer; a word so long that this would leave
/// most of the row empty is cut where the row ends.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(1);
    let mut end = None;
    for (i, _) in text.match_indices(' ') {
        if text[..i].width() > room {
            break;
        }
        if !text[..i].trim().is_empty() {
            end = Some(i);
        }
    }
    match end {
        // Only when that keeps most of the row: one huge "word" (a run of
        // escapes, a long address) is cut where the row ends.
        Some(i) if text[..i].width() * 2 >= room => format!("{}…", text[..i].trim_end()),
        _ => console::truncate_str(text, width, "…").into_owned(),
    }
}

/// `text` with "…" after it, within `width` columns.
fn ellipsis(text: &str, width: usize) -> String {
    if text.width() < width {
        format!("{text}…")
    } else {
        cut(&format!("{text} …"), width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.text.as_str()).collect()
    }

    fn menu<'a>(items: &'a [String], extras: &'a [String], many: bool) -> Menu<'a> {
        let mode = if many { Mode::Many } else { Mode::One };
        Menu {
            prompt: "Choose one",
            items,
            labels: Labels::Letters,
            mode,
            extras,
        }
    }

    #[test]
    fn a_long_option_wraps_at_spaces_under_its_text() {
        let items = vec![
            "Red".to_owned(),
            "The photo was taken years earlier at another place".to_owned(),
        ];
        let m = menu(&items, &[], false);
        let rows = layout(&m, &mut State::default(), ">", 24, 24);
        assert_eq!(
            texts(&rows),
            [
                "? Choose one",
                "> A. Red",
                "  B. The photo was taken",
                "     years earlier at",
                "     another place",
            ]
        );
        assert!(rows.iter().all(|r| r.text.width() <= 24));
        assert_eq!(rows[1].role, Role::Active);
        assert_eq!(rows[3].role, Role::Item);
    }

    #[test]
    fn a_word_longer_than_the_row_is_cut_not_broken() {
        let rows = hang("> A. ", "see https://example.com/a/very/long/path now", 20);
        assert_eq!(rows, ["> A. see", "     https://exampl…", "     now"]);
    }

    #[test]
    fn ticks_letters_and_sources_are_laid_out_in_one_row_each() {
        let items = vec!["Report A".to_owned(), "Report B".to_owned()];
        let extras = vec!["Read: Daily B — a headline far too long for the row".to_owned()];
        let m = menu(&items, &extras, true);
        let mut state = State {
            cursor: 1,
            ticked: vec![0],
            ..State::default()
        };
        let rows = layout(&m, &mut state, ">", 30, 24);
        assert_eq!(
            texts(&rows),
            [
                "? Choose one",
                "  ✔ A. Report A",
                "> ⬚ B. Report B",
                "  Sources (Enter opens one;…",
                "  1. Read: Daily B — a…",
            ]
        );
    }

    #[test]
    fn a_menu_taller_than_the_terminal_shows_the_cursor_and_counts_the_rest() {
        let items: Vec<String> = (1..=10).map(|n| format!("Option {n}")).collect();
        let m = menu(&items, &[], false);
        let mut state = State {
            cursor: 7,
            ..State::default()
        };
        // 6 rows: the prompt, 3 options, the "more" line, the cursor's row.
        let rows = layout(&m, &mut state, ">", 40, 6);
        assert_eq!(
            texts(&rows),
            [
                "? Choose one",
                "  F. Option 6",
                "  G. Option 7",
                "> H. Option 8",
                "  (5 more above, 2 more below; ↑/↓ to…",
            ]
        );
    }

    #[test]
    fn an_option_taller_than_the_terminal_is_cut() {
        let items = vec!["one two three four five six seven eight nine ten".to_owned()];
        let m = menu(&items, &[], false);
        let rows = layout(&m, &mut State::default(), ">", 14, 6);
        // 6 rows: the prompt, 3 of the option's rows, the "more" line, the cursor.
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[3].text, "     four…");
    }

    #[test]
    fn on_the_smallest_terminal_a_long_hint_gives_way_to_the_options() {
        let items = vec!["Red".to_owned(), "Blue".to_owned(), "Green".to_owned()];
        let m = Menu {
            prompt: "Put in order, first at the top (Space picks up or puts down, ↑/↓ move)",
            ..menu(&items, &[], false)
        };
        // 20 columns (19 used) by 6 rows: 5 rows drawn, the cursor on the 6th.
        let rows = layout(&m, &mut State::default(), ">", 19, 6);
        assert_eq!(
            texts(&rows),
            [
                "? Put in order,",
                "  first at the top…",
                "> A. Red",
                "  B. Blue",
                "  C. Green",
            ]
        );
    }

    #[test]
    fn a_letter_moves_the_cursor_and_enter_answers() {
        let items = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let extras = vec!["Read: x".to_owned()];
        let m = menu(&items, &extras, false);
        let mut state = State::default();
        assert_eq!(press(&m, &mut state, &Key::Char('C')), None);
        assert_eq!(state.cursor, 2);
        assert_eq!(press(&m, &mut state, &Key::Char('z')), None);
        assert_eq!(state.cursor, 2);
        assert_eq!(press(&m, &mut state, &Key::Enter), Some(Chosen::Answer));
        assert_eq!(press(&m, &mut state, &Key::Char('1')), None);
        assert_eq!(state.cursor, 3);
        assert_eq!(press(&m, &mut state, &Key::Enter), Some(Chosen::Extra(0)));
        press(&m, &mut state, &Key::ArrowDown);
        assert_eq!(state.cursor, 0, "the cursor wraps around");
        press(&m, &mut state, &Key::End);
        assert_eq!(state.cursor, 3);
    }

    #[test]
    fn in_select_all_a_letter_or_space_ticks() {
        let items = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let m = menu(&items, &[], true);
        let mut state = State::default();
        press(&m, &mut state, &Key::Char('c'));
        press(&m, &mut state, &Key::Char('a'));
        assert_eq!(state.ticked, [0, 2]);
        press(&m, &mut state, &Key::Char(' '));
        assert_eq!(state.ticked, [2]);
        assert_eq!(state.cursor, 0);
    }

    #[test]
    fn an_option_picked_up_moves_with_the_cursor_and_keeps_its_letter() {
        let items = vec!["first".to_owned(), "second".to_owned(), "third".to_owned()];
        let m = Menu {
            mode: Mode::Order,
            ..menu(&items, &[], false)
        };
        let mut state = State::ordering(3);
        press(&m, &mut state, &Key::Char('c'));
        press(&m, &mut state, &Key::Char(' '));
        press(&m, &mut state, &Key::Home);
        assert_eq!(state.order, [2, 0, 1]);
        assert_eq!(state.cursor, 0);
        let rows = layout(&m, &mut state, ">", 40, 24);
        assert_eq!(
            texts(&rows),
            [
                "? Choose one",
                "> ↕ C. third",
                "    A. first",
                "    B. second"
            ]
        );
        press(&m, &mut state, &Key::Char(' '));
        press(&m, &mut state, &Key::Char('b'));
        assert_eq!(state.cursor, 2, "B is now third");
        assert_eq!(press(&m, &mut state, &Key::Enter), Some(Chosen::Answer));
        assert_eq!(state.order, [2, 0, 1]);
    }

    #[test]
    fn true_or_false_answers_to_t_and_f() {
        let items = vec!["True".to_owned(), "False".to_owned()];
        let m = Menu {
            labels: Labels::Keys(&['t', 'f']),
            ..menu(&items, &[], false)
        };
        let mut state = State::default();
        press(&m, &mut state, &Key::Char('f'));
        assert_eq!(state.cursor, 1);
        let rows = layout(&m, &mut state, ">", 40, 24);
        assert_eq!(texts(&rows), ["? Choose one", "  True", "> False"]);
    }
}
