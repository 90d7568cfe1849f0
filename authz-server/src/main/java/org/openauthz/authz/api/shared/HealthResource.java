package org.openauthz.authz.api.shared;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.openauthz.authz.health.ReadinessCheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /health/alive} and {@code /health/ready} on both ports, as in Hydra v1.10 (docs/operations.md). On the public
 * port the reasons a check fails are replaced by a fixed text, since they may reveal internals.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    static final String OBFUSCATED = "error may contain sensitive information and was obfuscated";
    private static final Map<String, String> OK = Map.of("status", "ok");

    private final List<ReadinessCheck> checks;
    private final boolean obfuscate;

    public HealthResource(List<ReadinessCheck> checks, boolean obfuscate) {
        this.checks = List.copyOf(checks);
        this.obfuscate = obfuscate;
    }

    @GET
    @Path("/alive")
    public Map<String, String> alive() {
        return OK;
    }

    @GET
    @Path("/ready")
    public Response ready() {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            Optional<String> problem = check.problem();
            problem.ifPresent(p -> errors.put(check.name(), obfuscate ? OBFUSCATED : p));
        }
        if (errors.isEmpty()) {
            return Response.ok(OK).build();
        }
        return Response.status(503).entity(Map.of("errors", errors)).build();
    }
}
