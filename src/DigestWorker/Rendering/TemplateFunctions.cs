using System.Text;
using Scriban.Functions;
using Scriban.Runtime;

namespace DigestWorker.Rendering;

/// <summary>
/// The built-in functions every render sees: Scriban's standard library plus <c>wrap</c> for the plain-text body.
/// Built once and shared read-only across renders, so a render does not pay for cloning the standard library.
/// </summary>
internal static class TemplateFunctions
{
    public static ScriptObject Shared { get; } = Create();

    /// <summary>
    /// Word-wraps <paramref name="text"/> to <paramref name="width"/> columns (indent included), prefixing every line
    /// with <paramref name="indent"/>. Words longer than a line are kept whole rather than broken mid-word (URLs).
    /// </summary>
    public static string Wrap(string? text, int width = 72, string? indent = null)
    {
        indent ??= string.Empty;
        var room = Math.Max(20, width - indent.Length);
        var output = new StringBuilder((text?.Length ?? 0) + 16);
        var all = (text ?? string.Empty).AsSpan();

        // Over spans, not split strings: every event's text goes through here, and a string per word added up.
        foreach (var line in all.Split('\n'))
        {
            if (output.Length > 0)
            {
                output.Append('\n');
            }

            var lineLength = 0;
            output.Append(indent);
            var paragraph = all[line];
            foreach (var part in paragraph.Split(' '))
            {
                // As Split with RemoveEmptyEntries | TrimEntries did: each word trimmed, empty ones skipped.
                var word = paragraph[part].Trim();
                if (word.IsEmpty)
                {
                    continue;
                }

                if (lineLength > 0 && lineLength + 1 + word.Length > room)
                {
                    output.Append('\n').Append(indent);
                    lineLength = 0;
                }
                else if (lineLength > 0)
                {
                    output.Append(' ');
                    lineLength++;
                }

                output.Append(word);
                lineLength += word.Length;
            }
        }

        return output.ToString();
    }

    private static ScriptObject Create()
    {
        var builtins = new BuiltinFunctions();
        builtins.Import("wrap", new Func<string?, int, string?, string>(Wrap));
        builtins.SetReadOnly("wrap", true);
        return builtins;
    }
}
