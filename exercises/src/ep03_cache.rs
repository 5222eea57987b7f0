//! Exercise `ep03_cache`: a cache that many threads read at once and
//! seldom write, behind an `RwLock`.
//! Read: src/ep03-shared-state.md, "Many readers, one writer: RwLock"
//! Check your answer: cargo test -p exercises --test ep03_cache

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::RwLock;

/// Remembers the value computed for each key.
// This field is a suggestion; change it if you like.
#[allow(dead_code)] // remove this line once you use the field
pub struct Cache<K, V> {
    map: RwLock<HashMap<K, V>>,
}

impl<K: Eq + Hash, V: Clone> Cache<K, V> {
    /// An empty cache.
    pub fn new() -> Self {
        todo!("ep03_cache: an RwLock around an empty HashMap (chapter ep03-shared-state)")
    }

    /// The value for `key`: the cached one if there is one (under a read
    /// lock, so that readers do not wait for each other); otherwise
    /// `compute(&key)`, run with no lock held, stored and returned. When two
    /// threads compute the same key at once, the first value stored stays,
    /// and both return it.
    pub fn get_or_compute(&self, key: K, compute: impl FnOnce(&K) -> V) -> V {
        let _ = (key, compute);
        todo!(
            "ep03_cache: look up under read(), drop that guard, compute with no lock, insert under write() unless already there (chapter ep03-shared-state)"
        )
    }

    /// How many keys are cached.
    pub fn count(&self) -> usize {
        todo!("ep03_cache: the number of keys, under a read lock (chapter ep03-shared-state)")
    }
}

impl<K: Eq + Hash, V: Clone> Default for Cache<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
