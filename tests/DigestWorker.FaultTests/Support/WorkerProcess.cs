using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace DigestWorker.FaultTests.Support;

/// <summary>The built DigestWorker.dll running as a child process (<c>dotnet DigestWorker.dll ...</c>), its output captured.</summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly TaskCompletionSource stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly List<(string Text, TaskCompletionSource Seen)> stderrWaits = [];

    private WorkerProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public string Args { get; private init; } = "";

    public static WorkerProcess Start(string workDir, IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Paths.WorkerDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // A clean environment as far as the worker's settings go: no leaked Delivery__*/State__* from the test host.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.Contains("__", StringComparison.Ordinal) || key.StartsWith("DIGESTWORKER", StringComparison.Ordinal) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        var p = new Process { StartInfo = info };
        var w = new WorkerProcess(p) { Args = string.Join(' ', args) };
        p.OutputDataReceived += (_, e) => Append(w.stdout, e.Data, w.stdoutClosed);
        p.ErrorDataReceived += (_, e) =>
        {
            Append(w.stderr, e.Data, w.stderrClosed);
            w.SignalStderr();
        };
        p.Start();
        p.StandardInput.Close();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return w;
    }

    private static void Append(StringBuilder sb, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (sb)
        {
            sb.AppendLine(line);
        }
    }

    public string Stdout
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>Completes when <paramref name="text"/> has appeared on stderr (counting from the start of the process).</summary>
    public Task WaitForStderrAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (stderrWaits)
        {
            stderrWaits.Add((text, seen));
        }

        SignalStderr();
        return seen.Task.WaitAsync(timeout);
    }

    private void SignalStderr()
    {
        var text = Stderr;
        lock (stderrWaits)
        {
            foreach (var wait in stderrWaits.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult();
                stderrWaits.Remove(wait);
            }
        }
    }

    /// <summary>Waits for exit (and the end of its output); kills it and fails when it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(stdoutClosed.Task, stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"worker `{Args}` still running after {timeout}; stderr:\n{Tail(Stderr)}");
        }

        return process.ExitCode;
    }

    /// <summary>SIGKILL: no chance to clean up.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>SIGTERM: the worker should stop gracefully.</summary>
    public void Terminate()
    {
        if (SysKill(process.Id, 15) != 0)
        {
            throw new InvalidOperationException("kill(SIGTERM) failed: errno " + Marshal.GetLastPInvokeError());
        }
    }

    public static string Tail(string text, int max = 4000) => text.Length <= max ? text : "..." + text[^max..];

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
