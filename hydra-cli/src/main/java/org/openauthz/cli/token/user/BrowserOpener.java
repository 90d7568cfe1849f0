package org.openauthz.cli.token.user;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.net.URI;
import org.openauthz.cli.CliEnvironment;

/**
 * Best-effort attempt to show a URL in the user's browser: {@link Desktop} when the JVM has a
 * display and supports it, else {@code xdg-open} when it is on the {@code PATH}. It runs in the
 * background and never fails: on headless machines and in containers nothing happens and the user
 * follows the URL the command printed.
 */
public final class BrowserOpener {

    private BrowserOpener() {
    }

    /** Starts the attempt in a daemon thread and returns at once. */
    public static void open(String url, CliEnvironment environment) {
        String path = environment.variable("PATH");
        Thread thread = new Thread(() -> tryOpen(url, path), "token-user-browser");
        thread.setDaemon(true);
        thread.start();
    }

    static boolean tryOpen(String url, String path) {
        try {
            if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                return true;
            }
        } catch (Exception | LinkageError e) {
            // no usable desktop integration (missing native libraries, no display): try xdg-open
        }
        File xdgOpen = onPath("xdg-open", path);
        if (xdgOpen == null) {
            return false;
        }
        try {
            new ProcessBuilder(xdgOpen.getPath(), url)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static File onPath(String program, String path) {
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            File candidate = new File(directory, program);
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate;
            }
        }
        return null;
    }
}
