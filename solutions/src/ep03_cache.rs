//! Exercise `ep03_cache`: a cache that many threads read at once and
//! seldom write, behind an `RwLock`.
//! Chapter: src/ep03-shared-state.md

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::RwLock;

// ANCHOR: cache
/// Remembers the value computed for each key.
pub struct Cache<K, V> {
    map: RwLock<HashMap<K, V>>,
}

impl<K: Eq + Hash, V: Clone> Cache<K, V> {
    /// An empty cache.
    pub fn new() -> Self {
        Cache {
            map: RwLock::new(HashMap::new()),
        }
    }

    /// The value for `key`: the cached one if there is one (under a read
    /// lock, so that readers do not wait for each other); otherwise
    /// `compute(&key)`, run with no lock held, stored and returned. When two
    /// threads compute the same key at once, the first value stored stays,
    /// and both return it.
    pub fn get_or_compute(&self, key: K, compute: impl FnOnce(&K) -> V) -> V {
        // A statement of its own: the read guard is dropped at its `;`,
        // before anything below takes the write lock.
        let cached = self.map.read().unwrap().get(&key).cloned();
        if let Some(value) = cached {
            return value;
        }
        // Slow, and no lock held: other threads read and write meanwhile,
        // and a panic in `compute` cannot poison the lock.
        let value = compute(&key);
        let mut map = self.map.write().unwrap();
        // Check again: another thread may have stored this key meanwhile.
        map.entry(key).or_insert(value).clone()
    }

    /// How many keys are cached.
    pub fn count(&self) -> usize {
        self.map.read().unwrap().len()
    }
}
// ANCHOR_END: cache

impl<K: Eq + Hash, V: Clone> Default for Cache<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
