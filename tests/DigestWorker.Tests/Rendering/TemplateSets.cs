namespace DigestWorker.Tests.Rendering;

/// <summary>A throwaway templates root holding a copy of the default set, for tests that break or replace templates.</summary>
internal sealed class TemplateSets : IDisposable
{
    public TemplateSets()
    {
        Root = Directory.CreateTempSubdirectory("digest-templates-").FullName;
        Copy("default");
    }

    public string Root { get; }

    /// <summary>Copies the repository's default set under <paramref name="set"/> in this root.</summary>
    public TemplateSets Copy(string set)
    {
        var target = Directory.CreateDirectory(Path.Combine(Root, set)).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SamplePlans.TemplatesRoot, "default")))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return this;
    }

    public TemplateSets Write(string set, string file, string text)
    {
        File.WriteAllText(Path.Combine(Root, set, file), text);
        return this;
    }

    public TemplateSets Delete(string set, string file)
    {
        File.Delete(Path.Combine(Root, set, file));
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
