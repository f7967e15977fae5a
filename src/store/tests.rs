use super::*;

#[test]
fn a_rewrite_of_a_file_saved_meanwhile_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("clients.toml");
    std::fs::write(&path, "a = 1\n").expect("write");
    let version = Version::of(&path).expect("stat");
    // An editor saves the file by rename while the command works.
    let saved = dir.path().join("saved.toml");
    std::fs::write(&saved, "a = 2\n").expect("write");
    std::fs::rename(&saved, &path).expect("rename");
    let err = write_atomic_if_unchanged(&path, b"a = 3\n", &version).expect_err("refused");
    assert!(err.to_string().contains("changed on disk"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("a = 2\n")
    );
    // Saved in place, one byte longer: refused too.
    let version = Version::of(&path).expect("stat");
    std::fs::write(&path, "a = 22\n").expect("write");
    assert!(write_atomic_if_unchanged(&path, b"a = 3\n", &version).is_err());
    // Unchanged: written.
    let version = Version::of(&path).expect("stat");
    write_atomic_if_unchanged(&path, b"a = 3\n", &version).expect("written");
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("a = 3\n")
    );
    // No temporary file is left behind either way.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// A file that takes `room` bytes, then fails as a full disk does.
struct Full {
    data: Vec<u8>,
    room: usize,
}

impl Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.data.len() >= self.room {
            return Err(std::io::Error::new(ErrorKind::StorageFull, "no space left"));
        }
        let n = buf.len().min(self.room - self.data.len());
        self.data.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl AppendTarget for Full {
    fn sync(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn truncate(&mut self, len: u64) -> std::io::Result<()> {
        self.data.truncate(len as usize);
        Ok(())
    }
}

#[test]
fn a_write_that_fails_after_any_number_of_bytes_leaves_the_file_as_it_was() {
    let before = b"[[entry]]\nclient = \"a\"\ndate = 2026-11-01\n".to_vec();
    let entry = b"\n[[entry]]\nclient = \"a\"\ndate = 2026-11-02\nnote = \"long\"\n";
    for room in before.len()..before.len() + entry.len() {
        let mut file = Full {
            data: before.clone(),
            room,
        };
        let result = write_or_roll_back(&mut file, before.len() as u64, entry);
        assert!(result.is_err(), "room {room}");
        assert_eq!(file.data, before, "room {room}");
    }
    let mut roomy = Full {
        data: before.clone(),
        room: 1 << 20,
    };
    write_or_roll_back(&mut roomy, before.len() as u64, entry).expect("written");
    assert_eq!(roomy.data.len(), before.len() + entry.len());
}
