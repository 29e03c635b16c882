namespace DigestWorker.Subscriptions;

/// <summary>One problem in a config file: the file, the place in it, and what is wrong.</summary>
/// <param name="File">The file, as given on the command line or found in the config folder.</param>
/// <param name="Place">Line and column for bad JSON, or a path such as <c>subscribers[2] (id "max").email</c>.</param>
/// <param name="Message">What is wrong, with the offending value.</param>
public sealed record ConfigProblem(string File, string Place, string Message)
{
    public override string ToString() => $"{File}: {Place}: {Message}";
}
