using DigestWorker.Hosting;
using DigestWorker.Tests.TestSupport;

namespace DigestWorker.Tests.Hosting;

public sealed class WorkerSettingsTests : IDisposable
{
    private readonly DirectoryInfo _config = Directory.CreateTempSubdirectory("digestworker-config-");

    public void Dispose() => _config.Delete(recursive: true);

    private WorkerSettings Load(string? appsettings = null, Dictionary<string, string?>? overrides = null)
    {
        File.WriteAllText(Path.Combine(_config.FullName, "appsettings.json"), appsettings ?? File.ReadAllText(Path.Combine(RepoPaths.Config, "appsettings.json")));
        return WorkerSettings.Load(new ConfigFolder(_config.FullName), overrides);
    }

    [Fact]
    public void Load_ShippedSettings_HaveNoProblems()
    {
        Assert.Empty(Load().Problems);
    }

    [Theory]
    [InlineData("Delivery:Mod", "Delivery:Mod")]
    [InlineData("Delivery:Smtp:Hostt", "Delivery:Smtp:Hostt")]
    [InlineData("Sources:Folder:0", "Sources:Folder")]
    public void Load_KeyNoSettingHas_IsAProblemNamingIt(string key, string place)
    {
        // It was ignored: a misspelt "Mod": "Smtp" left delivery in pickup mode without a word.
        var problem = Assert.Single(Load(overrides: new() { [key] = "Smtp" }).Problems);

        Assert.Equal(place, problem.Place);
        Assert.Contains("unknown setting", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("appsettings.json", problem.File, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Delivery:Mode", "5", "Mode must be Pickup or Smtp")]
    [InlineData("Delivery:Smtp:Security", "9", "Security must be Auto, StartTls, SslOnConnect or None")]
    [InlineData("Defaults:Format", "7", "Format must be Html or Text")]
    public void Load_NumberForANamedChoice_IsAProblem(string key, string value, string message)
    {
        // The binder takes any number for an enum: Mode=5 ran in pickup mode as if valid.
        var problem = Assert.Single(Load(overrides: new() { [key] = value }).Problems);

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenJson_NamesLineAndColumn()
    {
        var broken = File.ReadAllText(Path.Combine(RepoPaths.Config, "appsettings.json")).Replace("\"Mode\": \"Pickup\",", "\"Mode\": \"Pickup\"", StringComparison.Ordinal);

        var problem = Assert.Single(Load(broken).Problems);

        Assert.Matches(@"^line \d+, column \d+$", problem.Place);
        Assert.StartsWith("invalid JSON: ", problem.Message, StringComparison.Ordinal);
    }
}
