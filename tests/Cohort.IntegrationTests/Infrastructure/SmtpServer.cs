using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Cohort.IntegrationTests.Infrastructure;

/// <summary>What the test SMTP server answers to RCPT TO.</summary>
public enum RecipientReply
{
    Accept,
    /// <summary>451 4.3.0: a transient failure, e.g. greylisting.</summary>
    Transient451,
    /// <summary>550 5.1.1: a permanent failure, e.g. an unknown mailbox.</summary>
    Permanent550,
}

/// <summary>
/// A real SMTP server (Python's aiosmtpd) on a free port of 127.0.0.1 for one test, started with a small handler
/// script that stores every received message as an .eml file in a temp directory (Path.GetTempPath()/cohort-smtp-*)
/// or refuses every recipient. Stopped and deleted on dispose; the server also stops when this process goes away,
/// as it exits when its standard input closes. Needs /usr/bin/python3 with aiosmtpd (apt-get install python3-aiosmtpd);
/// COHORT_PYTHON=/some/python makes that interpreter the one used: point it at a missing file to see how the tests
/// behave on a machine without it.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";

    private const string HandlerScript = """
        import os, sys
        from aiosmtpd.controller import Controller

        folder, host, port, reply = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]


        class StoringHandler:
            def __init__(self):
                self.count = 0

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if reply != "accept":
                    return reply
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                self.count += 1
                path = os.path.join(folder, "%06d.eml" % self.count)
                # Written aside and renamed, so the test never reads half a message.
                with open(path + ".tmp", "wb") as f:
                    f.write(envelope.original_content)
                os.replace(path + ".tmp", path)
                return "250 2.0.0 Message accepted for delivery"


        controller = Controller(StoringHandler(), hostname=host, port=port, ready_timeout=30)
        controller.start()
        print("READY", flush=True)
        sys.stdin.read()  # returns when the test closes the pipe or its process ends
        controller.stop()
        """;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<string?>> Unavailable = new(() => Task.Run(FindUnavailableReasonAsync));

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output;

    private SmtpServer(Process process, string directory, int port, StringBuilder output)
    {
        _process = process;
        _directory = directory;
        Port = port;
        _output = output;
    }

    public int Port { get; }

    private string MessagesDirectory => Path.Combine(_directory, "messages");

    private static string Python => Environment.GetEnvironmentVariable("COHORT_PYTHON") is { Length: > 0 } overridden ? overridden : "/usr/bin/python3";

    /// <summary>
    /// Starts a server, or skips the calling [SkippableFact] when python3 or aiosmtpd is missing
    /// (with COHORT_REQUIRE_SERVICES=1 the test fails instead).
    /// </summary>
    public static async Task<SmtpServer> StartOrSkipAsync(RecipientReply reply = RecipientReply.Accept)
    {
        if (await Unavailable.Value is { } reason)
        {
            if (RequiredServices.Required)
            {
                throw new InvalidOperationException(reason + " COHORT_REQUIRE_SERVICES=1, so tests that need an SMTP server fail instead of being skipped.");
            }

            throw new SkipException(reason);
        }

        // Another process can take the port between probing and binding; try a fresh one then.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(reply);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived and returns all of them, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var files = Directory.GetFiles(MessagesDirectory, "*.eml").Order(StringComparer.Ordinal).ToList();
            if (files.Count >= count)
            {
                var messages = new List<MimeMessage>(files.Count);
                foreach (var file in files)
                {
                    messages.Add(await MimeMessage.LoadAsync(file));
                }

                return messages;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The SMTP server received {files.Count} of {count} messages within {timeout.TotalSeconds} s.\n{Output()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>How many messages arrived so far.</summary>
    public int ReceivedCount => Directory.GetFiles(MessagesDirectory, "*.eml").Length;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"Could not stop the test SMTP server on port {Port}: {e.Message}");
        }
        finally
        {
            _process.Dispose();
            DeleteDirectory(_directory);
        }
    }

    private static async Task<SmtpServer> StartAsync(RecipientReply reply)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cohort-smtp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(directory, "messages"));
        var script = Path.Combine(directory, "storing_smtp_server.py");
        await File.WriteAllTextAsync(script, HandlerScript);

        var port = FreePort();
        var startInfo = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        startInfo.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var argument in new[] { script, Path.Combine(directory, "messages"), Host, port.ToString(CultureInfo.InvariantCulture), ReplyLine(reply) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start " + Python);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new SmtpServer(process, directory, port, output);
        try
        {
            await server.WaitUntilAcceptingAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                // Waits for the output to be drained as well.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The test SMTP server exited with {_process.ExitCode} before accepting connections on port {Port}.\n{Output()}");
            }

            // READY comes after aiosmtpd's own check that the server answers; the connection confirms it from here.
            if (Output().Contains("READY", StringComparison.Ordinal) && await AcceptsConnectionAsync())
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"The test SMTP server did not accept connections on port {Port} within {ReadyTimeout.TotalSeconds} s.\n{Output()}");
            }

            await Task.Delay(50);
        }
    }

    private async Task<bool> AcceptsConnectionAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ReplyLine(RecipientReply reply) => reply switch
    {
        RecipientReply.Accept => "accept",
        RecipientReply.Transient451 => "451 4.3.0 Mailbox temporarily unavailable, try again later",
        RecipientReply.Permanent550 => "550 5.1.1 No such user here",
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply, null),
    };

    private static async Task<string?> FindUnavailableReasonAsync()
    {
        if (!File.Exists(Python))
        {
            return $"No SMTP server for tests: {Python} does not exist. Install it with `apt-get install python3-aiosmtpd`.";
        }

        var startInfo = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", "import aiosmtpd.controller" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start " + Python);
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0
                ? null
                : $"No SMTP server for tests: {Python} cannot import aiosmtpd ({(await error).Trim().Split('\n')[^1]}). Install it with `apt-get install python3-aiosmtpd`.";
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"No SMTP server for tests: {Python} does not run ({e.Message}).";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
        }
    }
}
