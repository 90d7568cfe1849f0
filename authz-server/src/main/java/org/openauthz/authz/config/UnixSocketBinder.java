package org.openauthz.authz.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Binds a port's {@code unix:/path} host and its {@code serve.*.socket.*} keys, as Hydra v1.10 has them. */
final class UnixSocketBinder {
    /** Linux's sockaddr_un holds 108 bytes of path, the last one the terminating NUL (unix(7)). */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private final SettingsBinder binder;

    UnixSocketBinder(SettingsBinder binder) {
        this.binder = binder;
    }

    /**
     * Hydra v1.10 serves a port on a unix domain socket when its host is {@code unix:/path}; the socket's mode is
     * octal with a leading 0 ({@code 0755}) or its decimal value ({@code 493}), as Hydra's schema takes it.
     */
    ServerSettings.UnixSocket bind(String host, SettingKey hostKey, SettingKey owner, SettingKey group,
                                   SettingKey mode) {
        if (!host.startsWith(ServerSettings.UnixSocket.HOST_PREFIX)) {
            return null;
        }
        String path = host.substring(ServerSettings.UnixSocket.HOST_PREFIX.length());
        if (path.isEmpty() || !path.startsWith("/")) {
            binder.problem(hostKey.envName() + " must name an absolute socket path such as unix:/run/hydra/"
                    + "public.sock, not '" + host + "'");
            return null;
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            binder.problem(hostKey.envName() + ": the socket path " + path + " is longer than the "
                    + MAX_SOCKET_PATH_BYTES + " bytes a unix socket address can hold; choose a shorter one");
        }
        String modeText = binder.raw().string(mode).orElse("");
        int bits;
        try {
            bits = modeText.startsWith("0") ? Integer.parseInt(modeText, 8) : Integer.parseInt(modeText);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > 0777) {
            binder.problem(mode.envName() + " must be permission bits such as 0755 (or 493), not '" + modeText + "'");
        }
        return new ServerSettings.UnixSocket(Path.of(path), binder.raw().string(owner).orElse(""),
                binder.raw().string(group).orElse(""), bits);
    }
}
