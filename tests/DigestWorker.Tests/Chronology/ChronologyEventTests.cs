using DigestWorker.Chronology;

namespace DigestWorker.Tests.Chronology;

public sealed class ChronologyEventTests
{
    // The text is kept as UTF-8 and decoded on each read: it must come back exactly as given.
    [Theory]
    [InlineData("China and Russia conduct the Joint Sea 2017 military exercise.")]
    [InlineData("Putin — “Xi” ünïcödé 中俄 𝕏 emoji 🙂")]
    [InlineData("")]
    public void Text_ReadsBackExactlyAsGiven(string text)
    {
        var e = new ChronologyEvent
        {
            Id = "e1",
            Start = new DateOnly(2017, 9, 18),
            End = new DateOnly(2017, 9, 26),
            Kind = EventKind.Chronology,
            Text = text,
            DateText = "Sept. 18-26, 2017",
            Sources = [new EventSource("doc.txt", 1, "China - Russia", "Sep — Dec 2017", null)],
        };

        Assert.Equal(text, e.Text);
        Assert.Equal(text, e.Text);
    }
}
