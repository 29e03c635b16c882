namespace DigestWorker.Selection;

/// <summary>Which part of an event a topic term matched.</summary>
public enum MatchLocation
{
    Text,
    Heading,
    Context,
}
