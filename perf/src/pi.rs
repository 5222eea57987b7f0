//! Monte Carlo π, step by step. Every step counts the hits of chunk `chunk`
//! of a run seeded with `seed`, so that the answer does not depend on how
//! many threads share the chunks.
//!
//! The parts between `ANCHOR` lines are shown in the book (episode 11, "The
//! road to fast π"), where the blocks are compiled as edition 2021: keep them
//! free of edition-2024-only syntax.

use rand::rngs::{StdRng, Xoshiro256PlusPlus};
use rand::{Rng, RngExt, SeedableRng};

/// One step of the road to fast π.
pub struct Step {
    /// Short name used in tables, plots and file names (`std-f64`).
    pub name: &'static str,
    /// One line that says what changed from the step before.
    pub summary: &'static str,
    /// Hits among `samples` points of chunk `chunk` of the run seeded `seed`.
    pub hits: fn(seed: u64, chunk: u64, samples: u64) -> u64,
}

/// The steps, slowest first.
pub static STEPS: &[Step] = &[
    Step {
        name: "std-f64",
        summary: "StdRng (ChaCha12) per chunk, two f64 draws per sample",
        hits: std_f64,
    },
    Step {
        name: "xoshiro-f64",
        summary: "Xoshiro256++ instead of ChaCha12, still two f64 draws per sample",
        hits: xoshiro_f64,
    },
    Step {
        name: "one-draw-f64",
        summary: "one 64-bit draw per sample, cut into two 32-bit coordinates",
        hits: one_draw_f64,
    },
    Step {
        name: "int-31bit",
        summary: "integers instead of floats: 31-bit coordinates, x²+y² < 2⁶² in u64",
        hits: int_31bit,
    },
    Step {
        name: "lanes-31bit",
        summary: "8 Xoshiro256++ streams side by side, so the loop can be vectorised",
        hits: lanes_31bit,
    },
    Step {
        name: "lanes-16bit",
        summary: "16 Xoshiro128++ streams, 16-bit coordinates, x²+y² in 32 bits",
        hits: lanes_16bit,
    },
];

/// The seed of chunk `chunk` of a run seeded `seed`.
pub fn chunk_seed(seed: u64, chunk: u64) -> u64 {
    seed ^ chunk.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

// ANCHOR: std_f64
fn std_f64(seed: u64, chunk: u64, samples: u64) -> u64 {
    let mut rng = StdRng::seed_from_u64(chunk_seed(seed, chunk));
    let mut hits = 0;
    for _ in 0..samples {
        let x: f64 = rng.random();
        let y: f64 = rng.random();
        if x * x + y * y < 1.0 {
            hits += 1;
        }
    }
    hits
}
// ANCHOR_END: std_f64

// ANCHOR: xoshiro_f64
fn xoshiro_f64(seed: u64, chunk: u64, samples: u64) -> u64 {
    // seed_from_u64 spreads the 64 bits over the 256-bit state (SplitMix64).
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(chunk_seed(seed, chunk));
    let mut hits = 0;
    for _ in 0..samples {
        let x: f64 = rng.random();
        let y: f64 = rng.random();
        if x * x + y * y < 1.0 {
            hits += 1;
        }
    }
    hits
}
// ANCHOR_END: xoshiro_f64

// ANCHOR: one_draw_f64
fn one_draw_f64(seed: u64, chunk: u64, samples: u64) -> u64 {
    const SCALE: f64 = 1.0 / 4_294_967_296.0; // 2⁻³²
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(chunk_seed(seed, chunk));
    let mut hits = 0;
    for _ in 0..samples {
        let r = rng.next_u64();
        let x = (r >> 32) as f64 * SCALE; // the high half, in [0, 1)
        let y = (r as u32) as f64 * SCALE; // the low half
        hits += u64::from(x * x + y * y < 1.0);
    }
    hits
}
// ANCHOR_END: one_draw_f64

// ANCHOR: hit31
/// Is the point (x, y) = (high 31 bits, low 31 bits of `r`) inside the
/// circle of radius R = 2³¹? Both squares are below 2⁶², so their sum is
/// below 2⁶³ and fits in a u64; no rounding anywhere.
#[inline(always)]
fn hit31(r: u64) -> u64 {
    const MASK: u64 = (1 << 31) - 1;
    let x = r >> 33;
    let y = r & MASK;
    u64::from(x * x + y * y < 1 << 62)
}
// ANCHOR_END: hit31

// ANCHOR: int_31bit
fn int_31bit(seed: u64, chunk: u64, samples: u64) -> u64 {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(chunk_seed(seed, chunk));
    (0..samples).map(|_| hit31(rng.next_u64())).sum()
}
// ANCHOR_END: int_31bit

// ANCHOR: lanes64
/// `L` Xoshiro256++ generators side by side. The state is kept as four arrays
/// (word 0 of every lane, word 1 of every lane, ...), so one step of all the
/// lanes is the same few operations on whole arrays, which LLVM can turn
/// into SIMD instructions.
pub struct Lanes64<const L: usize> {
    s: [[u64; L]; 4],
}

impl<const L: usize> Lanes64<L> {
    /// Seeds every lane from one strong generator keyed by (seed, chunk):
    /// each lane gets a random 256-bit state of its own.
    pub fn new(seed: u64, chunk: u64) -> Self {
        let mut seeder = StdRng::seed_from_u64(chunk_seed(seed, chunk));
        let mut s = [[0; L]; 4];
        for lane in 0..L {
            for word in s.iter_mut() {
                word[lane] = seeder.next_u64();
            }
        }
        Lanes64 { s }
    }

    /// One step of every lane: `Xoshiro256PlusPlus::next_u64`, lane by lane.
    #[inline(always)]
    pub fn next_all(&mut self) -> [u64; L] {
        let [s0, s1, s2, s3] = &mut self.s;
        let mut out = [0; L];
        for i in 0..L {
            out[i] = s0[i]
                .wrapping_add(s3[i])
                .rotate_left(23)
                .wrapping_add(s0[i]);
            let t = s1[i] << 17;
            s2[i] ^= s0[i];
            s3[i] ^= s1[i];
            s1[i] ^= s2[i];
            s0[i] ^= s3[i];
            s2[i] ^= t;
            s3[i] = s3[i].rotate_left(45);
        }
        out
    }
}
// ANCHOR_END: lanes64

impl<const L: usize> Lanes64<L> {
    /// The state of lane `lane` as the seed that makes
    /// `Xoshiro256PlusPlus::from_seed` give the same stream (for the tests).
    pub fn lane_seed(&self, lane: usize) -> [u8; 32] {
        let mut seed = [0; 32];
        for (w, bytes) in seed.chunks_exact_mut(8).enumerate() {
            bytes.copy_from_slice(&self.s[w][lane].to_le_bytes());
        }
        seed
    }
}

/// Lanes of the `lanes-31bit` step.
pub const LANES_31BIT: usize = 8;

// ANCHOR: lanes_31bit
fn lanes_31bit(seed: u64, chunk: u64, samples: u64) -> u64 {
    const L: usize = LANES_31BIT;
    let mut lanes = Lanes64::<L>::new(seed, chunk);
    let mut counts = [0u64; L];
    for _ in 0..samples / L as u64 {
        let r = lanes.next_all();
        for i in 0..L {
            counts[i] += hit31(r[i]);
        }
    }
    // The last samples % L samples: one more step, the first lanes count.
    let rest = (samples % L as u64) as usize;
    let r = lanes.next_all();
    let tail: u64 = r[..rest].iter().map(|&r| hit31(r)).sum();
    counts.iter().sum::<u64>() + tail
}
// ANCHOR_END: lanes_31bit

// ANCHOR: lanes32
/// `L` Xoshiro128++ generators side by side: the 32-bit sibling of
/// Xoshiro256++ (128-bit state, 32-bit output), made only of 32-bit adds,
/// shifts, rotations and xors, which every x86-64 vector unit has.
pub struct Lanes32<const L: usize> {
    s: [[u32; L]; 4],
}

impl<const L: usize> Lanes32<L> {
    /// Seeds every lane from one strong generator keyed by (seed, chunk).
    pub fn new(seed: u64, chunk: u64) -> Self {
        let mut seeder = StdRng::seed_from_u64(chunk_seed(seed, chunk));
        let mut s = [[0; L]; 4];
        for lane in 0..L {
            for word in s.iter_mut() {
                word[lane] = seeder.next_u32();
            }
        }
        Lanes32 { s }
    }

    /// One step of every lane: `Xoshiro128PlusPlus::next_u32`, lane by lane.
    #[inline(always)]
    pub fn next_all(&mut self) -> [u32; L] {
        let [s0, s1, s2, s3] = &mut self.s;
        let mut out = [0; L];
        for i in 0..L {
            out[i] = s0[i].wrapping_add(s3[i]).rotate_left(7).wrapping_add(s0[i]);
            let t = s1[i] << 9;
            s2[i] ^= s0[i];
            s3[i] ^= s1[i];
            s1[i] ^= s2[i];
            s0[i] ^= s3[i];
            s2[i] ^= t;
            s3[i] = s3[i].rotate_left(11);
        }
        out
    }
}
// ANCHOR_END: lanes32

impl<const L: usize> Lanes32<L> {
    /// The state of lane `lane` as the seed that makes
    /// `Xoshiro128PlusPlus::from_seed` give the same stream (for the tests).
    pub fn lane_seed(&self, lane: usize) -> [u8; 16] {
        let mut seed = [0; 16];
        for (w, bytes) in seed.chunks_exact_mut(4).enumerate() {
            bytes.copy_from_slice(&self.s[w][lane].to_le_bytes());
        }
        seed
    }
}

// ANCHOR: hit16
/// Is the point (x, y), on the lattice [-2¹⁵, 2¹⁵)², inside the circle of
/// radius R = 2¹⁵? Each square is at most 2³⁰ and their sum at most 2³¹,
/// which fits a u32 (in an i32 it wraps, only at the corner (-2¹⁵, -2¹⁵),
/// so we read the sum as a u32).
#[inline(always)]
pub fn hit16(x: i16, y: i16) -> u32 {
    let (x, y) = (i32::from(x), i32::from(y));
    u32::from(((x * x).wrapping_add(y * y) as u32) < 1 << 30)
}
// ANCHOR_END: hit16

/// Lanes of the `lanes-16bit` step.
pub const LANES_16BIT: usize = 16;

// ANCHOR: lanes_16bit
fn lanes_16bit(seed: u64, chunk: u64, samples: u64) -> u64 {
    const L: usize = LANES_16BIT;
    let mut lanes = Lanes32::<L>::new(seed, chunk);
    let mut total = 0;
    let mut steps = samples / L as u64;
    while steps > 0 {
        // u32 counters, emptied into `total` long before they could overflow.
        let block = steps.min(1 << 31);
        let mut counts = [0u32; L];
        for _ in 0..block {
            let r = lanes.next_all();
            // Each 32-bit draw is a point: x in the low 16 bits, y in the
            // high 16 bits, side by side as the vector unit wants them.
            let mut c = [0i16; 2 * L];
            for i in 0..L {
                c[2 * i] = r[i] as i16;
                c[2 * i + 1] = (r[i] >> 16) as i16;
            }
            for i in 0..L {
                counts[i] += hit16(c[2 * i], c[2 * i + 1]);
            }
        }
        total += counts.iter().map(|&n| u64::from(n)).sum::<u64>();
        steps -= block;
    }
    // The last samples % L samples: one more step, the first lanes count.
    let rest = (samples % L as u64) as usize;
    let r = lanes.next_all();
    let tail: u32 = r[..rest]
        .iter()
        .map(|&r| hit16(r as i16, (r >> 16) as i16))
        .sum();
    total + u64::from(tail)
}
// ANCHOR_END: lanes_16bit

/// Hits among `n` samples split into `chunks` chunks, run on `threads`
/// scoped threads (chunk i goes to thread i % threads). The result depends
/// on `seed`, `n` and `chunks`, never on `threads`.
pub fn count_hits(step: &Step, n: u64, chunks: u64, threads: usize, seed: u64) -> u64 {
    assert!(chunks > 0 && threads > 0);
    let size = |i: u64| n / chunks + u64::from(i < n % chunks);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads as u64)
            .map(|t| {
                s.spawn(move || {
                    (t..chunks)
                        .step_by(threads)
                        .map(|i| (step.hits)(seed, i, size(i)))
                        .sum::<u64>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
