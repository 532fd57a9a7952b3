"""Full-text search of the published works (SQLite FTS5): the index, what it holds, keeping it current."""
