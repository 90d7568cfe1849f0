package org.openauthz.authz.server;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jetty.HttpConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.openauthz.authz.config.ServerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;

/**
 * Serves a port on a unix domain socket ({@code serve.*.host: unix:/path}, as Hydra v1.10 does) with Jetty's
 * {@link UnixDomainServerConnector}, plain HTTP/1.1 with the same HTTP settings as the TCP connectors. Once bound,
 * the socket file gets the configured owner, group and mode; whoever may open the file may use the port.
 */
final class UnixSocketConnectorFactory extends HttpConnectorFactory {
    private final transient ServerSettings.UnixSocket socket;

    UnixSocketConnectorFactory(ServerSettings.UnixSocket socket) {
        this.socket = socket;
    }

    @Override
    public Connector build(Server server, MetricRegistry metrics, String name, ThreadPool threadPool) {
        // The admin port has its own thread pool (null for the application port: the server's), which Dropwizard
        // expects the connector to hold, as its TCP connectors do.
        UnixDomainServerConnector connector = new PermissionedConnector(server, threadPool, socket,
                buildHttpConnectionFactory(buildHttpConfiguration()));
        connector.setUnixDomainPath(socket.path());
        connector.setName(name);
        return connector;
    }

    private static final class PermissionedConnector extends UnixDomainServerConnector {
        private final ServerSettings.UnixSocket socket;

        PermissionedConnector(Server server, ThreadPool threadPool, ServerSettings.UnixSocket socket,
                              org.eclipse.jetty.server.ConnectionFactory factory) {
            super(server, threadPool, null, null, -1, -1, factory);
            this.socket = socket;
        }

        @Override
        protected void doStart() throws Exception {
            // A socket file left by a server that did not stop cleanly would make the bind fail; anything else
            // at that path is not ours to delete, and the bind reports it.
            Path path = socket.path();
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                Files.delete(path);
            }
            try {
                super.doStart();
            } catch (IOException e) {
                throw new StartupException("cannot listen on the unix socket " + path + " (does its directory "
                        + "exist and may this user write there?): " + e, e);
            }
            try {
                applyOwnership(socket);
            } catch (IOException e) {
                throw new StartupException("cannot set owner, group or mode of the unix socket " + path + ": "
                        + e.getMessage(), e);
            }
        }
    }

    static void applyOwnership(ServerSettings.UnixSocket socket) throws IOException {
        Path path = socket.path();
        Files.setPosixFilePermissions(path, permissions(socket.mode()));
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        if (!socket.owner().isEmpty()) {
            view.setOwner(users.lookupPrincipalByName(socket.owner()));
        }
        if (!socket.group().isEmpty()) {
            GroupPrincipal group = users.lookupPrincipalByGroupName(socket.group());
            view.setGroup(group);
        }
    }

    /** The nine permission bits, owner to others, read-write-execute each. */
    static Set<PosixFilePermission> permissions(int mode) {
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                permissions.add(order[i]);
            }
        }
        return permissions;
    }
}
