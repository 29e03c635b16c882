using DigestWorker.Rendering;

namespace DigestWorker.Tests.Rendering;

public class TemplateCatalogTests
{
    [Fact]
    public void Validate_RepositoryTemplates_HasNoErrors()
    {
        var catalog = new TemplateCatalog(SamplePlans.TemplatesRoot);

        Assert.Empty(catalog.Validate());
        Assert.Contains(TemplateCatalog.DefaultSet, catalog.SetNames);
    }

    [Fact]
    public void Validate_UnclosedFor_ReportsFileLineAndColumn()
    {
        using var sets = new TemplateSets().Copy("broken").Write("broken", "digest.txt.sbn", "Hello\n  {{ for x in y }}x");

        var errors = new TemplateCatalog(sets.Root).Validate();

        var error = Assert.Single(errors);
        // Scriban places an unclosed block where it gave up looking for the end; 1-based, like compilers.
        Assert.StartsWith(Path.Combine(sets.Root, "broken", "digest.txt.sbn") + ":2:", error, StringComparison.Ordinal);
        Assert.Matches(@"\.sbn:2:\d+: .*for .*end", error);
    }

    [Fact]
    public void Validate_HiddenFolderUnderTheRoot_IsNotATemplateSet()
    {
        // A templates folder kept in git: .git was a set with five "required template file is missing" errors.
        using var sets = new TemplateSets();
        Directory.CreateDirectory(Path.Combine(sets.Root, ".git", "objects"));

        var catalog = new TemplateCatalog(sets.Root);

        Assert.Empty(catalog.Validate());
        Assert.DoesNotContain(".git", catalog.SetNames);
    }

    [Fact]
    public void Validate_TemplateFileThatCannotBeRead_NamedOnceWithTheReason()
    {
        // A link to nothing reads as a missing file; an unreadable file (not testable as root) takes the same path.
        using var sets = new TemplateSets().Delete("default", "event.txt.sbn");
        File.CreateSymbolicLink(Path.Combine(sets.Root, "default", "event.txt.sbn"), Path.Combine(sets.Root, "nowhere.sbn"));

        var error = Assert.Single(new TemplateCatalog(sets.Root).Validate());

        Assert.StartsWith(Path.Combine(sets.Root, "default", "event.txt.sbn") + ": cannot be read: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBrokenFiles_ReportsThemAll()
    {
        using var sets = new TemplateSets()
            .Write("default", "subject.sbn", "{{ x = }}")
            .Write("default", "_event.html.sbn", "{{ if }}");

        var errors = new TemplateCatalog(sets.Root).Validate();

        Assert.Contains(errors, e => e.Contains("subject.sbn:1:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("_event.html.sbn:1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingRequiredFile_NamesTheFile()
    {
        using var sets = new TemplateSets().Copy("short").Delete("short", "subject.sbn");

        var error = Assert.Single(new TemplateCatalog(sets.Root).Validate());

        Assert.Equal(Path.Combine(sets.Root, "short", "subject.sbn") + ": required template file is missing", error);
    }

    [Fact]
    public void Render_OtherTemplateSet_UsesThatSetAndItsIncludes()
    {
        using var sets = new TemplateSets().Copy("terse")
            .Write("terse", "subject.sbn", "{{ include '_name.sbn' }}: {{ summary }}")
            .Write("terse", "_name.sbn", "For {{ subscriber.name }}");

        var digest = SamplePlans.Renderer(sets.Root).Render(SamplePlans.Review(SamplePlans.Subscriber(set: "terse")));

        Assert.Equal("For Anna Lindqvist: 4 events: Military 3, Korea 2", digest.Subject);
    }

    [Fact]
    public void Render_UnknownTemplateSet_ThrowsNamingSubscriber()
    {
        var ex = Assert.Throws<TemplateRenderException>(() =>
            SamplePlans.Renderer().Render(SamplePlans.Review(SamplePlans.Subscriber(set: "nope"))));

        Assert.Equal("anna", ex.SubscriberId);
        Assert.Contains("nope", ex.TemplatePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InfiniteLoop_IsStoppedByLoopLimit()
    {
        using var sets = new TemplateSets().Write("default", "digest.txt.sbn", "{{ while true }}x{{ end }}");

        var ex = Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root).Render(SamplePlans.Review()));

        Assert.Equal("anna", ex.SubscriberId);
        Assert.EndsWith("digest.txt.sbn", ex.TemplatePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongLoopUnderHighLimit_IsStoppedByTimeout()
    {
        using var sets = new TemplateSets().Write("default", "digest.txt.sbn", "{{ while true }}{{ end }}");
        var options = new RenderingOptions { LoopLimit = int.MaxValue, RenderTimeout = TimeSpan.FromMilliseconds(100) };

        var ex = Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root, options).Render(SamplePlans.Review()));

        Assert.Contains("stopped", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutputOverLimit_Throws()
    {
        using var sets = new TemplateSets().Write("default", "digest.txt.sbn", "{{ for i in 1..9000 }}0123456789{{ end }}");
        var options = new RenderingOptions { OutputLimitBytes = 4096 };

        Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root, options).Render(SamplePlans.Review()));
    }

    [Fact]
    public void Render_BodyUnderTheLimitInCharactersButOverItInBytes_Throws()
    {
        // 2,000 characters, 6,000 bytes of UTF-8: Scriban's own limit counts characters, the option promises bytes.
        using var sets = new TemplateSets().Write("default", "digest.html.sbn", "{{ for i in 1..200 }}€€€€€€€€€€{{ end }}");
        var options = new RenderingOptions { OutputLimitBytes = 4096 };

        var ex = Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root, options).Render(SamplePlans.Review()));

        Assert.Contains("digest.html.sbn", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exceeds 4096 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HtmlFailsAfterTheTextRendered_ThrowsForTheHtmlTemplate()
    {
        using var sets = new TemplateSets().Write("default", "digest.html.sbn", "{{ include 'missing.sbn' }}");

        var ex = Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root).Render(SamplePlans.Review()));

        Assert.Contains("digest.html.sbn", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IncludeOutsideTheSet_Throws()
    {
        using var sets = new TemplateSets().Write("default", "subject.sbn", "{{ include '../default/subject.sbn' }}");

        Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root).Render(SamplePlans.Review()));
    }

    // Each thread reuses one Scriban context from render to render; none of these may leak into the next render.
    [Fact]
    public void Render_AfterFailuresOnTheSameThread_GivesTheSameDigestAsBefore()
    {
        var before = SamplePlans.Renderer().Render(SamplePlans.Review());
        using var loop = new TemplateSets().Write("default", "digest.txt.sbn", "{{ for i in 1..3 }}{{ x = i }}{{ while true }}x{{ end }}{{ end }}");
        using var big = new TemplateSets().Write("default", "digest.txt.sbn", "{{ for i in 1..9000 }}0123456789{{ end }}");
        Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(loop.Root).Render(SamplePlans.Review()));
        Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(big.Root, new RenderingOptions { OutputLimitBytes = 4096 }).Render(SamplePlans.Review()));

        var after = SamplePlans.Renderer().Render(SamplePlans.Review());

        Assert.Equal(before.Subject, after.Subject);
        Assert.Equal(before.Text, after.Text);
        Assert.Equal(before.Html, after.Html);
    }

    [Fact]
    public void Render_SetWithoutAnInclude_CannotUseTheOneAnotherSetRenderedBefore()
    {
        using var sets = new TemplateSets().Copy("terse").Copy("plain")
            .Write("terse", "subject.sbn", "{{ include '_name.sbn' }}")
            .Write("terse", "_name.sbn", "For {{ subscriber.name }}")
            .Write("plain", "subject.sbn", "{{ include '_name.sbn' }}");
        var renderer = SamplePlans.Renderer(sets.Root);
        Assert.Equal("For Anna Lindqvist", renderer.Render(SamplePlans.Review(SamplePlans.Subscriber(set: "terse"))).Subject);

        var ex = Assert.Throws<TemplateRenderException>(() => renderer.Render(SamplePlans.Review(SamplePlans.Subscriber(set: "plain"))));

        Assert.Contains("not a template of this set", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ subscriber.nmae }}")]
    [InlineData("{{ subscribr.name }}")]
    [InlineData("{{ for ev in events }}{{ ev.txt }}{{ end }}")]
    public void Render_MisspeltNameInTheModel_FailsTheDigestNamingTheTemplate(string body)
    {
        // It rendered as nothing: a digest went out with the subscriber's name, or every event's text, silently missing.
        using var sets = new TemplateSets().Write("default", "digest.txt.sbn", body);

        var ex = Assert.Throws<TemplateRenderException>(() => SamplePlans.Renderer(sets.Root).Render(SamplePlans.Review()));

        Assert.Contains("digest.txt.sbn", ex.Message, StringComparison.Ordinal);
    }

    // A builtin's own state (array.cycle's position) and a template's assignment must both start over.
    [Theory]
    [InlineData("{{ array.cycle ['odd', 'even'] }}", "odd")]
    [InlineData("{{ if seen }}leaked{{ else }}clean{{ end }}{{ seen = true }}", "clean")]
    public void Render_StateLeftByOneRender_IsNotSeenByTheNext(string subject, string expected)
    {
        using var sets = new TemplateSets().Write("default", "subject.sbn", subject);
        var renderer = SamplePlans.Renderer(sets.Root);

        Assert.Equal(expected, renderer.Render(SamplePlans.Review()).Subject);
        Assert.Equal(expected, renderer.Render(SamplePlans.Review()).Subject);
    }
}
