using System.Text;
using DigestWorker.Rendering;
using Scriban;

namespace DigestWorker.Tests.Rendering;

public class Utf8OutputTests
{
    [Fact]
    public void Write_ManyChunks_GrowsPastItsFirstArrayAndKeepsEveryByte()
    {
        using var output = new Utf8Output(capacity: 16);
        var expected = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            var chunk = $"line {i}: ünïcödé — €\n";
            output.Write(chunk, 0, chunk.Length);
            expected.Append(chunk);
        }

        using var body = output.Detach();

        Assert.Equal(Encoding.UTF8.GetBytes(expected.ToString()), body.Utf8.ToArray());
        Assert.Equal(expected.ToString(), body.ToString());
    }

    [Fact]
    public void Write_SurrogatePairSplitBetweenWrites_IsEncodedWhole()
    {
        const string Text = "a😀b";
        using var output = new Utf8Output(capacity: 16);

        output.Write(Text, 0, 2); // "a" and the high surrogate
        output.Write(Text, 2, 2); // the low surrogate and "b"
        using var body = output.Detach();

        Assert.Equal(Encoding.UTF8.GetBytes(Text), body.Utf8.ToArray());
    }

    // Built at run time: xUnit passes theory data through UTF-8, which would turn a lone surrogate into U+FFFD first.
    public static TheoryData<string, string, byte[]> LoneSurrogates() => new()
    {
        { "a" + '\uD83D', "b", [0x61, 0xEF, 0xBF, 0xBD, 0x62] }, // a high surrogate followed by no low one
        { "a" + '\uD83D', string.Empty, [0x61, 0xEF, 0xBF, 0xBD] }, // a high surrogate last of all
        { "a", '\uDE00' + "b", [0x61, 0xEF, 0xBF, 0xBD, 0x62] }, // a low surrogate alone
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void Write_LoneSurrogate_BecomesTheReplacementCharacterAsWholeTextEncodingWould(string first, string second, byte[] expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetBytes(first + second));
        using var output = new Utf8Output(capacity: 16);

        output.Write(first, 0, first.Length);
        output.Write(second, 0, second.Length);
        var counted = output.Length;
        using var body = output.Detach();

        Assert.Equal(expected, body.Utf8.ToArray());
        Assert.Equal(expected.Length, counted);
    }

    [Fact]
    public void Render_IntoTheOutput_TheTemplateTextIsInTheBodyAndRenderReturnsNothing()
    {
        var template = Template.Parse("{{ for i in 1..3 }}{{ name }} {{ i }}\n{{ end }}");
        var context = new TemplateContext();
        context.PushGlobal(new Scriban.Runtime.ScriptObject { ["name"] = "Ünïcödé" });
        using var output = new Utf8Output(capacity: 16);
        context.PushOutput(output);

        var returned = template.Render(context);
        using var body = output.Detach();

        Assert.Equal(string.Empty, returned);
        Assert.Equal("Ünïcödé 1\nÜnïcödé 2\nÜnïcödé 3\n", body.ToString());
    }

    [Fact]
    public void Detach_HandsTheArrayOver_TheOutputThenHoldsNothing()
    {
        var output = new Utf8Output(capacity: 16);
        output.Write("x", 0, 1);
        using var body = output.Detach();

        Assert.Throws<ObjectDisposedException>(() => output.Write("y", 0, 1));
        output.Dispose(); // gives back nothing: the body owns the array
        Assert.Equal("x", body.ToString());
    }

    [Fact]
    public void RenderedBody_AfterDispose_IsNotReadable()
    {
        var body = RenderedBody.From("text");
        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.ToString());
    }
}
