using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DigestWorker.Chronology;
using DigestWorker.Selection;

namespace DigestWorker.Subscriptions;

/// <summary>A topic's keywords compiled once; decides whether an event is in the topic and why.</summary>
public sealed class TopicMatcher
{
    private readonly Regex _keywords;
    private readonly Regex? _exclude;
    private readonly string[] _groupNames;

    // What matched so far, shared by every event it matches; a matcher may run on several threads.
    private readonly ConcurrentDictionary<MatchedTerm, MatchedTerm> _terms = new();
    private readonly ConcurrentDictionary<MatchedTerm, TopicMatch> _single = new();

    public TopicMatcher(Topic topic)
    {
        Topic = topic;
        _keywords = KeywordPattern.Combine(topic.Keywords);
        _exclude = topic.Exclude.Count == 0 ? null : KeywordPattern.Combine(topic.Exclude);
        _groupNames = [.. Enumerable.Range(0, topic.Keywords.Count).Select(i => $"t{i}")];
    }

    public Topic Topic { get; }

    /// <summary>The match for the event, or null when no keyword matches or an exclude term does.</summary>
    public TopicMatch? Match(ChronologyEvent e)
    {
        List<MatchedTerm>? terms = null;
        foreach (var (text, where) in Fields(e))
        {
            if (_exclude is not null && _exclude.IsMatch(text))
            {
                return null;
            }

            foreach (Match m in _keywords.Matches(text))
            {
                var term = TermOf(m);
                terms ??= [];
                if (!terms.Exists(t => t.Term == term && t.Where == where && string.Equals(t.Matched, m.Value, StringComparison.OrdinalIgnoreCase)))
                {
                    terms.Add(Shared(new MatchedTerm(term, where, m.Value)));
                }
            }
        }

        if (terms is null)
        {
            return null;
        }

        // Most events match one term of a topic, and the same few words match again and again: the index keeps one
        // match per distinct term instead of one (with its list and matched string) per event.
        return terms.Count == 1
            ? _single.GetOrAdd(terms[0], static (term, topic) => new TopicMatch(topic, [term]), Topic)
            : new TopicMatch(Topic, [.. terms]);
    }

    // Equal terms (same keyword, place and matched text) are one object; records compare by value.
    private MatchedTerm Shared(MatchedTerm term) => _terms.GetOrAdd(term, term);

    private static IEnumerable<(string Text, MatchLocation Where)> Fields(ChronologyEvent e)
    {
        yield return (e.Text, MatchLocation.Text);
        if (e.Kind == EventKind.Narrative && !string.IsNullOrEmpty(e.Source.Section))
        {
            yield return (e.Source.Section, MatchLocation.Heading);
        }

        foreach (var sentence in e.Context)
        {
            yield return (sentence, MatchLocation.Context);
        }
    }

    private string TermOf(Match m)
    {
        for (var i = 0; i < _groupNames.Length; i++)
        {
            if (m.Groups[_groupNames[i]].Success)
            {
                return Topic.Keywords[i];
            }
        }

        return m.Value;
    }
}
