//! lateral: quizzes that teach lateral reading of the news.
//!
//! The domain (model, loading, validation, normalization, grading, sheets and
//! answer-key tests) is pure: functions of values, with no terminal and no file
//! system. [`screen`] renders what people read to any writer; [`ui`] and
//! [`cli`] are the thin shells that touch the terminal and the files.
#![warn(missing_docs)]

pub mod attempt;
pub mod builtin;
pub mod cite;
pub mod cli;
pub mod clock;
pub mod diagnostic;
pub mod digest;
mod error;
pub mod escape;
pub mod export;
pub mod file;
pub mod grade;
pub mod gradebook;
pub mod itemwriting;
pub mod keytest;
pub mod limits;
pub mod load;
pub mod normalize;
pub mod pager;
pub mod paper;
pub mod pin;
pub mod points;
pub mod practice;
pub mod practice_file;
pub mod quiz;
pub mod screen;
pub mod session;
pub mod sheet;
pub mod shuffle;
pub mod sources;
pub mod starter;
pub mod stats;
pub mod store;
pub mod ui;
pub mod validate;

pub use error::{io_reason, Error};
