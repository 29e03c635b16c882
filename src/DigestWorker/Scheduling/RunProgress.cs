namespace DigestWorker.Scheduling;

/// <summary>Progress of a run: digests done out of those due.</summary>
public readonly record struct RunProgress(int Done, int Total);
