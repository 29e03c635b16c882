using System.Text;
using DigestWorker.Delivery;
using DigestWorker.Selection;
using DigestWorker.Subscriptions;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace DigestWorker.Rendering;

/// <summary>
/// Renders a digest plan with the subscriber's template set: subject, plain-text body and (unless they asked for text) HTML.
/// Thread-safe; templates are parsed once by the <see cref="TemplateCatalog"/> and every render runs under limits.
/// </summary>
public sealed class DigestRenderer
{
    // Templates have no business recursing deeply; Scriban's default of 100 is more than a digest ever needs.
    private const int RecursiveLimit = 50;
    private const int ObjectRecursionLimit = 20;

    // A body's first array from the pool, which most bodies fit in (a whole benchmark digest is about 22 KB).
    private const int BodyCapacity = 32 * 1024;

    private readonly TemplateCatalog _catalog;
    private readonly RenderingOptions _options;
    private readonly MailingListOptions _list;
    private readonly EventFragments _fragments = new();

    [ThreadStatic]
    private static TemplateContext? t_context;

    public DigestRenderer(TemplateCatalog catalog, IOptions<RenderingOptions> options, IOptions<MailingListOptions> mailingList)
    {
        _catalog = catalog;
        _options = options.Value;
        _list = mailingList.Value;
    }

    /// <exception cref="TemplateRenderException">The set is missing or invalid, a template failed, or a limit was hit.</exception>
    public RenderedDigest Render(DigestPlan plan)
    {
        var subscriber = plan.Subscriber;
        var set = _catalog.Find(subscriber.TemplateSet)
            ?? throw new TemplateRenderException(subscriber.Id, Path.Combine(_catalog.Root, subscriber.TemplateSet), "template set not found");
        if (set.Errors.Count > 0)
        {
            throw new TemplateRenderException(subscriber.Id, set.DisplayFolder, "template set has errors: " + string.Join("; ", set.Errors));
        }

        var events = DigestModel.Events(plan);
        var counts = TopicCounts.Count(plan, events);
        var textModel = DigestModel.Build(plan, _list, html: false, events, Items(set, events, html: false, subscriber.Id), counts);
        var subject = SubjectLine.Clean(Run(set, TemplateSet.SubjectFile, textModel, subscriber.Id), _options.SubjectMaxLength);
        var text = RunToUtf8(set, TemplateSet.TextFile, textModel, subscriber.Id);
        try
        {
            var html = subscriber.Format == DigestFormat.Text
                ? null
                : RunToUtf8(set, TemplateSet.HtmlFile, DigestModel.Build(plan, _list, html: true, events, Items(set, events, html: true, subscriber.Id), counts), subscriber.Id);
            return new RenderedDigest(subject, text, html);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    // Each event through its event template, once per event and matched topics (see EventFragments).
    private ScriptObject[] Items(TemplateSet set, IReadOnlyList<SelectedEvent> events, bool html, string subscriberId)
    {
        var file = html ? TemplateSet.EventHtmlFile : TemplateSet.EventTextFile;
        var items = new ScriptObject[events.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var selected = events[i];
            items[i] = _fragments.GetOrAdd(set, file, selected, () => EventModel.Item(selected, html, Run(set, file, EventModel.Globals(selected, html), subscriberId)));
        }

        return items;
    }

    /// <summary>
    /// This thread's Scriban context, reset for a new render. Building one allocates about 21 KB (most of it argument
    /// arrays for function calls), and a digest renders three templates plus each event not rendered before, so each
    /// thread keeps one. Reset drops everything a render leaves (output, globals, builtins' state, cached includes, which
    /// <see cref="TemplateSetLoader.Prime"/> then fills for the set at hand); renders are synchronous, so a context is
    /// never used by two at once.
    /// </summary>
    private static TemplateContext TakeContext()
    {
        var context = t_context;
        t_context = null;
        if (context is null)
        {
            return new TemplateContext(TemplateFunctions.Shared)
            {
                RecursiveLimit = RecursiveLimit,
                ObjectRecursionLimit = ObjectRecursionLimit,
                OnOutputLimit = ScriptLimitBehavior.Throw,
                // A member the model does not have (a misspelt "subscriber.nmae") is an error naming the template's
                // line, not an empty string in every digest. Every model object has all its members, null or not.
                EnableRelaxedMemberAccess = false,
                NewLine = "\n",
            };
        }

        context.Reset();
        context.ResetPreviousNewLine();

        // Reset keeps Tags, where builtins keep state between calls (array.cycle's position, math.random's generator).
        context.Tags.Clear();
        return context;
    }

    // A body, rendered straight to UTF-8 (Utf8Output): the output limit is checked on its bytes.
    private RenderedBody RunToUtf8(TemplateSet set, string file, ScriptObject model, string subscriberId)
    {
        using var output = new Utf8Output(BodyCapacity);
        Run(set, file, model, subscriberId, output);
        return output.Length > _options.OutputLimitBytes ? throw OverLimit(set, file, subscriberId) : output.Detach();
    }

    // The subject and event fragments, which the digest's model holds as strings.
    private string Run(TemplateSet set, string file, ScriptObject model, string subscriberId)
    {
        var output = Run(set, file, model, subscriberId, null);

        // OutputLimit counts UTF-16 characters; the option promises bytes on the wire.
        return Encoding.UTF8.GetByteCount(output) > _options.OutputLimitBytes ? throw OverLimit(set, file, subscriberId) : output;
    }

    private TemplateRenderException OverLimit(TemplateSet set, string file, string subscriberId) =>
        new(subscriberId, set.DisplayPath(file), $"output exceeds {_options.OutputLimitBytes} bytes");

    // Renders into the context's own output, whose text is returned, or into target (and an empty string is returned).
    private string Run(TemplateSet set, string file, ScriptObject model, string subscriberId, Utf8Output? target)
    {
        var path = set.DisplayPath(file);
        var template = set.Get(file) ?? throw new TemplateRenderException(subscriberId, path, "required template file is missing");

        using var timeout = new CancellationTokenSource(_options.RenderTimeout);
        var context = TakeContext();
        context.LoopLimit = _options.LoopLimit;
        context.LimitToString = _options.OutputLimitBytes;
        context.OutputLimit = _options.OutputLimitBytes;
        context.CancellationToken = timeout.Token;
        set.Loader.Prime(context);
        context.PushGlobal(model);

        // Assignments in a template land in this scratch scope, so the shared model stays as built for the next body.
        context.PushGlobal(new ScriptObject());

        if (target is not null)
        {
            context.PushOutput(target);
        }

        string output;
        try
        {
            output = template.Render(context);
        }
        catch (ScriptAbortException e)
        {
            throw new TemplateRenderException(subscriberId, path, $"stopped after {_options.RenderTimeout.TotalSeconds:0.###} s: {e.Message}", e);
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateRenderException(subscriberId, path, e.Message, e);
        }
        catch (OperationCanceledException e)
        {
            throw new TemplateRenderException(subscriberId, path, "render timed out", e);
        }

        if (target is not null)
        {
            context.PopOutput();
        }

        // Only a render that completed gives its context back: one that threw may have left scopes or loops open.
        t_context = context;
        return output;
    }
}
