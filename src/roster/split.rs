//! Placeholder; replaced by the block splitter.
pub fn split_blocks() {}
