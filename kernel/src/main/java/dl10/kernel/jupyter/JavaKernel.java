package dl10.kernel.jupyter;

import dl10.kernel.engine.CellFailure;
import dl10.kernel.render.KernelRenderer;
import dl10.kernel.session.NotebookSession;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The Jupyter kernel of the course: a {@link BaseKernel} whose cells run in a {@link NotebookSession}.
 * The session (JShell and its compiler) is created and warmed up in the background while the kernel
 * connects, so the first cell does not pay for it. Execute requests are handled here so that printed
 * text is batched and errors carry the Java exception's name.
 */
public final class JavaKernel extends BaseKernel {
    private final CompletableFuture<NotebookSession> session;
    private final LanguageInfo languageInfo;

    /** A kernel whose relative paths start at workingDir; starts warming up the session at once. */
    public JavaKernel(Path workingDir) {
        setShouldReplaceStdStreams(false);
        this.session = CompletableFuture.supplyAsync(() -> warmUp(new NotebookSession(workingDir, new KernelRenderer(getRenderer()))));
        this.languageInfo = new LanguageInfo.Builder("java")
                .version(System.getProperty("java.version"))
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    private static NotebookSession warmUp(NotebookSession created) {
        try {
            created.engine().eval("int $dl10WarmUp = 1 + 1;");
            created.engine().isComplete("1+1");
            created.engine().shell().drop(created.engine().shell().snippets()
                    .filter(s -> s.source().contains("$dl10WarmUp")).findFirst().orElseThrow());
        } catch (CellFailure | RuntimeException e) {
            java.util.logging.Logger.getLogger(JavaKernel.class.getName()).warning("Warm-up failed: " + e.getMessage());
        }
        return created;
    }

    private NotebookSession session() throws CellFailure {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellFailure("Interrupted", "interrupted while the session started", List.of("Interrupted while the session started"), 0);
        } catch (ExecutionException e) {
            throw new CellFailure("SessionError", "the Java session could not start: " + e.getCause(),
                    List.of("SessionError: the Java session could not start: " + e.getCause()), 0);
        }
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::handleExecute);
    }

    private synchronized void handleExecute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        try {
            DisplayData result = session().execute(request.getCode(), count, new JupyterSink(env));
            if (result != null && !request.isSilent()) {
                env.publish(new PublishExecuteResult(count, result));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (CellFailure failure) {
            env.publish(new PublishError(failure.ename(), failure.evalue(), failure.traceback()));
            ErrorReply reply = new ErrorReply(failure.ename(), failure.evalue(), failure.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteRequest.MESSAGE_TYPE.error(), reply);
        } catch (RuntimeException | Error e) {
            List<String> trace = List.of("InternalError: " + e);
            env.publish(new PublishError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), trace));
            ErrorReply reply = new ErrorReply(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), trace);
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteRequest.MESSAGE_TYPE.error(), reply);
        }
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        return session().execute(code, executionCount.get(), new dl10.kernel.runtime.OutputSink() {
            @Override
            public void stream(String name, String text) {
                getIO().out.print(text);
            }

            @Override
            public void display(DisplayData data, String displayId) {
                getIO().display.display(JupyterSink.withDisplayId(data, displayId));
            }

            @Override
            public void updateDisplay(String displayId, DisplayData data) {
                getIO().display.updateDisplay(displayId, data);
            }
        });
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) throws Exception {
        String text = session().engine().inspect(code, at);
        return text.isEmpty() ? null : new DisplayData(text);
    }

    @Override
    public ReplacementOptions complete(String code, int at) throws Exception {
        int[] anchor = new int[1];
        List<String> options = session().engine().complete(code, at, anchor);
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        try {
            String status = session().isComplete(code);
            return "incomplete".equals(status) ? "    " : status;
        } catch (CellFailure e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + System.getProperty("java.version") + " (deep-learning course kernel, JShell)";
    }

    @Override
    public void interrupt() {
        session.thenAccept(NotebookSession::interrupt);
    }

    @Override
    public void onShutdown(boolean restart) {
        // never block the control channel: a cell may still be running
        interrupt();
        Thread closer = new Thread(() -> session.thenAccept(NotebookSession::close), "dl10-session-close");
        closer.setDaemon(true);
        closer.start();
    }
}
