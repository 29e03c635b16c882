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
    [InlineData("Sources:EffectiveFolders:0", "Sources:EffectiveFolders")]
    public void Load_KeyNoSettingHas_IsAProblemNamingIt(string key, string place)
    {
        // It was ignored: a misspelt "Mod": "Smtp" left delivery in pickup mode without a word.
        var problem = Assert.Single(Load(overrides: new() { [key] = "Smtp" }).Problems);

        Assert.Equal(place, problem.Place);
        Assert.Contains("unknown setting", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("appsettings.json", problem.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyWrittenOneLevelTooHigh_OnlyThatKeyIsNamed()
    {
        // "Host" belongs under Delivery:Smtp; the shipped Delivery:Smtp:Host, a different key of the same name, is fine.
        var problem = Assert.Single(Load(overrides: new() { ["Delivery:Host"] = "smtp.example.org" }).Problems);

        Assert.Equal("Delivery:Host", problem.Place);
    }

    [Fact]
    public void Load_SeveralUnknownKeys_AllNamedAtOnce()
    {
        var problems = Load(overrides: new() { ["Delivery:Mod"] = "Smtp", ["Delivery:Smtp:Hostt"] = "x", ["State:Pth"] = "y" }).Problems;

        Assert.Equal(["Delivery:Mod", "Delivery:Smtp:Hostt", "State:Pth"], problems.Select(p => p.Place).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Delivery:Mode", "5", "\"5\" is not one of Pickup, Smtp")]
    [InlineData("Delivery:Mode", "1", "\"1\" is not one of Pickup, Smtp")]
    [InlineData("Delivery:Smtp:Security", "9", "\"9\" is not one of Auto, StartTls, SslOnConnect, None")]
    [InlineData("Defaults:Format", "Html, Text", "\"Html, Text\" is not one of Html, Text")]
    public void Load_ValueNotANameForANamedChoice_IsAProblem(string key, string value, string message)
    {
        // The binder takes any number for an enum (Mode=5 ran in pickup mode, Mode=1 in smtp) and ORs a list of names.
        var problem = Assert.Single(Load(overrides: new() { [key] = value }).Problems);

        Assert.Equal(key, problem.Place);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltSectionInTheFile_IsAProblem()
    {
        var misspelt = File.ReadAllText(Path.Combine(RepoPaths.Config, "appsettings.json")).Replace("\"State\": {", "\"Stat\": {", StringComparison.Ordinal);

        var problem = Assert.Single(Load(misspelt).Problems);

        Assert.Equal("Stat", problem.Place);
        Assert.Contains("unknown section", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKeyBesideABadValueWithALongerName_BothReported()
    {
        // "Delivery:Mod" must not hide "Delivery:Mode" (a prefix of its key).
        var problems = Load(overrides: new() { ["Delivery:Mod"] = "x", ["Delivery:Mode"] = "1" }).Problems;

        Assert.Equal(["Delivery:Mod", "Delivery:Mode"], problems.Select(p => p.Place).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_SingleValueForAList_IsAProblemSayingHowToWriteIt()
    {
        // Sources__Folders=/srv/data was ignored and the default folder read instead.
        var problem = Assert.Single(Load(overrides: new() { ["Sources:Folders"] = "/srv/data" }).Problems);

        Assert.Equal("Sources:Folders", problem.Place);
        Assert.Contains("Sources__Folders__0", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Delivery:Mode", "smtp")]
    [InlineData("Sources:Folders:1", "more/documents")]
    public void Load_RightKeysAnyCase_NoProblem(string key, string value)
    {
        Assert.Empty(Load(overrides: new() { [key] = value }).Problems);
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
