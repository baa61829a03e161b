"""Stage 7, archive: fingerprints, the SQLite index of shingle postings, candidate pairs and clustering of archives into stories."""
