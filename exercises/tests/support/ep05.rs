//! Helpers shared by the tests of episode 5's exercises.
#![allow(dead_code)]

/// Helpers shared by the tests of this episode.
pub mod support {
    use std::fs;
    use std::path::PathBuf;
    use std::process::Command;
    use std::thread;
    use std::time::Duration;

    /// Fails with a clear message if `pid` was not waited for.
    pub fn assert_reaped(pid: u32, what: &str) {
        match course_check::proc::how_child_was_left(pid) {
            course_check::proc::Left::Reaped => {}
            course_check::proc::Left::Zombie => panic!(
                "{what} (pid {pid}) has ended but was never waited for: it is a zombie. \
                 Call wait() (or wait_with_output, try_wait until it returns Some) on every child"
            ),
            course_check::proc::Left::Running(state) => panic!(
                "{what} (pid {pid}) is still running (state {state}) after the function returned: \
                 it should have been killed and waited for"
            ),
        }
    }

    /// The Unix time (whole seconds) `secs` seconds from now: when a test
    /// script stops waiting for something that is not going to happen.
    pub fn seconds_from_now(secs: u64) -> u64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("the clock is before 1970");
        now.as_secs() + secs
    }

    /// A fresh, empty scratch folder for one test, removed when dropped
    /// (also when the test fails).
    pub struct ScratchDir(PathBuf);

    impl ScratchDir {
        pub fn new(name: &str) -> ScratchDir {
            let dir =
                std::env::temp_dir().join(format!("course-ep05-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("could not make a scratch folder");
            ScratchDir(dir)
        }

        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Drop for ScratchDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Writes an executable shell script `dir/name` whose body is `body`.
    /// Run with `--probe` it exits at once: we run it that way until it
    /// starts, because a program that was just written can be "busy"
    /// (ETXTBSY) for a moment while another test thread starts a process.
    #[cfg(unix)]
    pub fn script(dir: &std::path::Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        let text = format!("#!/bin/sh\nif [ \"$1\" = --probe ]; then exit 0; fi\n{body}\n");
        fs::write(&path, text).expect("could not write a test script");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755))
            .expect("could not make the test script executable");
        for _ in 0..200 {
            match Command::new(&path).arg("--probe").status() {
                Ok(_) => return path,
                Err(e) if e.raw_os_error() == Some(26) => thread::sleep(Duration::from_millis(5)),
                Err(e) => panic!("could not run the test script {}: {e}", path.display()),
            }
        }
        panic!("the test script {} stayed busy", path.display());
    }
}
