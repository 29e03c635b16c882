namespace DigestWorker.Delivery.Record;

/// <summary>
/// One checkpoint's outcome as SQLite reports it: whether another connection was checkpointing (that one copies the
/// log, and both page counts are -1), the log's pages, and how many of them are now in the database file.
/// </summary>
internal readonly record struct WalCheckpointResult(bool Busy, long LogPages, long CopiedPages);
