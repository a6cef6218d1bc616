package store

// Store keeps short links in memory.
type Store struct{ links map[string]string }
