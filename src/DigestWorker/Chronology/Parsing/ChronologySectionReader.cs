using System.Text;

namespace DigestWorker.Chronology.Parsing;

/// <summary>
/// Reads the "Chronology of ..." list: dated entries, their continuation lines, the period line under the
/// heading. Every non-blank line ends up as an entry, a continuation, the period line, or a warning.
/// </summary>
internal sealed class ChronologySectionReader
{
    private readonly string _file;
    private readonly DateSpan? _period;
    private readonly List<RawEntry> _entries = [];
    private readonly List<DocumentWarning> _warnings = [];
    private readonly List<LineDisposition> _lines = [];
    private readonly StringBuilder _text = new();
    private (int Line, string DateText, DateSpan Dates, int DispositionIndex)? _open;
    private bool _afterUnreadable;
    private bool _periodSeen;

    public ChronologySectionReader(string file, DateSpan? period)
    {
        _file = file;
        _period = period;
    }

    public IReadOnlyList<RawEntry> Entries => _entries;

    public IReadOnlyList<DocumentWarning> Warnings => _warnings;

    public IReadOnlyList<LineDisposition> Lines => _lines;

    /// <param name="lines">All document lines.</param>
    /// <param name="headingIndex">0-based index of the "Chronology of" line.</param>
    public void Read(IReadOnlyList<string> lines, int headingIndex)
    {
        _lines.Add(new LineDisposition(headingIndex + 1, LineRole.Heading));
        for (var i = headingIndex + 1; i < lines.Count; i++)
        {
            _lines.Add(new LineDisposition(i + 1, Classify(lines[i], i + 1)));
        }

        Close();
    }

    private LineRole Classify(string line, int number)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineRole.Blank;
        }

        if (EntryPrefix.TrySplit(line, out var prefix, out var rest))
        {
            Close();
            var dates = EntryDateParser.TryParse(prefix, _period, out var error);
            if (dates is null)
            {
                _afterUnreadable = true;
                return Warn(number, $"unreadable entry date ({error})", line);
            }

            if (_period is { } period && FarOutside(dates.Value, period))
            {
                _afterUnreadable = true;
                return Warn(number, $"entry date {dates.Value.Start:yyyy-MM-dd}..{dates.Value.End:yyyy-MM-dd} is more than a year outside the document's period ({period.Start:yyyy-MM-dd}..{period.End:yyyy-MM-dd}); a mistyped year? Entry skipped", line);
            }

            _afterUnreadable = false;
            _open = (number, prefix, dates.Value, _lines.Count);
            _text.Append(rest);
            return LineRole.Entry;
        }

        if (_open is not null)
        {
            if (EntryPrefix.StartsWithFullDate(line))
            {
                // Kept where it was read (nothing is dropped), but said: it is probably an entry of its own.
                _warnings.Add(new DocumentWarning(_file, number, "line starts with a date but has no ':' after it, so it is read as part of the entry above", Shorten(line)));
            }

            _text.Append(' ').Append(line);
            return LineRole.Continuation;
        }

        if (_afterUnreadable)
        {
            return Warn(number, "text continues an unreadable entry", line);
        }

        if (_entries.Count == 0 && !_periodSeen && PeriodParser.TryParse(line) is not null)
        {
            _periodSeen = true;
            return LineRole.PeriodLine;
        }

        return Warn(number, "text before the first chronology entry", line);
    }

    private void Close()
    {
        if (_open is not { } open)
        {
            return;
        }

        var text = TextNormalizer.CollapseWhitespace(_text.ToString());
        _text.Clear();
        _open = null;
        if (text.Length == 0)
        {
            _lines[open.DispositionIndex] = new LineDisposition(open.Line, LineRole.Warned);
            _warnings.Add(new DocumentWarning(_file, open.Line, "chronology entry has no text", Shorten(open.DateText)));
            return;
        }

        _entries.Add(new RawEntry(open.Line, open.DateText, open.Dates, text));
    }

    // A year of slack each side: a review may date an entry from before its period or into the next one. In day
    // numbers, so a period at either end of the calendar (a header "Dec 9999") cannot run off it.
    private const int SlackDays = 366;

    private static bool FarOutside(DateSpan dates, DateSpan period) =>
        dates.Start.DayNumber < period.Start.DayNumber - SlackDays || dates.End.DayNumber > period.End.DayNumber + SlackDays;

    private LineRole Warn(int number, string message, string line)
    {
        _warnings.Add(new DocumentWarning(_file, number, message, Shorten(line)));
        return LineRole.Warned;
    }

    internal static string Shorten(string text) =>
        text.Length <= 200 ? text.Trim() : string.Concat(text.AsSpan(0, 200).Trim(), "…");
}
