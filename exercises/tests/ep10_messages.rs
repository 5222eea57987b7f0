//! Tests of exercise `ep10_messages`: `cargo test -p exercises --test ep10_messages`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep10_messages);

use crate::ep10_messages::{MAX_FRAME, Msg, read_frame, write_frame};
use course_check::{Reaper, check};
use std::io::{self, Read, Write};
use std::process::{Command, ExitCode, Stdio};

// The worker process: this test program, started as `ep10_echo`, reads
// frames from its stdin with your `read_frame` and writes each one back to
// its stdout with your `write_frame`, until its input ends.
course_check::workers! {
    "ep10_echo" => || {
        let mut input = io::stdin().lock();
        let mut output = io::stdout().lock();
        loop {
            match read_frame(&mut input) {
                Ok(Some(msg)) => {
                    if let Err(e) = write_frame(&mut output, &msg) {
                        eprintln!("ep10_echo: cannot write a frame: {e}");
                        return ExitCode::FAILURE;
                    }
                }
                Ok(None) => return ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("ep10_echo: cannot read a frame: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    },
}

/// One message of every kind.
fn one_of_each() -> Vec<Msg> {
    vec![
        Msg::Job {
            id: 7,
            start: 0,
            end: 1000,
            seed: 42,
        },
        Msg::Result { id: 7, value: 0.25 },
        Msg::Text("hello from the parent".to_string()),
        Msg::Samples(vec![1.0, 2.5, -3.75]),
        Msg::Stop,
    ]
}

/// Equal, with every f64 compared bit for bit (so that -0.0 differs from
/// 0.0, and a NaN equals the same NaN).
fn same(a: &Msg, b: &Msg) -> bool {
    match (a, b) {
        (Msg::Result { id: i, value: x }, Msg::Result { id: j, value: y }) => {
            i == j && x.to_bits() == y.to_bits()
        }
        (Msg::Samples(xs), Msg::Samples(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| x.to_bits() == y.to_bits())
        }
        _ => a == b,
    }
}

/// A short description of a message, for failure messages (a big one
/// would flood the screen).
fn short(m: &Msg) -> String {
    let text = format!("{m:?}");
    if text.len() <= 120 {
        text
    } else {
        let mut cut = 100;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}... ({} characters in all)", &text[..cut], text.len())
    }
}

fn frames_of(msgs: &[Msg]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for m in msgs {
        write_frame(&mut bytes, m)
            .unwrap_or_else(|e| panic!("write_frame({}) failed: {e}", short(m)));
    }
    bytes
}

/// Reads frames until `read_frame` says the input ended.
fn read_all(mut input: impl Read) -> Vec<Msg> {
    let mut got = Vec::new();
    loop {
        match read_frame(&mut input) {
            Ok(Some(m)) => got.push(m),
            Ok(None) => return got,
            Err(e) => panic!(
                "read_frame failed after {} good frames: {e} (the frames were all written by write_frame)",
                got.len()
            ),
        }
    }
}

fn assert_same_list(got: &[Msg], sent: &[Msg], how: &str) {
    assert_eq!(
        got.len(),
        sent.len(),
        "{how}: {} messages were sent, {} came back",
        sent.len(),
        got.len()
    );
    for (i, (g, s)) in got.iter().zip(sent).enumerate() {
        assert!(
            same(g, s),
            "{how}: message {i} was sent as {} but came back as {}",
            short(s),
            short(g)
        );
    }
}

#[test]
fn every_kind_of_message_comes_back_the_same() {
    check("ep10_messages", || {
        let sent = one_of_each();
        let bytes = frames_of(&sent);
        let got = read_all(&bytes[..]);
        assert_same_list(
            &got,
            &sent,
            "five frames written one after another into a Vec<u8>",
        );
        let mut nothing: &[u8] = &[];
        let end = read_frame(&mut nothing);
        assert!(
            matches!(end, Ok(None)),
            "read_frame on an empty input should return Ok(None) (the clean end), got {end:?}"
        );
    });
}

#[test]
fn a_frame_is_its_length_then_the_postcard_bytes() {
    check("ep10_messages", || {
        for msg in one_of_each() {
            let body = postcard::to_stdvec(&msg).expect("postcard can encode every Msg");
            let mut want = (body.len() as u32).to_le_bytes().to_vec();
            want.extend_from_slice(&body);
            let mut got = Vec::new();
            write_frame(&mut got, &msg).expect("write_frame into a Vec<u8> should succeed");
            assert_eq!(
                got,
                want,
                "write_frame({msg:?}) should write the body's length as a u32 in 4 little-endian bytes \
                 ({:?}), then the body, postcard::to_stdvec(&msg) ({} bytes); it wrote {} bytes",
                &want[..4],
                body.len(),
                got.len()
            );
        }
    });
}

/// A reader that hands out at most one byte per `read` call, as a pipe or
/// a socket may when data trickles in.
struct OneByteAtATime<'a>(&'a [u8]);

impl Read for OneByteAtATime<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.0.is_empty() {
            return Ok(0);
        }
        buf[0] = self.0[0];
        self.0 = &self.0[1..];
        Ok(1)
    }
}

#[test]
fn a_reader_that_hands_out_one_byte_at_a_time() {
    check("ep10_messages", || {
        let mut sent = one_of_each();
        sent.push(Msg::Samples((0..600).map(|i| i as f64 / 7.0).collect()));
        let bytes = frames_of(&sent);
        let mut input = OneByteAtATime(&bytes);
        let mut got = Vec::new();
        for i in 0..sent.len() {
            match read_frame(&mut input) {
                Ok(Some(m)) => got.push(m),
                other => panic!(
                    "from a reader that gives one byte per read() call, frame {i} should come back \
                     as {}, got {other:?}: one read() may return fewer bytes than asked for \
                     (read_exact keeps reading until the buffer is full)",
                    short(&sent[i])
                ),
            }
        }
        assert_same_list(&got, &sent, "frames read one byte per read() call");
        let end = read_frame(&mut input);
        assert!(
            matches!(end, Ok(None)),
            "after the last frame the input ends: read_frame should return Ok(None), got {end:?}"
        );
    });
}

#[test]
fn a_message_over_64_kib_comes_back_whole() {
    check("ep10_messages", || {
        // 70 000 bytes of text and 10 000 numbers (80 000 bytes): neither
        // length fits in a u16 (at most 65 535).
        let text: String = (0..70_000)
            .map(|i| (b'a' + (i % 26) as u8) as char)
            .collect();
        let samples: Vec<f64> = (0..10_000).map(|i| i as f64 * 0.5 + 0.1).collect();
        let sent = vec![Msg::Text(text), Msg::Samples(samples), Msg::Stop];
        let bytes = frames_of(&sent);
        let got = read_all(&bytes[..]);
        assert_same_list(
            &got,
            &sent,
            "messages longer than 64 KiB (the length must be a u32, not a u16)",
        );
    });
}

#[test]
fn text_and_numbers_come_back_bit_for_bit() {
    check("ep10_messages", || {
        let sent = vec![
            Msg::Text("line one\nline two\r\n\ttabbed \"quoted\" \\ backslash".to_string()),
            Msg::Text("π ≈ 3.14159, naïve café, Ελληνικά, 日本語, 🦀".to_string()),
            Msg::Text(String::new()),
            Msg::Job {
                id: u64::MAX,
                start: u64::MAX - 1,
                end: u64::MAX,
                seed: 1 << 63,
            },
            Msg::Result { id: 0, value: -0.0 },
            Msg::Result {
                id: 1,
                value: f64::from_bits(1),
            }, // the smallest subnormal
            Msg::Result {
                id: 2,
                value: 0.1 + 0.2,
            },
            Msg::Result {
                id: 3,
                value: f64::NAN,
            },
            Msg::Samples(vec![
                f64::MAX,
                f64::MIN_POSITIVE,
                f64::INFINITY,
                f64::NEG_INFINITY,
                1.0 / 3.0,
                -1e-310,
            ]),
        ];
        let bytes = frames_of(&sent);
        let got = read_all(&bytes[..]);
        assert_same_list(
            &got,
            &sent,
            "text with newlines and non-ASCII letters, u64::MAX, and f64 values \
             (-0.0, subnormals, NaN, infinities) must come back exactly, bit for bit",
        );
    });
}

#[test]
fn the_end_between_frames_is_none_inside_a_frame_an_error() {
    check("ep10_messages", || {
        let two = frames_of(&[Msg::Text("first".to_string()), Msg::Samples(vec![1.0, 2.0])]);
        let first_len = frames_of(&[Msg::Text("first".to_string())]).len();

        // The input ends right after a whole frame: the clean end.
        let mut input = &two[..first_len];
        let first = read_frame(&mut input);
        assert!(
            matches!(first, Ok(Some(Msg::Text(ref t))) if t == "first"),
            "the first frame should come back as Text(\"first\"), got {first:?}"
        );
        let end = read_frame(&mut input);
        assert!(
            matches!(end, Ok(None)),
            "the input ends right after a whole frame: read_frame should return Ok(None), got {end:?}"
        );

        // The input ends inside the second frame's 4 length bytes, then
        // inside its body: neither is a clean end.
        for cut in [first_len + 2, first_len + 6, two.len() - 1] {
            let mut input = &two[..cut];
            let _ = read_frame(&mut input);
            let part = if cut < first_len + 4 {
                "its 4 length bytes"
            } else {
                "its body"
            };
            let got = read_frame(&mut input);
            match got {
                Err(e) => assert_eq!(
                    e.kind(),
                    io::ErrorKind::UnexpectedEof,
                    "the input ended inside the second frame ({part}): read_frame should fail with \
                     ErrorKind::UnexpectedEof, got the error {e:?}"
                ),
                Ok(m) => panic!(
                    "the input ended inside the second frame ({part}, after {} of its {} bytes): \
                     read_frame should return an UnexpectedEof error, not Ok({m:?}); only an end \
                     before the first length byte is the clean end, Ok(None)",
                    cut - first_len,
                    two.len() - first_len
                ),
            }
        }
    });
}

#[test]
fn bad_bytes_and_huge_lengths_are_invalid_data() {
    check("ep10_messages", || {
        // A frame of one byte, 0xFF: no variant of Msg has that number.
        let mut input: &[u8] = &[1, 0, 0, 0, 0xFF];
        match read_frame(&mut input) {
            Err(e) => assert_eq!(
                e.kind(),
                io::ErrorKind::InvalidData,
                "a body that postcard cannot decode as a Msg should be an InvalidData error, got {e:?}"
            ),
            Ok(m) => panic!("the body [0xFF] is not a Msg: read_frame should fail, got Ok({m:?})"),
        }

        // A length over MAX_FRAME: refused before any memory is set aside
        // for it or any byte of the body is read.
        let huge = (MAX_FRAME as u32 + 1).to_le_bytes();
        let mut input: &[u8] = &huge;
        match read_frame(&mut input) {
            Err(e) => assert_eq!(
                e.kind(),
                io::ErrorKind::InvalidData,
                "a frame that says it holds MAX_FRAME + 1 bytes should be refused at once with an \
                 InvalidData error (before reading its body), got {e:?}"
            ),
            Ok(m) => panic!("a frame over MAX_FRAME should be an error, got Ok({m:?})"),
        }

        // And write_frame will not send one.
        let too_big = Msg::Text("x".repeat(MAX_FRAME + 1));
        let mut out = Vec::new();
        match write_frame(&mut out, &too_big) {
            Err(e) => {
                assert_eq!(
                    e.kind(),
                    io::ErrorKind::InvalidInput,
                    "write_frame of a message over MAX_FRAME should fail with InvalidInput, got {e:?}"
                );
                assert!(
                    out.is_empty(),
                    "write_frame refused a message over MAX_FRAME, but wrote {} bytes first: \
                     check the size before writing anything",
                    out.len()
                );
            }
            Ok(()) => panic!(
                "write_frame sent a message of more than MAX_FRAME bytes ({} bytes written); \
                 it should return an InvalidInput error",
                out.len()
            ),
        }
    });
}

/// A writer that keeps what it is given until it is flushed, as a buffered
/// writer (or a program's stdout) does.
#[derive(Default)]
struct HeldUntilFlushed {
    held: Vec<u8>,
    flushed: Vec<u8>,
}

impl Write for HeldUntilFlushed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.flushed.append(&mut self.held);
        Ok(())
    }
}

#[test]
fn write_frame_flushes_what_it_wrote() {
    check("ep10_messages", || {
        let mut out = HeldUntilFlushed::default();
        for (i, msg) in one_of_each().iter().enumerate() {
            write_frame(&mut out, msg).expect("write_frame should succeed");
            assert!(
                out.held.is_empty(),
                "after write_frame of message {i} ({msg:?}) returned, {} bytes still sat in the \
                 writer's buffer: call w.flush() at the end, or the other process waits for a \
                 frame that never leaves this one",
                out.held.len()
            );
        }
        let got = read_all(&out.flushed[..]);
        assert_same_list(&got, &one_of_each(), "frames written to a buffered writer");
    });
}

#[test]
fn frames_cross_a_process_and_back() {
    check("ep10_messages", || {
        let mut child = Reaper::new(
            Command::new(course_check::worker_program("ep10_echo"))
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("could not start the echo worker"),
        );
        let mut to_child = child.child().stdin.take().expect("stdin is piped");
        let mut from_child = child.child().stdout.take().expect("stdout is piped");
        let mut sent = one_of_each();
        sent.push(Msg::Text("ünïcödé\nand a newline".to_string()));
        sent.push(Msg::Samples(vec![-0.0, f64::from_bits(1)]));
        // One at a time: send a frame, wait for it to come back. A frame
        // that stays in a buffer on either side never comes back.
        for (i, msg) in sent.iter().enumerate() {
            write_frame(&mut to_child, msg).expect("could not send a frame to the echo worker");
            match read_frame(&mut from_child) {
                Ok(Some(back)) => assert!(
                    same(&back, msg),
                    "frame {i} went to the echo worker as {} and came back as {}",
                    short(msg),
                    short(&back)
                ),
                other => panic!(
                    "the echo worker (your read_frame and write_frame in another process) should \
                     send frame {i} ({}) back, but read_frame gave {other:?}",
                    short(msg)
                ),
            }
        }
        drop(to_child); // the worker's read_frame sees the clean end
        let end = read_frame(&mut from_child);
        assert!(
            matches!(end, Ok(None)),
            "once its input ended the echo worker should stop, and read_frame on its output \
             should return Ok(None), got {end:?}"
        );
        let status = child
            .take()
            .wait()
            .expect("could not wait for the echo worker");
        assert!(
            status.success(),
            "the echo worker should end with success when its input ends cleanly between frames \
             (read_frame returns Ok(None)), but it ended with {status}"
        );
    });
}
