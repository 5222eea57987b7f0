//! Episode 10, "Beyond one machine: MPI": Monte Carlo π on MPI ranks.
//!
//! The points, chunks and seeds are those of episode 7: the very functions
//! of the model answers (`chunk_sizes`, `hits_in_chunk`) are compiled in
//! below, so the count agrees with the threads version for the same seed
//! and chunks. Rank r counts chunks r, r + size, r + 2 * size, ...; the
//! counts are added up on rank 0, which prints them.
//!
//!     cargo build --release -p mpi-pi
//!     mpirun -n 2 target/release/mpi-pi [SEED POINTS CHUNKS]
//!
//! It prints one line: `hits H of N points in C chunks, seed S, on R ranks: π ≈ P`.

// The model answers of episode 7, used as they are.
#[allow(dead_code)]
#[path = "../../solutions/src/ep07_pi_chunks.rs"]
mod ep07_pi_chunks;
#[allow(dead_code)]
#[path = "../../solutions/src/ep07_split.rs"]
mod ep07_split;

use ep07_pi_chunks::hits_in_chunk;
use ep07_split::chunk_sizes;
use mpi::collective::SystemOperation;
use mpi::traits::*;
use std::process::ExitCode;

fn main() -> ExitCode {
    // ANCHOR: rank
    // Every rank runs this same program; MPI tells each one who it is.
    let universe = mpi::initialize().expect("MPI could not start");
    let world = universe.world();
    let (rank, size) = (world.rank() as usize, world.size() as usize);

    // Every rank reads the same arguments, so every rank makes the same chunks.
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number"))
        .collect();
    let (seed, points, chunks) = match args.as_slice() {
        [] => (2024, 10_000_000, 64),
        [seed, points, chunks] => (*seed, *points, *chunks as usize),
        _ => {
            eprintln!("usage: mpi-pi [SEED POINTS CHUNKS]");
            return ExitCode::from(2);
        }
    };
    let sizes = chunk_sizes(points, chunks);

    // This rank's share: chunks rank, rank + size, rank + 2 * size, ...
    let mine: u64 = (rank..chunks)
        .step_by(size)
        .map(|chunk| hits_in_chunk(seed, chunk as u64, sizes[chunk]))
        .sum();

    // Add every rank's count on rank 0: the "reassemble" step.
    let root = world.process_at_rank(0);
    if rank == 0 {
        let mut hits = 0u64;
        root.reduce_into_root(&mine, &mut hits, SystemOperation::sum());
        let pi = 4.0 * hits as f64 / points as f64;
        println!(
            "hits {hits} of {points} points in {chunks} chunks, seed {seed}, on {size} ranks: π ≈ {pi:.6}"
        );
    } else {
        root.reduce_into(&mine, SystemOperation::sum());
    }
    // ANCHOR_END: rank
    ExitCode::SUCCESS
}
