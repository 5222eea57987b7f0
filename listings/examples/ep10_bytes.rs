//! Episode 10, "Data crosses as bytes": one value, turned into bytes with
//! serde in two formats (postcard, compact and binary; JSON, text), and
//! back.
//!     cargo run -p listings --example ep10_bytes

// ANCHOR: bytes
use serde::{Deserialize, Serialize};

/// A job for a worker process. `derive` writes the code that turns it into
/// bytes and back, for any format serde supports.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Job {
    id: u32,
    seed: u64,
    label: String,
    samples: Vec<f64>,
}

fn main() {
    let job = Job {
        id: 7,
        seed: 2024,
        label: "π, chunk 7".to_string(),
        samples: vec![0.25, -1.5, 1e-300, 3.0],
    };

    let binary: Vec<u8> = postcard::to_stdvec(&job).unwrap();
    let text: String = serde_json::to_string(&job).unwrap();
    println!("postcard: {} bytes {:?}", binary.len(), &binary[..6]);
    println!("JSON:     {} bytes {text}", text.len());

    // The receiving side: bytes in, the same value out.
    let from_binary: Job = postcard::from_bytes(&binary).unwrap();
    let from_text: Job = serde_json::from_str(&text).unwrap();
    assert_eq!(from_binary, job);
    assert_eq!(from_text, job);
}
// ANCHOR_END: bytes
