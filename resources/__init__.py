"""Data that ships with STAR Desktop: policy files, word lists, samples."""
