using System.Text;

namespace DigestWorker.Chronology;

/// <summary>A dated happening read from a chronology document.</summary>
public sealed class ChronologyEvent
{
    private readonly byte[] _text = [];

    /// <summary>Stable id: same dates, kind and normalised wording give the same id on every run and machine.</summary>
    public required string Id { get; init; }

    public required DateOnly Start { get; init; }

    /// <summary>Inclusive end date; equal to <see cref="Start"/> for a single day.</summary>
    public required DateOnly End { get; init; }

    public required EventKind Kind { get; init; }

    /// <summary>The event text (entry text without its date prefix, or the whole narrative sentence).</summary>
    /// <remarks>
    /// Kept as UTF-8 and decoded on each read: a catalogue holds every event of every document (100,000 in the
    /// benchmark), and these mostly-ASCII texts take half the memory of strings. It is read when topics are matched
    /// (once per topic and event) and when an event is rendered the first time for a set of topics.
    /// </remarks>
    public required string Text
    {
        get => Encoding.UTF8.GetString(_text);
        init => _text = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The dates as the document wrote them (e.g. "Sept. 18-26, 2017").</summary>
    public required string DateText { get; init; }

    /// <summary>Every document place the event was found in; the first is the primary source.</summary>
    public required IReadOnlyList<EventSource> Sources { get; init; }

    /// <summary>Narrative sentences that restate this entry, attached instead of being separate events.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    public EventSource Source => Sources[0];
}
