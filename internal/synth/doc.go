// Package synth generates a deterministic synthetic news corpus for scale
// tests and benchmarks: agencies, companies, persons, locations, entities,
// orders and dates spread over thousands of documents, with realistic degree
// skew (a few hub agencies and targets, many small nodes).
//
// The corpus is emitted directly as kg.Extraction values, one per document,
// so a store can be loaded at full scale without running the text loader;
// the same documents are also available as raw kg.DocumentInput so that the
// real loader can be exercised on them. Every evidence quote indexes into the
// generated text exactly, and every ID comes from kg.NodeID, kg.EdgeID and
// kg.DocumentID, so the graph merges the way a loaded one would.
//
// Generation is a pure function of Config: the world (entities and their
// facts) is built once from Config.Seed, and each document is rebuilt on
// demand from its own seeded stream, so documents can be produced in any
// order, streamed without holding the corpus in memory, and compared across
// runs.
package synth
