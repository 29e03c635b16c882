namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// One string for each distinct value, for the texts a catalogue repeats: 100,000 entries of the benchmark's
/// documents write 18 distinct dates, and every event keeps its own. Not thread-safe: one load uses one pool.
/// </summary>
internal sealed class TextPool
{
    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);

    /// <summary>The string already pooled equal to <paramref name="value"/>, or <paramref name="value"/>, pooled from now on.</summary>
    public string Share(string value)
    {
        if (_known.TryGetValue(value, out var known))
        {
            return known;
        }

        _known.Add(value, value);
        return value;
    }
}
