namespace DigestWorker.Hosting;

/// <summary>The config folder given by <c>--config</c> (default <c>config</c>) and the files in it.</summary>
public sealed record ConfigFolder(string Path)
{
    public string AppSettings => System.IO.Path.Combine(Path, "appsettings.json");

    public string Subscriptions => System.IO.Path.Combine(Path, "subscriptions.json");
}
