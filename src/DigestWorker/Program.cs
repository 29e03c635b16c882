using System.CommandLine;
using DigestWorker.Hosting.Cli;

var root = new RootCommand("DigestWorker: mails each subscriber a periodic digest of the chronology events on their topics")
{
    CliOptions.Config,
    RunCommand.Create(),
    PreviewCommand.Create(),
    EventsCommand.Create(),
    ScheduleCommand.Create(),
    ValidateCommand.Create(),
    HistoryCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
