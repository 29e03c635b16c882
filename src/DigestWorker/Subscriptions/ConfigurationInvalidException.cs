namespace DigestWorker.Subscriptions;

/// <summary>Configuration that cannot be used; carries every problem found, not just the first.</summary>
public sealed class ConfigurationInvalidException : Exception
{
    public ConfigurationInvalidException(IReadOnlyList<ConfigProblem> problems)
        : base("Configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }
}
