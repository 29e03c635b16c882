namespace DigestWorker.Chronology;

/// <summary>A configured source folder is missing or cannot be listed; the message names the folder.</summary>
public sealed class SourceFolderException : Exception
{
    public SourceFolderException()
    {
    }

    public SourceFolderException(string message)
        : base(message)
    {
    }

    public SourceFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SourceFolderException(string folder, string reason, Exception? innerException = null)
        : base($"Chronology source folder \"{folder}\" {reason}", innerException)
    {
        Folder = folder;
    }

    public string? Folder { get; }
}
