//! Every ```rust block of the book, compiled and run by skeptic.
//! Test names: <chapter>_sect_<section>_line_<line of the fence in src/>.
include!(concat!(env!("OUT_DIR"), "/blocks.rs"));
