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
var parsed = root.Parse(args);
var exit = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

// A command line that does not parse (an unknown option, a bad --as-of) is invalid input like a bad config file: exit 2,
// nothing done (the parser has printed the errors and the usage).
return parsed.Errors.Count > 0 ? DigestWorker.Hosting.ExitCodes.ConfigurationInvalid : exit;
