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
// SIGTERM/Ctrl-C cancel the verb's token: the message in flight is finished, the rest stays pending.
// The process is only forced down if the verb has not returned within the host's usual shutdown window.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
